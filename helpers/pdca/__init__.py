"""A PDCA (Plan, Do, Check, Act) improvement plan as plain data, saved through the answer store.

Every field of every cycle has a stable question id ``05.pdca.cycleN.<stage>.<field>``, so the
forms in notebook 05 are views of the same answers that :func:`load_plan` assembles into a
:class:`PdcaPlan`. Tables (actions, success criteria, the Do log) are stored as rows of strings
keyed by the column labels the learner sees; :data:`ACTION_COLUMNS` and friends map them to
the dataclass fields.
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from .smart import check_criterion, check_objective, issues_html
from .store import AnswerStore, shared_store

if TYPE_CHECKING:
    import pandas as pd

    from .forms import Form, FormGroup
    from .plots import Chart

__all__ = [
    "Action",
    "SuccessCriterion",
    "Plan",
    "DoEntry",
    "Check",
    "Act",
    "Cycle",
    "PdcaPlan",
    "DECISIONS",
    "question_id",
    "stage_question_ids",
    "cycle_question_ids",
    "save_plan",
    "load_plan",
    "plan_form",
    "do_form",
    "check_form",
    "act_form",
    "cycle_form",
    "plan_html",
    "plan_markdown",
    "show_plan",
    "timeline",
    "check_from_data",
    "before_after_figure",
    "EXAMPLE_PLAN",
    "show_example_plan",
]

NOTEBOOK = "05"
DECISIONS = ["Adopt", "Adapt", "Abandon"]

# field name -> column label shown to the learner (and used as the key in stored rows)
ACTION_COLUMNS = {
    "what": "What will be done",
    "owner": "Owner",
    "resources": "Resources",
    "start": "Start (YYYY-MM-DD)",
    "end": "End (YYYY-MM-DD)",
}
CRITERION_COLUMNS = {
    "metric": "Metric",
    "baseline": "Baseline (now)",
    "target": "Target",
    "by_when": "By when",
}
DO_COLUMNS = {
    "date": "Date (YYYY-MM-DD)",
    "what_happened": "What happened",
    "who": "Who was involved",
    "evidence": "Evidence reference",
}


@dataclass
class Action:
    what: str = ""
    owner: str = ""
    resources: str = ""
    start: str = ""
    end: str = ""


@dataclass
class SuccessCriterion:
    metric: str = ""
    baseline: str = ""
    target: str = ""
    by_when: str = ""


@dataclass
class Plan:
    problem: str = ""
    data_source: str = ""
    root_cause: str = ""
    objective: str = ""
    actions: list[Action] = field(default_factory=list)
    success_criteria: list[SuccessCriterion] = field(default_factory=list)


@dataclass
class DoEntry:
    date: str = ""
    what_happened: str = ""
    who: str = ""
    evidence: str = ""


@dataclass
class Check:
    metric: str = ""
    before: float | None = None
    after: float | None = None
    before_period: str = ""
    after_period: str = ""
    comments: str = ""


@dataclass
class Act:
    decision: str = ""
    reasons: str = ""
    next_cycle: str = ""


@dataclass
class Cycle:
    number: int
    plan: Plan = field(default_factory=Plan)
    do_log: list[DoEntry] = field(default_factory=list)
    check: Check = field(default_factory=Check)
    act: Act = field(default_factory=Act)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cycle:
        plan = dict(data.get("plan") or {})
        return cls(
            number=int(data["number"]),
            plan=Plan(
                **{
                    k: plan.get(k, "")
                    for k in ("problem", "data_source", "root_cause", "objective")
                },
                actions=[Action(**a) for a in plan.get("actions") or []],
                success_criteria=[
                    SuccessCriterion(**c) for c in plan.get("success_criteria") or []
                ],
            ),
            do_log=[DoEntry(**e) for e in data.get("do_log") or []],
            check=Check(**(data.get("check") or {})),
            act=Act(**(data.get("act") or {})),
        )


@dataclass
class PdcaPlan:
    """Several PDCA cycles: sustained improvement is shown one cycle after another."""

    cycles: list[Cycle] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"cycles": [c.to_dict() for c in self.cycles]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PdcaPlan:
        return cls([Cycle.from_dict(c) for c in data.get("cycles") or []])

    def cycle(self, number: int) -> Cycle:
        """The cycle with this number (an empty one when it has not been started)."""
        return next((c for c in self.cycles if c.number == number), Cycle(number))


# -- the store -----------------------------------------------------------------------------
def question_id(cycle: int, part: str) -> str:
    """The question id of one field, e.g. ``question_id(1, "plan.actions")``."""
    return f"{NOTEBOOK}.pdca.cycle{cycle}.{part}"


_TEXT_PARTS = {
    "plan.problem": ("plan", "problem"),
    "plan.data_source": ("plan", "data_source"),
    "plan.root_cause": ("plan", "root_cause"),
    "plan.objective": ("plan", "objective"),
    "check.metric": ("check", "metric"),
    "check.before_period": ("check", "before_period"),
    "check.after_period": ("check", "after_period"),
    "check.comments": ("check", "comments"),
    "act.decision": ("act", "decision"),
    "act.reasons": ("act", "reasons"),
    "act.next_cycle": ("act", "next_cycle"),
}
_NUMBER_PARTS = {"check.before": "before", "check.after": "after"}
_CYCLE_ID = re.compile(rf"^{NOTEBOOK}\.pdca\.cycle(\d+)\.")


_STAGE_PARTS = {
    "plan": [
        "plan.problem",
        "plan.data_source",
        "plan.root_cause",
        "plan.objective",
        "plan.actions",
        "plan.success_criteria",
    ],
    "do": ["do.log"],
    "check": [
        "check.metric",
        "check.before_period",
        "check.before",
        "check.after_period",
        "check.after",
        "check.comments",
    ],
    "act": ["act.decision", "act.reasons", "act.next_cycle"],
}


def stage_question_ids(cycle: int, stage: str) -> list[str]:
    """The question ids one stage's form saves ("plan", "do", "check" or "act")."""
    return [question_id(cycle, part) for part in _STAGE_PARTS[stage]]


