"""Load and check the reference files in ``data/reference/`` (emission factors, legislation, ...).

Reference files are data a tutor may edit or replace, so every row is checked against a
pydantic row model. A bad row is reported by file, spreadsheet row number (the header is row 1)
and column, with what is wrong; all problems are listed together in one
:class:`~helpers.errors.ReferenceDataError`.

Use :func:`load_reference` with your own row model for a new reference file::

    class LawRow(ReferenceRow):
        key: str
        title: str
        year: int

    frame = load_reference("legislation", LawRow, unique="key")
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from helpers.errors import Problem, ReferenceDataError
from helpers.paths import REFERENCE_DIR

if TYPE_CHECKING:
    import pandas as pd

FACTORS_ENV = "COURSEWORK_FACTORS"


class ReferenceRow(BaseModel):
    """Base for reference row models: strips spaces; extra columns are allowed and kept."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="allow")


def reference_path(name_or_path: str | os.PathLike[str]) -> Path:
    """``"emission_factors"`` -> ``data/reference/emission_factors.csv``; a path stays a path."""
    text = os.fspath(name_or_path)
    if any(sep in text for sep in ("/", "\\")) or Path(text).suffix:
        return Path(text).expanduser()
    return REFERENCE_DIR / f"{text}.csv"


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV reference file as dicts of text; raises ReferenceDataError if unreadable."""
    name = path.name
    if not path.is_file():
        raise ReferenceDataError(
            f"The reference file {name} was not found at {path}. "
            "Check the file name, or ask your tutor for a copy."
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    reader = csv.DictReader(io.StringIO(text))
    rows = [row for row in reader if any((value or "").strip() for value in row.values())]
    if not reader.fieldnames or not rows:
        raise ReferenceDataError(
            f"The reference file {name} has no rows. It needs a header row and at least one row "
            "of data."
        )
    return rows


def _plain_error(error: dict[str, Any]) -> str:
    """A pydantic error turned into words a tutor can act on."""
    kind = error.get("type", "")
    value = error.get("input")
    if kind == "missing" or value in ("", None):
        return "is empty; fill it in."
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type"}:
        return f'should be a number but says "{value}".'
    if kind in {"greater_than_equal", "greater_than"}:
        limit = error.get("ctx", {}).get("ge", error.get("ctx", {}).get("gt"))
        shown = f"{limit:g}" if isinstance(limit, float) else limit
        return f"is {value}, which is too small (it must be at least {shown})."
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        return f'says "{value}", but must be one of {allowed}.'
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    return message[0].lower() + message[1:] + ("" if message.endswith(".") else ".")


def _missing_columns(path: Path, rows: list[dict[str, str]], model: type[BaseModel]) -> list[str]:
    required = [name for name, field in model.model_fields.items() if field.is_required()]
    present = {(key or "").strip() for key in rows[0]}
    return [name for name in required if name not in present]


def validate_rows(
    path: Path, rows: list[dict[str, str]], model: type[BaseModel], unique: str | None = None
) -> tuple[list[BaseModel], list[Problem]]:
    """Check every row; return the good rows and a problem per bad cell (file, row, column)."""
    name = path.name
    missing = _missing_columns(path, rows, model)
    if missing:
        columns = ", ".join(f'"{column}"' for column in missing)
        return [], [
            Problem(
                f"the header row has no column {columns}.",
                file=name,
                row=1,
                fix="Add the column, spelt exactly like that.",
            )
        ]
    good: list[BaseModel] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        cleaned = {(key or "").strip(): value for key, value in row.items() if key}
        try:
            item = model.model_validate(cleaned)
        except ValidationError as error:
            for detail in error.errors():
                location = detail.get("loc") or ()
                column = str(location[0]) if location else None
                problems.append(Problem(_plain_error(dict(detail)), name, number, column))
            continue
        if unique:
            key = str(getattr(item, unique))
            if key in seen:
                problems.append(
                    Problem(f'repeats "{key}" from row {seen[key]}.', name, number, unique)
                )
                continue
            seen[key] = number
        good.append(item)
    return good, problems


def load_reference(
    name_or_path: str | os.PathLike[str], model: type[BaseModel], unique: str | None = None
) -> pd.DataFrame:
    """Read a reference CSV, check every row against ``model`` and return it as a frame.

    Raises :class:`ReferenceDataError` listing every bad row (file, row, column, what is wrong).
    """
    import pandas as pd

    path = reference_path(name_or_path)
    good, problems = validate_rows(path, read_rows(path), model, unique)
    if problems:
        raise ReferenceDataError(
            f"The reference file {path.name} has {len(problems)} problem(s). "
            "Correct these rows, save the file and run the cell again:",
            problems,
        )
    return pd.DataFrame([item.model_dump() for item in good])


# --- Emission factors --------------------------------------------------------------------------


class EmissionFactorRow(ReferenceRow):
    """One activity's greenhouse-gas factor in kg CO2e per unit, with a low-central-high range."""

    key: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$")
    activity: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    low: float = Field(ge=0)
    central: float = Field(ge=0)
    high: float = Field(ge=0)
    scope: Literal["1", "2", "3"]
    source: str = Field(min_length=1)
    year: int = Field(ge=1990, le=2100)
    notes: str = ""

    @model_validator(mode="after")
    def _range_in_order(self) -> EmissionFactorRow:
        if not self.low <= self.central <= self.high:
            raise ValueError(
                f"low ({self.low}), central ({self.central}) and high "
                f"({self.high}) must be in that order, smallest first"
            )
        return self


