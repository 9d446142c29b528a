"""Formative feedback: "What your assessor will look for", with the reason each check is not yet met.

Every rule is a pure, deterministic function of the learner's answers (a dict of question id to
value, as :meth:`AnswerStore.answers` returns) and, where it needs them, data tables. A rule
returns :class:`Result` ``(met, why_not)``: guidance only, never a mark or a grade.

Rules look at a section of answers by question-id prefix (``"01"`` is notebook 01, ``"05.pdca"``
a part of notebook 05) and at what the learner wrote, so they keep working when a notebook adds
or renames a question. :func:`coverage` turns rules plus the notebooks' question-to-criteria map
into a met / partly / not yet view per criterion (used by notebook 07, the export and the
tutors' status command). :func:`assessor_checks` is the notebook edge: a live view that
re-checks whenever any answer in its section is saved.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

__all__ = [
    "Result",
    "Rule",
    "RULES",
    "CoverageEntry",
    "rules_for",
    "evaluate",
    "coverage",
    "assessor_checks",
    "section_text",
]

GIBBS_STAGE_NAMES = (
    "description",
    "feelings",
    "evaluation",
    "analysis",
    "conclusion",
    "action_plan",
)

DataLookup = Callable[[str], Any]
"""``data(kind)`` returns a pandas DataFrame for a data kind (e.g. "monthly_operations") or None."""


class Result(NamedTuple):
    """The outcome of one rule: ``met`` and, when not met, why (one or two plain sentences)."""

    met: bool
    why_not: str = ""


@dataclass(frozen=True)
class Rule:
    """One thing an assessor looks for in a section."""

    id: str
    section: str
    looks_for: str
    criteria: tuple[str, ...]
    check: Callable[[Mapping[str, Any], DataLookup | None], Result]
    misconception: bool = False
    evidence_part: str = ""  # answers whose id contains this are the evidence the rule reads

    def evidence(self, answers: Mapping[str, Any]) -> list[str]:
        """Answered question ids this rule reads (for links from the coverage matrix)."""
        found = section_answers(answers, self.section)
        return [q for q, v in found.items() if self.evidence_part in q and _has_answer(v)]


@dataclass
class CoverageEntry:
    """How far the answers evidence one criterion: status, where the evidence is, what is missing."""

    status: str  # "met", "partly" or "not yet"
    evidence: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


# -- reading answers ------------------------------------------------------------------------


def _in_section(question_id: str, section: str) -> bool:
    return question_id == section or question_id.startswith(section + ".")


class Answers(dict[str, Any]):
    """A learner's answers with each section's answers and text worked out once.

    :func:`coverage` runs every rule over the same answers, and the rules ask for the same few
    sections again and again; the caches make that one pass per section. Read-only: build a new
    one when the answers change.
    """

    def __init__(self, answers: Mapping[str, Any]) -> None:
        super().__init__(answers)
        self.sections: dict[str, dict[str, Any]] = {}
        for question, value in self.items():  # "05.pdca.1.plan" is in "05", "05.pdca", ...
            parts = question.split(".")
            for end in range(1, len(parts) + 1):
                self.sections.setdefault(".".join(parts[:end]), {})[question] = value
        self.texts: dict[tuple[str, str], str] = {}


def section_answers(answers: Mapping[str, Any], section: str) -> dict[str, Any]:
    """The answers whose question id lies in ``section`` (e.g. "01" or "05.pdca")."""
    if isinstance(answers, Answers):
        return dict(answers.sections.get(section, {}))
    return {q: v for q, v in answers.items() if _in_section(q, section)}


def _flatten(value: Any) -> list[str]:
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, int | float):
        return [f"{value:g}" if isinstance(value, float) else str(value)]
    if isinstance(value, Mapping):
        return [t for v in value.values() for t in _flatten(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _flatten(v)]
    return [str(value)]


def section_text(answers: Mapping[str, Any], section: str, name_part: str = "") -> str:
    """All text the learner wrote in a section (optionally only ids containing ``name_part``)."""
    if isinstance(answers, Answers) and (section, name_part) in answers.texts:
        return answers.texts[(section, name_part)]
    chosen = section_answers(answers, section)
    parts = [t for q, v in chosen.items() if name_part in q for t in _flatten(v)]
    text = "\n".join(p for p in parts if p.strip())
    if isinstance(answers, Answers):
        answers.texts[(section, name_part)] = text
    return text


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})", re.IGNORECASE)


def _table_rows(answers: Mapping[str, Any], section: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for value in section_answers(answers, section).values():
        if isinstance(value, list):
            rows += [r for r in value if isinstance(r, dict)]
    return rows


def _filled(row: Mapping[str, Any], key_part: str) -> bool:
    return any(key_part in k.lower() and str(v or "").strip() for k, v in row.items())


PHYSICAL = _words(
    r"paper|print|letters?\b|post(?:ed|age|al)?\b|envelope|leaflet|brochure|face[- ]to[- ]face|"
    r"branch|counter|shop|stor(?:e|es)\b|office|visit|van|car\b|cars\b|travel|mileage|bills?\b|"
    r"reams?\b|in person"
)
DIGITAL = _words(
    r"e-?mails?|live chat|chat|web ?chat|website|online|digital|app\b|apps\b|sms|text message|"
    r"video|teams call|zoom|social media|portal|e-?signature|paperless|server|cloud|data centre|"
    r"phone|telephone|calls?\b|voip"
)
ENERGY = _words(r"energy|electricity|kwh|gas\b|power|heating|fuel|petrol|diesel")
WASTE = _words(r"waste|landfill|recycl|rubbish|bin\b|bins\b|dispos")
RESOURCES = _words(r"resource|paper|water|ream|toner|ink|material|plastic|envelope")
CUSTOMER = _words(r"customer|client|caller|account holder|bill payer|public")
NUMBER = re.compile(r"\d")
FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|per ?cent|kg|kwh|t\b|tonnes?|co2|km|sheets|reams|£)?")
CLAIM = _words(
    r"improved|reduc|cut\b|cuts\b|fell|falls?\b|fallen|lowered|decreas|increas|rose|rises?\b|"
    r"risen|saved|saves\b|halv|dropped|drops?\b|went (?:up|down)|better than|worse than"
)
ENVIRONMENTAL = _words(
    r"carbon|co2|co₂|emission|greenhouse|climate|energy|kwh|waste|paper|landfill|tree|"
    r"pollut|environment|fuel|water|recycl|footprint|resource"
)
MONEY = _words(r"cost|money|cheap|£|budget|spend|saving|profit|expens")
ONGOING = _words(
    r"ongoing|again|every (?:month|week|quarter)|monthly|weekly|quarterly|next review|"
    r"second review|keep (?:checking|monitoring|measuring)|continu|regular|each month|review (?:it|this) in"
)
ONE_OFF = _words(r"one[- ]off|just once|only once|finished|no need to (?:check|monitor)|job done")
RECEPTION = _words(
    r"survey|feedback|respon|repl(?:y|ied|ies)|attend|comment|poll|question(?:naire)?|"
    r"sign[- ]?ups?|opened|clicks?|awareness|said|told|voted|score"
)
SERVICE_OUTCOME = _words(
    r"satisfaction|csat|complaint|first[- ]contact|resolution|response time|wait|nps|"
    r"net promoter|service level|sla|customer experience|effort"
)
BRAND = _words(r"logo|brand|image|colours?|slogan|advert")
EXPERIENCE = _words(
    r"experience|journey|service|help|resolv|satisf|complain|listen|wait|need|support"
)
LAW = _words(
    r"gdpr|general data protection|data protection act|uk gdpr|consumer rights act|"
    r"equality act|environmental protection act|consumer protection|ofgem|ofcom|fca\b|"
    r"pecr|privacy and electronic|health and safety|climate change act|waste regulations?|"
    r"legislation|\blaw\b|regulation|standards of conduct|licence condition"
)
POLICY = _words(
    r"policy|policies|procedure|code of (?:practice|conduct)|iso ?\d+|iso 14001|iso 9001|"
    r"customer service excellence|charter|standard"
)
CONSEQUENCE = _words(
    r"fine|fined|penalt|ico\b|information commissioner|enforce|prosecut|compensat|refund|"
    r"reputation|trust|tribunal|court|sanction|complain|lose|loss|damage|redress|ombudsman|"
    r"breach|sued|legal action|disciplinar"
)
IMPACT = _words(
    r"impact|effect|result|led to|because of|so that|fell|rose|reduc|improv|increas|decreas|"
    r"changed|difference|outcome|saved"
)
STAKEHOLDERS = _words(r"team|colleague|manager|staff|customer|supervisor|stakeholder|agents?\b")
DATA_SOURCE = _words(
    r"data|survey|feedback|complaints? log|csat|kpi|figures|report|dashboard|comments?|"
    r"monthly_operations|spreadsheet|records?"
)
FEEDBACK_WORDS = _words(r"comment|feedback|said|told|quote|complain|survey|customers? (?:felt|say)")
NEXT_CYCLE = _words(
    r"next cycle|next time|next step|next round|cycle 2|second cycle|then we|again|continu"
)
SUPPORT = _words(
    r"support|coach|care|wellbeing|well-being|help|beside|mentor|check-in|one-to-one|1:1"
)
ROLE = _words(
    r"role|responsib|expect|job|duty|duties|accountab|advis|department|manager|leader|"
    r"team\b|teams\b|what they do"
)
DATE = re.compile(
    r"\b(?:\d{4}-\d{2}(?:-\d{2})?|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ -]?(?:\d{2,4})?|"
    r"week|month|quarter|year|by (?:the )?end)",
    re.IGNORECASE,
)


def _blank(text: str) -> Result:
    return Result(False, "Nothing written here yet.")


# -- rule builders --------------------------------------------------------------------------


def _mentions(section: str, pattern: re.Pattern[str], missing: str, part: str = "") -> Any:
    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section, part)
        if not text.strip():
            return _blank(text)
        return Result(True) if pattern.search(text) else Result(False, missing)

    return check


def _both_channels(section: str) -> Any:
    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section)
        if not text.strip():
            return _blank(text)
        physical, digital = PHYSICAL.search(text), DIGITAL.search(text)
        if physical and digital:
            return Result(True)
        if physical:
            return Result(
                False,
                "Your review covers only physical channels such as paper and post. Digital "
                "channels (email, live chat, phone and video calls) use energy too: add them.",
            )
        if digital:
            return Result(
                False,
                "Your review covers only digital channels. Add the physical ones too, such as "
                "printed bills, letters, travel and the office.",
            )
        return Result(
            False,
            "Name the channels you reviewed: physical (paper, post, travel) and "
            "digital (email, chat, phone, video).",
        )

    return check


def _impacts(section: str) -> Any:
    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section)
        if not text.strip():
            return _blank(text)
        missing = [
            name
            for name, pattern in (("energy", ENERGY), ("waste", WASTE), ("resources", RESOURCES))
            if not pattern.search(text)
        ]
        if not missing:
            return Result(True)
        return Result(False, f"Say what the impact is on {_join(missing)}.")

    return check


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _claims_cite_figures(section: str, part: str = "") -> Any:
    """Every sentence that claims an improvement or a change gives a number."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section, part)
        if not text.strip():
            return _blank(text)
        claims = [s for s in _claim_units(answers, section, part) if CLAIM.search(s)]
        if not claims:
            return Result(
                False, "Say what will improve or what changed, and by how much (a figure)."
            )
        bare = [s for s in claims if not NUMBER.search(s)]
        if not bare:
            return Result(True)
        quoted = bare[0] if len(bare[0]) <= 90 else bare[0][:87] + "..."
        return Result(
            False,
            f'This claim has no figure: "{quoted}". Add the number it rests on '
            "(for example kWh, sheets of paper, kg CO2e or a percentage).",
        )

    return check


