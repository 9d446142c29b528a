"""The PDCA charts: a cycle's action timeline and its Check figures before and after a change.

``check_from_data`` turns monthly data into the Check figures; the comparison itself is
:func:`helpers.beforeafter.months_just_before_vs_just_after`.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from ..beforeafter import months_just_before_vs_just_after
from ..views import escape
from .model import Check
from .rendering import figure_text
from .storage import load_plan, question_id

if TYPE_CHECKING:
    import pandas as pd

    from ..live import LiveView
    from ..plots import Chart
    from ..store import AnswerStore


def timeline_html(
    cycle: int = 1, today: date | None = None, store: AnswerStore | None = None
) -> str:
    """This cycle's saved actions as a Gantt-style chart with today marked, and under it, in
    words, every action that could not be drawn and why (escaped HTML)."""
    from ..plots import Chart
    from ..timeline import timeline_bars, timeline_chart

    actions = [asdict(a) for a in load_plan(store).cycle(cycle).plan.actions]
    figure, alt = timeline_chart(actions, today=today)
    problems = timeline_bars(actions)[1]
    html = Chart(figure, alt).html()
    if problems:
        items = "".join(f"<li>{escape(p)}</li>" for p in problems)
        html += (
            '<div role="status" class="cw-timeline-problems" style="color:#8a4b00">'
            f"<p><strong>Not on the timeline yet</strong></p><ul>{items}</ul></div>"
        )
    return html


def timeline(cycle: int = 1, today: date | None = None, store: AnswerStore | None = None) -> Any:
    """The timeline of this cycle's actions; it is drawn again whenever an action is saved."""
    from ..live import live

    return live(
        lambda: timeline_html(cycle, today, store),
        answers=[question_id(cycle, "plan.actions")],
        alt=f"Timeline of the actions in cycle {cycle}",
    )


def check_from_data(
    frame: pd.DataFrame, column: str, change_month: str, months: int = 3, *, gap: int = 0
) -> Check:
    """The Check figures: the mean of ``column`` over the ``months`` calendar months just before
    ``change_month`` and over ``months`` months starting ``gap`` months after it, to one decimal.

    See :func:`helpers.beforeafter.months_just_before_vs_just_after` (several rows in a month,
    one per agent, are averaged per month first; ``gap`` skips months while the change beds in).
    """
    before, after = months_just_before_vs_just_after(frame, column, change_month, months, gap=gap)
    return Check(
        metric=column,
        before=None if before.mean is None else round(before.mean, 1),
        after=None if after.mean is None else round(after.mean, 1),
        before_period=before.label,
        after_period=after.label,
    )


def before_after_figure(check: Check, unit: str = "") -> tuple[Any, str]:
    """A two-bar before-and-after chart of a Check, and its alt text."""
    from matplotlib.figure import Figure

    from ..plots import NEUTRAL_GREY, OKABE_ITO

    figure = Figure(figsize=(5, 3.2))
    ax = figure.add_subplot()
    labels = [f"Before\n{check.before_period}", f"After\n{check.after_period}"]
    values = [check.before or 0.0, check.after or 0.0]
    ax.bar(labels, values, color=[NEUTRAL_GREY, OKABE_ITO["blue"]])
    for x, value in enumerate(values):
        ax.annotate(f"{value:g}", (x, value), ha="center", va="bottom")
    ax.set_ylabel(f"{check.metric}{f' ({unit})' if unit else ''}")
    ax.set_title("Before and after the change")
    change = "no change"
    if check.before is not None and check.after is not None and check.after != check.before:
        change = f"{'up' if check.after > check.before else 'down'} by {abs(check.after - check.before):g}"
    alt = (
        f"Bar chart of {check.metric}: before ({check.before_period}) {figure_text(check.before)}, "
        f"after ({check.after_period}) {figure_text(check.after)}; {change}{f' {unit}' if unit and change != 'no change' else ''}."
    )
    return figure, alt


def check_figure(cycle: int = 1, store: AnswerStore | None = None) -> Chart:
    """The learner's own before-and-after figures for this cycle as a chart."""
    from ..plots import Chart

    return Chart(*before_after_figure(load_plan(store).cycle(cycle).check))


def check_chart(cycle: int = 1, store: AnswerStore | None = None) -> LiveView:
    """The before-and-after chart, drawn again whenever one of the Check boxes is saved."""
    from ..live import live

    return live(
        lambda: check_figure(cycle, store),
        answers=[question_id(cycle, "check.")],
        alt=f"Before and after figures of cycle {cycle}",
    )


def show_sample_check(
    column: str = "first_contact_resolution_pct",
    change_month: str = "2025-01",
    *,
    label: str = "First-contact resolution",
    unit: str = "%",
    kind: str = "monthly_operations",
) -> Chart:
    """A worked example: the sample organisation's metric by month, before and after a change."""
    from ..datasource import sample_table
    from ..plots import before_after_chart

    chart = before_after_chart(
        sample_table(kind), column, change_month, label=label, unit=unit, change_label="Change"
    )
    chart.alt_text += " Example from the sample organisation (Brightwater Energy, invented data)."
    return chart
