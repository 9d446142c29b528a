"""The rules as data: what an assessor looks for in each notebook, and the criteria it evidences.

One :class:`Rule` per row of :data:`RULES`, grouped by notebook, so a tutor or an IQA can review
them without reading the checks: ``looks_for`` is what the learner sees, ``criteria`` the
criterion ids in ``data/reference/criteria.yml`` it evidences, ``reads`` the part of the
question ids it reads (empty: the whole notebook) and ``check`` how it decides, built from
:mod:`.checks`. ``misconception`` marks rules that catch a common misunderstanding.

Criteria are data a tutor can replace; :func:`criteria_problems` names every criterion id a rule
or a question uses that the criteria file in use lacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..words import joined_with_and
from .answers import DataLookup, Result, has_answer, in_section, section_answers
from .checks import (
    Check,
    all_filled,
    before_after,
    both_channels,
    claims_cite_figures,
    dated_log,
    declaration,
    has_figures_and_comments,
    impacts,
    law_with_consequence,
    mentions,
    not_brand_only,
    not_cost_only,
    ongoing,
    pdca_plan,
    reception,
    reflection_links,
    smart_goals,
    weighs_competition,
)
from .service_checks import (
    green_claim_backed,
    open_and_closed_questions,
    says_each,
    sla_between_parties,
)
from .vocabulary import (
    CUSTOMER,
    CUSTOMER_DATA,
    DATA_CARE,
    DATA_SOURCE,
    ESCALATE_TO,
    EXPECTATION,
    GIBBS_STAGE_NAMES,
    KEEPING,
    LISTENING,
    NEXT_CYCLE,
    NEXT_STEP,
    ROLE,
    SERVICE_OUTCOME,
    STAKEHOLDERS,
    STYLE,
    SUPPORT,
    TEAM,
    words,
)

if TYPE_CHECKING:
    from ..criteria import CriteriaSet


@dataclass(frozen=True)
class Rule:
    """One thing an assessor looks for in a notebook, and the criteria it evidences."""

    id: str
    section: str  # the notebook ("01")
    looks_for: str
    criteria: tuple[str, ...]
    check: Check
    misconception: bool = False
    reads: str = ""  # answers whose id contains this are the evidence the rule reads

    def evidence(self, answers: Mapping[str, Any]) -> list[str]:
        """Answered question ids this rule reads (for links from the coverage matrix)."""
        found = section_answers(answers, self.section)
        return [q for q, v in found.items() if self.reads in q and has_answer(v)]


RULES: list[Rule] = [
    # 01 sustainability review
    Rule(
        id="review.channels",
        section="01",
        looks_for="Your review covers both physical and digital channels.",
        criteria=("SUS.REVIEW.1",),
        check=both_channels("01"),
        misconception=True,
    ),
    Rule(
        id="review.impacts",
        section="01",
        looks_for="You name the impacts: energy, waste and resources.",
        criteria=("SUS.REVIEW.2",),
        check=impacts("01"),
    ),
    Rule(
        id="review.figures",
        section="01",
        looks_for="Each improvement you propose is justified by a figure.",
        criteria=("SUS.REVIEW.3",),
        check=claims_cite_figures("01"),
    ),
    Rule(
        id="review.not_cost_only",
        section="01",
        looks_for="A cost saving is not presented as the environmental benefit.",
        criteria=("SUS.REVIEW.3",),
        check=not_cost_only("01"),
        misconception=True,
    ),
    Rule(
        id="review.customer",
        section="01",
        looks_for="You explain the customer's role in the impact.",
        criteria=("SUS.REVIEW.4",),
        check=mentions(
            "01",
            CUSTOMER,
            "Say what customers do that adds to or cuts "
            "the impact (for example choosing paperless bills).",
        ),
    ),
    # 02 before and after
    Rule(
        id="monitor.before_after",
        section="02",
        looks_for="Monitoring has dated data with at least three points before and three after.",
        criteria=("SUS.MONITOR.1",),
        check=before_after("02"),
    ),
    Rule(
        id="monitor.ongoing",
        section="02",
        looks_for="Monitoring is ongoing, with a second review point.",
        criteria=("SUS.MONITOR.2",),
        check=ongoing("02"),
        misconception=True,
    ),
    Rule(
        id="monitor.feedback",
        section="02",
        looks_for="Customer or colleague comments sit beside the numbers.",
        criteria=("SUS.MONITOR.3",),
        check=has_figures_and_comments("02"),
        misconception=True,
    ),
    Rule(
        id="monitor.figures",
        section="02",
        looks_for="Claims that something improved give the figure.",
        criteria=("SUS.MONITOR.1",),
        check=claims_cite_figures("02"),
    ),
    # 03 promotion
    Rule(
        id="promote.plan",
        section="03",
        looks_for="Your promotion says who it is for and how you reach them.",
        criteria=("SUS.PROMOTE.1",),
        check=mentions(
            "03", STAKEHOLDERS, "Say who the promotion is for: colleagues, customers or both."
        ),
    ),
    Rule(
        id="promote.reception",
        section="03",
        looks_for="There is evidence of how the promotion was received (survey, replies, minutes).",
        criteria=("SUS.PROMOTE.2",),
        check=reception("03"),
    ),
    Rule(
        id="promote.outcomes",
        section="03",
        looks_for="The promotion is linked to customer-service outcomes.",
        criteria=("SUS.PROMOTE.3",),
        check=mentions(
            "03",
            SERVICE_OUTCOME,
            "Link the promotion to a service outcome "
            "such as satisfaction (CSAT), complaints or response times.",
        ),
    ),
    Rule(
        id="promote.law",
        section="03",
        looks_for="You explain the policy, law or ethics behind the change.",
        criteria=("SUS.WHY.1",),
        check=law_with_consequence("03"),
    ),
    Rule(
        id="promote.claims",
        section="03",
        looks_for="Your main green claim is backed by evidence, not only ticked against the Code.",
        criteria=("SUS.PROMOTE.4",),
        reads="claims",
        check=green_claim_backed("03.claims"),
        misconception=True,
    ),
    Rule(
        id="promote.not_brand_only",
        section="03",
        looks_for="Brand image is not mistaken for customer service.",
        criteria=("SUS.PROMOTE.3",),
        check=not_brand_only("03"),
        misconception=True,
    ),
    # 04 service environment
    Rule(
        id="environment.structure",
        section="04",
        looks_for="You describe roles in the organisation's structure.",
        criteria=("ENV.STRUCTURE.1",),
        check=mentions("04", ROLE, "Describe who does what: the roles and teams."),
    ),
    Rule(
        id="environment.journey",
        section="04",
        looks_for="The customer journey includes teams customers never meet (such as IT or finance).",
        criteria=("ENV.STRUCTURE.2",),
        check=mentions(
            "04",
            words(
                r"\bit\b|i\.t\.|finance|billing|metering|back office|"
                r"warehouse|hr\b|payroll|field|engineer|collections"
            ),
            "Service is not only the front line: add a team behind the scenes, "
            "such as IT or finance, and the handoff to it.",
        ),
        misconception=True,
    ),
    Rule(
        id="environment.moment",
        section="04",
        looks_for="Your moment of truth says what the customer expects and which team shapes it.",
        criteria=("ENV.STRUCTURE.2",),
        reads="journey.moment",
        check=says_each(
            "04",
            [
                ("what the customer expects or feels at that moment", EXPECTATION),
                ("which team or department shapes it", TEAM),
            ],
            part="journey.moment",
        ),
    ),
    Rule(
        id="environment.loyalty",
        section="04",
        looks_for="You say how customers are kept and how you know it works.",
        criteria=("ENV.RELATIONSHIPS.1",),
        reads="crm.loyalty",
        check=says_each(
            "04",
            [("how you know it works: customers stay, come back or recommend you", KEEPING)],
            part="crm.loyalty",
        ),
    ),
    Rule(
        id="environment.customer_data",
        section="04",
        looks_for="You name the customer data you record and how it is handled ethically.",
        criteria=("ENV.RELATIONSHIPS.2",),
        reads="crm.data",
        check=says_each(
            "04",
            [
                ("which customer data your team records", CUSTOMER_DATA),
                (
                    "how it is handled ethically: only what is needed, accurate, secure, "
                    "used for the reason given or deleted in time",
                    DATA_CARE,
                ),
            ],
            part="crm.data",
        ),
    ),
    Rule(
        id="environment.law",
        section="04",
        looks_for="Each law you name comes with what happens if it is breached.",
        criteria=("ENV.LAW.1", "ENV.LAW.2"),
        check=law_with_consequence("04"),
        misconception=True,
    ),
    Rule(
        id="environment.measures",
        section="04",
        looks_for="You say how service is measured (SLA, survey, KPI).",
        criteria=("ENV.STANDARDS.1", "ENV.STANDARDS.2"),
        check=mentions(
            "04",
            words(
                r"sla|service level|kpi|survey|mystery|"
                r"target|standard|measure"
            ),
            "Say how service is measured: an SLA target, a survey, a KPI or mystery shopping.",
        ),
    ),
    Rule(
        id="environment.sla",
        section="04",
        looks_for="Your SLA is agreed between two parties, with a target and regular reports.",
        criteria=("ENV.STANDARDS.1",),
        reads="sla",
        check=sla_between_parties("04.sla"),
        misconception=True,
    ),
    Rule(
        id="environment.communication",
        section="04",
        looks_for="You show active listening, open and closed questions and an adapted style.",
        criteria=("ENV.COMMUNICATION.1",),
        reads="communication",
        check=open_and_closed_questions("04", "communication.questions"),
    ),
    Rule(
        id="environment.listening",
        section="04",
        looks_for="You sum up and check what the customer said, and adapt your style.",
        criteria=("ENV.COMMUNICATION.1",),
        reads="communication",
        check=says_each(
            "04",
            [
                ("how you check what you heard (sum it up and ask if it is right)", LISTENING),
                ("how you adapt your tone, words or detail to the customer", STYLE),
            ],
            part="communication",
        ),
    ),
    Rule(
        id="environment.escalation",
        section="04",
        looks_for="You say who a complaint goes to and what the customer is told, by when.",
        criteria=("ENV.COMPLAINTS.2",),
        reads="escalation",
        check=says_each(
            "04",
            [
                ("who you would escalate to, such as a team leader", ESCALATE_TO),
                ("what the customer is told happens next, and by when", NEXT_STEP),
            ],
            part="escalation",
        ),
    ),
    Rule(
        id="environment.brand",
        section="04",
        looks_for="Brand image is not mistaken for customer service.",
        criteria=("ENV.BRAND.1",),
        check=not_brand_only("04"),
        misconception=True,
    ),
    # 05 continuous improvement
    Rule(
        id="ci.source",
        section="05",
        looks_for="The improvement area comes from a named data source or feedback.",
        criteria=("IMP.PLAN.1",),
        reads="area",
        check=mentions("05", DATA_SOURCE, "Name the data or feedback the problem comes from."),
    ),
    Rule(
        id="ci.root_cause",
        section="05",
        looks_for="You looked for the root cause, not only the symptom.",
        criteria=("IMP.PLAN.2",),
        reads="root",
        check=mentions(
            "05",
            words(r"because|caus|root|why|reason"),
            "Work out why the problem happens (5 whys or a fishbone) and name the root cause.",
            part="root",
        ),
    ),
    Rule(
        id="ci.plan",
        section="05",
        looks_for="Your PDCA plan has timescales, resources and measurable success criteria.",
        criteria=("IMP.PLAN.3", "IMP.PLAN.4"),
        reads="plan",
        check=pdca_plan("05"),
    ),
    Rule(
        id="ci.log",
        section="05",
        looks_for="A dated log shows the change was carried out, by whom.",
        criteria=("IMP.CHANGE.1", "IMP.CHANGE.3"),
        reads="do",
        check=dated_log("05"),
    ),
    Rule(
        id="ci.people",
        section="05",
        looks_for="Colleagues or other stakeholders are involved.",
        criteria=("IMP.CHANGE.2",),
        reads="do",
        check=mentions(
            "05", STAKEHOLDERS, "Say who was involved and how: the team, your manager, customers."
        ),
        misconception=True,
    ),
    Rule(
        id="ci.review",
        section="05",
        looks_for="The review compares before and after with figures and comments.",
        criteria=("IMP.REVIEW.1", "IMP.REVIEW.2"),
        reads="check",
        check=has_figures_and_comments("05"),
        misconception=True,
    ),
    Rule(
        id="ci.figures",
        section="05",
        looks_for="Claims of improvement cite a figure.",
        criteria=("IMP.REVIEW.3",),
        reads="check",
        check=claims_cite_figures("05"),
    ),
    Rule(
        id="ci.next_cycle",
        section="05",
        looks_for="The change is continued: what the next cycle will try.",
        criteria=("IMP.REVIEW.4", "IMP.REVIEW.5", "IMP.MODELS.1"),
        reads="next",
        check=mentions(
            "05",
            NEXT_CYCLE,
            "A one-off change is not continuous improvement: say what the next cycle will try.",
        ),
        misconception=True,
    ),
    # 06 sustainable team environment
    Rule(
        id="team.roles",
        section="06",
        looks_for="Expectations and roles are clear.",
        criteria=("TEAM.GOALS.1",),
        check=mentions("06", ROLE, "Describe what is expected of each person."),
    ),
    Rule(
        id="team.smart",
        section="06",
        looks_for="Team and individual goals are SMART (a number and a date).",
        criteria=("TEAM.GOALS.2",),
        check=smart_goals("06"),
    ),
    Rule(
        id="team.competition",
        section="06",
        looks_for="You weigh the risks of comparing people and give a reason for your choice.",
        criteria=("TEAM.RESULTS.1",),
        reads="results.competition",
        check=weighs_competition("06", "results.competition"),
    ),
    Rule(
        id="team.support",
        section="06",
        looks_for="You describe support and care for the team.",
        criteria=("TEAM.RESULTS.2",),
        check=mentions(
            "06", SUPPORT, "Say how people are supported: coaching, check-ins, help with wellbeing."
        ),
    ),
    # 07 reflection and evidence
    Rule(
        id="reflect.gibbs",
        section="07",
        looks_for="Every stage of the Gibbs cycle has a considered answer.",
        criteria=("REF.REFLECT.1",),
        reads="gibbs",
        check=all_filled("07.gibbs", GIBBS_STAGE_NAMES),
    ),
    Rule(
        id="reflect.links",
        section="07",
        looks_for="Your reflection names the policy or law and the impact of your action.",
        criteria=("REF.REFLECT.2", "SUS.WHY.1"),
        reads="gibbs",
        check=reflection_links("07", "gibbs"),
    ),
    Rule(
        id="reflect.figures",
        section="07",
        looks_for="Claims of improvement in your reflection cite a figure.",
        criteria=("REF.REFLECT.2",),
        reads="gibbs",
        check=claims_cite_figures("07", "gibbs"),
    ),
    Rule(
        id="reflect.declaration",
        section="07",
        looks_for="You have signed the declaration of authenticity.",
        criteria=(),  # a requirement of the pack (DECLARATION), not a criterion
        reads="declaration",
        check=declaration("07.declaration"),
    ),
]


def rules_for(section: str) -> list[Rule]:
    """Rules for a notebook ("01") or a part of one ("05.pdca": rules of 05 that look there)."""
    notebook = section.split(".")[0]
    return [r for r in RULES if r.section == notebook or in_section(r.section, section)]


def evaluate(
    answers: Mapping[str, Any], section: str, data: DataLookup | None = None
) -> list[tuple[Rule, Result]]:
    """Each rule of ``section`` with its result (pure: answers in, results out)."""
    return [(rule, rule.check(answers, data)) for rule in rules_for(section)]


# -- criteria ids checked against the criteria file -----------------------------------------


def criteria_problems(
    criteria: CriteriaSet,
    question_map: Mapping[str, Iterable[str]],
    rules: Iterable[Rule] | None = None,
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """Every criterion id that a feedback rule or a notebook question names but ``criteria``
    lacks, as plain-English lines for a tutor (one per criterion id and kind of naming).

    ``question_map`` is question id -> criteria ids (:func:`helpers.criteria.question_map`);
    ``rules`` defaults to :data:`RULES`. With ``labels`` (:func:`helpers.criteria.
    question_labels`) each question is named by its label, never its id (the pack and the
    status page pass them). An empty list means every id is in the file.
    """
    from ..labels import plain_name

    by_rules = _naming(
        (criterion, f'"{rule.looks_for.rstrip(".")}" (notebook {rule.section})')
        for rule in (RULES if rules is None else rules)
        for criterion in rule.criteria
    )

    def name_of(q: str) -> str:  # a label in quotes; without one, its notebook in words
        if labels is None:
            return q
        found = labels.get(q, "").strip()
        return f'"{found}"' if found else plain_name(q, labels).replace("an answer", "a question")

    by_questions = _naming((c, name_of(q)) for q, ids in question_map.items() for c in ids)
    asked = ("question", "questions") if labels is None else ("", "")  # labels need no noun
    where = f'the criteria file "{criteria.title or criteria.path.name}"'
    found: list[tuple[tuple[list[Any], int], str]] = []
    for order, (named, nouns) in enumerate(
        ((by_rules, ("feedback rule for", "feedback rules for")), (by_questions, asked))
    ):
        for criterion, names in named.items():
            if criterion not in criteria:
                noun, verb = (nouns[0], "names") if len(names) == 1 else (nouns[1], "name")
                listed = f"The {noun} {_listed(names)}" if noun else _listed(names)
                text = f"{listed[0].upper()}{listed[1:]} {verb} criterion {criterion}, "
                found.append(((_natural(criterion), order), f"{text}which is not in {where}."))
    return [text for _, text in sorted(found, key=lambda item: item[0])]


def _naming(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Criterion id -> what names it, each once, in order."""
    named: dict[str, dict[str, None]] = {}
    for criterion, name in pairs:
        named.setdefault(criterion, {})[name] = None
    return {criterion: list(names) for criterion, names in named.items()}


def _natural(criterion: str) -> list[Any]:
    """Sort key that puts IMP.PLAN.2 before IMP.PLAN.10."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", criterion)]


def _listed(items: list[str], most: int = 3) -> str:
    """``a``, ``a and b``, ``a, b and c``; over ``most`` items, the first ``most`` and a count."""
    if len(items) > most:
        others = len(items) - most
        return ", ".join(items[:most]) + f" and {others} other{'s' if others > 1 else ''}"
    return joined_with_and(items)
