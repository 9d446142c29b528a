"""Coverage: how far a learner's answers evidence each criterion (met, partly or not yet).

Used by notebook 07, the evidence export and the tutor's status command, so all three agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .answers import Answers, DataLookup, Result
from .rules import RULES, Rule


@dataclass
class CoverageEntry:
    """How far the answers evidence one criterion: status, where the evidence is, what is missing."""

    status: str  # "met", "partly" or "not yet"
    evidence: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    # questions of the criterion with no answer yet (ids: views name them by their labels)
    unanswered: list[str] = field(default_factory=list)


def _status(questions: list[str], evidence: list[str], checks: list[tuple[Rule, Result]]) -> str:
    met_checks = sum(result.met for _, result in checks)
    if not evidence and not met_checks:
        return "not yet"
    if checks and met_checks == len(checks):
        return "met"
    if not checks and len(evidence) == len(questions):
        return "met"
    return "partly"


def coverage(
    answers: Mapping[str, Any],
    criteria: Iterable[str] | Mapping[str, Any],
    question_map: Mapping[str, Iterable[str]],
    data: DataLookup | None = None,
) -> dict[str, CoverageEntry]:
    """Criterion id -> :class:`CoverageEntry` (status "met", "partly" or "not yet").

    ``criteria`` is the criteria set (ids, or a mapping keyed by id); ``question_map`` maps each
    question id to the criteria it evidences (from the notebooks' cell metadata). A criterion is
    "met" when its questions are answered and every rule for it is met, "partly" when some
    evidence exists, and "not yet" when none does.
    """
    mapping = getattr(criteria, "mapping", None)
    if mapping:  # real ids of a public specification, each resting on course criteria
        ours = list(dict.fromkeys(c for ids in mapping.values() for c in ids))
        found = coverage(answers, ours, question_map, data)
        return {real: _combined([found[c] for c in ids], ids) for real, ids in mapping.items()}
    answers = answers if isinstance(answers, Answers) else Answers(answers)
    results = [(rule, rule.check(answers, data)) for rule in RULES]
    asked: dict[str, list[str]] = {}  # criterion -> the questions that evidence it
    for question, evidenced in question_map.items():
        for criterion in dict.fromkeys(evidenced):
            asked.setdefault(criterion, []).append(question)
    checked: dict[str, list[tuple[Rule, Result]]] = {}  # criterion -> its rules' results
    for rule, result in results:
        for criterion in dict.fromkeys(rule.criteria):
            checked.setdefault(criterion, []).append((rule, result))
    answered = {q for q in answers if answers[q] is True or "".join(answers.pieces(q)).strip()}
    table: dict[str, CoverageEntry] = {}
    for criterion in list(criteria):
        questions = asked.get(criterion, [])
        evidence = [q for q in questions if q in answered]
        checks = checked.get(criterion, [])
        reasons = [f"{rule.looks_for} {res.why_not}".strip() for rule, res in checks if not res.met]
        if not evidence:
            read = [q for rule, res in checks if res.met for q in rule.evidence(answers)]
            evidence = list(dict.fromkeys(read))[:6]
        table[criterion] = CoverageEntry(_status(questions, evidence, checks), evidence, reasons)
        missing = [q for q in questions if q not in evidence]
        if not questions and not checks:
            reasons.append("No question in the notebooks collects evidence for this yet.")
        elif missing and table[criterion].status != "met":
            table[criterion].unanswered = missing
    return table


def _combined(entries: list[CoverageEntry], ids: Iterable[str]) -> CoverageEntry:
    """One real id's coverage from the course criteria it rests on: evidence found only when
    all of them have it, not yet when none has any."""
    statuses = {e.status for e in entries}
    status = statuses.pop() if len(statuses) == 1 else "partly"
    evidence = list(dict.fromkeys(q for e in entries for q in e.evidence))
    reasons = [f"{cid}: {r}" for cid, e in zip(ids, entries, strict=True) for r in e.reasons]
    unanswered = list(dict.fromkeys(q for e in entries for q in e.unanswered))
    return CoverageEntry(status, evidence, reasons, unanswered)


def data_lookup(store: Any = None) -> DataLookup | None:
    """``data(kind)``: the learner's chosen table (or the sample) for rules that need data."""
    import importlib

    try:
        datasource = importlib.import_module("helpers.datasource")
    except ImportError:
        return None

    def lookup(kind: str) -> Any:
        try:
            return datasource.load(kind, redact=False, store=store).frame
        except Exception:  # the data cells report data problems; a rule just sees no data
            return None

    return lookup
