"""Rule builders: each returns a check, a pure function ``check(answers, data) -> Result``.

A builder takes the section it reads (a question-id prefix such as ``"01"``) and, for some, the
part of the question ids to read and the wording of the reason. The checks never give a mark:
``Result(met, why_not)`` says what is still missing, in a sentence or two.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..words import joined_with_and, word_count
from .answers import (
    Answers,
    DataLookup,
    Result,
    filled,
    flatten,
    has_answer,
    section_answers,
    section_text,
    table_rows,
    wrote_at_least,
)
from .vocabulary import (
    BRAND,
    CAVEAT,
    CLAIM,
    COMPETITION_RISK,
    CONSEQUENCE,
    DATE,
    DIGITAL,
    ENERGY,
    ENVIRONMENTAL,
    EXPERIENCE,
    FEEDBACK_WORDS,
    FIGURE_WORDS,
    IMPACT,
    LAW,
    MONEY,
    NARRATIVE,
    NUMBER,
    ONE_OFF,
    ONGOING,
    PHYSICAL,
    PLAN,
    POLICY,
    REASON,
    RECEPTION,
    RESOURCES,
    WASTE,
    Pattern,
)

Check = Callable[[Mapping[str, Any], DataLookup | None], Result]
"""``check(answers, data)``: whether one thing an assessor looks for is there, and if not why."""


def _blank(text: str) -> Result:
    return Result(False, "Nothing written here yet.")


def _on_text(section: str, decide: Callable[[str], Result], part: str = "") -> Check:
    """A check that reads only the text of ``section`` (ids containing ``part``): blank text is
    not met, anything else is for ``decide``."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section, part)
        return decide(text) if text.strip() else _blank(text)

    return check


# A misconception check passes when a mistake is absent, so it needs words to read: fewer than
# this many typed words (tables and choices do not count) is "not yet", never "evidence found".
MIN_WORDS_TO_JUDGE = 8


def _found_without(section: str, found: Pattern, lacking: Pattern, why: str) -> Check:
    """Misconception: the text matches ``found`` but not ``lacking``; ``why`` says what to add.

    Absence of the mistake counts only when the learner has written enough to judge.
    """

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section)
        if found.search(text) and not lacking.search(text):
            return Result(False, why)
        if not wrote_at_least(answers, section, MIN_WORDS_TO_JUDGE):
            return Result(False, "Write your answers first: this check reads what you wrote.")
        return Result(True)

    return check


def mentions(section: str, pattern: Pattern, missing: str, part: str = "") -> Check:
    """The text of ``section`` (ids containing ``part``) uses a word of ``pattern``.

    When it does not, ``missing`` says what to add.
    """

    def decide(text: str) -> Result:
        return Result(True) if pattern.search(text) else Result(False, missing)

    return _on_text(section, decide, part)


def both_channels(section: str) -> Check:
    """Misconception: only paper and post, or only email and chat. Both kinds are named."""

    def decide(text: str) -> Result:
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

    return _on_text(section, decide)


def impacts(section: str) -> Check:
    """The impacts are named: energy, waste and resources."""

    def decide(text: str) -> Result:
        missing = [
            name
            for name, pattern in (("energy", ENERGY), ("waste", WASTE), ("resources", RESOURCES))
            if not pattern.search(text)
        ]
        return _unless_missing(missing, "Say what the impact is on {}.")

    return _on_text(section, decide)


def _unless_missing(missing: list[str], message: str) -> Result:
    """Evidence found when nothing is missing; otherwise ``message`` with the missing parts
    joined ("a, b and c") in place of ``{}``."""
    if not missing:
        return Result(True)
    return Result(False, message.format(joined_with_and(missing)))


def needs_figure(sentence: str) -> bool:
    """Whether ``sentence`` claims a change or improvement without the figure it rests on.

    Plans ("I will ..."), caveats ("may be seasonal") and narrative about people and feelings
    are not claims; a figure may be digits or words ("halved", "a quarter"). Measured on the
    labelled sentences in tests/data/figure_claims.csv (tests/unit/feedback/test_figure_claims.py).
    """
    if not CLAIM.search(sentence) or NUMBER.search(sentence) or FIGURE_WORDS.search(sentence):
        return False
    return not (PLAN.search(sentence) or CAVEAT.search(sentence) or NARRATIVE.search(sentence))


