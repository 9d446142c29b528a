"""Reading a learner's table end to end: raw cells, typed columns, checks, one result."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataError, Problem
from .columns import type_cells
from .headers import normalise_header
from .kinds import KINDS, TableKind, column_words
from .reading import read_cells, refuse
from .schema import cap_problems, validate

if TYPE_CHECKING:  # pandas is imported on use: ``import helpers`` must stay fast
    import pandas as pd


@dataclass
class LoadedTable:
    """A learner's table: canonical columns and dtypes, plus every problem found on the way.

    ``frame`` is indexed by the row number the learner sees in their spreadsheet (named "row").
    ``headers`` maps each canonical column to the column name as written in the file.
    """

    frame: pd.DataFrame
    problems: list[Problem]
    path: Path
    kind: str
    rows_read: int
    headers: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None

    def summary(self) -> str:
        """A few lines for the learner: rows used, date range, columns found."""
        lines = [
            f"{self.path.name}: {len(self.frame):,} rows used out of {self.rows_read:,} read "
            f"({KINDS[self.kind].title.lower()})."
        ]
        if self.sheet:
            lines.append(f'Sheet read: "{self.sheet}".')
        span = date_range(self.frame, KINDS[self.kind])
        if span:
            lines.append(f"Dates from {span[0]} to {span[1]}.")
        found = ", ".join(
            column_words(name)
            if normalise_header(self.headers[name]) == name
            else f'{column_words(name)} ("{self.headers[name]}")'
            for name in self.headers
        )
        lines.append(f"Columns found: {found}.")
        if self.problems:
            lines.append(f"{len(self.problems)} thing(s) to check; see the list below.")
        return "\n".join(lines)


def date_range(frame: pd.DataFrame, kind: TableKind) -> tuple[str, str] | None:
    """The first and last date (or month) in the table's first date-like column, as text."""
    for col in kind.columns:
        if col.type in ("month", "date") and col.name in frame and frame[col.name].notna().any():
            fmt = "%b %Y" if col.type == "month" else "%d/%m/%Y"
            values = frame[col.name].dropna()
            return values.min().strftime(fmt), values.max().strftime(fmt)
    return None


def read_table(path: str | Path, kind: str) -> LoadedTable:
    """Read a learner's CSV or XLSX file as a table of ``kind`` (a key of :data:`KINDS`).

    Returns a :class:`LoadedTable` whose ``problems`` list rows left out and cells left blank.
    Raises :class:`DataError` listing every problem when the file cannot be used at all.
    """
    if kind not in KINDS:
        raise DataError(f'"{kind}" is not a kind of table. Use one of: {", ".join(KINDS)}.')
    table_kind = KINDS[kind]
    file = Path(path)
    raw = read_cells(file, table_kind)
    missing = [name for name in table_kind.required if name not in raw.headers]
    if missing:
        found = ", ".join(f'"{h}"' for h in raw.headers.values()) or "none"
        raise refuse(
            file,
            "some columns it needs are missing.",
            [
                Problem(
                    f'There is no "{name}" column (recognised columns: {found}).',
                    file=str(file),
                    column=name,
                    fix="Add the column or rename yours to this name.",
                )
                for name in missing
            ],
        )
    typed = type_cells(raw, table_kind, file)
    rows_read = len(typed.frame)
    if rows_read == 0:
        raise refuse(
            file,
            "it has column names but no rows of data under them.",
            [Problem("Add your data under the column names.", file=str(file))],
        )
    frame, sorted_problems = validate(typed, table_kind, raw, file)
    problems = typed.notes + cap_problems(sorted_problems)
    if frame.empty:
        raise refuse(file, f"none of its {rows_read:,} rows could be used.", problems)
    frame = _final_dtypes(frame, table_kind)
    return LoadedTable(frame, problems, file, kind, rows_read, raw.headers, raw.sheet)


def _final_dtypes(frame: pd.DataFrame, kind: TableKind) -> pd.DataFrame:
    """Whole-number columns become nullable integers; the rest keep their types."""
    for col in kind.columns:
        if col.name in frame and col.type in ("count", "score"):
            frame[col.name] = frame[col.name].round().astype("Int64")
    ordered = [c.name for c in kind.columns if c.name in frame]
    return frame[ordered]
