"""A cohort where some learner folders are hostile (or just broken): the tutor's ``status`` reads
every learner within its limits, reports the broken ones in plain words, and goes on.

The hostile values are written straight into the learners' SQLite files, as an old version, a
damaged disk or a learner editing the file by hand could leave them: ``save()`` refuses them now.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from helpers import cohort
from helpers.data.limits import MAX_CELLS
from helpers.store import open_store
from tests.unit.data.test_xlsx_limits import merged_cell_bomb, sheet_xml, write_xlsx

SENTENCE = "Customers told us paper bills were slow, so we offered e-billing to every account."
ORDINARY = {
    "01.review.channels": SENTENCE,
    "01.review.impacts": "Printing, posting and the van trips to the sorting office.",
}


def nested(depth: int) -> str:
    """An answer nested ``depth`` lists deep, as JSON text."""
    return "[" * depth + json.dumps("deep words here") + "]" * depth


def learner(cohort_dir: Path, learner_id: str, answers: dict[str, object]) -> Path:
    area = cohort_dir / learner_id / "coursework"
    area.mkdir(parents=True)
    with open_store(area) as store:
        store.save("00.profile.name", f"Learner {learner_id}")
        for qid, value in answers.items():
            store.save(qid, value)
    return area


def plant(area: Path, question_id: str, json_text: str) -> None:
    """Write a stored value directly, as ``save()`` would never write it."""
    with sqlite3.connect(area / "answers.sqlite") as conn:
        conn.execute(
            "INSERT OR REPLACE INTO answers (question_id, value, created_at, updated_at) "
            "VALUES (?, ?, '2025-01-01T10:00:00+00:00', '2025-01-01T10:00:00+00:00')",
            (question_id, json_text),
        )
    conn.close()


def choose_data(area: Path, file: Path) -> None:
    """The learner picked ``file`` (inside their folder) as their monthly data."""
    data = area / "data"
    data.mkdir(exist_ok=True)
    file.rename(data / file.name)
    with open_store(area) as store:
        choice = {"source": "upload", "path": f"data/{file.name}", "name": file.name}
        store.save("data.choice.monthly_operations", choice)


def hostile_cohort(base: Path) -> Path:
    to = base / "cohort"
    for learner_id in ("L1", "L2", "L5"):
        learner(to, learner_id, ORDINARY)
    plant(learner(to, "L3", ORDINARY), "01.review.change", nested(600))
    plant(learner(to, "L6", ORDINARY), "01.review.change", nested(5_000))
    choose_data(learner(to, "L4", ORDINARY), merged_cell_bomb(base / "monthly.xlsx"))
    return to


def test_status_of_a_hostile_cohort_completes_and_names_the_broken_learners(
    tmp_path: Path,
) -> None:
    to = hostile_cohort(tmp_path)
    started = time.perf_counter()
    status = cohort.cohort_status(to, jobs=2)
    assert time.perf_counter() - started < 60
    by_id = {lr.learner_id: lr for lr in status.learners}
    assert sorted(by_id) == ["L1", "L2", "L3", "L4", "L5", "L6"]
    for ordinary in ("L1", "L2", "L5"):
        assert by_id[ordinary].state == "ok", by_id[ordinary].problem
        assert by_id[ordinary].words > 10
    assert by_id["L3"].state == "ok"  # the 600-deep answer does not stop their reading
    assert by_id["L3"].words >= by_id["L1"].words
    assert by_id["L4"].state == "ok"  # their answers are read; their data file is named
    too_large = f"L4: their monthly operations data file is too large to read (more than {MAX_CELLS:,} cells)"
    assert any(p.startswith(too_large) for p in status.problems), status.problems
    assert by_id["L6"].state in ("ok", "damaged")
    text = " ".join([*status.problems, *(lr.problem for lr in status.learners)])
    assert "RecursionError" not in text and "Error" not in text


def test_the_status_command_over_a_hostile_cohort(tmp_path: Path) -> None:
    to = hostile_cohort(tmp_path)
    command = [sys.executable, "-m", "helpers", "status", str(to)]
    result = subprocess.run(
        [*command, "--out", str(tmp_path / "status.html")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "too large to read" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "RecursionError" not in (tmp_path / "status.html").read_text(encoding="utf-8")


def slow_data(base: Path) -> Path:
    """A real workbook that takes openpyxl many seconds to read (under the cell limit)."""
    cells = '<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Jan 2025</t></is></c>'
    cells += '<c r="B{r}"><v>{r}</v></c><c r="C{r}"><v>{r}</v></c></row>'
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Month</t></is></c>'
    header += '<c r="B1" t="inlineStr"><is><t>Paper bills</t></is></c></row>'
    rows = header + "".join(cells.format(r=r) for r in range(2, MAX_CELLS // 4))
    return write_xlsx(base / "slow.xlsx", sheet_xml(rows=rows, dimension="A1"))


def test_a_learner_over_the_time_limit_is_reported_and_the_rest_are_read(
    tmp_path: Path,
) -> None:
    to = tmp_path / "cohort"
    for learner_id in ("L1", "L2", "L3", "L5"):
        learner(to, learner_id, ORDINARY)
    choose_data(learner(to, "L4", ORDINARY), slow_data(tmp_path))
    started = time.perf_counter()
    status = cohort.cohort_status(to, jobs=2, learner_seconds=2)
    assert time.perf_counter() - started < 30
    by_id = {lr.learner_id: lr for lr in status.learners}
    assert [by_id[i].state for i in ("L1", "L2", "L3", "L5")] == ["ok"] * 4
    assert by_id["L4"].state == "unreadable"
    assert by_id["L4"].problem == (
        "Their answers could not be read within 2 seconds (the limit for one learner)."
    )


def test_deep_values_are_walked_without_recursion() -> None:
    """Word counts and the feedback rules' text walk take any depth (the store now refuses
    such values, but a tool must never fail on one that reaches it)."""
    from helpers.feedback.answers import flatten, has_answer
    from helpers.words import word_count

    value: object = "deep words here"
    for _ in range(5_000):
        value = [value]
    assert word_count(value) == 3
    assert flatten(value) == ["deep words here"]
    assert has_answer(value)
    assert flatten([1, {"a": "x", "b": [2.5, None, True, "y"]}, ("z",)]) == [
        "1",
        "x",
        "2.5",
        "y",
        "z",
    ]


def test_zip_helpers_are_real_zip_files(tmp_path: Path) -> None:
    """The bomb used above is a real zip with a worksheet part (so the test is honest)."""
    bomb = merged_cell_bomb(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(bomb) as archive:
        assert "xl/worksheets/sheet1.xml" in archive.namelist()


def with_links(base: Path, to: Path) -> Path:
    """Add the two link tricks: a store linked to another learner's, a folder linked out."""
    outsider = base / "outside" / "coursework"
    outsider.mkdir(parents=True)
    with open_store(outsider) as store:
        store.save("00.profile.name", "Not in this cohort")
    (to / "L8").symlink_to(outsider.parent, target_is_directory=True)
    borrower = to / "L7" / "coursework"
    borrower.mkdir(parents=True)
    (borrower / "answers.sqlite").symlink_to(to / "L1" / "coursework" / "answers.sqlite")
    return to


