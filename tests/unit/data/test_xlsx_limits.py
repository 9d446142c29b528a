"""Bounded reading: a spreadsheet whose cells (merged ranges included) exceed the limit is refused
quickly, before openpyxl expands anything, with a plain message naming the file."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from helpers.data import read_table
from helpers.data.limits import MAX_CELLS
from helpers.errors import DataError

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/worksheet"/></Relationships>'
)
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Month</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Paper bills</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Jan 2025</t></is></c><c r="B2"><v>12</v></c></row>'
)


def sheet_xml(merges: str = "", rows: str = HEADER_ROW, dimension: str = "A1:B2") -> str:
    merge_part = f"<mergeCells>{merges}</mergeCells>" if merges else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData>{merge_part}</worksheet>'
    )


def write_xlsx(path: Path, sheet: str) -> Path:
    """A minimal workbook built by hand, as an attacker (or a broken tool) could write it."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def merged_cell_bomb(path: Path) -> Path:
    """A 2 KB file that merges ten million cells."""
    return write_xlsx(path, sheet_xml('<mergeCell ref="A1:J1000000"/>'))


def test_merged_cell_bomb_is_refused_fast_with_a_plain_message(tmp_path: Path) -> None:
    bomb = merged_cell_bomb(tmp_path / "monthly.xlsx")
    assert bomb.stat().st_size < 4096
    started = time.perf_counter()
    with pytest.raises(DataError) as caught:
        read_table(bomb, "monthly_operations")
    assert time.perf_counter() - started < 1.0
    message = str(caught.value)
    assert '"monthly.xlsx"' in message
    assert f"more than {MAX_CELLS:,} cells" in message
    assert "Save a copy with only the months you need" in message
    assert "Error" not in message


def test_many_small_merges_add_up(tmp_path: Path) -> None:
    """Each merge is small, but together they cover more cells than the limit."""
    merges = "".join(f'<mergeCell ref="A{r}:Z{r + 999}"/>' for r in range(1, 200_000, 1000))
    bomb = write_xlsx(tmp_path / "many.xlsx", sheet_xml(merges))
    with pytest.raises(DataError, match="more than"):
        read_table(bomb, "monthly_operations")


def test_merges_with_a_namespace_prefix_are_counted(tmp_path: Path) -> None:
    """A prefix on the tags (valid XML) must not hide the merge from the check."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>'
        '<x:mergeCells><x:mergeCell ref="A1:XFD1048576"/></x:mergeCells></x:worksheet>'
    )
    bomb = write_xlsx(tmp_path / "prefixed.xlsx", sheet)
    started = time.perf_counter()
    with pytest.raises(DataError, match="too large to read"):
        read_table(bomb, "monthly_operations")
    assert time.perf_counter() - started < 1.0


def test_a_sheet_with_too_many_written_cells_is_refused(tmp_path: Path) -> None:
    """No dimension and no merge: the cells themselves are counted, stopping at the limit."""
    cells = '<row r="{r}"><c r="A{r}"><v>1</v></c><c r="B{r}"><v>2</v></c></row>'
    rows = "".join(cells.format(r=r) for r in range(1, MAX_CELLS // 2 + 10))
    big = write_xlsx(tmp_path / "big.xlsx", sheet_xml(rows=rows, dimension="A1"))
    with pytest.raises(DataError, match=f"more than {MAX_CELLS:,} cells"):
        read_table(big, "monthly_operations")


def test_an_ordinary_workbook_with_merges_is_still_read(tmp_path: Path) -> None:
    rows = HEADER_ROW + '<row r="3"><c r="A3" t="inlineStr"><is><t>Feb 2025</t></is></c></row>'
    book = write_xlsx(tmp_path / "fine.xlsx", sheet_xml('<mergeCell ref="B2:B3"/>', rows, "A1:B3"))
    table = read_table(book, "monthly_operations")
    assert list(table.frame["printed_bills"]) == [12, 12]  # the merged cell fills both months


def test_check_data_refuses_the_bomb_in_plain_words(tmp_path: Path) -> None:
    bomb = merged_cell_bomb(tmp_path / "monthly.xlsx")
    command = [sys.executable, "-m", "helpers", "check-data", str(bomb)]
    result = subprocess.run(
        [*command, "--kind", "monthly_operations"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "too large to read" in result.stdout
    assert "Traceback" not in result.stderr + result.stdout
