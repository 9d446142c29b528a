"""The checks of each kind: every problem listed together, many alike counted not listed."""

from __future__ import annotations

from pathlib import Path

from helpers.data import read_table


def test_several_problems_are_listed_together_and_the_rest_loads(tmp_path: Path) -> None:
    path = tmp_path / "ops.csv"
    path.write_text(
        "month,printed_bills,letters_posted\n2024-01,100,-1\n2024-02,abc,5\n2024-02,3,3\n2024-03,1,1\n",
        encoding="utf-8",
    )
    table = read_table(path, "monthly_operations")
    assert len(table.frame) == 3
    located = [(p.row, p.column) for p in table.problems]
    assert located == [(2, "letters_posted"), (3, "printed_bills"), (4, "month")]


def test_many_bad_rows_are_counted_not_listed_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    rows = "".join(f"2025-01-{1 + i % 28:02d},phone,-{i + 1},0,0\n" for i in range(500))
    path.write_text("date,channel,duration_minutes,pages,km\n" + rows, encoding="utf-8")
    table = read_table(path, "contact_log")
    assert len(table.frame) == 500
    assert len(table.problems) == 21
    assert table.problems[-1].message == "…and 480 more rows with the same kind of problem."
