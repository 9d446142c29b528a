"""Complaints: communication techniques, the HEAT model and escalation, on a practice scenario.

The complaint is invented (Brightwater's Mrs Patel), so the answers are knowledge evidence: they
show what the learner would do, not what they did at work.

Pure parts: :func:`question_hints`, :func:`escalation_hints`. Notebook edges:
:func:`communication_form`, :func:`heat_form`, :func:`escalation_form`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..panels import Panel, panel_with_hints
from ..views import escape

if TYPE_CHECKING:
    from ..store import AnswerStore

HEAT_SCENARIO = (
    "Mrs Patel switched to paperless billing in January. In March she phones Brightwater: she "
    "has had no bill for two months, a reminder letter has now arrived saying she owes £240, "
    "and she is worried about being cut off. She says nobody told her the email bills were "
    "going to her old work address."
)

HEAT_STEPS = [
    ("hear", "Hear", "What would you listen for, and how would you show you are listening?"),
    ("empathise", "Empathise", "What would you say to show you understand how she feels?"),
    ("apologise", "Apologise", "How would you apologise sincerely, without blaming anyone?"),
    (
        "take_ownership",
        "Take ownership",
        "What would you do, by when, and who else would you involve (billing, IT)?",
    ),
    (
        "follow_up",
        "Follow up and learn",
        "How would you check she is happy, and what would you change so it does not happen again?",
    ),
]


def heat_form(scenario: str = HEAT_SCENARIO, store: AnswerStore | None = None) -> Panel:
    """Work through a complaint with HEAT: Hear, Empathise, Apologise, Take ownership."""
    from ..forms import long_text

    forms = [
        long_text(f"04.heat.{key}", title, help=prompt, words=(20, 120), rows=3, store=store)
        for key, title, prompt in HEAT_STEPS
    ]
    return Panel(forms, intro_html=scenario_html(scenario))


def scenario_html(scenario: str = HEAT_SCENARIO) -> str:
    """The practice complaint as a boxed quotation (escaped)."""
    return (
        '<div style="border-left:4px solid #0072B2;padding:6px 10px;background:#f4f8fb">'
        f"<strong>The complaint (a practice scenario)</strong><p>{escape(scenario)}</p></div>"
    )


# -- communication techniques --------------------------------------------------------------
_OPEN = re.compile(
    r"^\W*(?:what|how|why|when|where|which|who|tell me|talk me|describe|explain)\b", re.I
)
_CLOSED = re.compile(
    r"^\W*(?:is|are|was|were|do|does|did|can|could|have|has|had|would|will|shall|should|may)\b",
    re.I,
)


def questions_in(text: str) -> list[str]:
    """The questions in ``text``: each sentence or line that ends with a question mark."""
    parts = re.split(r"(?<=\?)|\n", text)
    return [p.strip(" -*•\t") for p in parts if p.strip().endswith("?")]


def question_hints(text: str) -> list[str]:
    """Hints for the questioning task: two open questions and one closed one."""
    found = questions_in(text)
    opened = [q for q in found if _OPEN.match(q)]
    closed = [q for q in found if _CLOSED.match(q)]
    hints = []
    if len(opened) < 2:
        hints.append(
            "Write two open questions: they start with what, how, why or tell me, and let "
            "the customer explain in her own words."
        )
    if not closed:
        hints.append(
            "Write one closed question to check a fact: it can be answered yes or no, such as "
            "“Is this still your email address?”"
        )
    return hints


COMMUNICATION_PARTS = [
    (
        "listening",
        "Active listening: what would you do and say to show Mrs Patel you are listening?",
        "For example: let her finish, note the key facts, sum up what she said and check it.",
        (20, 100),
    ),
    (
        "questions",
        "Write two open questions and one closed question you would ask her",
        "Put each question on its own line, ending with a question mark.",
        (10, 80),
    ),
    (
        "adapting",
        "How would you adapt your style for Mrs Patel on the phone, and for a business "
        "customer who emails about the same problem?",
        "Think of your words, tone, pace and how much detail each one needs.",
        (30, 120),
    ),
]


def communication_form(store: AnswerStore | None = None) -> Panel:
    """Active listening, open and closed questions, adapting style, with live hints."""
    from ..forms import long_text

    forms = {
        key: long_text(
            f"04.communication.{key}", label, help=help, words=words, rows=3, store=store
        )
        for key, label, help, words in COMMUNICATION_PARTS
    }
    return Panel(
        list(forms.values()),
        hints=lambda: question_hints(str(forms["questions"].value or "")),
    )


# -- escalation ----------------------------------------------------------------------------
_WHO = re.compile(
    r"team leader|supervisor|manager|complaints? team|specialist|senior|billing team|"
    r"ombudsman|resolutions? team|customer relations",
    re.I,
)
_WHY = re.compile(
    r"because|as |since|vulnerab|authority|cannot|can't|outside|risk|disconnect|cut off|"
    r"repeat|second time|again|refund|compensat|credit|legal|asks?|wants?",
    re.I,
)
_NEXT = re.compile(
    r"\b(?:by|within|today|tomorrow|hours?|days?|week|monday|tuesday|wednesday|thursday|"
    r"friday|call (?:her )?back|ring (?:her )?back|update)\b",
    re.I,
)


def escalation_hints(answers: Mapping[str, Any]) -> list[str]:
    """Hints for the escalation answers (keys: ``when``, ``handover``, ``own``)."""
    when = str(answers.get("when") or "")
    handover = str(answers.get("handover") or "")
    hints = []
    if not _WHO.search(when):
        hints.append("Say who you would escalate to, such as a team leader or the complaints team.")
    if not _WHY.search(when):
        hints.append(
            "Give the reason to escalate, such as a risk to the customer or a limit on what you can agree."
        )
    if not _NEXT.search(handover):
        hints.append(
            "Tell the customer what happens next and by when, so she does not have to chase."
        )
    if not str(answers.get("own") or "").strip():
        hints.append(
            "Describe your own workplace's escalation steps, or ask a team leader for them."
        )
    return hints


ESCALATION_PARTS = [
    (
        "when",
        "Would you escalate Mrs Patel's complaint? To whom, and why?",
        "Think about what you can put right yourself and what needs someone with more authority.",
        (20, 100),
    ),
    (
        "handover",
        "What would you pass on, and what would you tell her about what happens next?",
        "The next person should not need to ask her to repeat anything.",
        (20, 100),
    ),
    (
        "own",
        "What are the escalation steps where you work?",
        "Who handles a complaint at each step, and any time limits. Leave out customers' names.",
        (30, 150),
    ),
]


def escalation_form(store: AnswerStore | None = None) -> Panel:
    """When and how to escalate the practice complaint, and the learner's own procedure."""
    from ..forms import long_text

    forms = {
        key: long_text(f"04.escalation.{key}", label, help=help, words=words, rows=3, store=store)
        for key, label, help, words in ESCALATION_PARTS
    }
    return panel_with_hints(forms, escalation_hints)
