"""Data-check messages name the row and column but never quote a personal value."""

from __future__ import annotations

from pathlib import Path

from helpers.data import read_table


def _problems(tmp_path: Path, dates: list[str]) -> list[str]:
    file = tmp_path / "feedback.csv"
    rows = [f"F{n:03},{d},4,fine" for n, d in enumerate(dates, start=1)]
    file.write_text("feedback_id,date,score,comment\n" + "\n".join(rows) + "\n", "utf-8")
    return [str(p) for p in read_table(file, "feedback").problems]


def test_a_personal_value_in_a_date_column_is_not_quoted(tmp_path: Path) -> None:
    personal = ["ian.bad@example.net", "07700 900789", "SW1A 1AA", "Mrs Patel", "Jane Okafor"]
    problems = _problems(tmp_path, ["2024-01-02", *personal])
    text = "\n".join(problems)
    for value in personal:
        assert value not in text
    assert 'row 3, column "date": the value is not a date that can be read.' in text


def test_an_ordinary_value_is_still_quoted(tmp_path: Path) -> None:
    problems = _problems(tmp_path, ["2024-01-02", "next week"])
    assert any('"next week" is not a date' in p for p in problems)


def test_a_personal_value_in_a_number_column_is_not_quoted(tmp_path: Path) -> None:
    file = tmp_path / "feedback.csv"
    file.write_text(
        "feedback_id,date,score,comment\nF1,2024-01-02,jane@example.com,fine\nF2,2024-01-03,4,ok\n",
        "utf-8",
    )
    text = "\n".join(str(p) for p in read_table(file, "feedback").problems)
    assert "jane@example.com" not in text and 'row 2, column "score"' in text
