"""Pure parsers for single cells: numbers with units, UK dates, months.

Each raises ``ValueError`` with a reason a learner can act on; blank-like cells give ``None``.
"""

from __future__ import annotations

import datetime as dt
import re

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
    # No table column is in the units below, so a cell with one is refused there ("does not fit
    # this column"); a figure typed into a number box ("12 kg", "3 days") keeps its number.
    # Weights, and the footprint notebook's kg CO2e:
    **dict.fromkeys(("g", "grams"), ("mass", 0.001)),
    **dict.fromkeys(("kg", "kgs", "kilograms", "kg co2e", "kgco2e", "kg co2"), ("mass", 1.0)),
    **dict.fromkeys(("t", "tonne", "tonnes", "t co2e", "tco2e", "tonnes co2e"), ("mass", 1000.0)),
    # Days and weeks (time to resolve a complaint) are never converted to minutes.
    **dict.fromkeys(("day", "days", "working days"), ("days", 1.0)),
    **dict.fromkeys(("week", "weeks"), ("days", 7.0)),
}
# Words that only say what was counted ("1,200 bills"): allowed in any count or number column.
COUNT_WORDS = frozenset(
    re.findall(
        r"\w+",
        "pages page sheets sheet reams ream bills bill letters letter emails email chats chat "
        "calls call contacts contact complaints complaint sessions session items "
        "customers customer people tickets ticket cases case queries query enquiries enquiry "
        "orders order visits visit",
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


def quote_cell(value: object, limit: int = 40) -> str:
    """A cell value quoted for a message, cut short so a huge cell cannot flood the screen.

    A value that looks like personal data (an email, phone number, postcode or name) is never
    quoted: the message says "the value" and the row and column say where it is.
    """
    from ..redact_text import looks_personal

    text = str(value).replace("\n", " ").strip()
    if looks_personal(text):
        return "the value"
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
        raise ValueError(f"{quote_cell(text)} is not a number.")
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
        raise ValueError(f"{quote_cell(raw)} is not a number.")
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
            raise ValueError(f"{quote_cell(raw)} has both a currency sign and a unit.")
        return value, "£" if match["cur"] == "£" else match["cur"]
    if not unit:
        return value, None
    if unit in UNITS or unit in COUNT_WORDS:
        return value, unit
    raise ValueError(
        f"{quote_cell(raw)} is not a number (the part {quote_cell(unit)} is not a unit)."
    )


def parse_number(text: object) -> float | None:
    """A plain number from a cell such as ``"1,234"``, ``"12 kWh"``, ``"£3.50"`` or ``"45%"``.

    The unit is dropped; use :func:`parse_quantity` to keep it. Blank cells give ``None``.
    Text that is not one number with at most a known unit ("2 to 3", "10 kWh (2024)") raises
    ``ValueError``, never a number pieced together from its digits. The number boxes of
    :mod:`helpers.forms` (the PDCA before/after figures) read what learners type with it too.
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
        raise ValueError(f"{quote_cell(raw)} is not a real date: there is no month {month}.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        month_name = dt.date(2000, month, 1).strftime("%B")
        raise ValueError(
            f"{quote_cell(raw)} is not a real date: {month_name} {year} has no day {day}."
        ) from None


def _excel_serial(value: float, raw: object) -> dt.date:
    low, high = EXCEL_SERIAL_RANGE
    if not low <= value <= high:
        raise ValueError(f"{quote_cell(raw)} is not a date.")
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
                f"{quote_cell(raw)} looks like a US-style date (month first). "
                "Write dates day first, like 25/12/2024."
            )
        return _make_date(_year(match[3]), int(match[2]), int(match[1]), raw)
    if match := _WORDY_DATE.match(raw):
        return _make_date(_year(match[3]), _MONTHS[match[2].lower()], int(match[1]), raw)
    if re.fullmatch(r"\d{5}(?:\.\d+)?", raw):
        return _excel_serial(float(raw), raw)
    if _MONTH_YEAR.match(raw) or _YEAR_MONTH.match(raw):
        raise ValueError(f"{quote_cell(raw)} is a month, not a date. Add the day, like 01/01/2025.")
    raise ValueError(f"{quote_cell(raw)} is not a date that can be read.")


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
        raise ValueError(f"{quote_cell(raw)} has no year. Write the month like Jan-25 or 2025-01.")
    try:
        found = parse_uk_date(raw)
    except ValueError as error:
        if "not a date that can be read" in str(error):
            raise ValueError(f"{quote_cell(raw)} is not a month that can be read.") from None
        raise
    return None if found is None else found.replace(day=1)
