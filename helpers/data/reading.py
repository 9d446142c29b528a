"""Raw reading: a CSV or XLSX file as untyped cells under canonical column names.

Copes with UTF-8 (with or without a BOM), UTF-16 and Windows-1252 text, comma, semicolon,
tab or bar separators, title rows above the column names, merged cells, and data that is
not on an XLSX's first sheet. Big UTF-8 CSV files go through pandas' fast reader.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataError, Problem
from .headers import match_header
from .kinds import TableKind
from .limits import MAX_COLUMNS, MAX_CSV_CELLS, DataTooLargeError, check_xlsx_size

if TYPE_CHECKING:  # pandas is imported on use: ``import helpers`` must stay fast
    import pandas as pd


MAX_FILE_BYTES = 500 * 1024 * 1024
HEADER_SEARCH_ROWS = 30
SMALL_FILE_BYTES = 4 * 1024 * 1024  # bigger CSV files use the fast (pyarrow or C) reader


@dataclass
class RawCells:
    """Cells as read, before any typing: ``cells`` is indexed by the learner's row numbers."""

    cells: pd.DataFrame
    headers: dict[str, str]  # canonical column -> header as the learner wrote it
    notes: list[Problem]
    sheet: str | None = None


def refuse(path: Path, message: str, problems: list[Problem] | None = None) -> DataError:
    """The error for a file that cannot be used at all, naming the file."""
    return DataError(f'The file "{path.name}" could not be used: {message}', problems)


def _sniff_kind_of_file(path: Path, head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return "broken_zip"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("word/") for n in names):
            return "docx"
        if "content.xml" in names:
            return "ods"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "binary"
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding (UTF-16 by BOM, UTF-8, Windows-1252).

    Rosters use it too, so a file a spreadsheet saved reads the same wherever it is used.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _pick_delimiter(lines: list[str], kind: TableKind) -> str:
    """The separator that makes the most recognisable column names, then the steadiest widths."""
    best, best_score = ",", (-1, -1)
    for delim in [",", ";", "\t", "|"]:
        rows = list(csv.reader(lines, delimiter=delim))
        header_score = max((_header_score(r, kind) for r in rows), default=0)
        widths = [len(r) for r in rows if any(c.strip() for c in r)]
        steady = max((widths.count(w) for w in set(widths) if w > 1), default=0)
        score = (header_score, steady)
        if score > best_score:
            best, best_score = delim, score
    return best


def _header_score(row: Sequence[object], kind: TableKind) -> int:
    return len({m for m in (match_header(c, kind) for c in row if c is not None) if m})


def _find_header(rows: Sequence[Sequence[object]], kind: TableKind) -> int | None:
    scores = [_header_score(r, kind) for r in rows[:HEADER_SEARCH_ROWS]]
    if not scores or max(scores) == 0:
        return None
    return scores.index(max(scores))


