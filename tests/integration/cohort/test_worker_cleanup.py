"""export-cohort with real kernels when things go wrong: a kernel that dies mid-export is
reported and the others are packed; a learner over the time limit is reported; and when the
command itself is killed outright (SIGKILL), its workers and their kernels end too."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from helpers import cohort
from helpers.store import open_store
from tests.cohorts import CRITERIA, answer_for, write_roster, write_templates
from tests.processes import descendants, running, stop_once_two_kernels_run

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")

# Stands in for a learner whose work makes the kernel die (out of memory, a crash in a
# library): only the learner with a "die" file in their folder reaches os._exit.
DYING_CELL = (
    "import os\nfrom helpers.paths import coursework_dir\n"
    "if (coursework_dir() / 'die').exists():\n    os._exit(1)"
)
SLOW_CELL = (
    "import time\nfrom helpers.paths import coursework_dir\n"
    "if (coursework_dir() / 'slow').exists():\n    time.sleep(600)"
)


def cohort_with(tmp_path: Path, cell: str, marker: str, learners: int = 4) -> Path:
    """Released templates with ``cell`` added; learner L002 has the ``marker`` file."""
    templates = write_templates(tmp_path / "templates")
    plan = nbformat.read(templates / "02_plan.ipynb", as_version=4)
    plan.cells.append(new_code_cell(cell))
    nbformat.write(plan, templates / "02_plan.ipynb")
    to = tmp_path / "cohort"
    cohort.release(templates, to, write_roster(tmp_path / "roster.csv", learners))
    for n in range(1, learners + 1):
        with open_store(to / f"L{n:03d}" / "coursework") as store:
            store.save("01.review.channels", answer_for("01.review.channels", n))
    (to / "L002" / "coursework" / marker).write_text("", encoding="utf-8")
    return templates


def new_processes(before: set[int]) -> dict[int, str]:
    """Processes below this test that were not there ``before`` and still run. Multiprocessing's
    resource tracker is left out: it is the test process's own, kept for its life."""
    below = descendants(os.getpid()).items()
    return {
        p: c for p, c in below if p not in before and running(p) and "resource_tracker" not in c
    }


@pytest.mark.slow
def test_a_kernel_that_dies_mid_export_is_reported_and_the_others_are_packed(
    tmp_path: Path,
) -> None:
    templates = cohort_with(tmp_path, DYING_CELL, "die")
    started = time.perf_counter()
    report = cohort.export_cohort(
        tmp_path / "cohort",
        tmp_path / "packs",
        jobs=2,
        notebooks_dir=templates,
        criteria_path=CRITERIA,
    )
    assert time.perf_counter() - started < 240
    outcomes = {r.learner_id: r.outcome for r in report.results}
    assert outcomes == {
        "L001": "exported",
        "L002": "failed",
        "L003": "exported",
        "L004": "exported",
    }
    failed = report.with_outcome("failed")[0]
    assert "02" in failed.message and "stopped" in failed.message
    assert "Error" not in failed.message
    for learner_id in ("L001", "L003", "L004"):
        assert (tmp_path / "packs" / learner_id / "evidence.zip").is_file()


@pytest.mark.slow
def test_a_learner_over_the_time_limit_is_reported_and_the_others_are_packed(
    tmp_path: Path,
) -> None:
    templates = cohort_with(tmp_path, SLOW_CELL, "slow", learners=3)
    before = set(descendants(os.getpid()))
    report = cohort.export_cohort(
        tmp_path / "cohort",
        tmp_path / "packs",
        jobs=2,
        notebooks_dir=templates,
        criteria_path=CRITERIA,
        learner_seconds=60,
    )
    outcomes = {r.learner_id: r.outcome for r in report.results}
    assert outcomes == {"L001": "exported", "L002": "failed", "L003": "exported"}
    message = report.with_outcome("failed")[0].message
    assert (
        message
        == "their evidence pack could not be made within 1 minute (the limit for one learner)"
    )
    deadline = time.monotonic() + 20
    while (left := new_processes(before)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert left == {}  # the slow learner's kernel ended with its worker


def test_export_cohort_killed_with_sigkill_leaves_no_process_behind(tmp_path: Path) -> None:
    templates = cohort_with(tmp_path, "import time\ntime.sleep(120)", "unused", learners=3)
    command = [sys.executable, "-m", "helpers", "export-cohort", str(tmp_path / "cohort")]
    command += ["--out", str(tmp_path / "packs"), "--jobs", "2", "--criteria", str(CRITERIA)]
    command += ["--notebooks", str(templates)]
    stopped = stop_once_two_kernels_run(command, tmp_path, signal.SIGKILL)
    assert stopped.left == {}
    assert stopped.returncode == -signal.SIGKILL
