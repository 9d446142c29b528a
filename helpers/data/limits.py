"""Bounded reading: how much one data file may make us read, checked before the real reading.

A learner's file is untrusted input to every tool that reads it, the tutor's included. A 2 KB
XLSX can merge ten million cells, or hold one cell at XFD1048576, and openpyxl would then build
every cell in between (gigabytes, minutes). So each worksheet's XML is first streamed through
expat, with no tree built, counting the cells openpyxl would make: the bounding box of the written
cells (openpyxl's ``iter_rows`` visits every cell from A1 to the last one) and the merged ranges
(openpyxl makes a cell object for each cell of each range). The ``<dimension>`` element is not
trusted: it is optional and may say anything.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.parsers import expat

from ..errors import DataError

MAX_CELLS = 1_000_000  # cells in one spreadsheet: a 100,000-row log of ten columns
MAX_CSV_CELLS = 30_000_000  # cells a CSV file may split into (the careful reader)
MAX_COLUMNS = 1_000  # cells in one row of a CSV file
MAX_XML_BYTES = 400 * 1024 * 1024  # uncompressed sheet XML, all sheets together
_CHUNK = 1 << 20
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


class DataTooLargeError(DataError):
    """A data file holds more cells than may be read; ``cells`` is the limit it went over."""

    def __init__(self, path: Path, cells: int, unit: str = "cells", fix: str = "") -> None:
        self.path, self.cells = Path(path), cells
        fix = fix or "Save a copy with only the months you need."
        super().__init__(
            f'The file "{self.path.name}" is too large to read: it has more than {cells:,} '
            f"{unit}. {fix}"
        )


class _Overflow(Exception):
    """Raised inside the expat handler to stop reading as soon as the limit is passed."""


def _cell(ref: str) -> tuple[int, int] | None:
    """``"AB12"`` -> ``(12, 28)`` (row, column); ``None`` for text that is not a reference."""
    match = _REF.fullmatch(ref.strip())
    if match is None:
        return None
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


class _SheetCount:
    """Expat start-element handler that keeps the counts of one worksheet."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.row = self.column = 0  # where the next cell without an "r" goes
        self.last_row = self.last_column = 0
        self.merged = self.written = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = tag[tag.find(":") + 1 :]  # "x:c" is a cell too: any prefix counts the same
        if name == "row":
            at = attrs.get("r", "")
            self.row = int(at) if at.isdigit() else self.row + 1
            self.column = 0
        elif name == "c":
            self.written += 1  # the same cell written over and over costs time as well
            place = _cell(attrs.get("r", "")) or (self.row, self.column + 1)
            self.row, self.column = place
            self._reach(*place)
        elif name == "mergeCell":
            self._merge(attrs.get("ref", ""))

    def _reach(self, row: int, column: int) -> None:
        self.last_row, self.last_column = max(self.last_row, row), max(self.last_column, column)
        if max(self.last_row * self.last_column, self.written) > self.limit:
            raise _Overflow

    def _merge(self, ref: str) -> None:
        first, _, last = ref.partition(":")
        start, end = _cell(first), _cell(last or first)
        if start is None or end is None:
            return
        rows, columns = abs(end[0] - start[0]) + 1, abs(end[1] - start[1]) + 1
        self.merged += rows * columns
        if self.merged > self.limit:
            raise _Overflow
        self._reach(max(start[0], end[0]), max(start[1], end[1]))


def _refuse_doctype(*_: object) -> None:
    raise expat.ExpatError("a document type declaration is not allowed in a spreadsheet")


def _count_member(archive: zipfile.ZipFile, name: str, limit: int, budget: int) -> int:
    """Stream one member through expat; raise :class:`_Overflow` past the limits. Returns the
    bytes read, so the caller can keep a budget over all sheets."""
    counter = _SheetCount(limit)
    parser = expat.ParserCreate()  # no namespace processing: a third faster, prefixes cut above
    parser.StartElementHandler = counter.start
    parser.StartDoctypeDeclHandler = _refuse_doctype
    read = 0
    with archive.open(name) as member:
        while block := member.read(_CHUNK):
            read += len(block)
            if read > budget:
                raise _Overflow
            parser.Parse(block, False)
        parser.Parse(b"", True)
    return read


def check_xlsx_size(path: Path, limit: int = MAX_CELLS) -> None:
    """Raise :class:`DataTooLargeError` if any sheet of the workbook would make openpyxl build
    more than ``limit`` cells. Parts that are not well-formed XML are left to openpyxl, which
    refuses them with its own reason."""
    budget = MAX_XML_BYTES
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir():  # every part: a sheet's name need not end in .xml
                    continue
                try:
                    budget -= _count_member(archive, info.filename, limit, budget)
                except (expat.ExpatError, ValueError):
                    continue  # not XML we can read: openpyxl decides
    except _Overflow:
        raise DataTooLargeError(path, limit) from None
    except (OSError, zipfile.BadZipFile, NotImplementedError, RuntimeError):
        return  # damaged or encrypted: openpyxl gives the learner the reason
