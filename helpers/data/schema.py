"""The checks of each kind as a pandera schema, and its failures turned into Problems.

A failure names the row as the learner sees it, the column as written in their file, and
what to do; a bad measure cell is blanked, a row without a usable key is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from .columns import TypedCells
from .kinds import Column, TableKind
from .parsers import quote_cell
from .reading import RawCells

if TYPE_CHECKING:  # pandas is imported on use: ``import helpers`` must stay fast
    import pandas as pd


PROBLEMS_PER_CHECK = 20  # after this many rows with one problem, the rest are counted


_CHECK_MESSAGES: dict[str, tuple[str, str]] = {
    # check name -> (message about the value, what to do)
    "not_negative": ("{value} is below zero, and this cannot be negative.", "Correct the number."),
    "whole_number": ("{value} should be a whole number.", "Correct the number."),
    "percent_range": (
        "{value} is not a percentage between 0 and 100.",
        "Write percentages like 45 or 45%.",
    ),
    "score_range": ("{value} is outside the scale {low} to {high}.", "Use a score on that scale."),
    "choice": ("{value} is not one of: {choices}.", "Use one of those words."),
    "plausible_date": (
        "{value} has a year before 2000 or after 2100.",
        "Check the year.",
    ),
    "required": ("is empty, but every row needs it.", "Fill it in."),
    "unique": (
        "repeats {value}, which appears in an earlier row; this row was left out.",
        "Delete one of the two rows or correct it.",
    ),
    "resolved_after_received": (
        "the date resolved is before the date received; the date resolved was left blank.",
        "Check the two dates.",
    ),
}


def _column_checks(col: Column) -> list[Any]:
    import pandas as pd
    import pandera.pandas as pa

    checks: list[Any] = []
    if col.type in ("count", "number", "score"):
        checks.append(pa.Check(lambda s: s >= 0, name="not_negative", ignore_na=True))
    if col.type in ("count", "score"):
        checks.append(pa.Check(lambda s: s % 1 == 0, name="whole_number", ignore_na=True))
    if col.type == "percent":
        checks.append(pa.Check(lambda s: s.between(0, 100), name="percent_range", ignore_na=True))
    if col.type == "score":
        low, high = col.low, col.high
        checks.append(pa.Check(lambda s: s.between(low, high), name="score_range", ignore_na=True))
    if col.type == "choice":
        allowed = list(col.choices)
        checks.append(pa.Check(lambda s: s.isin(allowed), name="choice", ignore_na=True))
    if col.type in ("date", "month"):
        low_date, high_date = pd.Timestamp("2000-01-01"), pd.Timestamp("2100-12-31")
        checks.append(
            pa.Check(
                lambda s: s.between(low_date, high_date), name="plausible_date", ignore_na=True
            )
        )
    return checks


def schema_for(kind: TableKind, present: Sequence[str]) -> Any:
    """The pandera schema of ``kind`` for the columns present in a learner's file."""
    import pandera.pandas as pa

    columns = {
        col.name: pa.Column(
            checks=_column_checks(col),
            nullable=not col.required,
            required=False,
            name=col.name,
        )
        for col in kind.columns
        if col.name in present
    }
    frame_checks = []
    if "date_received" in present and "date_resolved" in present:
        frame_checks.append(
            pa.Check(
                lambda df: (
                    df["date_resolved"].isna() | (df["date_resolved"] >= df["date_received"])
                ),
                name="resolved_after_received",
            )
        )
    key = [k for k in kind.key if k in present]
    return pa.DataFrameSchema(
        columns,
        checks=frame_checks,
        unique=key if len(key) == len(kind.key) and key else None,
        report_duplicates="exclude_first",
    )


@dataclass
class _Failure:
    row: int
    column: str
    check: str
    value: Any


def _failures(frame: pd.DataFrame, kind: TableKind) -> list[_Failure]:
    import pandera.pandas as pa

    schema = schema_for(kind, list(frame.columns))
    try:
        schema.validate(frame, lazy=True, inplace=True)  # no coercion: inplace skips a copy
    except pa.errors.SchemaErrors as error:
        return _failures_from_cases(error.failure_cases, frame, kind)
    return []


def _failures_from_cases(
    cases: pd.DataFrame, frame: pd.DataFrame, kind: TableKind
) -> list[_Failure]:
    found: dict[tuple[int, str, str], _Failure] = {}
    for case in cases.itertuples(index=False):
        check = str(case.check)
        if case.index is None or case.index != case.index:
            continue
        row = int(str(case.index))
        if check == "multiple_fields_uniqueness":
            check, column = "unique", kind.key[0]
        elif check == "not_nullable":
            check, column = "required", str(case.column)
        elif check == "resolved_after_received":
            column = "date_resolved"
        else:
            column = str(case.column)
        value = (
            frame.at[row, column] if row in frame.index and column in frame else case.failure_case
        )
        found.setdefault((row, column, check), _Failure(row, column, check, value))
    return sorted(found.values(), key=lambda f: (f.row, f.column))


