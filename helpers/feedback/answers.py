"""Reading a learner's answers for the rules: sections by question-id prefix, and their text.

Answers are a dict of question id to value, as :meth:`AnswerStore.answers` returns. A section is
a question-id prefix: ``"01"`` is notebook 01, ``"05.pdca"`` a part of notebook 05.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from ..words import word_count

DataLookup = Callable[[str], Any]
"""``data(kind)`` returns a pandas DataFrame for a data kind (e.g. "monthly_operations") or None."""


class Result(NamedTuple):
    """The outcome of one rule: ``met`` and, when not met, why (one or two plain sentences)."""

    met: bool
    why_not: str = ""


# A row filled in from data and not yet confirmed by the learner carries one of these in its
# "where this row comes from" column (helpers/example_rows.py writes them). It is an example,
# not the learner's evidence, so no rule reads it.
UNCONFIRMED_ROW_MARKS = ("Example from the sample organisation", "From your file, not yet checked")


def _unconfirmed(row: Any) -> bool:
    return isinstance(row, dict | Mapping) and any(
        isinstance(v, str) and v.strip() in UNCONFIRMED_ROW_MARKS for v in row.values()
    )


def own_value(value: Any) -> Any:
    """``value`` without the table rows the learner has not confirmed (examples from data)."""
    if isinstance(value, list) and any(_unconfirmed(r) for r in value):
        return [r for r in value if not _unconfirmed(r)]
    return value


def written(answers: Mapping[str, Any], section: str, part: str = "") -> str:
    """Only the free text the learner typed in ``section`` (text boxes, not tables or choices)."""
    return "\n".join(
        v for q, v in section_answers(answers, section).items() if part in q and isinstance(v, str)
    )


def wrote_at_least(answers: Mapping[str, Any], section: str, words: int) -> bool:
    """Whether the learner typed at least ``words`` words in ``section`` (text boxes only, as
    :func:`written`). Counted answer by answer, stopping once there are enough: a word never
    runs from one answer into the next, so the count is the same as over the joined text."""
    count = 0
    for value in section_answers(answers, section).values():
        if isinstance(value, str):
            count += word_count(value)
            if count >= words:
                return True
    return False


def in_section(question_id: str, section: str) -> bool:
    """Whether ``question_id`` is ``section`` or lies inside it ("05.pdca.1" is in "05")."""
    return question_id == section or question_id.startswith(section + ".")


class Answers(dict[str, Any]):
    """A learner's answers with each section's answers and text worked out once.

    :func:`coverage` runs every rule over the same answers, and the rules ask for the same few
    sections again and again; the caches make that one pass per section. Read-only: build a new
    one when the answers change.
    """

    def __init__(self, answers: Mapping[str, Any]) -> None:
        super().__init__({q: own_value(v) for q, v in answers.items()})
        self.sections: dict[str, dict[str, Any]] = {}
        for question, value in self.items():  # "05.pdca.1.plan" is in "05", "05.pdca", ...
            end = question.find(".")
            while end != -1:
                self.sections.setdefault(question[:end], {})[question] = value
                end = question.find(".", end + 1)
            self.sections.setdefault(question, {})[question] = value
        self.texts: dict[tuple[str, str], str] = {}
        self._pieces: dict[str, list[str]] = {}

    def pieces(self, question: str) -> list[str]:
        """:func:`flatten` of one answer, worked out once (do not change the list)."""
        found = self._pieces.get(question)
        if found is None:
            found = self._pieces[question] = flatten(self[question])
        return found


def section_answers(answers: Mapping[str, Any], section: str) -> dict[str, Any]:
    """The answers whose question id lies in ``section`` (e.g. "01" or "05.pdca")."""
    if isinstance(answers, Answers):
        return dict(answers.sections.get(section, {}))
    return {q: own_value(v) for q, v in answers.items() if in_section(q, section)}


def flatten(value: Any) -> list[str]:
    """Every piece of text in an answer (lists, table rows, numbers); ticks are not text."""
    if isinstance(value, str):  # most answers: one piece of text
        return [value]
    # A loop, not recursion: a stored value may be nested thousands of levels deep.
    texts: list[str] = []
    waiting = [value]
    while waiting:
        item = waiting.pop()
        if item is None or isinstance(item, bool):
            continue
        if isinstance(item, str):
            texts.append(item)
        elif isinstance(item, dict | list | tuple):  # what JSON gives: checked before Mapping,
            parts = item.values() if isinstance(item, dict) else item  # a slower check
            waiting.extend(reversed(list(parts)))  # popped in the order written
        elif isinstance(item, int | float):
            texts.append(f"{item:g}" if isinstance(item, float) else str(item))
        elif isinstance(item, Mapping):
            waiting.extend(reversed(list(item.values())))
        else:
            texts.append(str(item))
    return texts


def section_text(answers: Mapping[str, Any], section: str, name_part: str = "") -> str:
    """All text the learner wrote in a section (optionally only ids containing ``name_part``)."""
    if isinstance(answers, Answers) and (section, name_part) in answers.texts:
        return answers.texts[(section, name_part)]
    if isinstance(answers, Answers):
        chosen = answers.sections.get(section, {})
        parts = [t for q in chosen if name_part in q for t in answers.pieces(q)]
    else:
        chosen = section_answers(answers, section)
        parts = [t for q, v in chosen.items() if name_part in q for t in flatten(v)]
    text = "\n".join(p for p in parts if p.strip())
    if isinstance(answers, Answers):
        answers.texts[(section, name_part)] = text
    return text


def table_rows(answers: Mapping[str, Any], section: str) -> list[dict[str, Any]]:
    """The rows of every table answer in ``section``."""
    rows: list[dict[str, Any]] = []
    for value in section_answers(answers, section).values():
        if isinstance(value, list):
            rows += [r for r in value if isinstance(r, dict)]
    return rows


def filled(row: Mapping[str, Any], key_part: str) -> bool:
    """Whether a column of ``row`` whose name contains ``key_part`` has something in it."""
    return any(key_part in k.lower() and str(v or "").strip() for k, v in row.items())


def has_answer(value: Any) -> bool:
    """Whether the learner has answered: a tick, or any text."""
    if isinstance(value, str):  # most answers: no need to flatten
        return bool(value.strip())
    return value is True or bool("".join(flatten(value)).strip())
