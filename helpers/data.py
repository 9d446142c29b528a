"""Reading learners' data files: CSV or XLSX as real spreadsheets produce them.

:func:`read_table` turns a file into a :class:`LoadedTable` whose ``frame`` has the canonical
column names of one *kind* (see :data:`KINDS`) and proper dtypes. It copes with UTF-8 (with or
without a BOM) and Windows-1252 text, comma, semicolon or tab separators, title rows above the
column names, UK dates in many spellings, Excel date serials, thousands separators and units in
cells, blank and total rows, merged cells, and data that is not on an XLSX's first sheet.

The checks of each kind are a pandera schema. Every failure becomes a :class:`Problem` naming
the row as the learner sees it in their spreadsheet (the column-name row counts, so the first data
row under it is row 2), the column as written in *their* file, and what to do. A bad cell in a
measure column is left blank; a row without a usable key (month, date) is left out; the table
still loads and the problems are listed. Only a file that cannot be used at all raises
:class:`DataError`, with every problem listed together.

The small parsers (:func:`parse_number`, :func:`parse_quantity`, :func:`parse_uk_date`,
:func:`parse_month`) are pure and raise ``ValueError`` with a learner-facing reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import sys
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError, Problem

if TYPE_CHECKING:  # pandas is imported on use: ``import helpers`` must stay fast
    import pandas as pd

__all__ = [
    "KINDS",
    "Column",
    "TableKind",
    "LoadedTable",
    "read_table",
    "parse_number",
    "parse_quantity",
    "parse_uk_date",
    "parse_month",
    "normalise_header",
    "slash_date_order",
]

# ---------------------------------------------------------------------------------------------
# Kinds of table: the canonical columns and the words learners use for them
# ---------------------------------------------------------------------------------------------

# Column types: month, date, count (whole numbers >= 0), number (>= 0, optional unit),
# percent (0-100), score (whole number in low..high), text, choice (one of ``choices``),
# yesno (becomes True/False), id (text that identifies a row).


@dataclass(frozen=True)
class Column:
    """One canonical column of a kind of table."""

    name: str
    type: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    # "customer" or "colleague" when the column holds people's names (used by helpers.redact).
    person: str | None = None
    description: str = ""


@dataclass(frozen=True)
class TableKind:
    """A kind of table a notebook reads, with its columns and the columns that identify a row."""

    name: str
    title: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    one_row_per: str = "record"

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def _count(name: str, *aliases: str, **kw: Any) -> Column:
    return Column(name, "count", aliases=aliases, **kw)


def _number(name: str, unit: str, *aliases: str, **kw: Any) -> Column:
    return Column(name, "number", aliases=aliases, unit=unit, **kw)


def _percent(name: str, *aliases: str, **kw: Any) -> Column:
    return Column(name, "percent", aliases=aliases, low=0, high=100, **kw)


_MONTH = Column("month", "month", required=True, aliases=("period", "month ending", "month start"))

KINDS: dict[str, TableKind] = {
    kind.name: kind
    for kind in [
        TableKind(
            "monthly_operations",
            "Monthly operations",
            (
                _MONTH,
                _count("printed_bills", "bills printed", "paper bills", "printed bills sent"),
                _count("letters_posted", "letters sent", "letters", "posted letters"),
                _count("paper_reams", "reams", "reams of paper", "paper"),
                _number(
                    "office_kwh",
                    "kwh",
                    "kwh",
                    "electricity",
                    "electricity kwh",
                    "office electricity",
                    "office electricity kwh",
                    "office energy kwh",
                    "electricity used",
                ),
                _number("gas_kwh", "kwh", "gas", "gas used", "office gas kwh"),
                _number("water_m3", "m3", "water", "water used", "water m³"),
                _count("emails_sent", "emails", "emails out", "outgoing emails"),
                _count("chat_sessions", "chats", "live chat", "web chats", "chat"),
                _number("call_minutes", "minutes", "phone minutes", "call time", "calls minutes"),
                _number(
                    "video_call_minutes", "minutes", "video minutes", "video calls", "video call"
                ),
                _number("car_petrol_km", "km", "petrol car km", "petrol car", "car petrol"),
                _number("car_diesel_km", "km", "diesel car km", "diesel car", "car diesel"),
                _number(
                    "car_electric_km", "km", "electric car km", "electric car", "ev km", "car ev"
                ),
                _number("van_diesel_km", "km", "diesel van km", "diesel van", "van diesel"),
                _number("van_electric_km", "km", "electric van km", "electric van", "van ev"),
                _count("e_signatures", "esignatures", "electronic signatures", "e signed"),
                _percent("paperless_accounts_pct", "paperless pct", "paperless accounts"),
                _percent("csat_pct", "csat", "customer satisfaction", "satisfaction pct"),
                _count("complaints", "complaints received", "complaint count"),
                _percent(
                    "first_contact_resolution_pct", "fcr", "fcr pct", "first contact resolution"
                ),
            ),
            key=("month",),
            one_row_per="month",
        ),
        TableKind(
            "feedback",
            "Customer feedback",
            (
                Column("feedback_id", "id", aliases=("id", "ref", "reference", "feedback ref")),
                Column(
                    "date",
                    "date",
                    required=True,
                    aliases=("date received", "received", "submitted", "feedback date"),
                ),
                Column("channel", "text", aliases=("contact channel", "source", "via")),
                Column("score", "score", low=1, high=5, aliases=("rating", "stars", "mark")),
                Column(
                    "customer_name",
                    "text",
                    person="customer",
                    aliases=("name", "customer", "contact", "contact name", "full name"),
                ),
                Column(
                    "comment",
                    "text",
                    required=True,
                    aliases=("comments", "feedback", "verbatim", "free text", "customer comment"),
                ),
            ),
            key=("feedback_id",),
            one_row_per="comment",
        ),
        TableKind(
            "complaints",
            "Complaints log",
            (
                Column("complaint_id", "id", aliases=("id", "ref", "reference", "case")),
                Column(
                    "date_received",
                    "date",
                    required=True,
                    aliases=("date", "received", "date opened", "opened", "logged"),
                ),
                Column("channel", "text", aliases=("contact channel", "source", "via")),
                Column("category", "text", aliases=("type", "reason", "complaint type")),
                Column("summary", "text", aliases=("description", "details", "complaint")),
                Column(
                    "date_resolved", "date", aliases=("resolved", "date closed", "closed", "done")
                ),
                Column("escalated", "yesno", aliases=("escalation", "was escalated")),
            ),
            key=("complaint_id",),
            one_row_per="complaint",
        ),
        TableKind(
            "sla_response_times",
            "Service-level response times",
            (
                _MONTH,
                Column("channel", "text", required=True, aliases=("contact channel",)),
                _count("contacts", "contacts handled", "volume", "contact volume"),
                _number("target_minutes", "minutes", "target", "sla target", "target time"),
                _number(
                    "median_response_minutes",
                    "minutes",
                    "median response",
                    "median response time",
                    "response time",
                ),
                _percent("pct_within_target", "within target", "within sla", "pct within sla"),
            ),
            key=("month", "channel"),
            one_row_per="month and channel",
        ),
        TableKind(
            "team_kpi",
            "Team KPIs",
            (
                _MONTH,
                Column(
                    "agent",
                    "text",
                    required=True,
                    person="colleague",
                    aliases=("adviser", "advisor", "colleague", "team member", "staff", "name"),
                ),
                _percent("first_contact_resolution_pct", "fcr", "fcr pct"),
                _percent("csat_pct", "csat", "customer satisfaction"),
                _number(
                    "average_handling_minutes",
                    "minutes",
                    "aht",
                    "average handling time",
                    "handling time",
                ),
                Column(
                    "wellbeing_score",
                    "score",
                    low=1,
                    high=10,
                    aliases=("wellbeing", "well being", "wellbeing score 1 10"),
                ),
            ),
            key=("month", "agent"),
            one_row_per="month and team member",
        ),
        TableKind(
            "promotion_survey",
            "Promotion survey",
            (
                Column("respondent_id", "id", aliases=("respondent", "id", "ref")),
                Column(
                    "audience",
                    "choice",
                    choices=("colleague", "customer"),
                    aliases=("group", "respondent type"),
                ),
                Column("stage", "choice", required=True, choices=("before", "after")),
                Column("date", "date", aliases=("survey date", "date completed")),
                Column("awareness_score", "score", low=1, high=5, aliases=("awareness", "aware")),
                Column("uses_paperless", "yesno", aliases=("paperless", "uses paperless billing")),
                Column("comment", "text", aliases=("comments", "feedback", "free text")),
            ),
            key=("respondent_id", "stage"),
            one_row_per="survey answer",
        ),
        TableKind(
            "contact_log",
            "Contact log (one row per contact)",
            (
                Column("date", "date", required=True, aliases=("contact date", "date of contact")),
                Column("channel", "text", required=True, aliases=("contact channel", "via")),
                _number("duration_minutes", "minutes", "duration", "minutes", "length"),
                _count("pages", "pages printed", "printed pages", "sheets"),
                _number("km", "km", "distance", "distance km", "travel km"),
            ),
            one_row_per="contact",
        ),
    ]
}

# ---------------------------------------------------------------------------------------------
# Pure parsers
# ---------------------------------------------------------------------------------------------

MISSING_WORDS = frozenset({"", "-", "--", "n/a", "na", "none", "null", "nan", "#n/a", "?"})

# unit written in a cell -> (dimension, factor to the dimension's base unit)
UNITS: dict[str, tuple[str, float]] = {
    "kwh": ("energy", 1.0),
    "wh": ("energy", 0.001),
    "mwh": ("energy", 1000.0),
    "km": ("distance", 1.0),
    "kms": ("distance", 1.0),
    "kilometres": ("distance", 1.0),
    "kilometers": ("distance", 1.0),
    "mi": ("distance", 1.609344),
    "mile": ("distance", 1.609344),
    "miles": ("distance", 1.609344),
    "m3": ("volume", 1.0),
    "m³": ("volume", 1.0),
    "l": ("volume", 0.001),
    "litre": ("volume", 0.001),
    "litres": ("volume", 0.001),
    "liters": ("volume", 0.001),
    "min": ("time", 1.0),
    "mins": ("time", 1.0),
    "minute": ("time", 1.0),
    "minutes": ("time", 1.0),
    "h": ("time", 60.0),
    "hr": ("time", 60.0),
    "hrs": ("time", 60.0),
    "hour": ("time", 60.0),
    "hours": ("time", 60.0),
    "s": ("time", 1 / 60),
    "sec": ("time", 1 / 60),
    "secs": ("time", 1 / 60),
    "seconds": ("time", 1 / 60),
    "%": ("percent", 1.0),
    "£": ("money", 1.0),
    "gbp": ("money", 1.0),
}
# Words that only say what was counted ("1,200 bills"): allowed in any count or number column.
COUNT_WORDS = frozenset(
    re.findall(
        r"\w+",
        "pages page sheets sheet reams ream bills bill letters letter emails email chats chat "
        "calls call contacts contact complaints complaint sessions session items",
    )
)
UNIT_LABELS = {
    **{u: "hours" for u in ("h", "hr", "hrs", "hour", "hours")},
    **{u: "seconds" for u in ("s", "sec", "secs", "seconds")},
    **{u: "miles" for u in ("mi", "mile", "miles")},
    **{u: "litres" for u in ("l", "litre", "litres", "liters")},
    **{u: "minutes" for u in ("min", "mins", "minute", "minutes")},
    "kwh": "kWh",
    "wh": "Wh",
    "mwh": "MWh",
    "m3": "m³",
}
BASE_UNIT = {"kwh": "energy", "km": "distance", "m3": "volume", "minutes": "time"}

_NUMBER = re.compile(
    r"""^(?P<sign>[-+−])?\s*(?P<cur>[£$€])?\s*(?P<sign2>[-+−])?\s*
        (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?!\d)|\d+(?:\.\d*)?|\.\d+)
        (?:[eE](?P<exp>[-+]?\d+))?
        \s*(?P<unit>[^\d\s].*)?$""",
    re.VERBOSE,
)


def _short(value: object, limit: int = 40) -> str:
    """A cell value quoted for a message, cut short so a huge cell cannot flood the screen."""
    text = str(value).replace("\n", " ").strip()
    return f'"{text[:limit]}…"' if len(text) > limit else f'"{text}"'


def parse_quantity(text: object) -> tuple[float | None, str | None]:
    """A number and the unit written with it: ``"1,234 kWh"`` -> ``(1234.0, "kwh")``.

    Accepts thousands separators, a currency sign, a trailing ``%`` or unit word, a decimal comma
    with one or two decimals (``"12,5"``), accounting brackets for negatives and an exponent.
    Blank and "n/a"-style cells give ``(None, None)``. Anything else raises ``ValueError`` with a
    reason a learner can act on.
    """
    if text is None:
        return None, None
    if isinstance(text, bool):
        raise ValueError(f"{_short(text)} is not a number.")
    if isinstance(text, int | float):
        return (None, None) if text != text else (float(text), None)
    raw = str(text).replace("\u00a0", " ").replace("\u202f", " ").strip()
    if raw.lower() in MISSING_WORDS:
        return None, None
    negative = False
    if raw.startswith("(") and raw.endswith(")"):
        negative, raw = True, raw[1:-1].strip()
    match = _NUMBER.match(raw)
    if not match:
        raise ValueError(f"{_short(raw)} is not a number.")
    digits = match["num"]
    if re.fullmatch(r"\d+,\d{1,2}", digits):
        digits = digits.replace(",", ".")
    value = float(digits.replace(",", "") + (f"e{match['exp']}" if match["exp"] else ""))
    if negative or "-" in (match["sign"] or "") + (match["sign2"] or ""):
        value = -value
    if "−" in (match["sign"] or "") + (match["sign2"] or ""):
        value = -value
    unit = (match["unit"] or "").strip().lower().rstrip(".")
    if match["cur"]:
        if unit:
            raise ValueError(f"{_short(raw)} has both a currency sign and a unit.")
        return value, "£" if match["cur"] == "£" else match["cur"]
    if not unit:
        return value, None
    if unit in UNITS or unit in COUNT_WORDS:
        return value, unit
    raise ValueError(f"{_short(raw)} is not a number (the part {_short(unit)} is not a unit).")


def parse_number(text: object) -> float | None:
    """A plain number from a cell such as ``"1,234"``, ``"12 kWh"``, ``"£3.50"`` or ``"45%"``.

    The unit is dropped; use :func:`parse_quantity` to keep it. Blank cells give ``None``.
    """
    return parse_quantity(text)[0]


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?:\s+[\d:.]+)?$")
_WORDY_DATE = re.compile(
    rf"^(\d{{1,2}})(?:st|nd|rd|th)?[\s\-/]+({_MONTH_NAMES})\.?,?[\s\-/]+(\d{{4}}|\d{{2}})$", re.I
)
_MONTH_YEAR = re.compile(rf"^({_MONTH_NAMES})\.?[\s\-/,']+(\d{{4}}|\d{{2}})$", re.I)
_YEAR_MONTH_NAME = re.compile(rf"^(\d{{4}})[\s\-/]+({_MONTH_NAMES})\.?$", re.I)
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_MONTH_SLASH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
EXCEL_SERIAL_RANGE = (20_000, 80_000)  # 1954-10-03 to 2119-01-10: plausible dates only
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _make_date(year: int, month: int, day: int, raw: str) -> dt.date:
    if not 1 <= month <= 12:
        raise ValueError(f"{_short(raw)} is not a real date: there is no month {month}.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        month_name = dt.date(2000, month, 1).strftime("%B")
        raise ValueError(
            f"{_short(raw)} is not a real date: {month_name} {year} has no day {day}."
        ) from None


def _excel_serial(value: float, raw: object) -> dt.date:
    low, high = EXCEL_SERIAL_RANGE
    if not low <= value <= high:
        raise ValueError(f"{_short(raw)} is not a date.")
    return _EXCEL_EPOCH + dt.timedelta(days=int(value))


def slash_date_order(text: str) -> str | None:
    """For a numeric date such as ``03/04/2025``: "day_first" when only a day-first reading works
    (``25/12/2024``), "month_first" when only a US reading works (``12/25/2024``), "either"
    when both do, else ``None``."""
    match = _NUMERIC_DATE.match(str(text).strip())
    if not match:
        return None
    first, second = int(match[1]), int(match[2])
    if first > 12 >= second:
        return "day_first"
    if second > 12 >= first:
        return "month_first"
    return "either" if first <= 12 and second <= 12 else None


def parse_uk_date(text: object) -> dt.date | None:
    """A date written the UK way: ``25/12/2024``, ``25-12-24``, ``2024-12-25``, ``25 Dec 2024``,
    ``25th December 2024``, or an Excel date serial such as ``45651``. Blank gives ``None``.

    Impossible dates (``31/02/2025``) and US-style month-first dates (``12/25/2024``) raise
    ``ValueError`` explaining what is wrong.
    """
    if text is None:
        return None
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    if isinstance(text, int | float) and not isinstance(text, bool):
        return None if text != text else _excel_serial(float(text), text)
    raw = str(text).replace("\u00a0", " ").strip()
    if raw.lower() in MISSING_WORDS:
        return None
    if match := _ISO.match(raw):
        return _make_date(int(match[1]), int(match[2]), int(match[3]), raw)
    if match := _NUMERIC_DATE.match(raw):
        if slash_date_order(raw) == "month_first":
            raise ValueError(
                f"{_short(raw)} looks like a US-style date (month first). "
                "Write dates day first, like 25/12/2024."
            )
        return _make_date(_year(match[3]), int(match[2]), int(match[1]), raw)
    if match := _WORDY_DATE.match(raw):
        return _make_date(_year(match[3]), _MONTHS[match[2].lower()], int(match[1]), raw)
    if re.fullmatch(r"\d{5}(?:\.\d+)?", raw):
        return _excel_serial(float(raw), raw)
    if _MONTH_YEAR.match(raw) or _YEAR_MONTH.match(raw):
        raise ValueError(f"{_short(raw)} is a month, not a date. Add the day, like 01/01/2025.")
    raise ValueError(f"{_short(raw)} is not a date that can be read.")


def parse_month(text: object) -> dt.date | None:
    """The first day of the month written in a cell: ``2025-01``, ``Jan-25``, ``January 2025``,
    ``01/2025``, ``2025 Jan``, a full date (its month is used) or an Excel serial.
    Blank gives ``None``; anything else raises ``ValueError`` with a reason."""
    if text is None or isinstance(text, dt.date | int | float):
        found = parse_uk_date(text)
        return None if found is None else found.replace(day=1)
    raw = str(text).replace("\u00a0", " ").strip()
    if raw.lower() in MISSING_WORDS:
        return None
    if match := _YEAR_MONTH.match(raw):
        return _make_date(int(match[1]), int(match[2]), 1, raw)
    if match := _MONTH_SLASH_YEAR.match(raw):
        return _make_date(int(match[2]), int(match[1]), 1, raw)
    if match := _MONTH_YEAR.match(raw):
        return dt.date(_year(match[2]), _MONTHS[match[1].lower()], 1)
    if match := _YEAR_MONTH_NAME.match(raw):
        return dt.date(int(match[1]), _MONTHS[match[2].lower()], 1)
    if raw.lower().rstrip(".") in _MONTHS:
        raise ValueError(f"{_short(raw)} has no year. Write the month like Jan-25 or 2025-01.")
    try:
        found = parse_uk_date(raw)
    except ValueError as error:
        if "not a date that can be read" in str(error):
            raise ValueError(f"{_short(raw)} is not a month that can be read.") from None
        raise
    return None if found is None else found.replace(day=1)


_FILLER = frozenset(
    re.findall(r"\w+", "used total number no of the count amount monthly per month in")
)


def normalise_header(text: object) -> str:
    """A column name reduced for matching: ``" kWh Used (%) "`` -> ``"kwh_used_pct"``."""
    raw = str(text or "").replace("\ufeff", "").lower()
    raw = raw.replace("%", " pct ").replace("£", " gbp ").replace("m³", "m3").replace("#", " no ")
    raw = raw.replace("e-sign", "esign").replace("e sign", "esign")
    return "_".join(re.findall(r"[a-z0-9]+", raw))


def _without_filler(key: str) -> str:
    parts = [p for p in key.split("_") if p not in _FILLER]
    return "_".join(parts) or key


_UNIT_WORDS = frozenset({"pct", "kwh", "km", "m3", "minutes", "mins", "gbp", "score"})


def _without_units(key: str) -> str:
    return "_".join(p for p in _without_filler(key).split("_") if p not in _UNIT_WORDS)


@functools.lru_cache(maxsize=32)
def _alias_index(kind: TableKind) -> tuple[dict[str, str], ...]:
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    bare: dict[str, str] = {}
    for col in kind.columns:
        for alias in (col.name, *col.aliases):
            key = normalise_header(alias)
            exact.setdefault(key, col.name)
            loose.setdefault(_without_filler(key), col.name)
            if _without_units(key):
                bare.setdefault(_without_units(key), col.name)
    return exact, loose, bare


def match_header(header: object, kind: TableKind) -> str | None:
    """The canonical column a learner's column name stands for, or ``None``.

    Tries the name as written (case, spacing and punctuation ignored), then without filler
    words ("used", "total", "number of"), then without unit words ("kWh", "%", "minutes").
    """
    return _match_text("" if header is None else str(header), kind)


@functools.lru_cache(maxsize=4096)
def _match_text(header: str, kind: TableKind) -> str | None:
    exact, loose, bare = _alias_index(kind)
    key = normalise_header(header)
    if not key:
        return None
    if key in exact:
        return exact[key]
    if _without_filler(key) in loose:
        return loose[_without_filler(key)]
    return bare.get(_without_units(key)) if _without_units(key) else None


# ---------------------------------------------------------------------------------------------
# Reading raw cells
# ---------------------------------------------------------------------------------------------

MAX_FILE_BYTES = 500 * 1024 * 1024
MAX_CELL_CHARS = 10_000
HEADER_SEARCH_ROWS = 30
SMALL_FILE_BYTES = 4 * 1024 * 1024  # bigger CSV files use the fast (pyarrow or C) reader
PROBLEMS_PER_CHECK = 20  # after this many rows with one problem, the rest are counted


@dataclass
class _Raw:
    """Cells as read, before any typing: ``cells`` is indexed by the learner's row numbers."""

    cells: pd.DataFrame
    headers: dict[str, str]  # canonical column -> header as the learner wrote it
    notes: list[Problem]
    sheet: str | None = None


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
            name
            if normalise_header(self.headers[name]) == name
            else f'{name} ("{self.headers[name]}")'
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


