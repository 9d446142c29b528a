"""A SMART check for objectives, success criteria and goals: deterministic, explainable rules.

The common form is Specific, Measurable, Achievable, Relevant, Time-bound. Other forms exist and
are not errors: Doran (1981) wrote Specific, Measurable, Assignable, Realistic, Time-related, and
some workplaces (such as the seed article on team environments) read A as "Attractive". The
checker asks for an owner separately (Doran's "Assignable"), because plans name one per action.

Each rule is a short function of the text, so a learner (or a tutor) can be told exactly why a
message appeared. Every message names what is missing and how to put it right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .views import Block, escape

__all__ = [
    "SMART_COMMON",
    "SMART_VARIANTS",
    "MESSAGES",
    "SmartIssue",
    "check_objective",
    "check_criterion",
    "check_goal",
    "issues_html",
    "smart_guide_html",
]

SMART_COMMON: list[tuple[str, str, str]] = [
    ("S", "Specific", "Say which service, process or channel, and what will change."),
    ("M", "Measurable", "Give a number you can count now (the baseline) and a number to reach."),
    ("A", "Achievable", "A stretch, but possible with the people, time and money you have."),
    ("R", "Relevant", "Say why it matters to customers, the team or the organisation."),
    ("T", "Time-bound", "Give a date by which the target is met."),
]

SMART_VARIANTS: list[tuple[str, str]] = [
    (
        "Doran (1981)",
        "Specific, Measurable, Assignable (someone owns it), Realistic, Time-related.",
    ),
    (
        "Team goals (the seed article)",
        "Specific, Measurable, Attractive (people want to reach it), Realistic, Time-bound.",
    ),
]

MESSAGES: dict[str, tuple[str, str]] = {
    # code: (SMART letter, message)
    "too_short": ("S", "too short to check: write the objective as one full sentence."),
    "too_vague": (
        "S",
        "too vague: say which service or process (for example complaints, billing letters, "
        "phone waiting times or first-contact resolution).",
    ),
    "no_number": (
        "M",
        "no number to measure: say how much or how many (for example 'from 62 % to 75 %').",
    ),
    "no_direction": (
        "M",
        "no direction: say whether the measure should go up or down (raise, reduce, cut).",
    ),
    "absolute_target": (
        "A",
        "may not be achievable: targets like 100 %, zero or 'every customer' are rarely met. "
        "Choose a stretch you can reach, or explain why this one is possible.",
    ),
    "no_reason": (
        "R",
        "no reason given: say why it matters to customers or the service (add 'so that ...').",
    ),
    "no_date": ("T", "no date by which the target is met: add 'by' and a date or month."),
    "no_metric": ("S", "no metric: say what you will measure."),
    "no_baseline": (
        "M",
        "the measure has no baseline: write the figure it has now, from your data.",
    ),
    "target_no_number": ("M", "no number to measure: the target needs a figure."),
    "target_equals_baseline": (
        "A",
        "the target is the same as the baseline, so nothing would change.",
    ),
    "date_unreadable": (
        "T",
        "the date could not be read: write it like 2026-03-31 or 'March 2026'.",
    ),
    "date_passed": ("T", "the date has already passed: choose a date in the future."),
    "no_owner": ("A", "no owner: say who is responsible for making it happen."),
}


@dataclass(frozen=True)
class SmartIssue:
    """One thing a SMART check found missing; ``code`` is stable, ``message`` is for learners."""

    code: str
    letter: str
    message: str

    @classmethod
    def of(cls, code: str) -> SmartIssue:
        letter, message = MESSAGES[code]
        return cls(code, letter, message)


_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_UNITS = r"(?:days?|weeks?|months?|quarters?|years?)"
# Deadlines: 'by 31 March 2026', 'by March 2026', 'before 2026-03-31', 'within 3 months',
# 'by the end of Q2', 'by week 12', 'in the next six weeks', 'end of June'.
_DEADLINE = re.compile(
    r"\b(?:by|before|until|no later than|on)\s+(?:the\s+)?(?:end\s+of\s+)?(?:the\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTHS})\b(?:\s+\d{{4}})?"
    r"|\b\d{4}-\d{2}(?:-\d{2})?\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b(?:by|before|within|in)\s+(?:the\s+)?(?:next\s+)?(?:\d+|one|two|three|four|five|six|"
    rf"seven|eight|nine|ten|twelve)\s+{_UNITS}\b"
    r"|\b(?:by|before)\s+(?:the\s+)?end\s+of\s+(?:the\s+)?(?:this\s+|next\s+)?"
    r"(?:q[1-4]|quarter|year|month|week|financial year|\d{4}(?![-/]\d))\b"
    r"|\bby\s+(?:q[1-4]|week\s+\d+|\d{4}(?![-/]\d))\b"
    rf"|\bend\s+of\s+(?:{_MONTHS})\b(?:\s+\d{{4}})?",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d+(?:[.,]\d+)?\s*%?|\b(?:half|double|halve|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|twenty|fifty|hundred|zero)\b",
    re.IGNORECASE,
)
_DIRECTION = re.compile(
    r"\b(?:get|raise|increase|improve|grow|lift|boost|reduce|cut|lower|decrease|halve|double|"
    r"shorten|speed up|bring down|drop|fall|rise|reach|achieve|hit|keep|maintain|from|"
    r"at least|at most|below|above|under|over|fewer|more|less|within)\b",
    re.IGNORECASE,
)
# Names of services, processes, channels and measures a customer-service objective can be about.
_SERVICE_WORDS = re.compile(
    r"\b(?:complaints?|calls?|callbacks?|phones?|telephones?|emails?|chats?|letters?|bills?|billing|"
    r"invoices?|payments?|refunds?|meter|readings?|smart meter|installations?|queue|waiting|"
    r"wait|response|handling|first[- ]contact|fcr|csat|satisfaction|survey|nps|sla|"
    r"paperless|e-signatures?|signatures?|website|web|app|portal|online|webchat|"
    r"appointments?|bookings?|orders?|deliver(?:y|ies)|returns?|escalations?|handoffs?|"
    r"hand-offs?|transfers?|onboarding|training|induction|rota|shifts?|wellbeing|absence|"
    r"resolution|repeat contacts?|contacts?|enquir(?:y|ies)|queries|tickets?|cases?|"
    r"accounts?|renewals?|tariffs?|paper|printing|printed|energy|kwh|waste|recycling)\b",
    re.IGNORECASE,
)
_REASON = re.compile(
    r"\b(?:so that|so customers|because|in order to|which will|which means|to help|"
    r"helping|for customers|for our customers|for callers|customers?|callers?|clients?|"
    r"service users?|colleagues|team|wellbeing|complaints?|satisfaction|csat)\b",
    re.IGNORECASE,
)
_ABSOLUTE = re.compile(
    r"\b100\s*%|\bzero\b|\bno complaints\b|\bnever\b|\bevery (?:customer|call|caller|contact)\b|"
    r"\ball (?:customers|calls|callers|complaints|contacts)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z0-9%'’-]+")


def _without_deadlines(text: str) -> str:
    return _DEADLINE.sub(" ", text)


def has_deadline(text: str) -> bool:
    """True when ``text`` says by when (a date, a month, 'within 6 weeks', 'by the end of Q2')."""
    return bool(_DEADLINE.search(text or ""))


def has_measure(text: str) -> bool:
    """True when ``text`` has a number that is not part of its deadline."""
    return bool(_NUMBER.search(_without_deadlines(text or "")))


def check_objective(text: str | None) -> list[SmartIssue]:
    """SMART issues in a written objective, in S, M, A, R, T order; empty when it passes."""
    text = (text or "").strip()
    if len(_WORD.findall(text)) < 4:
        return [SmartIssue.of("too_short")]
    found: list[str] = []
    if not _SERVICE_WORDS.search(text):
        found.append("too_vague")
    if not has_measure(text):
        found.append("no_number")
    elif not _DIRECTION.search(text):
        found.append("no_direction")
    if _ABSOLUTE.search(text):
        found.append("absolute_target")
    if not _REASON.search(text):
        found.append("no_reason")
    if not has_deadline(text):
        found.append("no_date")
    return [SmartIssue.of(code) for code in found]


def check_goal(text: str | None, owner: str | None) -> list[SmartIssue]:
    """A team or individual goal: the objective checks plus an owner (Doran's 'Assignable')."""
    issues = check_objective(text)
    if not (owner or "").strip():
        issues.append(SmartIssue.of("no_owner"))
    return issues


_NUMBER_ONLY = re.compile(r"-?\d+(?:[.,]\d+)?")


def first_number(text: str | None) -> float | None:
    """The first number in ``text`` ('62 %' -> 62.0), or None."""
    match = _NUMBER_ONLY.search((text or "").replace(",", ""))
    return float(match.group()) if match else None


def parse_when(text: str | None) -> date | None:
    """A deadline written as 2026-03-31, 31/03/2026, '31 March 2026' (the course's one date
    parser, :func:`helpers.dates.parse_date`), or as a month: 2026-03, 'March 2026'."""
    from datetime import datetime

    from .dates import DateProblem, parse_date

    value = (text or "").strip()
    try:
        return parse_date(value)
    except DateProblem:
        pass  # a month, or not a date at all
    for pattern in ("%Y-%m-%d", "%Y-%m", "%d/%m/%Y", "%B %Y", "%b %Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def check_criterion(
    metric: str | None,
    baseline: str | None,
    target: str | None,
    by_when: str | None,
    *,
    today: date | None = None,
) -> list[SmartIssue]:
    """SMART issues in one success criterion (metric, baseline, target, by when)."""
    found: list[str] = []
    if not (metric or "").strip():
        found.append("no_metric")
    elif not _SERVICE_WORDS.search(metric or "") and len(_WORD.findall(metric or "")) < 2:
        found.append("too_vague")
    base = first_number(baseline)
    goal = first_number(target)
    if base is None:
        found.append("no_baseline")
    if goal is None:
        found.append("target_no_number")
    elif base is not None and base == goal:
        found.append("target_equals_baseline")
    if not (by_when or "").strip():
        found.append("no_date")
    else:
        when = parse_when(by_when)
        if when is None and not has_deadline(f"by {by_when}"):
            found.append("date_unreadable")
        elif when is not None and today is not None and when < today:
            found.append("date_passed")
    return [SmartIssue.of(code) for code in found]


def issues_html(issues: Sequence[SmartIssue], subject: str = "Your objective") -> str:
    """Escaped HTML listing the issues, or a short 'looks SMART' line."""
    name = escape(subject)
    if not issues:
        return f'<p style="color:#2f6f3e">✔ {name} looks SMART.</p>'
    items = "".join(
        f"<li><strong>{escape(i.letter)}</strong>: {escape(i.message)}</li>" for i in issues
    )
    return f'<div class="cw-smart"><p>{name}: things to add</p><ul>{items}</ul></div>'


_LEFT = " style='text-align:left'"


def smart_guide_html() -> str:
    """The common SMART form, with the variants mentioned (they are not wrong)."""
    rows = "".join(
        f"<tr><th scope='row'{_LEFT}>{letter}</th><td{_LEFT}>{word}</td>"
        f"<td{_LEFT}>{escape(hint)}</td></tr>"
        for letter, word, hint in SMART_COMMON
    )
    variants = "".join(
        f"<li><strong>{escape(who)}</strong>: {escape(text)}</li>" for who, text in SMART_VARIANTS
    )
    return (
        f"<table class='cw-smart-guide'><thead><tr><th{_LEFT}>Letter</th>"
        f"<th{_LEFT}>Stands for</th><th{_LEFT}>What to write</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        "<p>You may also meet other versions. They are not wrong:</p>"
        f"<ul>{variants}</ul>"
    )


def show_guide() -> Block:
    """The SMART guide for a notebook cell."""
    text = "\n".join(f"{letter} ({word}): {hint}" for letter, word, hint in SMART_COMMON)
    return Block(smart_guide_html(), text)
