"""Customers' personal data out of the evidence pack: answers, history and every page.

Two steps, both needed:

1. :meth:`PackPrivacy.value` pseudonymises every text in an answer (tables and lists too)
   before anything is rendered or written: the answers handed to the pages and every revision
   in ``answers.json``. Labels are the working area's own (``data/pseudonyms.json``), so
   "Customer 12" in a chart and in an answer is the same person; names are learned from every
   column of the learner's data files, the ones the reader leaves out included.
2. :meth:`PackPrivacy.scrub_page` is a last pass over each finished page for the raw values
   step 1 replaced. The kernels that run the notebooks render answer boxes from the store, raw;
   this pass catches those copies and any other place an answer is quoted, whatever helper made
   it. Embedded images (``data:`` URIs) are skipped.

An answer the learner keeps as written (``<question>.keep_personal``, see
:func:`helpers.redact.keep_answer`) is left alone, and its raw values are not scrubbed from the
pages. The learner's own profile (name, centre, organisation) is never replaced.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..redact import (
    Pseudonyms,
    TextRedactor,
    kept_answers,
    kept_note,
    known_names,
    names_in_file,
)

if TYPE_CHECKING:
    from ..store import AnswerStore

__all__ = ["PackPrivacy", "kept_note"]

PROFILE_KEYS = ("00.profile.name", "00.profile.centre", "00.profile.organisation")
_NOT_FREE_TEXT = ("00.profile.", "data.choice.")  # the learner's own details; file choices
TOO_DEEP = "This answer is nested too deeply to be shown; it was left out of the pack."
_EMBEDDED = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+")


def _learned_names(store: AnswerStore) -> dict[str, str]:
    """Names in the learner's own data files, every column (sample files hold no one real)."""
    from ..data import KINDS
    from ..datasource import current_choice

    found: dict[str, str] = {}
    for kind in KINDS:
        choice = current_choice(kind, store)
        if not choice.is_sample:
            for name, category in names_in_file(choice.path, kind).items():
                found.setdefault(name, category)
    return found


def _protected(answers: Mapping[str, Any]) -> list[str]:
    """The learner's profile, whole and (for their name) word by word: never replaced."""
    values = [str(answers.get(key) or "").strip() for key in PROFILE_KEYS]
    words = [w for w in str(answers.get("00.profile.name") or "").split() if len(w) > 1]
    return [v for v in values + words if v]


class PackPrivacy:
    """Pseudonymises answers for one export and remembers what it replaced, for the last pass."""

    def __init__(
        self,
        redactor: TextRedactor,
        kept: Mapping[str, str],
        pseudonyms: Pseudonyms | None = None,
    ) -> None:
        self.redactor = redactor
        self.kept = dict(kept)
        self.pseudonyms = pseudonyms
        self._kept_text: set[str] = set()

    @classmethod
    def for_store(cls, store: AnswerStore, area: Path) -> PackPrivacy:
        """The pseudonyms of ``area``, names from its data files, its profile and kept answers."""
        answers = store.answers()
        names = Pseudonyms.from_area(area)
        redactor = TextRedactor(names, known_names(_learned_names(store)), _protected(answers))
        return cls(redactor, kept_answers(answers), names)

    def value(self, question: str, value: Any) -> Any:
        """``value`` with personal data replaced in every text it holds (kept answers as they are)."""
        if question in self.kept:
            self._kept_text.update(_texts(value))
            return value
        if question.startswith(_NOT_FREE_TEXT):
            return value
        try:
            return _map_texts(value, self.redactor)
        except RecursionError:  # an answer nested too deep to walk is not shown at all
            return TOO_DEEP

    def answers(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        """Every answer through :meth:`value`."""
        return {question: self.value(question, value) for question, value in answers.items()}

    def answers_json(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """``answers.json``'s data with its answers and every revision pseudonymised."""
        out = dict(data)
        out["answers"] = self.answers(data.get("answers") or {})
        out["history"] = {
            question: [{**rev, "value": self.value(question, rev.get("value"))} for rev in revs]
            for question, revs in (data.get("history") or {}).items()
        }
        return out

    def save(self) -> None:
        """Remember new pseudonym numbers (salted hashes only) for the next export."""
        if self.pseudonyms is not None:
            self.pseudonyms.save()

    def _page_pattern(self) -> tuple[re.Pattern[str], dict[str, str]] | None:
        labels = {
            _squeeze(raw): label
            for raw, label in self.redactor.replaced.items()
            if not any(raw in text for text in self._kept_text)
        }
        if not labels:
            return None
        forms: set[str] = set()
        for raw in labels:
            forms |= {raw, html.escape(raw), html.escape(raw, quote=False)}
            forms.add(html.escape(raw).replace("&#x27;", "&#39;"))
        spelled = [
            r"(?:\s|&nbsp;|&#160;)+".join(re.escape(part) for part in form.split())
            for form in sorted(forms, key=len, reverse=True)
        ]
        return re.compile(r"(?<!\w)(?:" + "|".join(spelled) + r")(?!\w)"), labels

    def scrub_page(self, page: str) -> str:
        """``page`` with every raw value replaced so far swapped for its pseudonym (images and
        the learner's profile untouched)."""
        found = self._page_pattern()
        if found is None:
            return page
        pattern, labels = found

        def swap(match: re.Match[str]) -> str:
            return labels.get(_squeeze(html.unescape(match.group())), match.group())

        parts = _EMBEDDED.split(page)
        images = _EMBEDDED.findall(page)
        cleaned = [self._outside_profile(part, pattern, swap) for part in parts]
        return "".join(
            text + (images[n] if n < len(images) else "") for n, text in enumerate(cleaned)
        )

    def _outside_profile(
        self, text: str, pattern: re.Pattern[str], swap: Callable[[re.Match[str]], str]
    ) -> str:
        masked, hidden = self.redactor.mask(text)
        return self.redactor.unmask(pattern.sub(swap, masked), hidden)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _map_texts(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_map_texts(item, change) for item in value]
    if isinstance(value, dict):
        return {key: _map_texts(item, change) for key, item in value.items()}
    return value


def _texts(value: Any) -> list[str]:
    found: list[str] = []

    def note(text: str) -> str:
        found.append(text)
        return text

    _map_texts(value, note)
    return found
