"""Typing the columns: raw cells become dates, numbers, yes/no and choices.

Vectorised: each distinct value is parsed once. Unreadable cells are collected with their
reasons, not raised, so the table still loads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from .kinds import Column, TableKind
from .parsers import (
    BASE_UNIT,
    COUNT_WORDS,
    UNIT_LABELS,
    UNITS,
    parse_month,
    parse_quantity,
    parse_uk_date,
    quote_cell,
    slash_date_order,
)
from .reading import RawCells, is_filled, refuse, rows_text

if TYPE_CHECKING:  # pandas is imported on use: ``import helpers`` must stay fast
    import pandas as pd


MAX_CELL_CHARS = 10_000  # longer text cells are cut (a whole file pasted into one cell)


_TOTAL_WORDS = re.compile(r"^\s*(grand\s+)?(totals?|sum|average|mean|overall|all)\b[\s:]*", re.I)


@dataclass
class TypedCells:
    """Typed columns, the cells that could not be read, and notes for the learner."""

    frame: pd.DataFrame
    bad: list[tuple[int, str, str]]  # (row, column, reason) for cells that could not be read
    notes: list[Problem]


def _map_each_value(series: pd.Series, fn: Callable[[Any], Any]) -> Any:
    """``fn`` applied to each distinct value once (big files repeat dates and channels a lot)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[:-1] = [fn(value) for value in uniques]
    mapped[-1] = None
    return mapped[codes]


def _cell_text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else str(value)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip() or None


def _as_text(series: pd.Series) -> pd.Series:
    """Cells as stripped text with blanks as missing (numbers from XLSX become text too)."""
    import pandas as pd

    if isinstance(series.dtype, pd.StringDtype):  # big files: stay vectorised
        stripped = series.str.strip()
        return stripped.mask(stripped.eq(""))
    return pd.Series(_map_each_value(series, _cell_text), index=series.index, dtype="string")


def _parse_each_value(
    series: pd.Series, parse: Callable[[Any], Any], dtype: Any = "object"
) -> tuple[pd.Series, dict[int, str]]:
    """Apply ``parse`` to each distinct value once; errors keyed by the learner's row number."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    parsed: list[Any] = []
    reasons: dict[int, str] = {}
    for position, value in enumerate(uniques):
        try:
            parsed.append(parse(value))
        except ValueError as error:
            parsed.append(None)
            reasons[position] = str(error)
    parsed.append(None)  # code -1 (a blank cell) picks this
    if dtype == "datetime64[s]":
        table: Any = pd.to_datetime(pd.Series(parsed, dtype=object)).astype(dtype).to_numpy()
    elif dtype == "float64":
        table = np.asarray(parsed, dtype="float64")
    else:
        table = pd.array(parsed, dtype=dtype)
    values = pd.Series(table[codes], index=series.index, dtype=dtype)
    errors: dict[int, str] = {}
    if reasons:
        bad = np.isin(codes, list(reasons))
        for row, code in zip(series.index[bad], codes[bad], strict=True):
            errors[int(row)] = reasons[int(code)]
    return values, errors


def _type_dates(series: pd.Series, col: Column) -> tuple[pd.Series, dict[int, str]]:
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(series):
        typed = series.dt.tz_localize(None) if series.dt.tz is not None else series
        typed = (
            typed.dt.to_period("M").dt.to_timestamp()
            if col.type == "month"
            else typed.dt.normalize()
        )
        return typed.astype("datetime64[s]"), {}
    if pd.api.types.is_numeric_dtype(series):  # the fast reader saw numbers: read as written
        series = _as_text(series)
    parse = parse_month if col.type == "month" else parse_uk_date
    return _parse_each_value(series, parse, "datetime64[s]")


def _us_style_column(series: pd.Series) -> tuple[int, str] | None:
    """(row, value) of a month-first date when a whole column is written US style."""
    import pandas as pd

    uniques = pd.unique(series.dropna())
    orders = {slash_date_order(str(v)) for v in uniques if isinstance(v, str) and "/" in v}
    if "month_first" not in orders or "day_first" in orders:
        return None
    for row, value in series.items():
        if isinstance(value, str) and slash_date_order(value) == "month_first":
            return int(str(row)), value
    return None


def _type_numbers(series: pd.Series, col: Column) -> tuple[pd.Series, dict[int, str], list[str]]:
    """Numbers in the column's base unit; cells in other units of the same kind are converted."""
    import pandas as pd

    converted: set[str] = set()
    errors: dict[int, str] = {}
    if pd.api.types.is_datetime64_any_dtype(series):  # the fast reader saw dates: say so
        series = series.dt.strftime("%Y-%m-%d").astype(object)
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return _drop_huge(series.astype("float64"), series, errors), errors, []
    fast = pd.to_numeric(
        series.where(~series.map(lambda v: isinstance(v, bool)))
        if series.dtype == object
        else series,
        errors="coerce",
    ).astype("float64")
    todo = fast.isna() & series.notna()
    if todo.any():

        def parse(value: Any) -> float | None:
            number, unit = parse_quantity(value)
            if number is None or unit is None or unit in COUNT_WORDS:
                return number
            return _convert_unit(number, unit, col, value, converted)

        values, errors = _parse_each_value(series[todo], parse, "float64")
        fast.loc[todo] = values
    return _drop_huge(fast, series, errors), errors, sorted(converted)


