"""The export runs each notebook in a kernel of its own (real kernels, no mocks)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import psutil
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from helpers.export.execute import WARM_IMPORTS, run_notebooks

pytestmark = pytest.mark.slow


def _notebook(path: Path, *sources: str) -> Path:
    nbformat.write(new_notebook(cells=[new_code_cell(s) for s in sources]), path)
    return path


def _printed(notebook: nbformat.NotebookNode) -> str:
    return "".join(
        output.get("text", "")
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
    )


def _kernels_below_me() -> list[str]:
    """Command lines of the kernels among this test process's descendants (zombies included)."""
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            found.append(" ".join(child.cmdline()) or f"[{child.status()}] {child.name()}")
        except psutil.NoSuchProcess:
            continue
    # a forked kernel has its fork server's command line
    return [line for line in found if any(w in line for w in ("ipykernel", "forkserver", "zombie"))]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_registry_filled_in_one_notebook_is_empty_in_the_next(
    tmp_path: Path, coursework_dir: Path, workers: int
) -> None:
    first = _notebook(
        tmp_path / "01_first.ipynb",
        'import helpers.datasource as d\nd._SHOWN.add("once per kernel")',
        'import os\nos.environ["SEEN_BY_THE_NEXT"] = "yes"',
    )
    paths = [first]
    for n in range(2, 5):  # several: with two workers, kernels started ahead run them too
        paths.append(
            _notebook(
                tmp_path / f"0{n}_later.ipynb",
                "import os, helpers.datasource as d\n"
                'print(sorted(d._SHOWN), os.environ.get("SEEN_BY_THE_NEXT"))',
            )
        )

    runs = run_notebooks(paths, coursework_dir, workers=workers)

    assert [run.error for run in runs] == [None] * len(paths)
    for later in runs[1:]:
        assert _printed(later.notebook).strip() == "[] None", later.stem


def test_every_notebook_gets_a_kernel_process_of_its_own(
    tmp_path: Path, coursework_dir: Path
) -> None:
    paths = [
        _notebook(tmp_path / f"0{n}_pid.ipynb", "import os\nprint(os.getpid())") for n in range(4)
    ]

    runs = run_notebooks(paths, coursework_dir, workers=2)

    pids = [_printed(run.notebook).strip() for run in runs]
    assert all(pid.isdigit() for pid in pids) and len(set(pids)) == len(paths)


def test_no_kernel_is_left_running_after_the_notebooks_have_run(
    tmp_path: Path, coursework_dir: Path
) -> None:
    paths = [_notebook(tmp_path / f"0{n}_quick.ipynb", "x = 1") for n in range(5)]
    paths.insert(2, _notebook(tmp_path / "02_fails.ipynb", "raise ValueError('on purpose')"))
    assert _kernels_below_me() == []

    runs = run_notebooks(paths, coursework_dir, workers=2)

    assert runs[2].error == "ValueError: on purpose"
    assert _kernels_below_me() == []


def test_a_notebook_that_kills_its_kernel_is_reported_and_the_next_runs(
    tmp_path: Path, coursework_dir: Path
) -> None:
    dies = _notebook(tmp_path / "01_dies.ipynb", "import os\nos._exit(1)")
    after = _notebook(tmp_path / "02_after.ipynb", "print('still here')")

    runs = run_notebooks([dies, after], coursework_dir, workers=1)

    assert runs[0].error is not None and "DeadKernel" in runs[0].error
    assert runs[1].error is None and _printed(runs[1].notebook).strip() == "still here"
    assert _kernels_below_me() == []


def test_warming_a_kernel_imports_every_listed_module_and_fills_no_registry(
    coursework_dir: Path,
) -> None:
    check = f"""
import importlib, json
for name in {WARM_IMPORTS!r}:
    importlib.import_module(name)
import sys
from ipywidgets.widgets.widget import _instances
widgets = len(_instances)  # before helpers.forms is imported below (it makes a Layout)
registries = {{
    "datasource._SHOWN": sys.modules["helpers.datasource"]._SHOWN,
    "datasource._CACHE": sys.modules["helpers.datasource"]._CACHE,
    "live._REGISTRY": importlib.import_module("helpers.live")._REGISTRY,
    "forms._ANY_SAVE_LISTENERS": importlib.import_module("helpers.forms")._ANY_SAVE_LISTENERS,
    "store._open_stores": sys.modules["helpers.store"]._open_stores,
}}
print(json.dumps({{"filled": [k for k, v in registries.items() if v], "widgets": widgets}}))
"""
    done = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        text=True,
        env=dict(os.environ, MPLBACKEND="Agg"),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {"filled": [], "widgets": 0}