def _claim_units(answers: Mapping[str, Any], section: str, part: str) -> list[str]:
    """Sentences of text answers; a table row counts as one unit (its figure may be in a
    neighbouring column)."""
    units: list[str] = []
    for question, value in section_answers(answers, section).items():
        if part not in question:
            continue
        if isinstance(value, list) and value and all(isinstance(r, dict) for r in value):
            units += [" ; ".join(_flatten(row)) for row in value]
            continue
        for text in _flatten(value):
            units += [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    return units


def _not_cost_only(section: str) -> Any:
    """Misconception: a cost saving presented as the environmental benefit."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section)
        if not text.strip():
            return _blank(text)
        if MONEY.search(text) and not ENVIRONMENTAL.search(text):
            return Result(
                False,
                "You talk about saving money but not about the benefit to the environment. "
                "Cutting costs is not the same as cutting energy, waste or emissions: say which.",
            )
        return Result(True)

    return check


def _not_brand_only(section: str) -> Any:
    """Misconception: brand image (logos, colours) taken for customer service."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section)
        if not text.strip():
            return _blank(text)
        if BRAND.search(text) and not EXPERIENCE.search(text):
            return Result(
                False,
                "You describe the brand (logo, colours, adverts) but not the service. Say how "
                "customers are helped, kept informed and listened to.",
            )
        return Result(True)

    return check


def _ongoing(section: str) -> Any:
    """Monitoring is ongoing (a second review point), not a one-off."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        chosen = section_answers(answers, section)
        text = section_text(answers, section)
        if not text.strip():
            return _blank(text)
        second = any(
            ("second" in q or "next_review" in q or "review_point" in q or "follow_up" in q)
            and str(v or "").strip()
            for q, v in chosen.items()
        )
        if ONE_OFF.search(text) and not ONGOING.search(text):
            return Result(
                False,
                "Monitoring reads as a one-off. Say when you will check again and what you will "
                "compare, so it is ongoing.",
            )
        if second or ONGOING.search(text):
            return Result(True)
        return Result(False, "Set a second review point: a date to measure again.")

    return check


def _to_date(value: Any) -> dt.date | None:
    return _text_to_date(str(value or "").strip())


@functools.lru_cache(maxsize=4096)  # the same months come up for every learner on the sample
def _text_to_date(text: str) -> dt.date | None:
    for length, fmt in ((10, "%Y-%m-%d"), (7, "%Y-%m")):
        try:
            return dt.datetime.strptime(text[:length], fmt).date()
        except ValueError:
            continue
    for fmt in ("%d/%m/%Y", "%b %Y", "%B %Y", "%b-%y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _change_date(answers: Mapping[str, Any], section: str) -> dt.date | None:
    for q, v in section_answers(answers, section).items():
        if "change" in q or "intervention" in q or "started" in q:
            found = _to_date(v)
            if found:
                return found
    return None


def _dated_points(
    answers: Mapping[str, Any], section: str, data: DataLookup | None
) -> list[dt.date]:
    """Dates of data points: from tables the learner typed, else the chosen monthly data."""
    dates: list[dt.date] = []
    for row in _table_rows(answers, section):
        for key, value in row.items():
            if any(k in key.lower() for k in ("date", "month", "period", "when")):
                found = _to_date(value)
                if found:
                    dates.append(found)
                    break
    if dates or data is None:
        return dates
    try:
        frame = data("monthly_operations")
    except Exception:  # data problems are reported by the data cells, not here
        return []
    if frame is None or "month" not in getattr(frame, "columns", []):
        return []
    return [d for d in (_to_date(str(m)) for m in frame["month"]) if d]


def _before_after(section: str, minimum: int = 3) -> Any:
    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        change = _change_date(answers, section)
        if change is None:
            return Result(
                False,
                "Choose the date the change started, so data can be split into before and after.",
            )
        points = _dated_points(answers, section, data)
        before = sum(d < change for d in points)
        after = sum(d >= change for d in points)
        if before >= minimum and after >= minimum:
            return Result(True)
        return Result(
            False,
            f"You need dated data with at least {minimum} points before and {minimum} after "
            f"the change ({change:%d %B %Y}); there are {before} before and {after} after.",
        )

    return check


def _reception(section: str) -> Any:
    """Evidence of how a promotion was received: described in words, or a file attached for it."""
    described = _mentions(
        section,
        RECEPTION,
        "Add evidence of reception: survey results, replies, comments or meeting minutes.",
    )

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        attached = any(
            isinstance(v, dict)
            and not v.get("removed")
            and any("reception" in str(p) for p in v.get("purposes", []))
            for q, v in answers.items()
            if q.startswith("attachments.")
        )
        return Result(True) if attached else described(answers, data)

    return check


def _pdca_plan(section: str) -> Any:
    """The plan has timescales, resources and measurable success criteria."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        rows = _table_rows(answers, section)
        text = section_text(answers, section)
        if not text.strip():
            return _blank(text)
        missing = []
        dated = any(_filled(r, "start") or _filled(r, "end") or _filled(r, "date") for r in rows)
        if not (dated or (DATE.search(text) and NUMBER.search(text))):
            missing.append("timescales (start and end dates)")
        if not (any(_filled(r, "resource") for r in rows) or "resource" in text.lower()):
            missing.append("resources (people, time, money or tools)")
        measurable = any(
            (_filled(r, "target") or _filled(r, "baseline"))
            and NUMBER.search(" ".join(_flatten(r)))
            for r in rows
        )
        if not measurable:
            target = section_text(answers, section, "target") + section_text(
                answers, section, "success"
            )
            measurable = bool(NUMBER.search(target))
        if not measurable:
            missing.append("measurable success criteria (a baseline and a target number)")
        if not missing:
            return Result(True)
        return Result(False, f"Your plan still needs {_join(missing)}.")

    return check


def _dated_log(section: str) -> Any:
    """Rows of a log (ids containing "log") with a date and who was involved."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        rows = [
            r
            for q, v in section_answers(answers, section).items()
            if "log" in q and isinstance(v, list)
            for r in v
            if isinstance(r, dict) and any(str(x or "").strip() for x in r.values())
        ]
        if not rows:
            return Result(False, "Keep a log of what you did: one dated row per step.")
        undated = [n for n, r in enumerate(rows, 1) if not any(
            _to_date(v) for k, v in r.items() if "date" in k.lower())]  # fmt: skip
        if undated:
            return Result(False, f"Log row {undated[0]} has no date (YYYY-MM-DD).")
        if not any(_filled(r, "who") for r in rows):
            return Result(False, "Say who was involved in each step of the log.")
        return Result(True)

    return check


def _law_with_consequence(section: str) -> Any:
    """Law named together with what happens if it is breached (misconception: reciting law)."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section)
        if not text.strip():
            return _blank(text)
        for number, row in enumerate(_table_rows(answers, section), start=1):
            row_text = " ".join(_flatten(row))
            consequence_keys = [k for k in row if "breach" in k.lower() or "consequen" in k.lower()]
            if (
                LAW.search(row_text)
                and consequence_keys
                and not any(str(row.get(k) or "").strip() for k in consequence_keys)
            ):
                law = LAW.search(row_text)
                name = law.group(0) if law else "a law"
                return Result(
                    False,
                    f"Row {number} names {name} but not what happens if it is breached, "
                    "for the customer and for the business.",
                )
        if not LAW.search(text):
            return Result(
                False,
                "Name the law or regulation that applies, such as UK GDPR or "
                "the Consumer Rights Act 2015.",
            )
        if not CONSEQUENCE.search(text):
            return Result(
                False,
                "You name the law but not the consequence of breaking it (a fine, a complaint "
                "to the ombudsman, lost trust). Say what happens to the customer and the business.",
            )
        return Result(True)

    return check


def _reflection_links(section: str, part: str) -> Any:
    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section, part)
        if not text.strip():
            return _blank(text)
        missing = []
        if not (LAW.search(text) or POLICY.search(text)):
            missing.append("the policy or law your action connects to")
        if not IMPACT.search(text):
            missing.append("the impact of what you did")
        if not missing:
            return Result(True)
        return Result(False, f"Your reflection does not yet name {_join(missing)}.")

    return check