def cycle_question_ids(cycle: int) -> list[str]:
    """Every question id of one cycle, Plan to Act."""
    return [qid for stage in _STAGE_PARTS for qid in stage_question_ids(cycle, stage)]


def _rows(items: list[Any], columns: dict[str, str]) -> list[dict[str, str]]:
    return [{label: getattr(item, name) for name, label in columns.items()} for item in items]


def _items(rows: Any, columns: dict[str, str], kind: type) -> list[Any]:
    made = []
    for row in rows or []:
        if isinstance(row, dict):
            made.append(
                kind(**{name: str(row.get(label) or "") for name, label in columns.items()})
            )
    return made


def cycle_answers(cycle: Cycle) -> dict[str, Any]:
    """Every answer of one cycle, keyed by question id (what :func:`save_plan` writes)."""
    answers: dict[str, Any] = {}
    for part, (stage, name) in _TEXT_PARTS.items():
        answers[question_id(cycle.number, part)] = getattr(getattr(cycle, stage), name)
    for part, name in _NUMBER_PARTS.items():
        answers[question_id(cycle.number, part)] = getattr(cycle.check, name)
    answers[question_id(cycle.number, "plan.actions")] = _rows(cycle.plan.actions, ACTION_COLUMNS)
    answers[question_id(cycle.number, "plan.success_criteria")] = _rows(
        cycle.plan.success_criteria, CRITERION_COLUMNS
    )
    answers[question_id(cycle.number, "do.log")] = _rows(cycle.do_log, DO_COLUMNS)
    return answers


