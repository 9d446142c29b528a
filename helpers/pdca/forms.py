"""The PDCA forms of notebook 05: one per stage, each a view of the plan's answers in the store.

Widgets live at the edge: ipywidgets and :mod:`helpers.forms` load only when a form is made.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from ..smart import check_criterion, check_objective, issues_html
from ..views import ShowsStaticHtml
from .model import (
    ACTION_COLUMNS,
    CRITERION_COLUMNS,
    DECISIONS,
    DO_COLUMNS,
    EARLIER_LABELS,
    date_labels,
    with_current_labels,
)
from .storage import question_id

if TYPE_CHECKING:
    from ..forms import Form, FormGroup
    from ..store import AnswerStore


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


DATE_HELP = "Type dates the UK way, for example 14/04/2025."


def _table(
    qid: str, label: str, columns: dict[str, str], help: str, store: AnswerStore | None
) -> Form:
    """A PDCA table whose date columns use the UK date control (stored as "2025-04-14").

    Rows saved under an earlier version's column labels ("Start (YYYY-MM-DD)") are shown
    under today's; the store is left as it is until the learner changes something.
    """
    from ..errors import StoreError
    from ..forms import table

    form = table(qid, label, list(columns.values()), help, date_columns=date_labels(columns),
                 store=store)  # fmt: skip
    try:
        saved = form.store.load(qid)
    except StoreError:
        return form  # the form already says why
    if isinstance(saved, list) and any(
        isinstance(row, dict) and EARLIER_LABELS.keys() & row.keys() for row in saved
    ):
        form._loading = True  # showing, not saving
        form._write([with_current_labels(r) if isinstance(r, dict) else r for r in saved])
        form._loading = False
    return form


def plan_form(cycle: int = 1, store: AnswerStore | None = None) -> FormGroup:
    """Plan: problem and its data source, root cause, objective, actions, success criteria.

    The SMART check under the form updates as the learner types.
    """
    from ..forms import FormGroup, long_text, short_text

    q = partial(question_id, cycle)
    objective = long_text(
        q("plan.objective"),
        "Objective",
        "One sentence: what will change, by how much, by when and why it matters.",
        rows=3,
        store=store,
    )
    criteria = _table(
        q("plan.success_criteria"),
        "Success criteria",
        CRITERION_COLUMNS,
        "How you will know it worked: a metric, where it is now, the target, and by when. "
        + DATE_HELP,
        store,
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
        _table(
            q("plan.actions"),
            "Actions",
            ACTION_COLUMNS,
            "Each step: what, who owns it, what it needs, and its start and end dates. "
            + DATE_HELP,
            store,
        ),
        criteria,
    ]
    group = FormGroup(forms, title=f"Cycle {cycle}: Plan")
    group.widget.children = (*group.widget.children, _smart_feedback(objective, criteria))
    return group


def do_form(cycle: int = 1, store: AnswerStore | None = None) -> FormGroup:
    """Do: a dated log of the change being made."""
    from ..forms import FormGroup

    log = _table(
        question_id(cycle, "do.log"),
        "Implementation log",
        DO_COLUMNS,
        "Add a row each time something happens. Evidence: a file name, email date or photo. "
        + DATE_HELP,
        store,
    )
    return FormGroup([log], title=f"Cycle {cycle}: Do")


def check_form(cycle: int = 1, store: AnswerStore | None = None) -> FormGroup:
    """Check: the success metric before and after, with the periods and what people said."""
    from ..forms import FormGroup, long_text, number, short_text

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
    from ..forms import FormGroup, long_text, single_choice

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


class _Combined(ShowsStaticHtml):
    """A widget with the escaped HTML of several form groups (so the export shows answers)."""

    def __init__(self, widget: Any, groups: list[FormGroup]) -> None:
        self.widget = widget
        self.groups = groups

    def static_html(self) -> str:
        return "".join(g.static_html() for g in self.groups)

    def static_text(self) -> str:
        return "\n".join(g.static_text() for g in self.groups)
