"""The roster: bad rows refused by row and column, ids that could leave the cohort refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import cohort
from helpers.errors import CourseworkError
from tests.cohorts import COHORT_DATA, write_templates


def test_bad_roster_rows_are_refused_by_row_and_column_and_nothing_is_made(tmp_path: Path) -> None:
    with pytest.raises(CourseworkError) as caught:
        cohort.release(
            write_templates(tmp_path / "t"), tmp_path / "out", COHORT_DATA / "roster_bad.csv"
        )
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {
        (3, "learner_id"),  # ../other
        (4, "name"),  # Cara/../../etc
        (5, "learner_id"),  # empty
        (6, "learner_id"),  # l001 repeats L001 (folders clash on Windows and macOS)
        (7, "name"),  # empty name
    }
    text = str(caught.value)
    assert '"../other"' in text and "row 2" in text and "roster_bad.csv" in text
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "other").exists()


@pytest.mark.parametrize(
    "learner_id",
    ["../other", "..", ".", "a/b", "a\\b", "/etc", "C:evil", "con", "x" * 65, " L1", "L 1"],
)
def test_learner_ids_that_could_leave_the_cohort_are_refused(
    tmp_path: Path, learner_id: str
) -> None:
    assert cohort.learner_id_problem(learner_id)
    with pytest.raises(CourseworkError):
        cohort.learner_folder(tmp_path, learner_id)
    learners = [cohort.Learner(learner_id, "Someone")]
    with pytest.raises(CourseworkError):
        cohort.release(write_templates(tmp_path / "t"), tmp_path / "cohort", learners)
    assert not (tmp_path / "cohort").exists()


def test_roster_without_the_required_columns_says_so(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,full name\nL1,Asha\n", encoding="utf-8")
    with pytest.raises(CourseworkError, match="learner_id and name"):
        cohort.read_roster(path)


def test_roster_from_a_spreadsheet_with_bom_and_blank_lines_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("\ufefflearner_id,name\nL1,Asha Patel\n,\n\nL2,Ben O'Neil\n", encoding="utf-8")
    assert [lr.learner_id for lr in cohort.read_roster(path)] == ["L1", "L2"]
