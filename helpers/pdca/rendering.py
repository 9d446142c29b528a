"""A PDCA plan as escaped HTML (for the notebook and the evidence export) and as Markdown."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..views import Block, escape, table_html
from .model import (
    ACTION_COLUMNS,
    CRITERION_COLUMNS,
    DO_COLUMNS,
    NOTEBOOK,
    Cycle,
    PdcaPlan,
    date_labels,
    table_rows,
)
from .storage import load_plan

if TYPE_CHECKING:
    from ..live import LiveView
    from ..store import AnswerStore


def shown_date(text: str) -> str:
    """A saved date in words ("14 April 2025"); text that is not a date stays as written."""
    from ..dates import DateProblem, in_words, parse_date

    if not text.strip():
        return text
    try:
        return in_words(parse_date(text))
    except DateProblem:
        return text


def _rows(items: list[Any], columns: dict[str, str]) -> list[dict[str, str]]:
    """Table rows with their dates in words, as the learner and the assessor read them."""
    rows = table_rows(items, columns)
    dates = date_labels(columns)
    return [{k: shown_date(v) if k in dates else v for k, v in row.items()} for row in rows]


def _table(items: list[Any], columns: dict[str, str]) -> str:
    if not items:
        return "<p><em>None recorded yet.</em></p>"
    return table_html(_rows(items, columns), list(columns.values()), align_left=True)


def figure_text(value: float | None) -> str:
    return "not recorded" if value is None else f"{value:g}"


def _line(label: str, value: Any) -> str:
    shown = escape(value) or "<em>not answered yet</em>"
    return f"<p><strong>{escape(label)}:</strong> {shown}</p>"


def cycle_html(cycle: Cycle) -> str:
    """One cycle as escaped HTML."""
    p, c, a = cycle.plan, cycle.check, cycle.act
    return (
        f'<div class="cw-pdca-cycle"><h3>Cycle {cycle.number}</h3>'
        "<h4>Plan</h4>"
        + _line("Problem", p.problem)
        + _line("Evidence from", p.data_source)
        + _line("Root cause", p.root_cause)
        + _line("Objective", p.objective)
        + "<p><strong>Actions</strong></p>"
        + _table(p.actions, ACTION_COLUMNS)
        + "<p><strong>Success criteria</strong></p>"
        + _table(p.success_criteria, CRITERION_COLUMNS)
        + "<h4>Do</h4>"
        + _table(cycle.do_log, DO_COLUMNS)
        + "<h4>Check</h4>"
        + _line("Metric", c.metric)
        + _line(f"Before ({c.before_period or 'period not given'})", figure_text(c.before))
        + _line(f"After ({c.after_period or 'period not given'})", figure_text(c.after))
        + _line("What people said", c.comments)
        + "<h4>Act</h4>"
        + _line("Decision", a.decision)
        + _line("Reasons", a.reasons)
        + _line("Next cycle", a.next_cycle)
        + "</div>"
    )


def plan_html(plan: PdcaPlan) -> str:
    """The whole plan as escaped HTML for the evidence export."""
    if not plan.cycles:
        return '<p class="cw-unanswered"><em>No PDCA plan written yet.</em></p>'
    return (
        '<div class="cw-pdca"><h2>Improvement plan (PDCA)</h2>'
        + "".join(cycle_html(c) for c in plan.cycles)
        + "</div>"
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def _m(value: Any) -> str:
    return _MD_SPECIAL.sub(r"\\\1", "" if value is None else str(value)).replace("\n", " ")


def _md_table(items: list[Any], columns: dict[str, str]) -> list[str]:
    if not items:
        return ["_None recorded yet._", ""]
    lines = ["| " + " | ".join(columns.values()) + " |", "|" + "---|" * len(columns)]
    lines += [
        "| " + " | ".join(_m(v) for v in row.values()) + " |" for row in _rows(items, columns)
    ]
    return [*lines, ""]


def plan_markdown(plan: PdcaPlan) -> str:
    """The whole plan as Markdown (learner text escaped so it cannot add markup)."""
    lines = ["# Improvement plan (PDCA)", ""]
    for cycle in plan.cycles:
        p, c, a = cycle.plan, cycle.check, cycle.act
        lines += [f"## Cycle {cycle.number}", "", "### Plan", ""]
        lines += [
            f"- **Problem:** {_m(p.problem)}",
            f"- **Evidence from:** {_m(p.data_source)}",
            f"- **Root cause:** {_m(p.root_cause)}",
            f"- **Objective:** {_m(p.objective)}",
            "",
            "**Actions**",
            "",
        ]
        lines += _md_table(p.actions, ACTION_COLUMNS)
        lines += ["**Success criteria**", ""] + _md_table(p.success_criteria, CRITERION_COLUMNS)
        lines += ["### Do", ""] + _md_table(cycle.do_log, DO_COLUMNS)
        lines += [
            "### Check",
            "",
            f"- **Metric:** {_m(c.metric)}",
            f"- **Before ({_m(c.before_period)}):** {figure_text(c.before)}",
            f"- **After ({_m(c.after_period)}):** {figure_text(c.after)}",
            f"- **What people said:** {_m(c.comments)}",
            "",
            "### Act",
            "",
            f"- **Decision:** {_m(a.decision)}",
            f"- **Reasons:** {_m(a.reasons)}",
            f"- **Next cycle:** {_m(a.next_cycle)}",
            "",
        ]
    return "\n".join(lines)


def plan_block(store: AnswerStore | None = None) -> Block:
    """The learner's whole saved plan, every cycle, as it will appear in the evidence."""
    plan = load_plan(store)
    return Block(plan_html(plan), plan_markdown(plan))


def show_plan(store: AnswerStore | None = None) -> LiveView:
    """The whole plan, shown again whenever any answer of the plan is saved."""
    from ..live import live

    return live(
        lambda: plan_html(load_plan(store)),
        answers=[f"{NOTEBOOK}.pdca."],
        alt="Your improvement plan (PDCA), every cycle",
    )
