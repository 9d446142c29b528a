"""Laws and standards that shape customer service, read from ``data/reference/legislation.csv``.

The file is data a tutor can replace: each row names a law or standard, what it requires, what it
means for a customer-service role, what a breach costs the customer and the business, a plain
link to the official text, and where and when the row was checked. :func:`legislation_problems`
returns every problem found (row numbers as a spreadsheet shows them: the header is row 1);
:func:`load_legislation` raises :class:`ReferenceDataError` listing them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import Field, field_validator

from .errors import Problem, ReferenceDataError
from .paths import REFERENCE_DIR
from .reference import ReferenceRow, read_rows, validate_rows

LEGISLATION_FILE = REFERENCE_DIR / "legislation.csv"

COLUMNS = (
    "key",
    "title",
    "year",
    "requires",
    "customer_service_meaning",
    "breach_cost_customer",
    "breach_cost_business",
    "official_url",
    "source",
    "year_checked",
    "notebooks",
)
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[a-z]{2,}(/\S*)?$")


class Law(ReferenceRow):
    """One law or standard and what it means for customer service (one checked row)."""

    key: str = Field(min_length=1)
    title: str = Field(min_length=1)
    year: int = Field(ge=1800, le=2100)
    requires: str = Field(min_length=1)
    customer_service_meaning: str = Field(min_length=1)
    breach_cost_customer: str = Field(min_length=1)
    breach_cost_business: str = Field(min_length=1)
    # A plain https link to the official text: shown as a link, never loaded.
    official_url: str = Field(min_length=1)
    source: str = Field(min_length=1)
    year_checked: int = Field(ge=2000, le=2100)
    # Where the row is shown: notebook numbers such as "03 04" (optional; blank: nowhere yet).
    notebooks: str = ""

    @property
    def notebook_numbers(self) -> tuple[str, ...]:
        """("03", "04") from "03 04" (also "3, 4" or "03;04")."""
        return tuple(f"{int(n):02d}" for n in re.findall(r"\d+", self.notebooks))

    @field_validator("key")
    @classmethod
    def _key_is_simple(cls, value: str) -> str:
        if not _KEY.match(value):
            raise ValueError(f'"{value}" should use lower case letters, digits and _ only')
        return value

    @field_validator("official_url")
    @classmethod
    def _url_is_https(cls, value: str) -> str:
        if not _URL.match(value):
            raise ValueError(f'"{value}" is not a web address starting https://')
        return value


def legislation_problems(path: Path | None = None) -> list[Problem]:
    """Every problem in the legislation file (file, spreadsheet row, column); empty when fine."""
    source = Path(path) if path else LEGISLATION_FILE
    try:
        rows = read_rows(source)
    except ReferenceDataError as error:
        return [Problem(error.message, source.name)]
    return validate_rows(source, rows, Law, unique="key")[1]


def load_legislation(path: Path | None = None) -> list[Law]:
    """The checked laws and standards from ``data/reference/legislation.csv`` (or ``path``).

    Raises :class:`ReferenceDataError` naming every bad row and column.
    """
    source = Path(path) if path else LEGISLATION_FILE
    good, problems = validate_rows(source, read_rows(source), Law, unique="key")
    if problems:
        raise ReferenceDataError(
            f"The reference file {source.name} has {len(problems)} problem(s). "
            "Correct these rows, save the file and run the cell again:",
            problems,
        )
    return [law for law in good if isinstance(law, Law)]


def keys_for(notebook: str | int, laws: Sequence[Law] | None = None) -> list[str]:
    """The keys of the laws shown in ``notebook`` ("03" or 3), in the file's order.

    The ``notebooks`` column says where each row belongs, so a tutor's new row appears in the
    right notebook without a code change.
    """
    number = f"{int(notebook):02d}"
    return [law.key for law in (load_legislation() if laws is None else laws)
            if number in law.notebook_numbers]  # fmt: skip


def find_law(name: str, laws: Sequence[Law]) -> Law | None:
    """The law a learner means by ``name`` ("GDPR", "equality act", "CRA 2015"), if any."""
    words = _words(name)
    if not words:
        return None
    best: tuple[int, Law] | None = None
    for law in laws:
        overlap = len(words & (_words(law.title) | _words(law.key) | _aliases(law)))
        if overlap and (best is None or overlap > best[0]):
            best = (overlap, law)
    return best[1] if best else None


_STOP = {"the", "and", "of", "act", "regulations", "for", "with", "a", "in", "-", "uk"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower().replace("_", " ")) if w not in _STOP}


def _aliases(law: Law) -> set[str]:
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", law.title) if w[0].isupper())
    return {initials.lower()}