HUGE = 1e15  # no real monthly figure is this big; beyond it whole-number types overflow


def _drop_huge(values: pd.Series, raw: pd.Series, errors: dict[int, str]) -> pd.Series:
    """Blank infinite or absurdly big numbers, noting each one as an unreadable cell."""
    import numpy as np

    numbers = values.to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        huge = ~np.isnan(numbers) & ~(np.abs(numbers) < HUGE)  # inf is not < HUGE either
    if not huge.any():
        return values
    for row in values.index[huge]:
        errors[int(row)] = f"{quote_cell(raw[row])} is too big to be a real figure."
    return values.mask(huge)


def _convert_unit(number: float, unit: str, col: Column, raw: Any, converted: set[str]) -> float:
    dimension, factor = UNITS[unit]
    if col.type == "percent":
        if dimension == "percent":
            return number
        raise ValueError(f"{quote_cell(raw)} should be a percentage.")
    expected = BASE_UNIT.get(col.unit or "")
    if dimension == expected:
        if factor != 1.0:
            converted.add(unit)
        return number * factor
    wanted = f" (this column is in {UNIT_LABELS.get(col.unit, col.unit)})" if col.unit else ""
    raise ValueError(f"{quote_cell(raw)} has a unit that does not fit this column{wanted}.")


_YES = frozenset({"yes", "y", "true", "1", "ticked", "x"})
_NO = frozenset({"no", "n", "false", "0"})


def _parse_yes_no(value: Any) -> bool | None:
    if value is None:
        return None
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"{quote_cell(value)} should be yes or no.")


def _parse_choice(col: Column) -> Callable[[Any], str | None]:
    def parse(value: Any) -> str | None:
        if value is None:
            return None
        text = re.sub(r"\s+", " ", str(value).strip().lower())
        for choice in col.choices:
            if text == choice or text == choice + "s":
                return choice
        return text  # pandera's isin check reports it with the allowed values

    return parse


def _type_column(series: pd.Series, col: Column) -> tuple[pd.Series, dict[int, str], list[str]]:

    if col.type in ("month", "date"):
        typed, errors = _type_dates(series, col)
        return typed, errors, []
    if col.type in ("count", "number", "percent", "score"):
        return _type_numbers(series, col)
    text = _as_text(series)
    if col.type == "yesno":
        values, errors = _parse_each_value(text, _parse_yes_no, "boolean")
        return values, errors, []
    if col.type == "choice":
        values, errors = _parse_each_value(text, _parse_choice(col), "string")
        return values, errors, []
    return text, {}, []


def _drop_blank_and_total_rows(raw: RawCells, kind: TableKind, path: Path) -> pd.DataFrame:
    import pandas as pd

    cells = raw.cells
    if cells.empty:
        return cells
    if all(dtype.kind == "O" for dtype in cells.dtypes):
        blank = cells.map(lambda v: not is_filled(v)).all(axis=1)
        cells = cells[~blank]
    first_text = [c for c in kind.columns if c.type in ("month", "date", "text", "id", "choice")]
    keys = [c.name for c in first_text if c.name in cells]
    if not keys or cells.empty or cells[keys[0]].dtype.kind in "Mmfiub":
        return cells  # a date or number column cannot say "Total"
    looks_total = _map_each_value(
        cells[keys[0]], lambda v: isinstance(v, str) and bool(_TOTAL_WORDS.match(v))
    )
    totals = pd.Series(looks_total, index=cells.index, dtype=bool)
    if totals.any():
        rows = [int(r) for r in cells.index[totals.to_numpy(dtype=bool)]]
        raw.notes.append(
            Problem(
                f"{rows_text(rows)} looked like a total or average row and "
                f"{'were' if len(rows) > 1 else 'was'} left out, so nothing is counted twice.",
                file=str(path),
                row=rows[0],
                column=raw.headers.get(keys[0]),
            )
        )
        cells = cells[~totals.to_numpy(dtype=bool)]
    return cells


