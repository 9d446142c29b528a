"""One family of errors that carry what a learner needs to put things right.

Every error raised on purpose by ``helpers`` is a :class:`CourseworkError`. Its ``str()`` is a
plain-English sentence naming the file, row and column where they are known, and what to do.
The notebook edge (``helpers.start``) shows that sentence instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    fix: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(Path(self.file).name)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f'column "{self.column}"')
        text = (", ".join(where) + ": " if where else "") + self.message
        if self.fix:
            text += f" {self.fix}"
        return text


class CourseworkError(Exception):
    """Base class: the message is written for a learner, not a programmer."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[Problem] = list(problems or [])

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        lines = [self.message] + [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


class StoreError(CourseworkError):
    """The answers file could not be read or written."""


class SaveError(StoreError):
    """A save failed; ``reason`` is short enough to show under a form field."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Not saved: {reason}")
        self.reason = reason


class DataError(CourseworkError):
    """A data file could not be used."""


class ReferenceDataError(CourseworkError):
    """A reference file in data/reference/ is malformed."""


@dataclass
class Notices:
    """Messages to show the learner once (for example after a recovery from backup)."""

    items: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        if text not in self.items:
            self.items.append(text)
