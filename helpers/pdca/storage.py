"""Where a PDCA plan lives in the answer store: one question id per field of every cycle.

Every field has a stable id ``05.pdca.cycleN.<stage>.<field>``, so the forms in notebook 05 are
views of the same answers that :func:`load_plan` assembles into a :class:`~.model.PdcaPlan`.
"""

from __future__ import annotations

import contextlib
import math
import re
from typing import Any

from ..store import AnswerStore, shared_store
from .model import (
    ACTION_COLUMNS,
    CRITERION_COLUMNS,
    DO_COLUMNS,
    NOTEBOOK,
    Action,
    Cycle,
    DoEntry,
    PdcaPlan,
    SuccessCriterion,
    table_rows,
    with_current_labels,
)


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


def _items(rows: Any, columns: dict[str, str], kind: type) -> list[Any]:
    """Table rows as ``kind``; anything but a list of rows (a store edited by hand, an answer
    saved as text) gives no rows, so one bad answer never stops the plan being shown."""
    made = []
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict):
            row = with_current_labels(row)
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
    answers[question_id(cycle.number, "plan.actions")] = table_rows(
        cycle.plan.actions, ACTION_COLUMNS
    )
    answers[question_id(cycle.number, "plan.success_criteria")] = table_rows(
        cycle.plan.success_criteria, CRITERION_COLUMNS
    )
    answers[question_id(cycle.number, "do.log")] = table_rows(cycle.do_log, DO_COLUMNS)
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
        # a number too big for a chart (an edited store) counts as no figure, not a failure
        with contextlib.suppress(OverflowError):
            number = float(value)
            return number if math.isfinite(number) and abs(number) < 1e15 else None
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return str(value)
    # a list or a group of fields where text goes (a store edited by hand): never Python's notation
    return "(this answer was saved in a form that cannot be shown here)"


def load_cycle(number: int, answers: dict[str, Any]) -> Cycle:
    """One cycle assembled from saved answers (missing answers become empty fields)."""

    def get(part: str) -> Any:
        return answers.get(question_id(number, part))

    cycle = Cycle(number)
    for part, (stage, name) in _TEXT_PARTS.items():
        value = get(part)
        setattr(getattr(cycle, stage), name, _text(value))
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
