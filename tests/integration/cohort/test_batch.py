"""export-cohort with real kernels: parallel, resumable, failures reported, and stopped with
SIGTERM it leaves no process behind."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from helpers import cohort
from helpers.cli import main as cli_main
from helpers.store import open_store
from tests.cohorts import CRITERIA, answer_for, write_roster, write_templates
from tests.processes import stop_once_two_kernels_run


@pytest.mark.slow
def test_export_cohort_exports_in_parallel_resumes_and_reports_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("helpers.export")
    templates = write_templates(tmp_path / "templates")
    to = tmp_path / "cohort"
    cohort.release(templates, to, write_roster(tmp_path / "roster.csv", 3))
    for n in (1, 2):
        with open_store(to / f"L00{n}" / "coursework") as store:
            store.save("01.review.channels", answer_for("01.review.channels", n))
    (to / "L003" / "coursework" / "answers.sqlite").write_bytes(b"damaged" * 50)
    packs = tmp_path / "packs"
    argv = ["export-cohort", str(to), "--out", str(packs), "--jobs", "2"]
    argv += ["--criteria", str(CRITERIA), "--notebooks", str(templates)]

    assert cli_main(argv) == 1  # L003 failed
    printed = capsys.readouterr().out
    assert "Exported 2, skipped 0" in printed and "failed 1" in printed
    assert "FAILED L003" in printed and "Exporting [" in printed
    for n in (1, 2):
        assert (to / f"L00{n}" / "coursework" / "data" / "generated.json").exists()
        pack = packs / f"L00{n}"
        assert (pack / cohort.FINGERPRINT_FILE).exists()
        assert list(pack.rglob("*.html")), f"no HTML in {pack}"
        assert list(pack.rglob("*.zip")), f"no zip in {pack}"
    assert not (packs / "L003" / cohort.FINGERPRINT_FILE).exists()

    # Resumable: nothing changed for L001 and L002, so a re-run skips them.
    (to / "L003").rename(tmp_path / "L003-aside")
    assert cli_main(argv) == 0
    assert "Exported 0, skipped 2" in capsys.readouterr().out
    # A new answer from L002 makes only L002 export again.
    with open_store(to / "L002" / "coursework") as store:
        store.save("02.plan.steps", "Move statements to email by March.")
    report = cohort.export_cohort(
        to, packs, jobs=1, notebooks_dir=templates, criteria_path=CRITERIA
    )
    assert [(r.learner_id, r.outcome) for r in report.results] == [
        ("L001", "skipped"),
        ("L002", "exported"),
    ]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_export_cohort_stopped_with_sigterm_leaves_no_process_behind(tmp_path: Path) -> None:
    import signal

    templates = write_templates(tmp_path / "templates")
    slow = nbformat.read(templates / "02_plan.ipynb", as_version=4)
    slow.cells.append(new_code_cell("import time\ntime.sleep(120)"))
    nbformat.write(slow, templates / "02_plan.ipynb")
    to = tmp_path / "cohort"
    cohort.release(templates, to, write_roster(tmp_path / "roster.csv", 3))
    command = [sys.executable, "-m", "helpers", "export-cohort", str(to)]
    command += ["--out", str(tmp_path / "packs"), "--jobs", "2", "--criteria", str(CRITERIA)]
    command += ["--notebooks", str(templates)]
    stopped = stop_once_two_kernels_run(command, tmp_path, signal.SIGTERM)
    assert stopped.left == {}
    assert stopped.returncode == 130
    stderr = (tmp_path / "stderr.txt").read_text()
    assert "Stopped." in stderr and "run the same command again" in stderr
    assert "Traceback" not in stderr
