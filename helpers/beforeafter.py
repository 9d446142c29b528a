"""Before and after a change: three comparisons of monthly figures, each named for what it compares.

Every function first reduces the data to one figure per calendar month with
:func:`monthly_means`: the mean of that month's rows (several rows in a month, one per agent or
site, count once as their mean), ignoring blank or non-numeric cells; a month with no figure
at all is left out. The change month always counts as *after* the change.

- :func:`all_months_before_vs_after`: every month before the change against every month from
  it on (notebook 02's charts and summary table, notebook 03's outcome table).
- :func:`months_just_before_vs_just_after`: the few calendar months just before the change
  against as many from the change (or a few months later, once it has bedded in): the PDCA
  Check in notebook 05.
- :func:`first_and_latest_months_vs_a_year_earlier`: the first and the latest few months after
  the change, each against the same calendar months a year earlier, so that seasons do not
  hide or fake a change (notebook 02's second review point).

The change month is the one the learner chose in notebook 02 (:func:`split_month`,
:func:`helpers.datasource.change_date`) whenever a caller passes ``change_month=None``; given
explicitly, it is used as it is.

Pure: frames in, values out (only a ``None`` change month reads the learner's saved date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .store import AnswerStore

__all__ = [
    "BeforeAfter",
    "ReviewPoint",
    "SAMPLE_CHANGE_MONTH",
    "Span",
    "chosen_change_month",
    "split_month",
    "all_months_before_vs_after",
    "first_and_latest_months_vs_a_year_earlier",
    "month_text",
    "percent_change",
    "monthly_means",
    "months_just_before_vs_just_after",
]


def month_text(month: Any) -> str:
    """Any date-like value as ``YYYY-MM``."""
    import pandas as pd

    return str(pd.Timestamp(str(month)[:10] if len(str(month)) > 7 else f"{month}-01"))[:7]


def monthly_means(frame: pd.DataFrame, column: str, month_column: str = "month") -> pd.Series:
    """One figure per month: the mean of the month's numeric cells, indexed by ``YYYY-MM``, sorted.

    Months whose cells are all blank or not numbers are left out.
    """
    import pandas as pd

    months = frame[month_column].map(month_text)
    values = pd.to_numeric(frame[column], errors="coerce")
    return values.groupby(months).mean().dropna().sort_index()


# The sample organisation's change (paperless billing) started on 1 January 2025.
SAMPLE_CHANGE_MONTH = "2025-01"


def split_month(months: Iterable[Any], chosen: dt.date | str | None = None) -> str:
    """The month (``YYYY-MM``) that splits before from after: the month of ``chosen`` when given
    (the learner's change date); else January 2025, the sample's change, when the data has
    months on both sides of it; else the middle month of the data.
    """
    if chosen:
        return month_text(chosen)
    texts = sorted({month_text(month) for month in months})
    if texts and texts[0] < SAMPLE_CHANGE_MONTH <= texts[-1]:
        return SAMPLE_CHANGE_MONTH
    return texts[len(texts) // 2] if texts else SAMPLE_CHANGE_MONTH


def chosen_change_month(months: Iterable[Any] = (), store: AnswerStore | None = None) -> str:
    """:func:`split_month` with the change date the learner gave in notebook 02."""
    from .datasource import change_date

    return split_month(months, change_date(store))


def _change(monthly: pd.Series, change_month: Any) -> str:
    if change_month is None:
        return chosen_change_month(monthly.index)
    return month_text(change_month)


def percent_change(before: float, after: float) -> float:
    """The change from ``before`` to ``after`` in percent of ``before`` (NaN when it is 0)."""
    return 100 * (after - before) / before if before else float("nan")


def _shift(month: str, months: int) -> str:
    import pandas as pd

    return str(pd.Period(month, freq="M") + months)


# --- Every month before against every month after ------------------------------------------------


@dataclass(frozen=True)
class BeforeAfter:
    """The numbers behind a before-and-after chart: the means of all months either side."""

    metric: str
    months_before: int
    months_after: int
    mean_before: float
    mean_after: float
    first_month: str
    change_month: str
    last_month: str

    @property
    def change_pct(self) -> float:
        return percent_change(self.mean_before, self.mean_after)


def all_months_before_vs_after(
    frame: pd.DataFrame, column: str, change_month: Any = None, month_column: str = "month"
) -> BeforeAfter:
    """Mean of the monthly figures of every month before ``change_month`` against every month
    from ``change_month`` (a date or ``YYYY-MM``; None: the learner's change date from notebook
    02, see :func:`chosen_change_month`) to the last month of data.

    A side with no months has a NaN mean. ``first_month`` and ``last_month`` are the first and
    last months with a figure.
    """
    monthly = monthly_means(frame, column, month_column)
    change = _change(monthly, change_month)
    before, after = monthly[monthly.index < change], monthly[monthly.index >= change]
    return BeforeAfter(
        metric=column,
        months_before=len(before),
        months_after=len(after),
        mean_before=float(before.mean()) if len(before) else float("nan"),
        mean_after=float(after.mean()) if len(after) else float("nan"),
        first_month=str(monthly.index[0]) if len(monthly) else change,
        change_month=change,
        last_month=str(monthly.index[-1]) if len(monthly) else change,
    )


# --- A few months just before against a few just after ------------------------------------------


@dataclass(frozen=True)
class Span:
    """Some consecutive calendar months and the mean of their monthly figures."""

    months: tuple[str, ...]
    mean: float | None

    @property
    def label(self) -> str:
        """ "2024-10 to 2024-12", or "no data" when none of the months has a figure."""
        return f"{self.months[0]} to {self.months[-1]}" if self.months else "no data"


def _span(monthly: pd.Series, first: str, count: int) -> Span:
    wanted = {_shift(first, n) for n in range(count)}
    chosen = monthly[[month in wanted for month in monthly.index]]
    return Span(tuple(str(m) for m in chosen.index), float(chosen.mean()) if len(chosen) else None)


def months_just_before_vs_just_after(
    frame: pd.DataFrame,
    column: str,
    change_month: Any = None,
    months: int = 3,
    *,
    gap: int = 0,
) -> tuple[Span, Span]:
    """The ``months`` calendar months just before ``change_month`` against ``months`` calendar
    months starting ``gap`` months after it.

    With ``change_month`` 2025-01, ``months=3`` and ``gap=1``: October to December 2024
    against February to April 2025 (January is skipped while the change beds in). A month
    in either span without a figure is left out of that span's mean and its label.
    """
    monthly = monthly_means(frame, column)
    change = _change(monthly, change_month)
    return _span(monthly, _shift(change, -months), months), _span(
        monthly, _shift(change, gap), months
    )


# --- The first and latest months after, each against a year earlier ----------------------------


@dataclass(frozen=True)
class ReviewPoint:
    """The mean of a few months after the change, against the same months a year earlier.

    Comparing like months keeps the seasons (winter heating, summer holidays) out of the result.
    ``baseline`` falls back to the mean of all months before the change when the data does not
    reach back a year.
    """

    months: tuple[str, str]
    value: float
    baseline: float
    same_months_last_year: bool

    @property
    def change_pct(self) -> float:
        return percent_change(self.baseline, self.value)


def _against_a_year_earlier(monthly: pd.Series, months: list[str], fallback: float) -> ReviewPoint:
    earlier = [_shift(month, -12) for month in months]
    same = all(month in monthly.index for month in earlier)
    return ReviewPoint(
        months=(months[0], months[-1]),
        value=float(monthly[months].mean()),
        baseline=float(monthly[earlier].mean()) if same else fallback,
        same_months_last_year=same,
    )


def first_and_latest_months_vs_a_year_earlier(
    frame: pd.DataFrame, column: str, change_month: Any = None, window: int = 3
) -> tuple[ReviewPoint, ReviewPoint] | None:
    """The first ``window`` months with figures from ``change_month`` on, and the latest
    ``window`` months, each against the same calendar months twelve months earlier.

    When any of those earlier months has no figure, the baseline is the mean of every month
    before the change instead. None when there are fewer than ``2 * window`` months from the
    change on (the two reviews would overlap) or no month before it.
    """
    monthly = monthly_means(frame, column)
    change = _change(monthly, change_month)
    before = monthly[monthly.index < change]
    after = [str(month) for month in monthly.index if month >= change]
    if before.empty or len(after) < 2 * window:
        return None
    fallback = float(before.mean())
    return (
        _against_a_year_earlier(monthly, after[:window], fallback),
        _against_a_year_earlier(monthly, after[-window:], fallback),
    )
