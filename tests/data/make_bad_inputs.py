"""Write the bad-input corpus in tests/data/bad_inputs/, byte for byte the same every run.

Each file shows one way a real spreadsheet goes wrong; ``expected.yml`` beside them says whether
it loads or is refused, and which message (with row and column) the learner sees.
XLSX files are re-zipped with fixed timestamps so that re-running this script changes nothing.

Run: ``.venv/bin/python tests/data/make_bad_inputs.py``
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

FOLDER = Path(__file__).resolve().parent / "bad_inputs"
FIXED_TIME = dt.datetime(2025, 1, 1, 9, 0, 0)

MONTHLY_HEADER = "month,printed_bills,letters_posted,office_kwh,csat_pct,complaints\n"

CSV_FILES: dict[str, bytes | str] = {
    "empty.csv": b"",
    "headers_only.csv": MONTHLY_HEADER,
    "not_a_table_letter.txt": (
        "Dear Sir or Madam,\n\nI am writing about my gas bill, which arrived late again.\n"
        "Please call me back when you can.\n\nYours faithfully\n"
    ),
    "not_a_table_image.csv": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "old_excel.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
    "missing_required_column.csv": "printed_bills,letters_posted\n41200,1200\n40100,1100\n",
    "wrong_columns.csv": "Name,Age,Town\nAsha,34,Leeds\nTom,51,York\n",
    "text_in_number_column.csv": MONTHLY_HEADER
    + "2024-01,41200,1200,12000,85,30\n2024-02,lots,1100,11800,84,28\n2024-03,39000,1000,11900,84,27\n",
    "negative_count.csv": MONTHLY_HEADER
    + "2024-01,41200,1200,12000,85,30\n2024-02,40100,1100,11800,84,28\n2024-03,39000,-50,11900,84,27\n",
    "whole_number_expected.csv": MONTHLY_HEADER
    + "2024-01,41200.5,1200,12000,85,30\n2024-02,40100,1100,11800,84,28\n",
    "percent_out_of_range.csv": MONTHLY_HEADER
    + "2024-01,41200,1200,12000,850,30\n2024-02,40100,1100,11800,84,28\n",
    "fractions_as_percent.csv": MONTHLY_HEADER
    + "2024-01,41200,1200,12000,0.85,30\n2024-02,40100,1100,11800,0.84,28\n",
    "duplicate_months.csv": MONTHLY_HEADER
    + "2024-01,41200,1200,12000,85,30\n2024-02,40100,1100,11800,84,28\n"
    + "Feb-24,40100,1100,11800,84,28\n2024-03,39000,1000,11900,84,27\n",
    "missing_month_value.csv": MONTHLY_HEADER
    + "2024-01,41200,1200,12000,85,30\n,40100,1100,11800,84,28\n2024-03,39000,1000,11900,84,27\n",
    "month_without_year.csv": MONTHLY_HEADER
    + "2024-01,41200,1200,12000,85,30\nFebruary,40100,1100,11800,84,28\n",
    "all_rows_bad.csv": MONTHLY_HEADER
    + "soon,41200,1200,12000,85,30\nlater,40100,1100,11800,84,28\nnever,39000,1000,11900,84,27\n",
    "mixed_units.csv": "month,office_kwh,car_petrol_km,call_minutes\n"
    + "2024-01,12000 kWh,320 km,1500 mins\n2024-02,1.2 MWh,100 miles,25 hours\n",
    "unit_does_not_fit.csv": "month,office_kwh\n2024-01,12000 kWh\n2024-02,320 km\n",
    "thousands_and_units.csv": "month,printed_bills,office_kwh,csat_pct\n"
    + '2024-01,"41,200","12,000 kWh",85%\n2024-02,"40,100 bills",11800kWh,84 %\n',
    "trailing_total_row.csv": MONTHLY_HEADER
    + "2024-01,41200,1200,12000,85,30\n2024-02,40100,1100,11800,84,28\n"
    + "Total,81300,2300,23800,,58\n",
    "blank_rows.csv": MONTHLY_HEADER
    + "2024-01,41200,1200,12000,85,30\n\n,,,,,\n2024-02,40100,oops,11800,84,28\n",
    "title_rows_above_header.csv": "Brightwater Energy: monthly figures\nPrepared by the facilities team\n"
    + MONTHLY_HEADER
    + "2024-01,41200,1200,12000,85,30\n2024-02,40100,1100,eleven,84,28\n",
    "header_variants.csv": " MONTH ,Bills Printed,kWh used,Customer Satisfaction (%),FCR %,No. of complaints\n"
    + "Jan-24,41200,12000,85,71,30\nFeb-24,40100,11800,84,72,28\n",
    "unrecognised_extra_column.csv": "month,printed_bills,Manager notes\n2024-01,41200,fine\n",
    "uk_date_styles.csv": "month,printed_bills\nJan-25,100\nFebruary 2025,90\n2025-03,80\n"
    + "01/04/2025,70\n45778,60\n",
    "utf8_bom.csv": "\ufeff" + MONTHLY_HEADER + "2024-01,41200,1200,12000,85,30\n",
    "semicolon_separated.csv": MONTHLY_HEADER.replace(",", ";")
    + "2024-01;41200;1200;12000;85;30\n2024-02;40100;1100;11800,5;84;28\n",
    "tab_separated.tsv": MONTHLY_HEADER.replace(",", "\t")
    + "2024-01\t41200\t1200\t12000\t85\t30\n",
    "ragged_rows.csv": MONTHLY_HEADER
    + "2024-01,41200,1200,12000,85,30\n2024-02,40100,1100,11800,84,28,extra,cells\n",
    "feedback_impossible_date.csv": "feedback_id,date,channel,score,comment\n"
    + "F1,15/01/2025,phone,4,Quick answer\nF2,31/02/2025,email,2,Slow reply\n"
    + "F3,03/03/2025,chat,5,Lovely\n",
    "feedback_us_dates.csv": "feedback_id,date,channel,score,comment\n"
    + "F1,03/04/2025,phone,4,Quick answer\nF2,12/25/2024,email,2,Slow reply\n"
    + "F3,01/02/2025,chat,5,Lovely\n",
    "feedback_score_out_of_range.csv": "feedback_id,date,channel,score,comment\n"
    + "F1,2025-01-15,phone,4,Quick answer\nF2,2025-01-16,email,7,Slow reply\n",
    "feedback_huge_single_cell.csv": "feedback_id,date,channel,score,comment\n"
    + 'F1,2025-01-15,phone,4,"'
    + "very long complaint " * 10_000
    + '"\nF2,2025-01-16,email,3,Fine\n',
    "number_too_big.csv": MONTHLY_HEADER
    + "2024-01,99999999999999999999,1200,12000,85,30\n2024-02,40100,1100,1e400,84,28\n",
    "team_kpi_missing_agent.csv": "month,agent,csat_pct\n2025-01,Agent A,80\n2025-01,,82\n"
    + "2025-01,Agent B,85\n",
    "promotion_choice_not_allowed.csv": "respondent_id,audience,stage,awareness_score,uses_paperless\n"
    + "R1,customer,before,2,no\nR2,Colleagues,AFTER,4,Yes\nR3,customer,during,3,maybe\n",
    "complaints_resolved_before_received.csv": "complaint_id,date_received,channel,category,"
    "summary,date_resolved,escalated\n"
    + "C1,02/01/2025,phone,billing,Bill too high,05/01/2025,no\n"
    + "C2,10/01/2025,email,meter,Meter not read,03/01/2025,Y\n",
}

# Excel's "Unicode Text" export: UTF-16 with a byte-order mark, tab-separated.
CSV_FILES["utf16_unicode_text.txt"] = (
    MONTHLY_HEADER.replace(",", "\t") + "2024-01\t41200\t1200\t12000\t85\t30\n"
).encode("utf-16")
# Excel's "sep=;" hint line, and old Mac line endings (CR only).
CSV_FILES["excel_sep_hint.csv"] = (
    "sep=;\n" + MONTHLY_HEADER.replace(",", ";") + ("2024-01;41200;1200;12000;85;30\n")
)
CSV_FILES["mac_line_endings.csv"] = (MONTHLY_HEADER + "2024-01,41200,1200,12000,85,30\n").replace(
    "\n", "\r"
)
# Windows-1252: the pound sign and an accented letter are single bytes that are not UTF-8.
CSV_FILES["feedback_windows_1252.csv"] = (
    "feedback_id,date,channel,score,comment\n"
    "F1,15/01/2025,phone,4,Refund of £12 arrived\n"
    "F2,16/01/2025,email,5,The café-style waiting area is nice\n"
).encode("cp1252")


def _fixed_zip(data: bytes) -> bytes:
    """The same XLSX with fixed entry times, so the bytes do not depend on when it was made."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in sorted(source.infolist(), key=lambda i: i.filename):
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-01T09:00:00Z", content
                )
            target.writestr(info, content)
    return out.getvalue()


