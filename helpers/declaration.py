"""The learner's declaration of authenticity, owned in one place.

Its question ids, its wording, when it counts as signed and when it was signed: notebook 07's
form, the formative check and the evidence pack all read these, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SECTION = "07.declaration"
AGREE_ID = f"{SECTION}.agree"
NAME_ID = f"{SECTION}.name"
DATE_ID = f"{SECTION}.date"
SIGNED_AT_ID = f"{SECTION}.signed_at"  # saved by the form when the last part is filled in

STATEMENT = (
    "I confirm that the evidence in this pack is my own work, that I have said where I used "
    "other people's words or figures, and that data about people has been anonymised."
)


def _date(value: Any) -> dt.date | None:
    text = str(value or "").strip()
    for length, fmt in ((10, "%Y-%m-%d"), (10, "%d/%m/%Y")):
        try:
            return dt.datetime.strptime(text[:length], fmt).date()
        except ValueError:
            continue
    return None


def is_ticked(value: Any) -> bool:
    """True when the saved tick box value means "agreed" (a list of the words, or True)."""
    return value is True or (isinstance(value, list) and bool(value))


def ticked_words(value: Any) -> str:
    """The statement the learner ticked, as saved with the tick ("" when not known)."""
    words = (
        [v for v in value if isinstance(v, str) and len(v) > 40] if isinstance(value, list) else []
    )
    return words[0] if words else ""


@dataclass(frozen=True)
class Declaration:
    """The declaration as the learner left it."""

    ticked: bool
    name: str
    date: dt.date | None
    signed_at: str | None  # ISO time the declaration was completed, if it was
    statement: str = STATEMENT  # the words the learner ticked (today's wording if unknown)

    @property
    def signed(self) -> bool:
        """Ticked, with a typed name and a date: the only meaning of "signed" anywhere."""
        return self.ticked and bool(self.name) and self.date is not None

    @property
    def missing(self) -> list[str]:
        """What the learner still has to do to sign, in their words."""
        return [
            what
            for what, done in (
                ("tick the box", self.ticked),
                ("type your name", bool(self.name)),
                ("add the date", self.date is not None),
            )
            if not done
        ]


def read_declaration(
    answers: Mapping[str, Any], edit_times: Mapping[str, tuple[str, str]] | None = None
) -> Declaration:
    """The declaration from saved answers.

    When it was signed is the time the form saved on completion; a store from before that was
    saved falls back to the last edit of any of its three parts.
    """
    name = str(answers.get(NAME_ID) or "").strip()
    agree = answers.get(AGREE_ID)
    statement = ticked_words(agree) or STATEMENT
    found = Declaration(is_ticked(agree), name, _date(answers.get(DATE_ID)), None, statement)
    if not found.signed:
        return found
    signed_at = answers.get(SIGNED_AT_ID)
    if not isinstance(signed_at, str) or not signed_at:
        times = edit_times or {}
        edits = [times[q][1] for q in (AGREE_ID, NAME_ID, DATE_ID) if q in times]
        signed_at = max(edits) if edits else None
    return Declaration(found.ticked, name, found.date, signed_at, statement)
