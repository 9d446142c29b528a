"""Best practice keeps moving: a dated log of what the learner read, attended or compared.

Pure part: :func:`best_practice_hints`. Notebook edge: :func:`best_practice_log`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..panels import Panel

if TYPE_CHECKING:
    from ..store import AnswerStore


LOG_DATE = "Date (for example 14/03/2025)"
LOG_SOURCE = "What I read, attended or compared"
LOG_LEARNED = "What I learned"
LOG_APPLIED = "How I applied it, or will"
LOG_COLUMNS = [LOG_DATE, LOG_SOURCE, LOG_LEARNED, LOG_APPLIED]


def best_practice_hints(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Hints that keep the log a record of ongoing learning rather than a one-off checklist."""
    from ..dates import DateProblem, parse_date

    hints: list[str] = []
    dates = set()
    sources = ""
    filled = [r for r in rows if any(str(v or "").strip() for v in r.values())]
    for number, row in enumerate(filled, start=1):
        text = str(row.get(LOG_DATE) or "").strip()
        try:
            when = parse_date(text) if text else None
        except (DateProblem, ValueError):
            when = None
        if when is None:
            hints.append(f"Entry {number}: add the date as day/month/year, such as 14/03/2025.")
        else:
            dates.add(when)
        if not str(row.get(LOG_APPLIED) or "").strip():
            hints.append(f"Entry {number}: say how you used what you learned, or will use it.")
        sources += " " + str(row.get(LOG_SOURCE) or "").lower()
    if len(dates) < 2:
        hints.append(
            "Best practice keeps changing: add entries on at least two different dates to show "
            "your learning is ongoing, not a one-off checklist."
        )
    if "excellence" not in sources and "23592" not in sources:
        hints.append(
            "Include the Customer Service Excellence standard or ISO 23592 among your sources."
        )
    return hints


def best_practice_log(store: AnswerStore | None = None) -> Panel:
    """A dated log of best practice researched and applied, with hints."""
    from ..forms import table

    form = table(
        "04.best_practice.log",
        "My best-practice log",
        LOG_COLUMNS,
        help="Add a row each time you read, attend or compare something. Come back and add more.",
        starting_rows=[{}, {}],
        date_columns=[LOG_DATE],
        store=store,
    )
    return Panel([form], hints=lambda: best_practice_hints(form.value or []))