def _save(book: openpyxl.Workbook, name: str) -> None:
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    (FOLDER / name).write_bytes(_fixed_zip(buffer.getvalue()))


def _active(book: openpyxl.Workbook) -> Worksheet:
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    return sheet


def merged_cells_xlsx() -> None:
    """A title merged across the top, and each month merged down over its four channel rows."""
    book = openpyxl.Workbook()
    sheet = _active(book)
    sheet.title = "Response times"
    sheet["A1"] = "Response times by channel"
    sheet.merge_cells("A1:F1")
    sheet.append(
        [
            "Month",
            "Channel",
            "Contacts",
            "Target minutes",
            "Median response minutes",
            "% within target",
        ]
    )
    row = 3
    for month in (dt.datetime(2025, 1, 1), dt.datetime(2025, 2, 1)):
        for channel, target, median in (("phone", 3, 2.5), ("email", 1440, 900), ("chat", 2, 1.5)):
            sheet.append(
                [month if channel == "phone" else None, channel, 1000, target, median, 0.9]
            )
            sheet.cell(row, 6).number_format = "0%"
            row += 1
        sheet.merge_cells(start_row=row - 3, start_column=1, end_row=row - 1, end_column=1)
    sheet.cell(3, 1).number_format = "mmm-yy"
    _save(book, "merged_cells.xlsx")