def _cut_huge_cells(frame: pd.DataFrame, raw: RawCells, kind: TableKind, path: Path) -> None:
    for col in kind.columns:
        if col.name not in frame or col.type not in ("text", "id"):
            continue
        series = frame[col.name]
        longest = max((len(str(v)) for v in series.dropna().unique()), default=0)
        if longest <= MAX_CELL_CHARS:
            continue
        lengths = series.str.len()
        huge = lengths > MAX_CELL_CHARS
        if huge.fillna(False).any():
            rows = [int(r) for r in series.index[huge.fillna(False).to_numpy(dtype=bool)]]
            frame.loc[huge.fillna(False), col.name] = series[huge.fillna(False)].str.slice(
                0, MAX_CELL_CHARS
            )
            raw.notes.append(
                Problem(
                    f"A very long cell ({int(lengths.max()):,} characters) was cut to its first "
                    f"{MAX_CELL_CHARS:,} characters.",
                    file=str(path),
                    row=rows[0],
                    column=raw.headers[col.name],
                    fix="Check that a whole file was not pasted into one cell.",
                )
            )


def type_cells(raw: RawCells, kind: TableKind, path: Path) -> TypedCells:
    """Every known column typed; blank and total rows left out, huge cells cut."""
    import pandas as pd

    cells = _drop_blank_and_total_rows(raw, kind, path)
    columns: dict[str, pd.Series] = {}
    bad: list[tuple[int, str, str]] = []
    for col in kind.columns:
        if col.name not in cells:
            continue
        series = cells[col.name]
        if col.type in ("month", "date"):
            us = _us_style_column(series)
            if us is not None:
                raise refuse(
                    path,
                    "its dates are written month first (US style), so a date like 03/04/2025 "
                    "could mean 3 April or 4 March.",
                    [
                        Problem(
                            f"{quote_cell(us[1])} can only be month first.",
                            file=str(path),
                            row=us[0],
                            column=raw.headers[col.name],
                            fix="Change the dates to day first (25/12/2024) or write them as "
                            "2024-12-25, then try again.",
                        )
                    ],
                )
        typed, errors, converted = _type_column(series, col)
        columns[col.name] = typed
        bad += [(row, col.name, reason) for row, reason in errors.items()]
        if converted:
            raw.notes.append(
                Problem(
                    f"Some cells were in {', '.join(UNIT_LABELS.get(u, u) for u in converted)}; "
                    f"they were converted to {UNIT_LABELS.get(col.unit or '', col.unit)}.",
                    file=str(path),
                    column=raw.headers[col.name],
                )
            )
    frame = pd.DataFrame(columns, index=cells.index, copy=False)
    frame.index.name = "row"
    _fix_fraction_percentages(frame, kind, raw, path, _with_percent_signs(cells, kind))
    _cut_huge_cells(frame, raw, kind, path)
    return TypedCells(frame, bad, raw.notes)


def _with_percent_signs(cells: pd.DataFrame, kind: TableKind) -> set[str]:
    """Percent columns where some cell was written with a % sign (so 0.5 means 0.5 %)."""
    found = set()
    for col in kind.columns:
        if col.type == "percent" and col.name in cells and cells[col.name].dtype.kind in "OUST":
            values = _unique_text(cells[col.name])
            if any("%" in value for value in values):
                found.add(col.name)
    return found


def _unique_text(series: pd.Series) -> list[str]:
    """The distinct non-blank cells of a column, as text."""
    return [str(v) for v in series.dropna().unique()]


def _fix_fraction_percentages(
    frame: pd.DataFrame, kind: TableKind, raw: RawCells, path: Path, signed: set[str]
) -> None:
    """A percent column holding only 0-1 values with decimals (0.45) is taken as fractions,
    unless its cells were written with a % sign."""
    for col in kind.columns:
        if col.type != "percent" or col.name not in frame or col.name in signed:
            continue
        values = frame[col.name].dropna()
        if len(values) and values.between(0, 1).all() and (values % 1 != 0).any():
            frame[col.name] = frame[col.name] * 100
            raw.notes.append(
                Problem(
                    "The values look like fractions (like 0.45), so they were read as percentages (45%).",
                    file=str(path),
                    column=raw.headers[col.name],
                )
            )