def _show(value: Any, col: Column) -> str:
    if value is None or str(value) in ("NaT", "<NA>", "nan", "None"):
        return "(empty)"
    if hasattr(value, "strftime"):
        return value.strftime("%b %Y" if col.type == "month" else "%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return quote_cell(value)


def _problem_for(
    failure: _Failure, kind: TableKind, raw: RawCells, path: Path, frame: pd.DataFrame
) -> Problem:
    col = kind.column(failure.column)
    template, fix = _CHECK_MESSAGES.get(
        failure.check, ("{value} failed the check " + failure.check, "")
    )
    value = failure.value
    if failure.check == "unique":
        value = " and ".join(_show(frame.at[failure.row, k], kind.column(k)) for k in kind.key)
    message = template.format(
        value=value if failure.check == "unique" else _show(value, col),
        low=_num(col.low),
        high=_num(col.high),
        choices=", ".join(col.choices),
    )
    kept = failure.column in kind.key or col.required or failure.check == "unique"
    if not kept and failure.check not in ("resolved_after_received",):
        message += " The cell was left blank."
    elif failure.check != "unique" and failure.check != "resolved_after_received":
        message += " This row was left out."
    return Problem(
        message, file=str(path), row=failure.row, column=raw.headers.get(failure.column), fix=fix
    )


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _cell_problem(
    row: int, column: str, reason: str, kind: TableKind, raw: RawCells, path: Path
) -> Problem:
    col = kind.column(column)
    dropped = col.required or column in kind.key
    what = "This row was left out." if dropped else "The cell was left blank."
    fix = {
        "month": "Write months like Jan-25 or 2025-01.",
        "date": "Write dates like 25/12/2024.",
    }.get(col.type, "Write a plain number, like 1234 or 1,234.")
    if col.type in ("yesno", "choice"):
        fix = "Correct the cell."
    return Problem(f"{reason} {what}", file=str(path), row=row, column=raw.headers[column], fix=fix)


def cap_problems(problems: list[tuple[str, Problem]]) -> list[Problem]:
    """At most a few problems of each sort, then one line counting the rest."""
    counts: dict[str, int] = {}
    kept: list[Problem] = []
    extra: dict[str, tuple[int, Problem]] = {}
    for sort, problem in problems:
        counts[sort] = counts.get(sort, 0) + 1
        if counts[sort] <= PROBLEMS_PER_CHECK:
            kept.append(problem)
        else:
            number, first = extra.get(sort, (0, problem))
            extra[sort] = (number + 1, first)
    for number, first in extra.values():
        kept.append(
            Problem(
                f"…and {number:,} more rows with the same kind of problem.",
                file=first.file,
                column=first.column,
            )
        )
    return kept


def validate(
    typed: TypedCells, kind: TableKind, raw: RawCells, path: Path
) -> tuple[pd.DataFrame, list[tuple[str, Problem]]]:
    """Blank unreadable cells, run the pandera schema, then drop or blank what failed."""
    import numpy as np

    frame = typed.frame
    drop: set[int] = set()
    problems: list[tuple[str, Problem, int]] = []
    for row, column, reason in typed.bad:
        problems.append(
            (f"cell:{column}", _cell_problem(row, column, reason, kind, raw, path), row)
        )
        if kind.column(column).required or column in kind.key:
            drop.add(row)
    for failure in _failures(frame, kind):
        if failure.check == "required" and any(
            b[0] == failure.row and b[1] == failure.column for b in typed.bad
        ):
            continue  # already reported as unreadable
        problem = _problem_for(failure, kind, raw, path, frame)
        problems.append((f"{failure.check}:{failure.column}", problem, failure.row))
        col = kind.column(failure.column)
        if failure.check == "unique" or col.required or failure.column in kind.key:
            drop.add(failure.row)
        else:
            frame.at[failure.row, failure.column] = (
                np.nan if col.type not in ("date", "month") else None
            )
    order = {col.name: n for n, col in enumerate(kind.columns)}
    problems.sort(key=lambda p: (p[2], order.get(_column_of(p[1], raw) or "", len(order))))
    if drop:
        frame = frame.drop(index=sorted(drop))
    return frame, [(sort, problem) for sort, problem, _ in problems]


def _column_of(problem: Problem, raw: RawCells) -> str | None:
    """The canonical column a problem is about (problems name the learner's heading)."""
    return next((name for name, label in raw.headers.items() if label == problem.column), None)
