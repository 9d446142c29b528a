"""A Gantt-style timeline of a plan's actions, with today's date marked.

Plot functions here return ``(figure, alt_text)``; the notebook edge wraps them in the shared
:class:`helpers.plots.Chart`, which shows the PNG with its alt text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["TimelineBar", "timeline_bars", "timeline_chart"]


@dataclass(frozen=True)
class TimelineBar:
    """One action on the timeline (dates already parsed)."""

    label: str
    owner: str
    start: date
    end: date


def _parse(text: str | None, which: str, missing: list[str], wrong: list[str]) -> date | None:
    """The date in ``text`` (typed the UK way or saved as ISO), or None with the reason noted."""
    from .dates import DateProblem, parse_date

    if not str(text or "").strip():
        missing.append(which)
        return None
    try:
        return parse_date(text)
    except DateProblem as problem:
        wrong.append(f"its {which} date cannot be read. {problem}")
        return None


def _not_shown(number: int, what: str, missing: list[str], wrong: list[str]) -> str:
    from .dates import EXAMPLE

    reasons = [*wrong]
    if missing:
        reasons.insert(0, f"add its {' and '.join(missing)} date{'s' if len(missing) > 1 else ''}"
                          f" (for example {EXAMPLE})")  # fmt: skip
    return f"Action {number} ({what}) is not on the timeline yet: " + "; ".join(reasons)


def timeline_bars(actions: Sequence[dict[str, str]]) -> tuple[list[TimelineBar], list[str]]:
    """Actions with readable dates as bars (in plan order), and a problem for each skipped one.

    Each action is a dict with ``what``, ``owner``, ``start`` and ``end``: dates as saved
    ("2026-03-31") or as typed the UK way ("31/03/2026", "31 March 2026"). A date that cannot
    be read (blank, impossible or month first) keeps the action off the chart, and the
    problem says which date and what to type, so no action vanishes without a word.
    """
    bars: list[TimelineBar] = []
    problems: list[str] = []
    for number, action in enumerate(actions, start=1):
        what = (action.get("what") or "").strip() or f"Action {number}"
        missing: list[str] = []
        wrong: list[str] = []
        start = _parse(action.get("start"), "start", missing, wrong)
        end = _parse(action.get("end"), "end", missing, wrong)
        if start is None or end is None:
            problems.append(_not_shown(number, what, missing, wrong))
        elif end < start:
            problems.append(
                f"Action {number} ({what}) is not on the timeline yet: it ends before it starts."
            )
        else:
            bars.append(TimelineBar(what, (action.get("owner") or "").strip(), start, end))
    return bars, problems


def _alt_text(bars: Sequence[TimelineBar], today: date, marked: bool = True) -> str:
    if not bars:
        return "Timeline of the plan: no actions with readable start and end dates yet."
    first = min(b.start for b in bars)
    last = max(b.end for b in bars)
    parts = [
        f"{b.label} ({b.owner or 'no owner'}) from {b.start:%d %b %Y} to {b.end:%d %b %Y}"
        for b in bars
    ]
    return (
        f"Timeline of {len(bars)} action{'s' if len(bars) != 1 else ''} from {first:%d %b %Y} "
        f"to {last:%d %b %Y}; today, {today:%d %b %Y}, "
        + (
            "is marked with a dashed line. "
            if marked
            else "is far from these dates, so it is not marked. "
        )
        + "; ".join(parts)
        + "."
    )


def timeline_chart(
    actions: Sequence[dict[str, str]], today: date | None = None, ax: Axes | None = None
) -> tuple[Figure, str]:
    """A Gantt-style chart of the actions (first at the top) with today marked; (figure, alt)."""
    import textwrap

    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

    from .plots import OKABE_ITO

    today = today or date.today()
    bars, _problems = timeline_bars(actions)
    if ax is None:
        figure = Figure(figsize=(8, 1.4 + 0.6 * max(len(bars), 1)))
        ax = figure.add_subplot()
    else:
        figure = ax.figure  # type: ignore[assignment]
    for row, bar in enumerate(bars):
        start = mdates.date2num(bar.start)
        width = max(mdates.date2num(bar.end) - start, 1)
        ax.barh(row, width, left=start, height=0.5, color=OKABE_ITO["blue"])
    # long names wrap onto a few lines (the alt text and the plan table carry them whole)
    labels = [textwrap.fill(b.label, 32, max_lines=3, placeholder=" …") for b in bars]
    ax.set_yticks(range(len(bars)), labels)
    ax.invert_yaxis()
    marked = _today_fits(bars, today)
    if marked:
        ax.axvline(
            float(mdates.date2num(today)), color=OKABE_ITO["vermillion"], linestyle="--",
            label="Today",
        )  # fmt: skip
        ax.legend(loc="lower right")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y"))
    ax.set_xlabel("Date")
    ax.set_title("Plan timeline")
    figure.autofmt_xdate()
    return figure, _alt_text(bars, today, marked)


def _today_fits(bars: Sequence[TimelineBar], today: date) -> bool:
    """Whether today is near enough to the plan to be marked without squeezing its bars (a
    plan looked at long after, or long before, it runs would become a few thin lines)."""
    if not bars:
        return True
    first, last = min(b.start for b in bars), max(b.end for b in bars)
    margin = max((last - first) / 2, timedelta(days=14))
    return first - margin <= today <= last + margin
