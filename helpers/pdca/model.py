"""The PDCA plan as plain data: cycles of Plan, Do, Check and Act, and the table columns.

Tables (actions, success criteria, the Do log) are stored as rows of strings keyed by the column
labels the learner sees; :data:`ACTION_COLUMNS` and friends map those labels to the dataclass
fields.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

NOTEBOOK = "05"
DECISIONS = ["Adopt", "Adapt", "Abandon"]

# field name -> column label shown to the learner (and used as the key in stored rows)
ACTION_COLUMNS = {
    "what": "What will be done",
    "owner": "Owner",
    "resources": "Resources",
    "start": "Start date",
    "end": "End date",
}
CRITERION_COLUMNS = {
    "metric": "Metric",
    "baseline": "Baseline (now)",
    "target": "Target",
    "by_when": "By when (date)",
}
DO_COLUMNS = {
    "date": "Date",
    "what_happened": "What happened",
    "who": "Who was involved",
    "evidence": "Evidence reference",
}
# The columns that hold a date: typed the UK way, stored as ISO text ("2025-04-14").
DATE_FIELDS = frozenset({"start", "end", "by_when", "date"})
# Column labels of earlier versions (rows saved then are keyed by them): read as today's.
EARLIER_LABELS = {
    "Start (YYYY-MM-DD)": ACTION_COLUMNS["start"],
    "End (YYYY-MM-DD)": ACTION_COLUMNS["end"],
    "By when": CRITERION_COLUMNS["by_when"],
    "Date (YYYY-MM-DD)": DO_COLUMNS["date"],
}


def date_labels(columns: dict[str, str]) -> list[str]:
    """The labels of the date columns of one table."""
    return [label for name, label in columns.items() if name in DATE_FIELDS]


def with_current_labels(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row keyed by today's column labels (a value under today's label wins)."""
    renamed = {EARLIER_LABELS.get(key, key): value for key, value in row.items()}
    renamed.update({key: value for key, value in row.items() if key not in EARLIER_LABELS})
    return renamed


def table_rows(items: list[Any], columns: dict[str, str]) -> list[dict[str, str]]:
    """Items as rows of strings keyed by the column labels the learner sees."""
    return [{label: getattr(item, name) for name, label in columns.items()} for item in items]


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
