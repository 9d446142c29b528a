"""Shared pieces of notebook 01's helpers: the question ids, the year, the factors, the calls.

Pure functions take frames and answers; the few that read the store or the data choice say so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from helpers.forms import Form

PERIOD_QUESTION = "01.review.period"
CHANNELS_QUESTION = "01.review.channels"
EXTRA_QUESTION = "01.review.extra_activities"
CALLS_QUESTION = "01.review.call_type"
OPERATIONS = "monthly_operations"
# What the footprint of the chosen year depends on.
FOOTPRINT_ANSWERS = (PERIOD_QUESTION, EXTRA_QUESTION, CALLS_QUESTION)


def whole_years(operations: pd.DataFrame) -> list[str]:
    """Calendar years with all 12 months in the data, oldest first (else every year present)."""
    years = operations["month"].astype(str).str[:4]
    counts = {str(year): int(count) for year, count in years.value_counts().items()}
    full = sorted(year for year, count in counts.items() if count >= 12)
    return full or sorted(counts)


def chosen_period(operations: pd.DataFrame, answer: Any) -> str:
    """The year the learner picked, if the data has it, else the first whole year."""
    years = whole_years(operations)
    return str(answer) if str(answer) in years else years[0]


def current_period(operations: pd.DataFrame) -> str:
    """The year under review: the learner's saved choice (read from the store), if the data has it."""
    from helpers.store import shared_store

    return chosen_period(operations, shared_store().load(PERIOD_QUESTION))


def factors_for(period: str) -> pd.DataFrame:
    """The emission factors of the UK Government set for the year of ``period`` ("2024": the
    2024 set; the latest set when the period names no year)."""
    from helpers.footprint import data_year
    from helpers.reference import load_emission_factors

    return load_emission_factors(year=data_year(period))


def quietly(form: Form, change: Callable[[], None]) -> None:
    """Change what a form shows without saving it (the data changed, not the learner's answer)."""
    form._loading = True
    try:
        change()
    finally:
        form._loading = False


def calls_key() -> str:
    """The factor key for the centre's phone calls, as the learner said in notebook 01 (read from
    the store; calls over the mobile network until they say)."""
    from helpers.footprint import call_factor_key
    from helpers.store import shared_store

    return call_factor_key(shared_store().load(CALLS_QUESTION))


_UNCOUNTED_UNITS = {"kWh", "km", "m3", "GB", "tonne", "passenger-km"}


def amount_text(quantity: float, unit: str) -> str:
    """12000, "letter" -> "12,000 letters"; 5.5, "kWh" -> "6 kWh"."""
    plural = quantity != 1 and unit not in _UNCOUNTED_UNITS and not unit.endswith("s")
    return f"{quantity:,.0f} {unit}{'s' if plural else ''}"