def claims_cite_figures(section: str, part: str = "") -> Check:
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
        bare = [s for s in claims if needs_figure(s)]
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
            units += [" ; ".join(flatten(row)) for row in value]
            continue
        pieces = answers.pieces(question) if isinstance(answers, Answers) else flatten(value)
        for text in pieces:
            units += [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    return units


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def not_cost_only(section: str) -> Check:
    """Misconception: a cost saving presented as the environmental benefit."""

    return _found_without(
        section,
        MONEY,
        ENVIRONMENTAL,
        "You talk about saving money but not about the benefit to the environment. "
        "Cutting costs is not the same as cutting energy, waste or emissions: say which.",
    )


def not_brand_only(section: str) -> Check:
    """Misconception: brand image (logos, colours) taken for customer service."""

    return _found_without(
        section,
        BRAND,
        EXPERIENCE,
        "You describe the brand (logo, colours, adverts) but not the service. Say how "
        "customers are helped, kept informed and listened to.",
    )


def ongoing(section: str) -> Check:
    """Monitoring is ongoing (a second review point), not a one-off."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        chosen = section_answers(answers, section)
        text = section_text(answers, section)
        if not text.strip():
            return _blank(text)
        second = any(
            ("second" in q or "next_review" in q or "review_point" in q or "follow_up" in q)
            and has_answer(v)
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


MONTHLY = "monthly_operations"
DATA_READ = (MONTHLY,)
"""The data kinds any check reads: a live box follows the learner's data choice for these."""


def _dated_points(
    answers: Mapping[str, Any], section: str, data: DataLookup | None
) -> list[dt.date]:
    """Dates of data points: from tables the learner typed, else the chosen monthly data."""
    dates: list[dt.date] = []
    for row in table_rows(answers, section):
        for key, value in row.items():
            if any(k in key.lower() for k in ("date", "month", "period", "when")):
                found = _to_date(value)
                if found:
                    dates.append(found)
                    break
    if dates or data is None:
        return dates
    try:
        frame = data(MONTHLY)
    except Exception:  # data problems are reported by the data cells, not here
        return []
    if frame is None or "month" not in getattr(frame, "columns", []):
        return []
    return list(_month_dates(frame))


_MONTH_DATES: dict[int, tuple[Any, list[dt.date]]] = {}


def _month_dates(frame: Any) -> list[dt.date]:
    """The dates in a table's month column, worked out once per table: the status command
    gives every learner on the sample the same table (do not change the list)."""
    found = _MONTH_DATES.get(id(frame))
    if found is not None and found[0] is frame:
        return found[1]
    dates = [d for d in (_to_date(str(m)) for m in frame["month"]) if d]
    if len(_MONTH_DATES) >= 8:  # a learner's own tables: keep only a few
        _MONTH_DATES.clear()
    _MONTH_DATES[id(frame)] = (frame, dates)
    return dates


def before_after(section: str, minimum: int = 3) -> Check:
    """A change date with at least ``minimum`` dated data points before it and after it."""

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


def reception(section: str) -> Check:
    """Evidence of how a promotion was received: described in words, or a file attached for it."""
    described = mentions(
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


def pdca_plan(section: str) -> Check:
    """The plan has timescales, resources and measurable success criteria."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        rows = table_rows(answers, section)
        text = section_text(answers, section)
        if not text.strip():
            return _blank(text)
        missing = []
        dated = any(filled(r, "start") or filled(r, "end") or filled(r, "date") for r in rows)
        if not (dated or (DATE.search(text) and NUMBER.search(text))):
            missing.append("timescales (start and end dates)")
        if not (any(filled(r, "resource") for r in rows) or "resource" in text.lower()):
            missing.append("resources (people, time, money or tools)")
        measurable = any(
            (filled(r, "target") or filled(r, "baseline")) and NUMBER.search(" ".join(flatten(r)))
            for r in rows
        )
        if not measurable:
            target = section_text(answers, section, "target") + section_text(
                answers, section, "success"
            )
            measurable = bool(NUMBER.search(target))
        if not measurable:
            missing.append("measurable success criteria (a baseline and a target number)")
        return _unless_missing(missing, "Your plan still needs {}.")

    return check


def dated_log(section: str) -> Check:
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
            return Result(False, f"Log row {undated[0]} has no date (for example 14/04/2025).")
        if not any(filled(r, "who") for r in rows):
            return Result(False, "Say who was involved in each step of the log.")
        return Result(True)

    return check


def law_with_consequence(section: str) -> Check:
    """Law named together with what happens if it is breached (misconception: reciting law)."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section)
        if not text.strip():
            return _blank(text)
        for number, row in enumerate(table_rows(answers, section), start=1):
            row_text = " ".join(flatten(row))
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


def reflection_links(section: str, part: str) -> Check:
    """A reflection names the policy or law it connects to and the impact of the action."""

    def decide(text: str) -> Result:
        missing = []
        if not (LAW.search(text) or POLICY.search(text)):
            missing.append("the policy or law your action connects to")
        if not IMPACT.search(text):
            missing.append("the impact of what you did")
        return _unless_missing(missing, "Your reflection does not yet name {}.")

    return _on_text(section, decide, part)


def all_filled(section: str, names: Iterable[str], min_words: int = 15) -> Check:
    """Each answer named in ``names`` (e.g. each Gibbs stage) has at least ``min_words`` words."""
    wanted = list(names)

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        short = []
        for name in wanted:
            text = section_text(answers, section, name)
            if word_count(text) < min_words:
                short.append(name.strip(".").replace("_", " "))
        if not short:
            return Result(True)
        return Result(False, f"Write at least {min_words} words for: {', '.join(short)}.")

    return check


def declaration(section: str) -> Check:
    """The declaration is signed, as :mod:`helpers.declaration` defines it (ticked, named, dated)."""
    from ..declaration import SECTION, read_declaration

    if section != SECTION:
        raise ValueError(f"the declaration lives in {SECTION}, not {section}")

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        missing = read_declaration(answers).missing
        return _unless_missing(missing, "To sign the declaration, {}.")

    return check


def has_figures_and_comments(section: str) -> Check:
    """Misconception: anecdote only. Numbers and customer comments side by side."""

    def decide(text: str) -> Result:
        has_numbers, has_comments = bool(NUMBER.search(text)), bool(FEEDBACK_WORDS.search(text))
        if has_numbers and has_comments:
            return Result(True)
        if has_numbers:
            return Result(False, "Add what customers or colleagues said, beside the numbers.")
        return Result(False, "Your evidence is only comments. Add figures (before and after).")

    return _on_text(section, decide)


def smart_goals(section: str) -> Check:
    """Goals (ids containing "goal") give a number to measure and a date or time frame."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section, "goal")
        if not text.strip():
            return Result(False, "Write a team goal and an individual goal.")
        missing = []
        if not NUMBER.search(text):
            missing.append("a number to measure")
        if not DATE.search(text):
            missing.append("a date or time frame")
        return _unless_missing(missing, "Your goals need {} to be SMART.")

    return check


# A view on competition needs more than the risks copied from the question: a few sentences.
MIN_WORDS_TO_WEIGH = 20


def weighs_competition(section: str, part: str) -> Check:
    """The answers whose ids contain ``part`` name a risk of competition (pressure, gaming the
    measure, blame or similar) and give a reason for the learner's choice, in a few sentences."""

    def check(answers: Mapping[str, Any], data: DataLookup | None = None) -> Result:
        text = section_text(answers, section, part)
        if not text.strip():
            return Result(False, "Nothing written here yet.")
        if word_count(text) < MIN_WORDS_TO_WEIGH:
            return Result(
                False,
                "Write a few sentences: what competition would look like in your team, the "
                "risks you see and why you chose your approach.",
            )
        missing = []
        if not COMPETITION_RISK.search(text):
            missing.append(
                "name a risk of competition, such as pressure, gaming the measure or blame"
            )
        if not REASON.search(text):
            missing.append("give the reason for your choice (because ..., so that ...)")
        return _unless_missing(missing, "Your answer does not yet {}.")

    return check
