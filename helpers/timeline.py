"""A Gantt-style timeline of a plan's actions, with today's date marked.

Plot functions here return ``(figure, alt_text)``; the notebook edge wraps them in the shared
:class:`helpers.plots.Chart`, which shows the PNG with its alt text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
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


def _parse(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except (AttributeError, ValueError):
        return None


def timeline_bars(actions: Sequence[dict[str, str]]) -> tuple[list[TimelineBar], list[str]]:
    """Actions with readable dates as bars (in plan order), and a problem for each skipped one.

    Each action is a dict with ``what``, ``owner``, ``start`` and ``end`` (YYYY-MM-DD).
    """
    bars: list[TimelineBar] = []
    problems: list[str] = []
    for number, action in enumerate(actions, start=1):
        what = (action.get("what") or "").strip() or f"Action {number}"
        start, end = _parse(action.get("start", "")), _parse(action.get("end", ""))
        if start is None or end is None:
            problems.append(
                f"Action {number} ({what}): write both dates like 2026-03-31 to show it."
            )
        elif end < start:
            problems.append(f"Action {number} ({what}): it ends before it starts.")
        else:
            bars.append(TimelineBar(what, (action.get("owner") or "").strip(), start, end))
    return bars, problems


def _alt_text(bars: Sequence[TimelineBar], today: date) -> str:
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
        f"to {last:%d %b %Y}; today, {today:%d %b %Y}, is marked with a dashed line. "
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
    ax.axvline(
        float(mdates.date2num(today)), color=OKABE_ITO["vermillion"], linestyle="--", label="Today"
    )
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y"))
    ax.set_xlabel("Date")
    ax.set_title("Plan timeline")
    ax.legend(loc="lower right")
    figure.autofmt_xdate()
    return figure, _alt_text(bars, today)