def emission_factors_path(path: str | os.PathLike[str] | None = None) -> Path:
    """``path``, else ``$COURSEWORK_FACTORS``, else the project's ``emission_factors.csv``."""
    if path is not None:
        return Path(path).expanduser()
    env = os.environ.get(FACTORS_ENV)
    if env:
        return Path(env).expanduser()
    return REFERENCE_DIR / "emission_factors.csv"


def load_factor_table(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Every row of the emission factors file, checked: a key may have one row per year
    (one for each factor set), never two for the same year."""
    import pandas as pd

    source = emission_factors_path(path)
    rows = read_rows(source)
    good, problems = validate_rows(source, rows, EmissionFactorRow)
    seen: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows, start=2):
        cleaned = {(key or "").strip(): (value or "").strip() for key, value in row.items() if key}
        pair = (cleaned.get("key", ""), cleaned.get("year", ""))
        if pair[0] and pair in seen:
            problems.append(
                Problem(
                    f'repeats "{pair[0]}" for {pair[1]} from row {seen[pair]}.',
                    source.name,
                    number,
                    "key",
                )
            )
        seen.setdefault(pair, number)
    if problems:
        problems.sort(key=lambda problem: problem.row or 0)
        raise ReferenceDataError(
            f"The reference file {source.name} has {len(problems)} problem(s). "
            "Correct these rows, save the file and run the cell again:",
            problems,
        )
    return pd.DataFrame([item.model_dump() for item in good])


@dataclass(frozen=True)
class FactorSet:
    """The emission factors used for data from one year, and which set they come from.

    The UK Government publishes a set of conversion factors each year and asks that data from
    a year be counted with that year's set. ``year`` is the set used: the year of the data when
    the file has a set for it, else the nearest set (the later one on a tie). ``frame`` has one
    row per key, indexed by key; a key with no row for ``year`` uses its row nearest to it (for
    example a figure published once, such as a mobile call's).
    """

    wanted: int | None
    year: int
    set_years: tuple[int, ...]
    frame: pd.DataFrame

    @property
    def exact(self) -> bool:
        return self.wanted is None or self.wanted == self.year

    def describe(self) -> str:
        """A sentence for the learner and the assessor saying which set was used, and why."""
        borrowed = sorted(
            {int(y) for y in self.frame["year"] if int(y) in self.set_years and y != self.year}
        )
        return describe_factor_set(self.wanted, self.year, borrowed)


def describe_factor_set(wanted: int | None, year: int, borrowed: list[int] | None = None) -> str:
    """ "Emission factors: the UK Government's 2024 set, for data from 2024." and so on."""
    if wanted is None or wanted == year:
        when = f", for data from {year}" if wanted is not None else ""
        text = f"Emission factors: the UK Government's {year} set{when}."
    else:
        text = (
            f"Emission factors: the UK Government's {year} set. The factor file has no set for "
            f"{wanted}, so the nearest one ({year}) is used."
        )
    if borrowed:
        shown = " and ".join(str(y) for y in borrowed)
        text += f" Where the file has no {year} figure, the {shown} figure is used."
    return text


def set_years(table: pd.DataFrame) -> tuple[int, ...]:
    """The years that have a factor set: the years of the keys that have a row for several
    years; the latest year when no key does."""
    years = table.groupby("key")["year"].nunique()
    several = table.loc[table["key"].isin(years[years > 1].index), "year"]
    found = sorted({int(y) for y in several}) or [int(table["year"].max())]
    return tuple(found)


def nearest_year(wanted: int | None, years: tuple[int, ...]) -> int:
    """``wanted`` when it is in ``years``, else the nearest (later on a tie); the latest if None."""
    if wanted is None:
        return max(years)
    return min(years, key=lambda y: (abs(y - wanted), -y))


def factor_set(
    year: int | None = None,
    path: str | os.PathLike[str] | None = None,
    *,
    table: pd.DataFrame | None = None,
) -> FactorSet:
    """The factor set for data from ``year`` (the latest set when None); see :class:`FactorSet`."""
    rows = load_factor_table(path) if table is None else table
    years = set_years(rows)
    chosen = nearest_year(year, years)
    distance = (rows["year"].astype(int) - chosen).abs()
    # Per key: the row of the chosen year, else the nearest one (later on a tie).
    ordered = rows.assign(_distance=distance, _later=-rows["year"].astype(int)).sort_values(
        ["key", "_distance", "_later"], kind="stable"
    )
    best = ordered.drop_duplicates("key").drop(columns=["_distance", "_later"])
    order = {key: n for n, key in enumerate(dict.fromkeys(rows["key"]))}
    best = best.sort_values("key", key=lambda keys: keys.map(order), kind="stable")
    frame = best.assign(factor_set=chosen).set_index("key", drop=False)
    return FactorSet(year, chosen, years, frame)


def load_emission_factors(
    path: str | os.PathLike[str] | None = None, year: int | None = None
) -> pd.DataFrame:
    """The emission factors for data from ``year`` (latest set when None), checked, indexed by
    ``key`` (kg CO2e per ``unit``). Column ``factor_set`` names the set used.
    """
    return factor_set(year, path).frame