def test_kernels_are_forks_of_one_server_that_imported_the_heavy_libraries(
    tmp_path: Path, coursework_dir: Path
) -> None:
    paths = [
        _notebook(
            tmp_path / f"0{n}_forked.ipynb",
            "import os, sys\nprint(os.getpid(), os.getppid(), 'pandas' in sys.modules)",
        )
        for n in range(3)
    ]

    runs = run_notebooks(paths, coursework_dir, workers=2)

    printed = [_printed(run.notebook).split() for run in runs]
    assert len({pid for pid, _parent, _ in printed}) == len(paths)  # a process each
    assert len({parent for _pid, parent, _ in printed}) == 1  # one fork server
    assert {parent for _pid, parent, _ in printed} != {str(os.getpid())}
    assert [loaded for *_, loaded in printed] == ["True"] * len(paths)
    assert _kernels_below_me() == []  # the server has gone too


def test_forked_kernels_draw_different_random_numbers(tmp_path: Path, coursework_dir: Path) -> None:
    paths = [
        _notebook(
            tmp_path / f"0{n}_random.ipynb",
            "import random, numpy\nprint(random.random(), numpy.random.random())",
        )
        for n in range(3)
    ]

    runs = run_notebooks(paths, coursework_dir, workers=2)

    draws = [_printed(run.notebook).split() for run in runs]
    assert len({python for python, _ in draws}) == len({numpy for _, numpy in draws}) == 3


def test_without_the_fork_server_each_kernel_is_a_new_python_of_this_process(
    tmp_path: Path, coursework_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSEWORK_EXPORT_FORK", "0")
    paths = [
        _notebook(tmp_path / f"0{n}_plain.ipynb", "import os\nprint(os.getppid())")
        for n in range(2)
    ]

    runs = run_notebooks(paths, coursework_dir, workers=2)

    assert [_printed(run.notebook).strip() for run in runs] == [str(os.getpid())] * 2
    assert _kernels_below_me() == []


def test_a_forked_kernel_shows_widgets_as_usual_but_sends_no_widget_messages(
    tmp_path: Path, coursework_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shows = (
        "import ipywidgets\n"
        "box = ipywidgets.Textarea(value='typed')\n"
        "display(box)\n"
        "box.value = 'typed again'  # a state change: a message to a front end, if any"
    )
    changes = "box.send_state = lambda key=None: print('state worked out')\nbox.value = 'third'"
    path = _notebook(tmp_path / "01_widget.ipynb", shows, changes)
    messages: list[str] = []

    from nbclient import NotebookClient

    handle = NotebookClient.process_message

    def counted(self, msg, cell, cell_index):  # type: ignore[no-untyped-def]
        messages.append(msg["msg_type"])
        return handle(self, msg, cell, cell_index)

    monkeypatch.setattr(NotebookClient, "process_message", counted)
    forked = run_notebooks([path], coursework_dir)[0]
    forked_messages, messages[:] = list(messages), []
    monkeypatch.setenv("COURSEWORK_EXPORT_FORK", "0")
    afresh = run_notebooks([path], coursework_dir)[0]

    def shown(run):  # type: ignore[no-untyped-def]
        return [sorted(o.get("data", {})) for o in run.notebook.cells[0].outputs]

    assert shown(forked) == shown(afresh)
    assert "application/vnd.jupyter.widget-view+json" in shown(forked)[0]
    assert not [m for m in forked_messages if m.startswith("comm_")]
    assert [m for m in messages if m.startswith("comm_")]  # the ordinary kernel sends them
    # a value changed: only a kernel with a front end works out the state to send
    assert _printed(forked.notebook) == ""
    assert _printed(afresh.notebook).strip() == "state worked out"


def test_a_forked_kernel_shows_a_kernels_command_line(tmp_path: Path, coursework_dir: Path) -> None:
    """As a kernel started afresh does, so ps (and tests looking for kernels) tell it apart."""
    shows = "print(open('/proc/self/cmdline', 'rb').read().split(b'\\0')[1:3])"
    run = run_notebooks([_notebook(tmp_path / "01_title.ipynb", shows)], coursework_dir)[0]
    assert _printed(run.notebook).strip() == "[b'-m', b'ipykernel_launcher']"


def test_a_fork_servers_kernels_stop_when_it_is_killed(coursework_dir: Path) -> None:
    import signal
    import time

    from helpers.export.execute import ForkServer, _Kernel

    server = ForkServer(coursework_dir, coursework_dir)
    kernel = _Kernel(coursework_dir, coursework_dir, 60, server)
    assert kernel.forked and kernel.km.provisioner is not None
    pid = kernel.km.provisioner.pid
    assert pid is not None and psutil.pid_exists(pid)
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait()
    deadline = time.monotonic() + 10
    while psutil.pid_exists(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not psutil.pid_exists(pid)  # its parent poller saw the server go
    kernel.shutdown()
    server.close()
