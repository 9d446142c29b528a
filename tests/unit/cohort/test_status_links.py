"""``status`` and ``export-cohort``'s learner discovery do not follow links out of a folder.

A link in the cohort folder to a folder outside it is not a learner; a learner whose
``answers.sqlite`` is a link to another store is reported damaged, never read as theirs.
"""

from __future__ import annotations

from pathlib import Path

from helpers.cohort.batch import export_one_learner
from helpers.cohort.status import cohort_status, find_learner_folders
from helpers.store import open_store


def _learner(folder: Path, name: str) -> Path:
    area = folder / "coursework"
    area.mkdir(parents=True)
    store = open_store(area)
    try:
        store.save("00.profile.name", name)
        store.save("01.review.channels", f"{name} wrote this")
    finally:
        store.close()
    return folder


def _cohort(tmp_path: Path) -> Path:
    cohort = tmp_path / "cohort"
    _learner(cohort / "L1", "Ada")
    outsider = _learner(tmp_path / "elsewhere" / "tutor", "Tutor's own")
    (cohort / "L2").symlink_to(outsider, target_is_directory=True)  # a link out of the cohort
    borrower = cohort / "L3" / "coursework"
    borrower.mkdir(parents=True)
    (borrower / "answers.sqlite").symlink_to(cohort / "L1" / "coursework" / "answers.sqlite")
    return cohort


def test_a_link_out_of_the_cohort_is_not_a_learner(tmp_path: Path) -> None:
    cohort = _cohort(tmp_path)
    assert [learner for learner, _ in find_learner_folders(cohort)] == ["L1", "L3"]


def test_status_names_the_link_out_and_reports_a_linked_store_damaged(tmp_path: Path) -> None:
    status = cohort_status(_cohort(tmp_path), jobs=1)
    assert [lr.learner_id for lr in status.learners] == ["L1", "L3"]
    assert status.learner("L1").state == "ok" and status.learner("L1").name == "Ada"
    borrower = status.learner("L3")
    assert borrower.state == "damaged" and borrower.name == ""
    assert borrower.problem == "The answers file is a link to somewhere else, so it was not read."
    assert any("L2" in p and "outside the cohort folder" in p for p in status.problems)


def test_a_pattern_match_through_a_link_out_is_not_a_learner(tmp_path: Path) -> None:
    cohort = _cohort(tmp_path)
    found = find_learner_folders(cohort, "*")
    assert [learner for learner, _ in found] == ["L1", "L3"]


def test_export_cohort_does_not_export_a_linked_store(tmp_path: Path) -> None:
    cohort = _cohort(tmp_path)
    result = export_one_learner(
        "L3", str(cohort / "L3"), str(tmp_path / "packs" / "L3"), None, None, False
    )
    assert result.outcome == "failed"
    assert "link" in result.message
    assert not (tmp_path / "packs" / "L3" / "evidence.zip").exists()