def save_plan(plan: PdcaPlan, store: AnswerStore | None = None) -> None:
    """Write every field of every cycle to the store (the same ids the forms use)."""
    store = store or shared_store()
    for cycle in plan.cycles:
        for qid, value in cycle_answers(cycle).items():
            store.save(qid, value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return value
    return None


def load_cycle(number: int, answers: dict[str, Any]) -> Cycle:
    """One cycle assembled from saved answers (missing answers become empty fields)."""

    def get(part: str) -> Any:
        return answers.get(question_id(number, part))

    cycle = Cycle(number)
    for part, (stage, name) in _TEXT_PARTS.items():
        value = get(part)
        setattr(getattr(cycle, stage), name, "" if value is None else str(value))
    for part, name in _NUMBER_PARTS.items():
        setattr(cycle.check, name, _number(get(part)))
    cycle.plan.actions = _items(get("plan.actions"), ACTION_COLUMNS, Action)
    cycle.plan.success_criteria = _items(
        get("plan.success_criteria"), CRITERION_COLUMNS, SuccessCriterion
    )
    cycle.do_log = _items(get("do.log"), DO_COLUMNS, DoEntry)
    return cycle


def load_plan(store: AnswerStore | None = None) -> PdcaPlan:
    """The whole PDCA plan from the store: every cycle that has any saved answer, in order."""
    answers = (store or shared_store()).answers()
    numbers = sorted({int(m.group(1)) for qid in answers if (m := _CYCLE_ID.match(qid))})
    return PdcaPlan([load_cycle(n, answers) for n in numbers])


# -- forms (widgets at the edge) -------------------------------------------------------------
def _smart_feedback(
    objective: Form, criteria: Form, today: date | None = None
) -> Any:  # an ipywidgets.HTML
    import ipywidgets as w

    box = w.HTML()

    def refresh(*_: Any) -> None:
        if str(objective.value or "").strip():
            parts = [issues_html(check_objective(objective.value), "Your objective")]
        else:
            parts = ["<p><em>Write your objective to see its SMART check here.</em></p>"]
        for number, row in enumerate(criteria.value or [], start=1):
            values = [str(row.get(label) or "") for label in CRITERION_COLUMNS.values()]
            if any(v.strip() for v in values):
                issues = check_criterion(*values, today=today)
                parts.append(issues_html(issues, f"Success criterion {number}"))
        box.value = "".join(parts)

    refresh()
    objective.on_change(refresh)
    criteria.on_change(refresh)
    return box


def plan_form(cycle: int = 1, store: AnswerStore | None = None) -> FormGroup:
    """Plan: problem and its data source, root cause, objective, actions, success criteria.

    The SMART check under the form updates as the learner types.
    """
    from .forms import FormGroup, long_text, short_text, table

    q = partial(question_id, cycle)
    objective = long_text(
        q("plan.objective"),
        "Objective",
        "One sentence: what will change, by how much, by when and why it matters.",
        rows=3,
        store=store,
    )
    criteria = table(
        q("plan.success_criteria"),
        "Success criteria",
        list(CRITERION_COLUMNS.values()),
        "How you will know it worked: a metric, where it is now, the target, and by when.",
        store=store,
    )
    forms = [
        long_text(
            q("plan.problem"),
            "The problem",
            "What is going wrong for customers? Quote the figure or the comment.",
            rows=3,
            store=store,
        ),
        short_text(
            q("plan.data_source"),
            "Where the evidence comes from",
            "Name the data or feedback: for example 'complaints log, Jan to Jun 2025'.",
            store=store,
        ),
        long_text(
            q("plan.root_cause"),
            "Root cause",
            "What your Pareto chart, 5 whys or fishbone showed.",
            rows=3,
            store=store,
        ),
        objective,
        table(
            q("plan.actions"),
            "Actions",
            list(ACTION_COLUMNS.values()),
            "Each step: what, who owns it, what it needs, and its start and end dates.",
            store=store,
        ),
        criteria,
    ]
    group = FormGroup(forms, title=f"Cycle {cycle}: Plan")
    group.widget.children = (*group.widget.children, _smart_feedback(objective, criteria))
    return group


def do_form(cycle: int = 1, store: AnswerStore | None = None) -> FormGroup:
    """Do: a dated log of the change being made."""
    from .forms import FormGroup, table

    log = table(
        question_id(cycle, "do.log"),
        "Implementation log",
        list(DO_COLUMNS.values()),
        "Add a row each time something happens. Evidence: a file name, email date or photo.",
        store=store,
    )
    return FormGroup([log], title=f"Cycle {cycle}: Do")


def check_form(cycle: int = 1, store: AnswerStore | None = None) -> FormGroup:
    """Check: the success metric before and after, with the periods and what people said."""
    from .forms import FormGroup, long_text, number, short_text

    q = partial(question_id, cycle)
    forms = [
        short_text(q("check.metric"), "Metric you compared", store=store),
        short_text(
            q("check.before_period"), "Before: which period?", "e.g. Oct to Dec 2024", store=store
        ),
        number(q("check.before"), "Before: the figure", store=store),
        short_text(
            q("check.after_period"), "After: which period?", "e.g. Apr to Jun 2025", store=store
        ),
        number(q("check.after"), "After: the figure", store=store),
        long_text(
            q("check.comments"),
            "What customers and colleagues said",
            "Quote two or three comments beside the numbers (no names or contact details).",
            rows=4,
            store=store,
        ),
    ]
    return FormGroup(forms, title=f"Cycle {cycle}: Check")


def act_form(cycle: int = 1, store: AnswerStore | None = None) -> FormGroup:
    """Act: adopt, adapt or abandon, why, and what the next cycle will try."""
    from .forms import FormGroup, long_text, single_choice

    q = partial(question_id, cycle)
    forms = [
        single_choice(q("act.decision"), "Decision", DECISIONS, store=store),
        long_text(
            q("act.reasons"), "Why?", "Use the Check figures and comments.", rows=4, store=store
        ),
        long_text(
            q("act.next_cycle"),
            "What the next cycle will try",
            "What did the review teach you? What will you change or build on next?",
            rows=4,
            store=store,
        ),
    ]
    return FormGroup(forms, title=f"Cycle {cycle}: Act")


def cycle_form(cycle: int, store: AnswerStore | None = None) -> Any:
    """All four stages of one cycle in tabs (for the second and later cycles)."""
    import ipywidgets as w

    groups = [f(cycle, store) for f in (plan_form, do_form, check_form, act_form)]
    tabs = w.Tab(children=[g.widget for g in groups])
    for index, title in enumerate(("Plan", "Do", "Check", "Act")):
        tabs.set_title(index, title)
    return _Combined(tabs, groups)


class _Combined:
    """A widget with the escaped HTML of several form groups (so the export shows answers)."""

    def __init__(self, widget: Any, groups: list[FormGroup]) -> None:
        self.widget = widget
        self.groups = groups

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = dict(self.widget._repr_mimebundle_() or {})
        parts = [g._repr_mimebundle_() for g in self.groups]
        bundle["text/html"] = "".join(p["text/html"] for p in parts)
        bundle["text/plain"] = "\n".join(p["text/plain"] for p in parts)
        return bundle


# -- rendering for the export ----------------------------------------------------------------
def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


# Notebook CSS right-aligns table cells (made for numbers); plans are mostly words.
_LEFT = ' style="text-align:left;vertical-align:top"'


def _table(items: list[Any], columns: dict[str, str]) -> str:
    if not items:
        return "<p><em>None recorded yet.</em></p>"
    head = "".join(f'<th scope="col"{_LEFT}>{_e(label)}</th>' for label in columns.values())
    body = "".join(
        "<tr>" + "".join(f"<td{_LEFT}>{_e(getattr(item, name))}</td>" for name in columns) + "</tr>"
        for item in items
    )
    return f'<table class="cw-answer-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _figure(value: float | None) -> str:
    return "not recorded" if value is None else f"{value:g}"


def _line(label: str, value: Any) -> str:
    shown = _e(value) or "<em>not answered yet</em>"
    return f"<p><strong>{_e(label)}:</strong> {shown}</p>"


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
        + _line(f"Before ({c.before_period or 'period not given'})", _figure(c.before))
        + _line(f"After ({c.after_period or 'period not given'})", _figure(c.after))
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
    lines += ["| " + " | ".join(_m(getattr(i, n)) for n in columns) + " |" for i in items]
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
            f"- **Before ({_m(c.before_period)}):** {_figure(c.before)}",
            f"- **After ({_m(c.after_period)}):** {_figure(c.after)}",
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


class _HtmlView:
    def __init__(self, text: str, plain: str) -> None:
        self.text = text
        self.plain = plain

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {"text/html": self.text, "text/plain": self.plain}


def show_plan(store: AnswerStore | None = None) -> Any:
    """The learner's whole saved plan, every cycle, as it will appear in the evidence."""
    plan = load_plan(store)
    return _HtmlView(plan_html(plan), plan_markdown(plan))


def timeline(cycle: int = 1, today: date | None = None, store: AnswerStore | None = None) -> Any:
    """The Gantt-style chart of this cycle's saved actions, with today marked."""
    from .plots import Chart
    from .timeline import timeline_bars, timeline_chart

    actions = [asdict(a) for a in load_plan(store).cycle(cycle).plan.actions]
    figure, alt = timeline_chart(actions, today=today)
    problems = timeline_bars(actions)[1]
    if problems:
        alt += " Not shown: " + " ".join(problems)
    return Chart(figure, alt)


# -- Check from data -------------------------------------------------------------------------
def check_from_data(
    frame: pd.DataFrame, column: str, change_month: str, months: int = 3, *, gap: int = 0
) -> Check:
    """Mean of ``column`` over ``months`` months before ``change_month`` and from it onwards.

    ``frame`` has a ``month`` column (dates or YYYY-MM text). ``gap`` skips months after the change while it
    beds in. Several rows per month (one per agent) are averaged per month first.
    """
    import pandas as pd

    from .plots import month_text

    month_keys = frame["month"].map(month_text)
    monthly = pd.to_numeric(frame[column], errors="coerce").groupby(month_keys).mean().sort_index()
    periods = pd.PeriodIndex(monthly.index, freq="M")
    change = pd.Period(change_month, freq="M")
    before = monthly[(periods >= change - months) & (periods < change)]
    start = change + gap
    after = monthly[(periods >= start) & (periods < start + months)]
    label = lambda s: f"{s.index[0]} to {s.index[-1]}" if len(s) else "no data"  # noqa: E731
    return Check(
        metric=column,
        before=round(float(before.mean()), 1) if len(before) else None,
        after=round(float(after.mean()), 1) if len(after) else None,
        before_period=label(before),
        after_period=label(after),
    )


def before_after_figure(check: Check, unit: str = "") -> tuple[Any, str]:
    """A two-bar before-and-after chart of a Check, and its alt text."""
    from matplotlib.figure import Figure

    from .plots import OKABE_ITO
    from .rootcause import NEUTRAL_GREY

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
        f"Bar chart of {check.metric}: before ({check.before_period}) {_figure(check.before)}, "
        f"after ({check.after_period}) {_figure(check.after)}; {change}{f' {unit}' if unit and change != 'no change' else ''}."
    )
    return figure, alt


