"""Typing the columns: dates, percentages and units a column can or cannot hold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers.data import read_table

from .inputs import LOG_HEADER


def test_dates_come_back_as_timestamps(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "complaint_id,date_received,date_resolved,escalated\nC1,5 Jan 2025,07/01/2025,no\n",
        encoding="utf-8",
    )
    frame = read_table(path, "complaints").frame
    assert frame["date_received"].iloc[0].date() == dt.date(2025, 1, 5)
    assert frame["date_resolved"].iloc[0].date() == dt.date(2025, 1, 7)
    assert frame["escalated"].tolist() == [False]


def test_small_percentages_written_with_a_percent_sign_stay_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "small.csv"
    path.write_text("month,paperless_accounts_pct\n2024-01,0.4%\n2024-02,0.9%\n", encoding="utf-8")
    assert read_table(path, "monthly_operations").frame["paperless_accounts_pct"].tolist() == [
        0.4,
        0.9,
    ]


def test_small_percent_formatted_excel_cells_stay_as_they_are(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Month", "Paperless %"])
    for month, share in (("Jan-24", 0.004), ("Feb-24", 0.009)):
        sheet.append([month, share])
        sheet.cell(sheet.max_row, 2).number_format = "0.0%"
    path = tmp_path / "small.xlsx"
    book.save(path)
    frame = read_table(path, "monthly_operations").frame
    assert frame["paperless_accounts_pct"].tolist() == pytest.approx([0.4, 0.9])


def test_units_a_number_box_accepts_are_still_refused_where_a_column_cannot_hold_them(
    tmp_path: Path,
) -> None:
    """Days, weeks and kilograms read in a PDCA box; in a table they never become minutes or km."""
    path = tmp_path / "log.csv"
    path.write_text(
        LOG_HEADER
        + "2025-01-06,phone,3 days,12 letters,2 km\n2025-01-07,email,4,40 tickets,12 kg\n",
        encoding="utf-8",
    )
    table = read_table(path, "contact_log")
    assert table.frame["pages"].tolist() == [12, 40]  # counted words say what was counted
    assert table.frame["duration_minutes"].isna().tolist() == [True, False]
    assert table.frame["km"].isna().tolist() == [False, True]
    messages = {(p.row, p.column): p.message for p in table.problems}
    assert (
        "does not fit this column (this column is in minutes)" in messages[(2, "duration_minutes")]
    )
    assert "does not fit this column (this column is in km)" in messages[(3, "km")]
