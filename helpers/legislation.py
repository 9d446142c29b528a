"""Laws and standards that shape customer service, read from ``data/reference/legislation.csv``.

The file is data a tutor can replace: each row names a law or standard, what it requires, what it
means for a customer-service role, what a breach costs the customer and the business, a plain
link to the official text, and where and when the row was checked. :func:`legislation_problems`
returns every problem found (row numbers as a spreadsheet shows them: the header is row 1);
:func:`load_legislation` raises :class:`ReferenceDataError` listing them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, ReferenceDataError
from .paths import REFERENCE_DIR

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
)
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[a-z]{2,}(/\S*)?$")
_FIX = "Correct the file in data/reference/ (or ask your tutor to)."


@dataclass(frozen=True)
class Law:
    """One law or standard and what it means for customer service."""

    key: str
    title: str
    year: int
    requires: str
    customer_service_meaning: str
    breach_cost_customer: str
    breach_cost_business: str
    official_url: str
    source: str
    year_checked: int


def _year_problem(text: str, column: str, name: str, row: int) -> Problem | None:
    if not text.isdigit() or not 1800 <= int(text) <= 2100:
        return Problem(f'"{text}" is not a year such as 2015.', name, row, column, _FIX)
    return None


def _row_problems(record: Mapping[str, str | None], name: str, row: int) -> list[Problem]:
    found: list[Problem] = []
    for column in COLUMNS:
        if not (record.get(column) or "").strip():
            found.append(Problem("is empty; every column needs a value.", name, row, column, _FIX))
    key = (record.get("key") or "").strip()
    if key and not _KEY.match(key):
        found.append(
            Problem(
                f'"{key}" should be lower case letters, digits and _ only.', name, row, "key", _FIX
            )
        )
    for column in ("year", "year_checked"):
        text = (record.get(column) or "").strip()
        problem = _year_problem(text, column, name, row) if text else None
        if problem:
            found.append(problem)
    url = (record.get("official_url") or "").strip()
    if url and not _URL.match(url):
        found.append(
            Problem(
                f'"{url}" is not a web address starting https://.', name, row, "official_url", _FIX
            )
        )
    if None in record:  # csv.DictReader puts extra cells under the key None
        found.append(Problem("has more cells than the header has columns.", name, row, None, _FIX))
    return found


def legislation_problems(text: str, name: str = "legislation.csv") -> list[Problem]:
    """Every problem in the CSV ``text`` (empty list when it is fine)."""
    reader = csv.DictReader(io.StringIO(text))
    header = list(reader.fieldnames or [])
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [
            Problem(f"the header is missing the column(s) {', '.join(missing)}.", name, 1, None)
        ]
    found: list[Problem] = []
    seen: dict[str, int] = {}
    for row_number, record in enumerate(reader, start=2):
        found += _row_problems(record, name, row_number)
        key = (record.get("key") or "").strip()
        if key in seen:
            found.append(
                Problem(f'"{key}" is already used in row {seen[key]}.', name, row_number, "key")
            )
        seen.setdefault(key, row_number)
    if not seen:
        found.append(Problem("has no rows of laws or standards.", name))
    return found


def parse_legislation(text: str, name: str = "legislation.csv") -> list[Law]:
    """Laws from CSV ``text``; raises :class:`ReferenceDataError` naming each bad row and column."""
    problems = legislation_problems(text, name)
    if problems:
        raise ReferenceDataError(f"The legislation file {name} has problems:", problems)
    laws = []
    for record in csv.DictReader(io.StringIO(text)):
        values = {c: (record[c] or "").strip() for c in COLUMNS}
        year, checked = int(values.pop("year")), int(values.pop("year_checked"))
        laws.append(Law(year=year, year_checked=checked, **values))
    return laws


def load_legislation(path: Path | None = None) -> list[Law]:
    """The validated laws and standards from ``data/reference/legislation.csv`` (or ``path``)."""
    source = Path(path) if path else LEGISLATION_FILE
    try:
        text = source.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ReferenceDataError(
            f"The legislation file {source} could not be read ({error.strerror}). Ask your tutor."
        ) from error
    return parse_legislation(text, source.name)


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