def _refuse(path: Path, message: str, problems: list[Problem] | None = None) -> DataError:
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


def _decode(data: bytes) -> tuple[str, str]:
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


def _read_csv_cells(path: Path, data: bytes, kind: TableKind) -> _Raw:
    notes: list[Problem] = []
    if len(data) > SMALL_FILE_BYTES:
        fast = _read_csv_fast(path, data, kind)
        if fast is not None:
            return fast
    text, encoding = _decode(data)
    delim = _pick_delimiter(text[:65536].splitlines()[: HEADER_SEARCH_ROWS + 5], kind)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
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


def _read_csv_fast(path: Path, data: bytes, kind: TableKind) -> _Raw | None:
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


def _read_xlsx_cells(path: Path, kind: TableKind) -> _Raw:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as error:
        raise _refuse(
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
        raise _refuse(path, _no_columns_message(kind, book.sheetnames))
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
) -> _Raw:
    import pandas as pd

    header_at = _find_header(rows, kind)
    if header_at is None:
        raise _refuse(path, _no_columns_message(kind))
    header = rows[header_at]
    width = len(header)
    body = rows[header_at + 1 :]
    body_numbers = numbers[header_at + 1 :]
    extra_rows = [n for r, n in zip(body, body_numbers, strict=True) if _has_extra(r, width)]
    if extra_rows:
        notes.append(
            Problem(
                f"{_rows_text(extra_rows)} had more cells than there are column names; the extra "
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
    return len(row) > width and any(_filled(c) for c in row[width:])


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _rows_text(rows: Sequence[int]) -> str:
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
) -> _Raw:
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
    return _Raw(frame, headers, notes)


_OTHER_FILES = {
    "docx": "it is a Word document, not a spreadsheet.",
    "ods": "it is an OpenDocument spreadsheet (.ods), which cannot be read here.",
}


def _read_cells(path: Path, kind: TableKind) -> _Raw:
    if not path.exists():
        raise DataError(f'The file "{path}" was not found. Check the name and the folder.')
    if path.is_dir():
        raise DataError(f'"{path}" is a folder, not a file. Choose a CSV or XLSX file inside it.')
    size = path.stat().st_size
    if size == 0:
        raise _refuse(
            path,
            "the file is empty.",
            [Problem("Save your data into it and try again.", file=str(path))],
        )
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"it is too big ({size / 1e6:,.0f} MB; the limit is 500 MB).")
    with path.open("rb") as handle:
        head = handle.read(8192)
    sort = _sniff_kind_of_file(path, head)
    if sort == "xlsx":
        return _read_xlsx_cells(path, kind)
    if sort == "xls":
        raise _refuse(
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
        raise _refuse(
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
        raise _refuse(
            path,
            _OTHER_FILES[sort],
            [
                Problem(
                    "Copy the table into Excel and save it as .xlsx or CSV UTF-8.", file=str(path)
                )
            ],
        )
    if sort != "text":
        raise _refuse(
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
        raise _refuse(
            path,
            "the file is empty.",
            [Problem("Save your data into it and try again.", file=str(path))],
        )
    return _read_csv_cells(path, data, kind)


# ---------------------------------------------------------------------------------------------
# Typing the cells (vectorised: parse each distinct value once)
# ---------------------------------------------------------------------------------------------

_TOTAL_WORDS = re.compile(r"^\s*(grand\s+)?(totals?|sum|average|mean|overall|all)\b[\s:]*", re.I)


@dataclass
class _Typed:
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
        errors[int(row)] = f"{_short(raw[row])} is too big to be a real figure."
    return values.mask(huge)


def _convert_unit(number: float, unit: str, col: Column, raw: Any, converted: set[str]) -> float:
    dimension, factor = UNITS[unit]
    if col.type == "percent":
        if dimension == "percent":
            return number
        raise ValueError(f"{_short(raw)} should be a percentage.")
    expected = BASE_UNIT.get(col.unit or "")
    if dimension == expected:
        if factor != 1.0:
            converted.add(unit)
        return number * factor
    wanted = f" (this column is in {UNIT_LABELS.get(col.unit, col.unit)})" if col.unit else ""
    raise ValueError(f"{_short(raw)} has a unit that does not fit this column{wanted}.")


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
    raise ValueError(f"{_short(value)} should be yes or no.")


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


def _drop_blank_and_total_rows(raw: _Raw, kind: TableKind, path: Path) -> pd.DataFrame:
    import pandas as pd

    cells = raw.cells
    if cells.empty:
        return cells
    if all(dtype.kind == "O" for dtype in cells.dtypes):
        blank = cells.map(lambda v: not _filled(v)).all(axis=1)
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
                f"{_rows_text(rows)} looked like a total or average row and "
                f"{'were' if len(rows) > 1 else 'was'} left out, so nothing is counted twice.",
                file=str(path),
                row=rows[0],
                column=raw.headers.get(keys[0]),
            )
        )
        cells = cells[~totals.to_numpy(dtype=bool)]
    return cells


def _cut_huge_cells(frame: pd.DataFrame, raw: _Raw, kind: TableKind, path: Path) -> None:
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


def _type_cells(raw: _Raw, kind: TableKind, path: Path) -> _Typed:
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
                raise _refuse(
                    path,
                    "its dates are written month first (US style), so a date like 03/04/2025 "
                    "could mean 3 April or 4 March.",
                    [
                        Problem(
                            f"{_short(us[1])} can only be month first.",
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
    return _Typed(frame, bad, raw.notes)


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
    frame: pd.DataFrame, kind: TableKind, raw: _Raw, path: Path, signed: set[str]
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


# ---------------------------------------------------------------------------------------------
# Validation with pandera, failures turned into Problems
# ---------------------------------------------------------------------------------------------

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
    return _short(value)


def _problem_for(
    failure: _Failure, kind: TableKind, raw: _Raw, path: Path, frame: pd.DataFrame
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
    row: int, column: str, reason: str, kind: TableKind, raw: _Raw, path: Path
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


def _cap(problems: list[tuple[str, Problem]]) -> list[Problem]:
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


def read_table(path: str | Path, kind: str) -> LoadedTable:
    """Read a learner's CSV or XLSX file as a table of ``kind`` (a key of :data:`KINDS`).

    Returns a :class:`LoadedTable` whose ``problems`` list rows left out and cells left blank.
    Raises :class:`DataError` listing every problem when the file cannot be used at all.
    """
    if kind not in KINDS:
        raise DataError(f'"{kind}" is not a kind of table. Use one of: {", ".join(KINDS)}.')
    table_kind = KINDS[kind]
    file = Path(path)
    raw = _read_cells(file, table_kind)
    missing = [name for name in table_kind.required if name not in raw.headers]
    if missing:
        found = ", ".join(f'"{h}"' for h in raw.headers.values()) or "none"
        raise _refuse(
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
    typed = _type_cells(raw, table_kind, file)
    rows_read = len(typed.frame)
    if rows_read == 0:
        raise _refuse(
            file,
            "it has column names but no rows of data under them.",
            [Problem("Add your data under the column names.", file=str(file))],
        )
    frame, sorted_problems = _validate(typed, table_kind, raw, file)
    problems = typed.notes + _cap(sorted_problems)
    if frame.empty:
        raise _refuse(file, f"none of its {rows_read:,} rows could be used.", problems)
    frame = _final_dtypes(frame, table_kind)
    return LoadedTable(frame, problems, file, kind, rows_read, raw.headers, raw.sheet)


def _validate(
    typed: _Typed, kind: TableKind, raw: _Raw, path: Path
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


def _column_of(problem: Problem, raw: _Raw) -> str | None:
    """The canonical column a problem is about (problems name the learner's heading)."""
    return next((name for name, label in raw.headers.items() if label == problem.column), None)


def _final_dtypes(frame: pd.DataFrame, kind: TableKind) -> pd.DataFrame:
    """Whole-number columns become nullable integers; the rest keep their types."""
    for col in kind.columns:
        if col.name in frame and col.type in ("count", "score"):
            frame[col.name] = frame[col.name].round().astype("Int64")
    ordered = [c.name for c in kind.columns if c.name in frame]
    return frame[ordered]
