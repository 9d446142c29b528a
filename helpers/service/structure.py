"""How the organisation is set up around its customers: structure, moments of truth, relationships.

Pure parts: :func:`relationship_hints`. Notebook edges: :func:`org_structure_form`,
:func:`customer_relationship_form`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..panels import Panel, panel_with_hints

if TYPE_CHECKING:
    from ..store import AnswerStore

# -- organisation structure ----------------------------------------------------------------
STRUCTURES = [
    "Centralised: one central team handles customers for the whole organisation",
    "Decentralised: each branch, region or product team handles its own customers",
    "A mix of both",
]


def org_structure_form(store: AnswerStore | None = None) -> Panel:
    """Centralised or decentralised, why, and who does what."""
    from ..forms import long_text, single_choice, table

    forms = [
        single_choice(
            "04.structure.type",
            "How is customer service organised where you work?",
            STRUCTURES,
            store=store,
        ),
        long_text(
            "04.structure.effect",
            "How does this structure help or hold back the service customers get?",
            help="Give one example, such as how quickly a query reaches the right person.",
            words=(40, 150),
            rows=4,
            store=store,
        ),
        table(
            "04.structure.roles",
            "Who does what",
            ["Department or role", "What they do", "How their work reaches the customer"],
            help="Include teams customers never meet, such as IT, finance or facilities.",
            starting_rows=[{}, {}, {}],
            store=store,
        ),
    ]
    return Panel(forms)


# -- customer relationships: loyalty, retention, data --------------------------------------
# Words that show the learner has thought about a data-protection principle (UK GDPR art. 5).
_DATA_CARE = re.compile(
    r"consent|permission|only (?:what|the data)|minim|need(?:ed|s)? (?:it|to)|purpose|accura|"
    r"up to date|correct|secur|password|lock|access|delet|remov|retain|retention period|"
    r"keep (?:it )?(?:no|only)|how long|privacy|gdpr|data protection",
    re.I,
)
_LOYALTY = re.compile(
    r"loyal|retain|retention|keep (?:our |the )?customers|come back|stay|renew|recommend|"
    r"leav|churn|switch",
    re.I,
)


def relationship_hints(answers: Mapping[str, Any]) -> list[str]:
    """Hints for the relationship answers (keys: ``loyalty``, ``data``)."""
    hints = []
    loyalty = str(answers.get("loyalty") or "")
    data = str(answers.get("data") or "")
    if not loyalty.strip():
        hints.append("Say what your organisation does to keep customers and earn their loyalty.")
    elif not _LOYALTY.search(loyalty):
        hints.append(
            "Say how you know it works: do customers stay, come back or recommend you? "
            "A retention figure or a comment helps."
        )
    if not data.strip():
        hints.append("Say what customer data your team records and how you look after it.")
    elif not _DATA_CARE.search(data):
        hints.append(
            "Name at least one way you handle the data ethically: only what you need, kept "
            "accurate, kept secure, used only for the reason the customer was told, or deleted "
            "when no longer needed."
        )
    return hints


def customer_relationship_form(store: AnswerStore | None = None) -> Panel:
    """Loyalty and retention, and the ethical handling of the data a relationship needs."""
    from ..forms import long_text

    forms = {
        "loyalty": long_text(
            "04.crm.loyalty",
            "How does your organisation build loyalty and keep its customers?",
            help="Give one example, such as a follow-up call, a named contact or a reminder.",
            words=(40, 150),
            rows=4,
            store=store,
        ),
        "data": long_text(
            "04.crm.data",
            "What customer data does your team record, and how do you handle it ethically?",
            help="Think of consent, keeping it accurate and secure, and deleting it in time.",
            words=(40, 150),
            rows=4,
            store=store,
        ),
    }
    return panel_with_hints(forms, relationship_hints)