def check_chart(cycle: int = 1, store: AnswerStore | None = None) -> Chart:
    """The learner's own before-and-after figures for this cycle as a chart."""
    from .plots import Chart

    return Chart(*before_after_figure(load_plan(store).cycle(cycle).check))


def show_sample_check(
    column: str = "first_contact_resolution_pct",
    change_month: str = "2025-01",
    *,
    label: str = "First-contact resolution",
    unit: str = "%",
    kind: str = "monthly_operations",
) -> Chart:
    """A worked example: the sample organisation's metric by month, before and after a change."""
    from .plots import before_after_chart
    from .rootcause import sample_table

    chart = before_after_chart(
        sample_table(kind), column, change_month, label=label, unit=unit, change_label="Change"
    )
    chart.alt_text += f" Source: Brightwater Energy sample data, {kind}.csv."
    return chart


# -- a worked example (Brightwater Energy, the invented sample organisation) -----------------
# Figures come from data/sample: check_from_data(monthly_operations, ...) and the complaints log.
EXAMPLE_PLAN = PdcaPlan(
    [
        Cycle(
            1,
            Plan(
                problem=(
                    "After paperless billing began in January 2025, first-contact resolution "
                    "fell from a monthly mean of 72.7 % (Oct to Dec 2024) to 68.4 % (Jan to Mar "
                    "2025), and 'paperless switch problem' became a new complaint category."
                ),
                data_source="monthly_operations.csv and complaints.csv, Jan 2024 to Mar 2025",
                root_cause=(
                    "Advisers had no step-by-step guide to helping customers open an email bill "
                    "or sign online, so many calls were passed to the billing team."
                ),
                objective=(
                    "Raise first-contact resolution from 68.4 % to 73 % by 30 September 2025 so "
                    "that customers who switch to paperless get help in one call."
                ),
                actions=[
                    Action(
                        "Write a one-page paperless help guide",
                        "Team leader",
                        "4 hours; billing team to check it",
                        "2025-04-01",
                        "2025-04-11",
                    ),
                    Action(
                        "Brief advisers in team huddles",
                        "Team leader",
                        "Three 15-minute huddles",
                        "2025-04-14",
                        "2025-04-18",
                    ),
                    Action(
                        "Link the guide from the customer record screen",
                        "IT support",
                        "2 hours of IT time",
                        "2025-04-14",
                        "2025-04-25",
                    ),
                ],
                success_criteria=[
                    SuccessCriterion(
                        "First-contact resolution (%)", "68.4 (Jan to Mar 2025)", "73", "2025-09-30"
                    ),
                    SuccessCriterion(
                        "Complaints a month", "21.7 (Jan to Mar 2025)", "14", "2025-09-30"
                    ),
                ],
            ),
            [
                DoEntry(
                    "2025-04-11",
                    "Guide finished and checked by two billing colleagues",
                    "Team leader, billing team",
                    "paperless-guide-v2.pdf",
                ),
                DoEntry(
                    "2025-04-16",
                    "Huddles held; advisers suggested adding the e-signature steps",
                    "All advisers",
                    "huddle notes 16 April",
                ),
                DoEntry(
                    "2025-04-25",
                    "Guide linked from the customer record screen",
                    "IT support",
                    "change ticket 4471",
                ),
            ],
            Check(
                "First-contact resolution (%)",
                68.4,
                73.7,
                "2025-01 to 2025-03",
                "2025-07 to 2025-09",
                "Customer: 'Really pleased with the paperless bill, it arrives on time.' "
                "Customer: 'The e-signature link expired before I could use it.' "
                "Adviser: 'I can sort most paperless calls myself now.'",
            ),
            Act(
                "Adopt",
                "Resolution reached 73.7 % (target 73 %). Complaints fell to 14.0 a month, "
                "meeting the target, but are still above the 12.7 of late 2024.",
                "Expired e-signature links still cause calls. Billing errors are the largest "
                "complaint group in the Pareto chart, so cycle 2 looks at those.",
            ),
        ),
        Cycle(
            2,
            Plan(
                problem=(
                    "Billing errors are the largest complaint category: 84 of 351 complaints "
                    "in 2024 and 2025 (24 %)."
                ),
                data_source="complaints.csv, Jan 2024 to Dec 2025",
                objective=(
                    "Reduce billing error complaints from 4 to 2 a month by 31 March 2026 so "
                    "that customers can trust their bills."
                ),
                actions=[
                    Action(
                        "Check meter readings before each bill is sent",
                        "Billing team leader",
                        "Report from the billing system",
                        "2026-01-05",
                        "2026-02-27",
                    ),
                ],
            ),
        ),
    ]
)


def show_example_plan() -> Any:
    """The worked example: Brightwater's first cycle in full, with its timeline."""
    from .plots import Chart
    from .timeline import timeline_chart

    first = PdcaPlan([EXAMPLE_PLAN.cycles[0]])
    actions = [asdict(a) for a in first.cycles[0].plan.actions]
    chart = Chart(*timeline_chart(actions, today=date(2025, 4, 16)))
    return _HtmlView(plan_html(first) + chart.html(), plan_markdown(first))