def _read_csv_cells(path: Path, data: bytes, kind: TableKind) -> RawCells:
    notes: list[Problem] = []
    if len(data) > SMALL_FILE_BYTES:
        fast = _read_csv_fast(path, data, kind)
        if fast is not None:
            return fast
    text, encoding = decode_text(data)
    delim = _pick_delimiter(text[:65536].splitlines()[: HEADER_SEARCH_ROWS + 5], kind)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    rows = _bounded_rows(path, csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    raw = _rows_to_raw(path, rows, list(range(1, len(rows) + 1)), kind, notes)
    if encoding == "Windows-1252":
        raw.notes.insert(
            0,
            Problem(
                "The file was saved as Windows-1252 text, not UTF-8. It was read correctly; "
                'saving it as "CSV UTF-8" next time avoids odd characters.',
                file=str(path),
            ),
        )
    return raw


def _bounded_rows(path: Path, reader: Iterable[list[str]]) -> list[list[str]]:
    """The rows of a CSV file, refused as soon as one row or the whole file has too many cells
    (a file of separators alone would otherwise fill the memory with empty cells)."""
    rows: list[list[str]] = []
    cells = 0
    for row in reader:
        if len(row) > MAX_COLUMNS:
            fix = f"Row {len(rows) + 1} has that many; save a copy with only the columns you need."
            raise DataTooLargeError(path, MAX_COLUMNS, "cells in one row", fix)
        cells += len(row)
        if cells > MAX_CSV_CELLS:
            raise DataTooLargeError(path, MAX_CSV_CELLS)
        rows.append(row)
    return rows


def _from_arrow(series: pd.Series) -> pd.Series:
    """Arrow-typed columns as the plain dtypes the rest of this module expects."""
    import pandas as pd

    dtype = series.dtype
    if not isinstance(dtype, pd.ArrowDtype):
        return series
    import pyarrow as pa

    kind = dtype.pyarrow_dtype
    if pa.types.is_date(kind) or pa.types.is_timestamp(kind):
        import pyarrow.compute as pc

        arrow = pa.chunked_array(series.array.__arrow_array__())
        stamps = pc.cast(arrow, pa.timestamp("s")).to_numpy()
        return pd.Series(stamps, index=series.index, name=series.name, dtype="datetime64[s]")
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        return series.astype("float64")
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return series.astype("string")
    return series.astype("string").astype(object)  # booleans and the like: as written


def _text_like(name: str | None, kind: TableKind) -> bool:
    """Columns the fast reader must leave as text (it may still read ISO dates itself)."""
    kinds = ("text", "id", "choice", "yesno")
    return name is not None and kind.column(name).type in kinds


def _data_line_numbers(data: bytes, header_at: int) -> Any:
    """Line numbers (1-based, as a spreadsheet shows them) of the non-blank lines after the
    column names; the fast reader skips blank lines, so its rows are matched up here.
    ``None`` when a blank line comes before the column names."""
    import numpy as np

    chars = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(chars == 10)
    if len(data) and data[-1:] != b"\n":
        ends = np.append(ends, len(data))
    starts = np.concatenate(([0], ends[:-1] + 1)).astype(np.int64)
    lengths = ends - starts
    first = chars[np.minimum(starts, len(chars) - 1)]
    blank = (lengths == 0) | ((lengths == 1) & (first == 13))
    if blank[: header_at + 1].any():
        return None
    numbers = np.flatnonzero(~blank) + 1
    return numbers[numbers > header_at + 1]


def _read_csv_fast(path: Path, data: bytes, kind: TableKind) -> RawCells | None:
    """Big UTF-8 files: pandas (pyarrow if installed) splits the cells and guesses the types."""
    import pandas as pd

    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None  # Windows-1252 and friends: the careful reader decodes and says so

    head = data[:65536].decode("utf-8-sig", errors="replace").splitlines()[:-1]
    delim = _pick_delimiter(head[: HEADER_SEARCH_ROWS + 5], kind)
    header_at = _find_header(list(csv.reader(head[:HEADER_SEARCH_ROWS], delimiter=delim)), kind)
    if header_at is None:
        return None
    header = next(csv.reader(head[header_at : header_at + 1], delimiter=delim), [])
    if len(header) > MAX_COLUMNS:
        return None  # the careful reader refuses it with the row named
    # Text columns stay text as written (no guessing "1900-01-01" into a date); "nan" or
    # "None" are words here, as in the careful reader: only empty cells are missing.
    text_labels = [label for label in header if _text_like(match_header(label, kind), kind)]
    options: dict[str, Any] = {"engine": "c", "dtype": dict.fromkeys(text_labels, "string")}
    try:
        import pyarrow as pa

        string = pd.ArrowDtype(pa.string())
        options = {
            "engine": "pyarrow",
            "dtype_backend": "pyarrow",
            "dtype": dict.fromkeys(text_labels, string),
        }
    except ImportError:
        pass
    options.update(keep_default_na=False, na_values=[""])
    try:
        reader: Any = pd.read_csv  # the stubs do not know every engine/skiprows mix
        cells = reader(io.BytesIO(data), sep=delim, skiprows=header_at, header=0, **options)
    except Exception:  # anything odd: the careful reader below copes and names the row
        return None
    if data.count(b"\n") + (not data.endswith(b"\n")) == header_at + 1 + len(cells):
        rows: Any = range(header_at + 2, header_at + 2 + len(cells))  # no blank lines: quick
    else:
        rows = _data_line_numbers(data, header_at)
    if rows is None or len(rows) != len(cells):
        return None  # cells over several lines: row numbers need the careful reader
    # One concat, not DataFrame.apply: apply rebuilds the frame block by block (5x slower).
    cells = pd.concat([_from_arrow(cells[label]) for label in cells.columns], axis=1)
    cells.index = rows
    notes: list[Problem] = []
    return _select_columns(path, cells, list(cells.columns), header_at + 1, kind, notes)


def _read_xlsx_cells(path: Path, kind: TableKind) -> RawCells:
    import openpyxl

    check_xlsx_size(path)  # before openpyxl, which would build every merged cell
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as error:
        raise refuse(
            path,
            f"it looks like an Excel file but it could not be opened ({error.__class__.__name__}).",
            [Problem("Open it in Excel and save it again as .xlsx or CSV.", file=str(path))],
        ) from None
    best: tuple[int, Any, list[list[Any]], list[int]] | None = None
    for sheet in book.worksheets:
        rows, numbers = _sheet_rows(sheet)
        header_at = _find_header(rows, kind)
        score = -1 if header_at is None else _header_score(rows[header_at], kind)
        if best is None or score > best[0]:
            best = (score, sheet, rows, numbers)
    if best is None or best[0] < 0:
        raise refuse(path, _no_columns_message(kind, book.sheetnames))
    _, sheet, rows, numbers = best
    notes: list[Problem] = []
    raw = _rows_to_raw(path, rows, numbers, kind, notes)
    raw.sheet = sheet.title
    if sheet is not book.worksheets[0]:
        raw.notes.insert(
            0,
            Problem(
                f'The data was read from the sheet "{sheet.title}", not the first sheet.',
                file=str(path),
            ),
        )
    return raw


def _sheet_rows(sheet: Any) -> tuple[list[list[Any]], list[int]]:
    """Cell values of a sheet, merged cells filled with their top-left value, percent cells x100."""
    merged: dict[tuple[int, int], Any] = {}
    for cell_range in sheet.merged_cells.ranges:
        top_left = sheet.cell(cell_range.min_row, cell_range.min_col).value
        for row in range(cell_range.min_row, cell_range.max_row + 1):
            for col in range(cell_range.min_col, cell_range.max_col + 1):
                merged[(row, col)] = top_left
    rows: list[list[Any]] = []
    numbers: list[int] = []
    for row in sheet.iter_rows():
        values = []
        for cell in row:
            value = merged.get((cell.row, cell.column), cell.value)
            fmt = getattr(cell, "number_format", "") or ""
            if isinstance(value, int | float) and not isinstance(value, bool) and "%" in fmt:
                value = f"{round(value * 100, 10):g}%"  # read like a typed "45%"
            values.append(value)
        if row:
            rows.append(values)
            numbers.append(row[0].row)
    return rows, numbers


def _no_columns_message(kind: TableKind, sheets: Sequence[str] | None = None) -> str:
    wanted = ", ".join(c.name for c in kind.columns[:6])
    where = f" on any sheet ({', '.join(sheets)})" if sheets else ""
    return (
        f"no column names for {kind.title.lower()} were found in the first "
        f"{HEADER_SEARCH_ROWS} rows{where}. It needs a row of column names such as {wanted}."
    )


def _rows_to_raw(
    path: Path, rows: list[list[Any]], numbers: list[int], kind: TableKind, notes: list[Problem]
) -> RawCells:
    import pandas as pd

    header_at = _find_header(rows, kind)
    if header_at is None:
        raise refuse(path, _no_columns_message(kind))
    header = rows[header_at]
    width = len(header)
    body = rows[header_at + 1 :]
    body_numbers = numbers[header_at + 1 :]
    extra_rows = [n for r, n in zip(body, body_numbers, strict=True) if _has_extra(r, width)]
    if extra_rows:
        notes.append(
            Problem(
                f"{rows_text(extra_rows)} had more cells than there are column names; the extra "
                "cells were ignored.",
                file=str(path),
                row=extra_rows[0],
                fix="Check that no cell contains a stray separator.",
            )
        )
    padded = [(list(r) + [None] * width)[:width] for r in body]
    cells = pd.DataFrame(padded, index=body_numbers, columns=range(width), dtype=object)
    return _select_columns(path, cells, list(header), numbers[header_at], kind, notes)


def _has_extra(row: Sequence[Any], width: int) -> bool:
    return len(row) > width and any(is_filled(c) for c in row[width:])


def is_filled(value: Any) -> bool:
    """Whether a cell holds anything but spaces."""
    return value is not None and str(value).strip() != ""


def rows_text(rows: Sequence[int]) -> str:
    """Text such as "Row 4" or "Rows 4, 7 and 3 more" for a message."""
    shown = ", ".join(str(n) for n in rows[:5])
    more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
    return f"Row{'s' if len(rows) > 1 else ''} {shown}{more}"


def _select_columns(
    path: Path,
    cells: pd.DataFrame,
    header: list[Any],
    header_row: int,
    kind: TableKind,
    notes: list[Problem],
) -> RawCells:
    """Keep the columns this kind knows, renamed to canonical names; note the ones ignored."""
    chosen: dict[str, Any] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    twice: list[str] = []
    for position, label in zip(cells.columns, header, strict=True):
        text = "" if label is None else str(label).replace("\ufeff", "").strip()
        name = match_header(text, kind)
        if name and name not in chosen:
            chosen[name] = position
            headers[name] = text
        elif name:
            twice.append(text)
        elif text:
            ignored.append(text)
    if twice:
        notes.append(
            Problem(
                f"More than one column stands for the same thing ({', '.join(twice[:5])}); "
                "only the first of each was used.",
                file=str(path),
                row=header_row,
                fix="Delete or rename the extra column.",
            )
        )
    if ignored:
        notes.append(
            Problem(
                f"These columns were not recognised and were left out: {', '.join(ignored[:8])}"
                + ("…" if len(ignored) > 8 else "")
                + ".",
                file=str(path),
                row=header_row,
                fix="Rename a column if it should have been used (see the list of column names).",
            )
        )
    frame = cells[list(chosen.values())]
    frame.columns = list(chosen)
    frame.index.name = "row"
    return RawCells(frame, headers, notes)


_OTHER_FILES = {
    "docx": "it is a Word document, not a spreadsheet.",
    "ods": "it is an OpenDocument spreadsheet (.ods), which cannot be read here.",
}


def read_cells(path: Path, kind: TableKind) -> RawCells:
    """The cells of a CSV or XLSX file under canonical names; unusable files are refused
    with a reason (missing, empty, too big, .xls, Word, not a spreadsheet)."""
    if not path.exists():
        raise DataError(f'The file "{path}" was not found. Check the name and the folder.')
    if path.is_dir():
        raise DataError(f'"{path}" is a folder, not a file. Choose a CSV or XLSX file inside it.')
    size = path.stat().st_size
    if size == 0:
        raise refuse(
            path,
            "the file is empty.",
            [Problem("Save your data into it and try again.", file=str(path))],
        )
    if size > MAX_FILE_BYTES:
        raise refuse(path, f"it is too big ({size / 1e6:,.0f} MB; the limit is 500 MB).")
    with path.open("rb") as handle:
        head = handle.read(8192)
    sort = _sniff_kind_of_file(path, head)
    if sort == "xlsx":
        return _read_xlsx_cells(path, kind)
    if sort == "xls":
        raise refuse(
            path,
            "it is an old-style Excel file (.xls).",
            [
                Problem(
                    "Open it in Excel and use Save As to save it as .xlsx or CSV UTF-8.",
                    file=str(path),
                )
            ],
        )
    if sort == "broken_zip":
        raise refuse(
            path,
            "it looks like an Excel file, but it is damaged or was not saved completely.",
            [
                Problem(
                    "Open it in Excel (it may offer to repair it) and save it again.",
                    file=str(path),
                )
            ],
        )
    if sort in _OTHER_FILES:
        raise refuse(
            path,
            _OTHER_FILES[sort],
            [
                Problem(
                    "Copy the table into Excel and save it as .xlsx or CSV UTF-8.", file=str(path)
                )
            ],
        )
    if sort != "text":
        raise refuse(
            path,
            "it is not a spreadsheet or a CSV file.",
            [
                Problem(
                    "Choose a .csv or .xlsx file with one row of column names at the top.",
                    file=str(path),
                )
            ],
        )
    data = path.read_bytes()
    if not data[:65536].strip(b"\xef\xbb\xbf \t\r\n,;"):
        raise refuse(
            path,
            "the file is empty.",
            [Problem("Save your data into it and try again.", file=str(path))],
        )
    return _read_csv_cells(path, data, kind)
