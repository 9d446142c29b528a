"""Rule builders for the seed topics of notebooks 03 and 04: green claims, moments of truth,
customer relationships and data, service level agreements, communication and escalation.

Same contract as :mod:`.checks`: each builder returns ``check(answers, data) -> Result``, a pure
function that reads only what the learner typed. An empty or untouched box is never evidence:
every check here starts from the text of the answers it reads, and blank text is "not yet".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .answers import DataLookup, Result, section_answers, section_text
from .checks import Check, _unless_missing
from .vocabulary import (
    ABSOLUTE_CLAIM,
    HOW_OFTEN,
    NUMBER,
    PARTY,
    PROOF,
    TIME_UNIT,
    WHOLE_LIFE,
    Pattern,
)

Need = tuple[str, Pattern]
"""What an answer should say (words for the learner) and the pattern that finds it."""


def _text(answers: Mapping[str, Any], section: str, name: str) -> str:
    """The text of the question ``section.name`` only (not of ids that merely contain it)."""
    wanted = f"{section}.{name}"
    return "\n".join(
        str(v) for q, v in section_answers(answers, section).items() if q == wanted and v
    ).strip()


def says_each(section: str, needs: Sequence[Need], part: str = "", blank: str = "") -> Check:
    """The text of ``section`` (ids containing ``part``) says every thing in ``needs``.

    When it does not, the reason names each thing still missing; ``blank`` is the reason when
    nothing is written yet.
    """

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section, part)
        if not text.strip():
            return Result(False, blank or "Nothing written here yet.")
        missing = [what for what, pattern in needs if not pattern.search(text)]
        return _unless_missing(missing, "Your answer does not yet say {}.")

    return check


def sla_between_parties(section: str) -> Check:
    """An SLA with two parties (not a promise to customers), a target as a number and a time,
    and how often it is reported (questions ``parties``, ``target``, ``reporting``)."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        parties, target = _text(answers, section, "parties"), _text(answers, section, "target")
        reporting = _text(answers, section, "reporting")
        if not (parties or target or reporting):
            return Result(False, "Define an SLA: its two parties, target and reporting.")
        if parties and re.search(r"customer", parties, re.I) and not PARTY.search(parties):
            return Result(
                False,
                "A promise to customers is a service standard. An SLA is agreed between two "
                "parties, such as two teams, or your organisation and a supplier.",
            )
        missing = []
        if not parties:
            missing.append("the two parties")
        if not (NUMBER.search(target) and TIME_UNIT.search(target)):
            missing.append("the target as a number and a time (95 % within 2 working days)")
        if not HOW_OFTEN.search(reporting):
            missing.append("how often the results are reported, and to whom")
        return _unless_missing(missing, "Your SLA still needs {}.")

    return check


_OPEN = re.compile(
    r"^\W*(?:what|how|why|when|where|which|who|tell me|talk me|describe|explain|"
    r"(?:can|could|would) you (?:tell|explain|describe|talk|walk|say|share))\b",
    re.I,
)
_CLOSED = re.compile(
    r"^\W*(?:is|are|was|were|did|do|does|can|could|have|has|had|will|would|shall|should|may|"
    r"am)\b",
    re.I,
)


def _questions(text: str) -> list[str]:
    """Each question in ``text``: a line or sentence ending with a question mark."""
    parts = re.split(r"(?<=\?)|\n", text)
    return [p.strip() for p in parts if p.strip().endswith("?")]


def open_and_closed_questions(section: str, part: str) -> Check:
    """The answers whose ids contain ``part`` ask at least one open and one closed question."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section, part)
        if not text.strip():
            return Result(False, "Write the questions you would ask, each ending with '?'.")
        asked = _questions(text)
        has_open = any(_OPEN.search(q) for q in asked)
        has_closed = any(_CLOSED.search(q) and not _OPEN.search(q) for q in asked)
        missing = [
            name
            for name, found in (
                ("an open question (what, how, why, tell me)", has_open),
                ("a closed question (is, did, can) to check a fact", has_closed),
            )
            if not found
        ]
        return _unless_missing(missing, "Add {}, ending with a question mark.")

    return check


def green_claim_backed(section: str) -> Check:
    """The promotion's green claim (question ``claim``) is written and its evidence (question
    ``evidence``) names proof; an absolute claim (carbon neutral, zero waste) also needs proof
    over the whole life of the service. Ticks against the Code's principles are not evidence."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        claim, evidence = _text(answers, section, "claim"), _text(answers, section, "evidence")
        if not claim:
            return Result(False, "Copy the main green claim from your promotion.")
        if not PROOF.search(evidence):
            return Result(
                False,
                "Name the evidence behind your claim: your figures, a record or a survey.",
            )
        if ABSOLUTE_CLAIM.search(claim) and not WHOLE_LIFE.search(evidence):
            return Result(
                False,
                "An absolute claim such as carbon neutral needs proof over the whole life of "
                "the service (devices and data centres too). Prove it or rewrite the claim.",
            )
        return Result(True)

    return check