def test_status_and_export_cohort_over_every_trick_at_once(tmp_path: Path) -> None:
    """The issue's cohort: a merged-cell bomb, a 600-deep answer, a linked store, a link out."""
    import nbformat

    from tests.integration.small_notebooks import small_notebook

    to = with_links(tmp_path, hostile_cohort(tmp_path))
    started = time.perf_counter()
    status = cohort.cohort_status(to, jobs=2)
    assert time.perf_counter() - started < 60
    by_id = {lr.learner_id: lr for lr in status.learners}
    assert "L8" not in by_id and "Not in this cohort" not in {lr.name for lr in status.learners}
    assert by_id["L7"].state == "damaged" and by_id["L7"].words == 0
    assert all(by_id[ok].state == "ok" for ok in ("L1", "L2", "L3", "L5"))

    templates = tmp_path / "templates"
    templates.mkdir()
    cells = [('helpers.forms.long_text("01.review.channels", "Channels")', [], [], [])]
    nbformat.write(small_notebook(cells), templates / "01_small.ipynb")
    report = cohort.export_cohort(to, tmp_path / "packs", jobs=2, notebooks_dir=templates)
    outcome = {r.learner_id: r.outcome for r in report.results}
    assert {outcome[ok] for ok in ("L1", "L2", "L5")} == {"exported"}
    assert outcome["L7"] == "failed" and "L8" not in outcome
    for ok in ("L1", "L2", "L5"):
        page = (tmp_path / "packs" / ok / "evidence.html").read_text(encoding="utf-8")
        assert SENTENCE in page