def second_sheet_xlsx() -> None:
    """The first sheet holds notes; the data is on the second sheet."""
    book = openpyxl.Workbook()
    notes = _active(book)
    notes.title = "Read me"
    notes["A1"] = "These figures come from the facilities team."
    notes["A2"] = "Updated every month."
    data = book.create_sheet("Monthly data")
    data.append(["Month", "Printed bills", "Office kWh"])
    data.append([dt.datetime(2024, 1, 1), 41200, 12000])
    data.append([dt.datetime(2024, 2, 1), 40100, 11800])
    _save(book, "data_on_second_sheet.xlsx")


def excel_dates_and_percent_xlsx() -> None:
    """Real Excel dates, a date typed as text, an Excel serial number and percent-formatted cells."""
    book = openpyxl.Workbook()
    sheet = _active(book)
    sheet.title = "Team"
    sheet.append(["Month", "Agent", "CSAT %", "Wellbeing score"])
    sheet.append([dt.datetime(2025, 1, 1), "Agent A", 0.86, 7])
    sheet.append(["Feb-25", "Agent A", 0.88, 8])
    sheet.append([45717, "Agent A", 0.9, 11])
    for row in (2, 3, 4):
        sheet.cell(row, 3).number_format = "0%"
    _save(book, "excel_dates_and_percent.xlsx")


def corrupt_xlsx() -> None:
    """A file that starts like an XLSX (a zip) but is cut short."""
    book = openpyxl.Workbook()
    _active(book).append(["Month", "Printed bills"])
    buffer = io.BytesIO()
    book.save(buffer)
    (FOLDER / "truncated_excel.xlsx").write_bytes(_fixed_zip(buffer.getvalue())[:300])


def other_office_files() -> None:
    """A Word document and an OpenDocument spreadsheet saved with a .csv or .ods name."""
    for name, members in (
        ("word_document.csv", {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}),
        ("open_document.ods", {"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                               "content.xml": "<office:document-content/>"}),
    ):  # fmt: skip
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, text in members.items():
                info = zipfile.ZipInfo(member, date_time=FIXED_TIME.timetuple()[:6])
                archive.writestr(info, text)
        (FOLDER / name).write_bytes(out.getvalue())


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, content in CSV_FILES.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (FOLDER / name).write_bytes(data)
    merged_cells_xlsx()
    second_sheet_xlsx()
    excel_dates_and_percent_xlsx()
    corrupt_xlsx()
    other_office_files()
    count = len(list(FOLDER.glob("*"))) - 1
    print(f"Wrote {count} files to {FOLDER}")


if __name__ == "__main__":
    main()