def _all_filled(section: str, names: Iterable[str], min_words: int = 15) -> Any:
    wanted = list(names)

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        short = []
        for name in wanted:
            text = section_text(answers, section, name)
            if len(re.findall(r"[\w'’-]+", text)) < min_words:
                short.append(name.strip(".").replace("_", " "))
        if not short:
            return Result(True)
        return Result(False, f"Write at least {min_words} words for: {', '.join(short)}.")

    return check


def _declaration(section: str) -> Any:
    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        chosen = section_answers(answers, section)
        agreed = any(
            v is True or (isinstance(v, list) and v) for q, v in chosen.items() if "agree" in q
        )
        named = any(str(v or "").strip() for q, v in chosen.items() if q.endswith("name"))
        dated = any(_to_date(v) for q, v in chosen.items() if q.endswith("date"))
        missing = [
            what
            for what, ok in (
                ("tick the box", agreed),
                ("type your name", named),
                ("add the date", dated),
            )
            if not ok
        ]
        if not missing:
            return Result(True)
        return Result(False, f"To sign the declaration, {_join(missing)}.")

    return check


def _has_figures_and_comments(section: str) -> Any:
    """Misconception: anecdote only. Numbers and customer comments side by side."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section)
        if not text.strip():
            return _blank(text)
        has_numbers, has_comments = bool(NUMBER.search(text)), bool(FEEDBACK_WORDS.search(text))
        if has_numbers and has_comments:
            return Result(True)
        if has_numbers:
            return Result(False, "Add what customers or colleagues said, beside the numbers.")
        return Result(False, "Your evidence is only comments. Add figures (before and after).")

    return check


def _smart_goals(section: str) -> Any:
    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section, "goal")
        if not text.strip():
            return Result(False, "Write a team goal and an individual goal.")
        missing = []
        if not NUMBER.search(text):
            missing.append("a number to measure")
        if not DATE.search(text):
            missing.append("a date or time frame")
        if not missing:
            return Result(True)
        return Result(False, f"Your goals need {_join(missing)} to be SMART.")

    return check


# -- the rules, section by section ----------------------------------------------------------


def _rule(
    id: str,
    section: str,
    looks_for: str,
    criteria: Iterable[str],
    check: Any,
    misconception: bool = False,
    part: str = "",
) -> Rule:
    return Rule(id, section, looks_for, tuple(criteria), check, misconception, part)


RULES: list[Rule] = [
    # 01 sustainability review
    _rule(
        "review.channels",
        "01",
        "Your review covers both physical and digital channels.",
        ["SUS.1.1"],
        _both_channels("01"),
        misconception=True,
    ),
    _rule(
        "review.impacts",
        "01",
        "You name the impacts: energy, waste and resources.",
        ["SUS.1.2"],
        _impacts("01"),
    ),
    _rule(
        "review.figures",
        "01",
        "Each improvement you propose is justified by a figure.",
        ["SUS.1.3"],
        _claims_cite_figures("01"),
    ),
    _rule(
        "review.not_cost_only",
        "01",
        "A cost saving is not presented as the environmental benefit.",
        ["SUS.1.3"],
        _not_cost_only("01"),
        misconception=True,
    ),
    _rule(
        "review.customer",
        "01",
        "You explain the customer's role in the impact.",
        ["SUS.1.4"],
        _mentions(
            "01",
            CUSTOMER,
            "Say what customers do that adds to or cuts "
            "the impact (for example choosing paperless bills).",
        ),
    ),
    # 02 before and after
    _rule(
        "monitor.before_after",
        "02",
        "Monitoring has dated data with at least three points before and three after.",
        ["SUS.2.1"],
        _before_after("02"),
    ),
    _rule(
        "monitor.ongoing",
        "02",
        "Monitoring is ongoing, with a second review point.",
        ["SUS.2.2"],
        _ongoing("02"),
        misconception=True,
    ),
    _rule(
        "monitor.feedback",
        "02",
        "Customer or colleague comments sit beside the numbers.",
        ["SUS.2.3"],
        _has_figures_and_comments("02"),
        misconception=True,
    ),
    _rule(
        "monitor.figures",
        "02",
        "Claims that something improved give the figure.",
        ["SUS.2.1"],
        _claims_cite_figures("02"),
    ),
    # 03 promotion
    _rule(
        "promote.plan",
        "03",
        "Your promotion says who it is for and how you reach them.",
        ["SUS.3.1"],
        _mentions(
            "03", STAKEHOLDERS, "Say who the promotion is for: colleagues, customers or both."
        ),
    ),
    _rule(
        "promote.reception",
        "03",
        "There is evidence of how the promotion was received (survey, replies, minutes).",
        ["SUS.3.2"],
        _reception("03"),
    ),
    _rule(
        "promote.outcomes",
        "03",
        "The promotion is linked to customer-service outcomes.",
        ["SUS.3.3"],
        _mentions(
            "03",
            SERVICE_OUTCOME,
            "Link the promotion to a service outcome "
            "such as satisfaction (CSAT), complaints or response times.",
        ),
    ),
    _rule(
        "promote.law",
        "03",
        "You explain the policy, law or ethics behind the change.",
        ["SUS.4.1"],
        _law_with_consequence("03"),
    ),
    _rule(
        "promote.not_brand_only",
        "03",
        "Brand image is not mistaken for customer service.",
        ["SUS.3.3"],
        _not_brand_only("03"),
        misconception=True,
    ),
    # 04 service environment
    _rule(
        "environment.structure",
        "04",
        "You describe roles in the organisation's structure.",
        ["ENV.1.1"],
        _mentions("04", ROLE, "Describe who does what: the roles and teams."),
    ),
    _rule(
        "environment.journey",
        "04",
        "The customer journey includes teams customers never meet (such as IT or finance).",
        ["ENV.1.2"],
        _mentions(
            "04",
            _words(
                r"\bit\b|i\.t\.|finance|billing|metering|back office|"
                r"warehouse|hr\b|payroll|field|engineer|collections"
            ),
            "Service is not only the front line: add a team behind the scenes, "
            "such as IT or finance, and the handoff to it.",
        ),
        misconception=True,
    ),
    _rule(
        "environment.law",
        "04",
        "Each law you name comes with what happens if it is breached.",
        ["ENV.2.1", "ENV.2.2"],
        _law_with_consequence("04"),
        misconception=True,
    ),
    _rule(
        "environment.measures",
        "04",
        "You say how service is measured (SLA, survey, KPI).",
        ["ENV.3.1", "ENV.3.2"],
        _mentions(
            "04",
            _words(
                r"sla|service level|kpi|survey|mystery|"
                r"target|standard|measure"
            ),
            "Say how service is measured: an SLA target, a survey, a KPI or mystery shopping.",
        ),
    ),
    _rule(
        "environment.brand",
        "04",
        "Brand image is not mistaken for customer service.",
        ["ENV.1.1"],
        _not_brand_only("04"),
        misconception=True,
    ),
    # 05 continuous improvement
    _rule(
        "ci.source",
        "05",
        "The improvement area comes from a named data source or feedback.",
        ["CI.1.1"],
        _mentions("05", DATA_SOURCE, "Name the data or feedback the problem comes from."),
        part="area",
    ),
    _rule(
        "ci.root_cause",
        "05",
        "You looked for the root cause, not only the symptom.",
        ["CI.1.2"],
        _mentions(
            "05",
            _words(r"because|caus|root|why|reason"),
            "Work out why the problem happens (5 whys or a fishbone) and name the root cause.",
            part="root",
        ),
        part="root",
    ),
    _rule(
        "ci.plan",
        "05",
        "Your PDCA plan has timescales, resources and measurable success criteria.",
        ["CI.1.3", "CI.1.4"],
        _pdca_plan("05"),
        part="plan",
    ),
    _rule(
        "ci.log",
        "05",
        "A dated log shows the change was carried out, by whom.",
        ["CI.2.1", "CI.2.3"],
        _dated_log("05"),
        part="do",
    ),
    _rule(
        "ci.people",
        "05",
        "Colleagues or other stakeholders are involved.",
        ["CI.2.2"],
        _mentions(
            "05", STAKEHOLDERS, "Say who was involved and how: the team, your manager, customers."
        ),
        misconception=True,
        part="do",
    ),
    _rule(
        "ci.review",
        "05",
        "The review compares before and after with figures and comments.",
        ["CI.3.1", "CI.3.2"],
        _has_figures_and_comments("05"),
        misconception=True,
        part="check",
    ),
    _rule(
        "ci.figures",
        "05",
        "Claims of improvement cite a figure.",
        ["CI.3.3"],
        _claims_cite_figures("05"),
        part="check",
    ),
    _rule(
        "ci.next_cycle",
        "05",
        "The change is continued: what the next cycle will try.",
        ["CI.3.4", "CI.3.5", "CI.4.1"],
        _mentions(
            "05",
            NEXT_CYCLE,
            "A one-off change is not continuous improvement: say what the next cycle will try.",
        ),
        misconception=True,
        part="next",
    ),
    # 06 sustainable team environment
    _rule(
        "team.roles",
        "06",
        "Expectations and roles are clear.",
        ["TEAM.1.1"],
        _mentions("06", ROLE, "Describe what is expected of each person."),
    ),
    _rule(
        "team.smart",
        "06",
        "Team and individual goals are SMART (a number and a date).",
        ["TEAM.1.2"],
        _smart_goals("06"),
    ),
    _rule(
        "team.support",
        "06",
        "You describe support and care for the team.",
        ["TEAM.2.2"],
        _mentions(
            "06", SUPPORT, "Say how people are supported: coaching, check-ins, help with wellbeing."
        ),
    ),
    # 07 reflection and evidence
    _rule(
        "reflect.gibbs",
        "07",
        "Every stage of the Gibbs cycle has a considered answer.",
        ["REF.1.1"],
        _all_filled("07.gibbs", GIBBS_STAGE_NAMES),
        part="gibbs",
    ),
    _rule(
        "reflect.links",
        "07",
        "Your reflection names the policy or law and the impact of your action.",
        ["REF.1.2", "SUS.4.1"],
        _reflection_links("07", "gibbs"),
        part="gibbs",
    ),
    _rule(
        "reflect.figures",
        "07",
        "Claims of improvement in your reflection cite a figure.",
        ["REF.1.2"],
        _claims_cite_figures("07", "gibbs"),
        part="gibbs",
    ),
    _rule(
        "reflect.declaration",
        "07",
        "You have signed the declaration of authenticity.",
        ["REF.1.3"],
        _declaration("07.declaration"),
        part="declaration",
    ),
]


def rules_for(section: str) -> list[Rule]:
    """Rules for a notebook ("01") or a part of one ("05.pdca": rules of 05 that look there)."""
    notebook = section.split(".")[0]
    return [r for r in RULES if r.section == notebook or _in_section(r.section, section)]


def evaluate(
    answers: Mapping[str, Any], section: str, data: DataLookup | None = None
) -> list[tuple[Rule, Result]]:
    """Each rule of ``section`` with its result (pure: answers in, results out)."""
    return [(rule, rule.check(answers, data)) for rule in rules_for(section)]


def _has_answer(value: Any) -> bool:
    return value is True or bool("".join(_flatten(value)).strip())


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
    answered = {q for q, value in answers.items() if _has_answer(value)}
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
            shown = ", ".join(missing[:6]) + (" ..." if len(missing) > 6 else "")
            reasons.append(f"Unanswered: {shown}.")
    return table


# -- the notebook edge ----------------------------------------------------------------------


def checks_html(results: list[tuple[Rule, Result]], criteria_note: str = "") -> str:
    """Escaped HTML list of ticks and "not yet" with reasons."""
    items = []
    for rule, result in results:
        if result.met:
            mark = '<span aria-hidden="true" style="color:#1b6e3a">&#10004;</span> <strong>Done:</strong>'
            extra = ""
        else:
            mark = '<span aria-hidden="true" style="color:#8a4b00">&#9675;</span> <strong>Not yet:</strong>'
            extra = f'<br><span style="color:#333">{html.escape(result.why_not)}</span>'
        items.append(f"<li>{mark} {html.escape(rule.looks_for)}{extra}</li>")
    body = f'<ul style="list-style:none;padding-left:0">{"".join(items)}</ul>' if items else ""
    note = f"<p>{criteria_note}</p>" if criteria_note else ""
    if not items and not note:
        note = "<p>There are no checks for this part: it is practice, not assessed.</p>"
    return (
        '<div class="cw-feedback" style="border:1px solid #0b3d6e;border-radius:4px;'
        'padding:8px 12px;margin:6px 0;background:#f7fafd;color:#111">'
        "<p><strong>What your assessor will look for</strong> "
        "(guidance to help you, not a mark)</p>"
        f"{body}{note}</div>"
    )


def _criteria_note(section: str) -> str:
    """For a section without rules: the criteria its questions evidence."""
    try:
        from .criteria import load_criteria, question_map

        qmap = question_map()
        wanted = sorted({c for q, crits in qmap.items() if _in_section(q, section) for c in crits})
        known = load_criteria().criteria
    except Exception:  # criteria are guidance here; the export reports problems properly
        return ""
    lines = [
        f"<li><strong>{html.escape(c)}</strong> {html.escape(known[c].text)}</li>"
        for c in wanted
        if c in known
    ]
    return ("This part is assessed against:<ul>" + "".join(lines) + "</ul>") if lines else ""


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


class AssessorChecks:
    """A live "What your assessor will look for" box for one section of a notebook."""

    def __init__(self, section: str, store: Any = None) -> None:
        import ipywidgets as w

        from .store import shared_store

        self.section = section
        self.store = store or shared_store()
        self.view = w.HTML()
        self._tables: dict[str, Any] = {}  # data read once, not on every keystroke
        self.refresh()

    def _data(self, kind: str) -> Any:
        if kind not in self._tables:
            lookup = data_lookup(self.store)
            self._tables[kind] = lookup(kind) if lookup else None
        return self._tables[kind]

    def html(self) -> str:
        results = evaluate(self.store.answers(), self.section, self._data)
        return checks_html(results, "" if results else _criteria_note(self.section))

    def refresh(self, question_id: str | None = None, value: Any = None) -> None:
        """Re-check (after a save in this section, or on demand)."""
        if question_id is not None and question_id.startswith("data."):
            self._tables.clear()  # the learner chose another data file
        elif question_id is not None and not _in_section(question_id, self.section.split(".")[0]):
            return
        self.view.value = self.html()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = dict(self.view._repr_mimebundle_() or {})
        bundle["text/html"] = self.view.value
        bundle["text/plain"] = "What your assessor will look for (run the notebook to see it)."
        return bundle


_LIVE: dict[str, AssessorChecks] = {}


def _on_save(question_id: str, value: Any) -> None:
    for checks in list(_LIVE.values()):
        checks.refresh(question_id, value)


def assessor_checks(section: str) -> AssessorChecks:
    """Show "What your assessor will look for" for ``section`` ("01" or "01.review"), live.

    The ticks update whenever any answer in the notebook is saved. Guidance only, never a mark.
    """
    from .forms import on_any_save

    checks = AssessorChecks(section)
    _LIVE[section] = checks  # a re-run cell replaces the old view instead of piling up
    on_any_save(_on_save)
    return checks
