"""Rosters are read like data files (any common encoding) and refuse ids that clash on Windows."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cohort.roster import learner_id_problem, read_roster
from helpers.errors import CourseworkError

ROSTER = "learner_id,name,centre\nL001,Siân O’Neill,Leeds café\nL002,Zoë Brontë,York\n"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("cp1252", b""),
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ],
)
def test_roster_in_common_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(bom + ROSTER.replace("\n", "\r\n").encode(encoding))
    learners = read_roster(path)
    assert [(lr.learner_id, lr.name, lr.centre) for lr in learners] == [
        ("L001", "Siân O’Neill", "Leeds café"),
        ("L002", "Zoë Brontë", "York"),
    ]


def test_unreadable_roster_is_refused_plainly(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(CourseworkError) as caught:
        read_roster(path)
    assert "roster.csv" in str(caught.value)
    assert "codec" not in str(caught.value) and "Error" not in str(caught.value)


def _problems(tmp_path: Path, rows: str) -> list[str]:
    path = tmp_path / "roster.csv"
    path.write_text("learner_id,name\n" + rows, encoding="utf-8")
    with pytest.raises(CourseworkError) as caught:
        read_roster(path)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("rows", "row", "other_row"),
    [
        ("a,Ann\na.,Al\n", 3, 2),
        ("a.,Al\na,Ann\n", 3, 2),
        ("Sam,Sam One\nsam,Sam Two\n", 3, 2),
        ("L001,One\nL002,Two\nl001 ,Three\n", 4, 2),
        ('a,Ann\n"a ",Al\n', 3, 2),
        ("b..,Bo\nB,Bea\n", 3, 2),
    ],
)
def test_ids_that_clash_on_windows_name_both_rows(
    tmp_path: Path, rows: str, row: int, other_row: int
) -> None:
    problems = _problems(tmp_path, rows)
    clash = [p for p in problems if f"row {row}" in p and f"row {other_row}" in p]
    assert clash, problems
    assert "Windows" in clash[0] or "already used" in clash[0]


@pytest.mark.parametrize(
    "learner_id", ["CON", "nul", "COM1", "lpt9", "con.txt", "Aux", "a.", "b.."]
)
def test_ids_windows_cannot_use_are_refused(learner_id: str) -> None:
    reason = learner_id_problem(learner_id)
    assert reason is not None and f'"{learner_id}"' in reason
    assert "Windows" in reason


def test_trailing_dot_id_is_refused_in_a_roster(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "a.,Al\n")
    assert len(problems) == 1 and "row 2" in problems[0] and "dot" in problems[0]
