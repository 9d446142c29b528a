"""A PDCA plan saved in a real kernel reloads identically after that kernel restarts."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.pdca import PdcaPlan
from tests.paths import REPO
from tests.pdca_plans import two_cycle_plan


def test_saved_in_one_kernel_reloaded_after_restart_identical(coursework_dir: Path) -> None:
    """Save in a real kernel, restart that kernel, reload: identical, cycles and logs included."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.util import run_sync

    plan = two_cycle_plan()
    payload = json.dumps(json.dumps(plan.to_dict()))
    setup = f"import os; os.environ['COURSEWORK_DIR'] = {str(coursework_dir)!r}; print(os.getpid())"
    cells = [
        nbformat.v4.new_code_cell(setup),
        nbformat.v4.new_code_cell(
            f"import json, helpers.pdca as p\np.save_plan(p.PdcaPlan.from_dict(json.loads({payload})))"
        ),
        nbformat.v4.new_code_cell(setup),
        nbformat.v4.new_code_cell(
            "import json, helpers.pdca as p\nprint(json.dumps(p.load_plan().to_dict()))"
        ),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    client = NotebookClient(
        nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(REPO)}}
    )
    with client.setup_kernel():
        client.execute_cell(cells[0], 0)
        client.execute_cell(cells[1], 1)
        run_sync(client.km.restart_kernel)(now=True)
        run_sync(client.kc.wait_for_ready)(timeout=60)
        client.execute_cell(cells[2], 2)
        client.execute_cell(cells[3], 3)
    printed = [
        "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream") for c in cells
    ]
    assert int(printed[0]) != int(printed[2])  # the kernel process really was restarted
    assert PdcaPlan.from_dict(json.loads(printed[3])) == plan
