"""Personal data out before anything is charted, shown or exported.

Finds email addresses, UK phone numbers (``07700 900123``, ``+44 7700 900123``,
``020 7946 0018``), UK postcodes, columns of people's names (by their heading, such as
``customer_name``) and names in free text ("Dear Mrs Smith", "my name is Asha Patel", names that
also appear in a name column). Each is replaced by a stable pseudonym: ``Customer 17``,
``Colleague 3``, ``[email 3]``, ``[phone 2]``, ``[postcode 1]``.

Stable means the same raw value gets the same pseudonym in every call within one working area.
The working area's ``data/pseudonyms.json`` keeps only a random salt and, for each pseudonym
number, a salted hash of the value: never the raw value itself. It is kept out of the answer
store on purpose, because evidence exports copy every stored answer and the salt must not travel
with the hashes.

A learner may keep a column as it is, giving a reason; that choice is saved in the store under
``data.redaction.<kind>.<column>.keep`` as ``{"keep": true, "reason": "..."}``.

Use :func:`redact_frame` on any table before showing it, :func:`redact_text` on any single text,
and :func:`personal_values` to list the raw values a test should never find in an output.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data.kinds import column_words
from .paths import learner_data_dir
from .redact_text import (
    ANONYMOUS,
    COMMON_WORDS,
    TextRedactor,
    find_personal_data,
    looks_personal,
    personal_data_warning,
    phone_canonical,
)

if TYPE_CHECKING:
    import pandas as pd

    from .data import TableKind
    from .store import AnswerStore

__all__ = [
    "Pseudonyms",
    "RedactionReport",
    "Replacement",
    "Redacted",
    "redact_frame",
    "redact_text",
    "personal_values",
    "find_personal_data",
    "keep_column",
    "kept_columns",
    "person_columns",
    "known_names",
    "names_in_file",
    "keep_answer",
    "kept_answers",
    "kept_note",
    "looks_personal",
    "personal_data_warning",
    "TextRedactor",
]

KEY_FILE = "pseudonyms.json"  # in the working area's data/ folder: salt + hash -> number

# Headings that mean "this column holds people's names".
CUSTOMER_HEADINGS = frozenset(
    {"customer_name", "name", "contact", "contact_name", "full_name", "customer", "caller"}
)
COLLEAGUE_HEADINGS = frozenset(
    {"agent", "adviser", "advisor", "colleague", "staff", "employee", "agent_name", "staff_name"}
)
LABELS = {
    "email": "[email {n}]",
    "phone": "[phone {n}]",
    "postcode": "[postcode {n}]",
    "customer": "Customer {n}",
    "colleague": "Colleague {n}",
}


def _canonical(category: str, value: str) -> str:
    text = " ".join(value.split())
    if category == "phone":
        return phone_canonical(text)
    if category == "postcode":
        return text.replace(" ", "").upper()
    return text.casefold()


class Pseudonyms:
    """Numbers pseudonyms in first-seen order, keyed by a salted hash of each raw value."""

    def __init__(self, salt: str | None = None, mapping: dict[str, dict[str, int]] | None = None):
        self.salt = salt or secrets.token_hex(16)
        self.mapping: dict[str, dict[str, int]] = {k: dict(v) for k, v in (mapping or {}).items()}
        self.changed = False
        self.path: Path | None = None

    @classmethod
    def from_store(cls, store: AnswerStore) -> Pseudonyms:
        """The pseudonyms of the store's working area (see :meth:`from_area`)."""
        return cls.from_area(store.area)

    @classmethod
    def from_area(cls, area: str | os.PathLike[str]) -> Pseudonyms:
        """The working area's pseudonyms, from its key file (made, with a new salt, if missing).

        The key file is ``data/pseudonyms.json`` in the working area, not the answer store,
        because evidence exports copy every stored answer and the salt must not travel with
        the hashes. A folder that cannot be written still gets labels, just not remembered.
        """
        path = learner_data_dir(Path(area)) / KEY_FILE
        try:
            saved = json.loads(path.read_text("utf-8"))
            made = cls(str(saved["salt"]), dict(saved.get("mapping") or {}))
        except (OSError, ValueError, KeyError, TypeError):
            made = cls()
            made.changed = True
        made.path = path
        made.save()
        return made

    def save(self, store: AnswerStore | None = None) -> None:
        """Write new pseudonym numbers (salted hashes only) so later calls give the same ones."""
        path = self.path or (learner_data_dir(store.area) / KEY_FILE if store else None)
        if not self.changed or path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(path.name + ".part")
            partial.write_text(json.dumps({"salt": self.salt, "mapping": self.mapping}), "utf-8")
            os.replace(partial, path)
            self.changed = False
        except OSError:
            pass  # labels stay right for this session; they are just not remembered

    def digest(self, category: str, value: str) -> str:
        key = f"{category}\0{_canonical(category, value)}".encode()
        return hmac.new(self.salt.encode(), key, hashlib.sha256).hexdigest()[:20]

    def label(self, category: str, value: str) -> str:
        """The pseudonym for ``value`` (``category`` is email, phone, postcode, customer or
        colleague)."""
        numbers = self.mapping.setdefault(category, {})
        key = self.digest(category, value)
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            self.changed = True
        return LABELS[category].format(n=numbers[key])


@dataclass
class Replacement:
    """How many values of one sort were replaced in one column."""

    what: str  # email, phone, postcode, name
    column: str
    count: int


@dataclass
class RedactionReport:
    """What was replaced, where and how many; and the columns the learner chose to keep."""

    replacements: list[Replacement] = field(default_factory=list)
    kept: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(r.count for r in self.replacements)

    def add(self, what: str, column: str, count: int) -> None:
        if count <= 0:
            return
        for item in self.replacements:
            if item.what == what and item.column == column:
                item.count += count
                return
        self.replacements.append(Replacement(what, column, count))

    def rows(self) -> list[dict[str, str]]:
        """The report as table rows (for :func:`helpers.views.table_html`)."""
        return [
            {
                "Column": column_words(r.column),
                "What was replaced": _WHAT[r.what],
                "How many": f"{r.count:,}",
            }
            for r in self.replacements
        ]

    def text(self) -> str:
        """A short plain-English summary."""
        if not self.replacements:
            lines = ["No email addresses, phone numbers, postcodes or names were found."]
        else:
            details = "personal details were" if self.total != 1 else "personal detail was"
            lines = [f"{self.total:,} {details} replaced with made-up labels:"]
            lines += [
                f"- {r.count:,} {(_WHAT if r.count != 1 else _ONE)[r.what].lower()} "
                f"in column {column_words(r.column)}"
                for r in self.replacements
            ]
        for column, reason in self.kept.items():
            lines.append(f'Column {column_words(column)} was kept as it is, because: "{reason}"')
        return "\n".join(lines)


_WHAT = {
    "email": "Email addresses",
    "phone": "Phone numbers",
    "postcode": "Postcodes",
    "name": "People's names",
}
_ONE = {"email": "Email address", "phone": "Phone number", "postcode": "Postcode", "name": "Name"}


@dataclass
class Redacted:
    """A pseudonymised copy of a table and the report of what changed."""

    frame: pd.DataFrame
    report: RedactionReport


def person_columns(frame: pd.DataFrame, kind: str | None = None) -> dict[str, str]:
    """Columns holding people's names: ``{column: "customer" or "colleague"}``."""
    from .data import KINDS, normalise_header

    found: dict[str, str] = {}
    if kind in KINDS:
        for col in KINDS[kind].columns:
            if col.person and col.name in frame:
                found[col.name] = col.person
    for column in frame.columns:
        key = normalise_header(column)
        if column in found:
            continue
        if key in CUSTOMER_HEADINGS:
            found[str(column)] = "customer"
        elif key in COLLEAGUE_HEADINGS:
            found[str(column)] = "colleague"
    return found


def known_names(names: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """``{name: category}`` as the lookup free text is searched with: each full name and each
    capitalised part of it (not words such as "Grace" or "Will") -> ``(category, full name)``."""
    known: dict[str, tuple[str, str]] = {}
    for value, category in names.items():
        name = " ".join(str(value).split())
        if not name or ANONYMOUS.match(name):
            continue
        known.setdefault(name, (category, name))
        for part in name.split():
            if len(part) >= 2 and part[0].isupper() and part not in COMMON_WORDS:
                known.setdefault(part, (category, name))
    return known


def _known_names(frame: pd.DataFrame, people: dict[str, str]) -> dict[str, tuple[str, str]]:
    return known_names(
        {
            str(value): category
            for column, category in people.items()
            for value in frame[column].dropna().unique()
        }
    )


def _text_columns(frame: pd.DataFrame) -> list[str]:
    import pandas as pd

    return [
        str(c)
        for c in frame.columns
        if pd.api.types.is_string_dtype(frame[c]) or frame[c].dtype == object
    ]


def redact_frame(
    frame: pd.DataFrame,
    *,
    kind: str | None = None,
    pseudonyms: Pseudonyms | None = None,
    keep: dict[str, str] | None = None,
    names_elsewhere: Mapping[str, str] | None = None,
) -> Redacted:
    """A copy of ``frame`` with personal data replaced, and a report of what was replaced.

    ``keep`` maps columns the learner chose to keep as they are to their reason.
    ``names_elsewhere`` (name -> "customer" or "colleague") are names from columns the reader
    left out (see :func:`names_in_file`): they are never shown, but comments may mention them.
    ``pseudonyms`` defaults to a fresh set (not stable across calls); pass
    ``Pseudonyms.from_area(area)`` and call its ``save()`` for stable labels.
    """
    import numpy as np
    import pandas as pd

    names = pseudonyms or Pseudonyms()
    keep = dict(keep or {})
    out = frame.copy()
    report = RedactionReport(kept={c: r for c, r in keep.items() if c in frame})
    people = {c: k for c, k in person_columns(frame, kind).items() if c not in keep}
    for column, category in people.items():
        values = out[column]
        mask = values.notna() & ~values.astype("string").str.strip().fillna("").str.match(
            ANONYMOUS.pattern
        )
        mask &= values.astype("string").str.strip().fillna("") != ""
        if mask.any():
            out.loc[mask, column] = [names.label(category, str(v)) for v in values[mask]]
            report.add("name", column, int(mask.sum()))
    known = known_names(dict(names_elsewhere or {}))
    known.update(_known_names(frame, people))
    redactor = TextRedactor(names, known)
    for column in _text_columns(out):
        if column in people or column in keep:
            continue
        redactor.counts = {}
        series = out[column]
        codes, uniques = pd.factorize(series)
        if not len(uniques):
            continue
        per_value: list[dict[str, int]] = []
        replaced = []
        for value in uniques:
            redactor.counts = {}
            replaced.append(redactor(value))
            per_value.append(dict(redactor.counts))
        times = np.bincount(codes[codes >= 0], minlength=len(uniques))
        for code, found in enumerate(per_value):
            for what, number in found.items():
                report.add(what, column, number * int(times[code]))
        if any(a is not b for a, b in zip(replaced, uniques, strict=True)):
            lookup = pd.Series(replaced + [None], dtype=object).to_numpy()
            out[column] = pd.Series(lookup[codes], index=out.index, dtype=series.dtype)
    return Redacted(out, report)


def redact_text(
    text: str,
    pseudonyms: Pseudonyms | None = None,
    known_names: Iterable[str] | Mapping[str, str] = (),
    protected: Iterable[str] = (),
) -> str:
    """``text`` with emails, phone numbers, postcodes and names replaced by pseudonyms.

    ``known_names`` are names from the learner's data (a mapping gives each its category,
    "customer" or "colleague"); ``protected`` strings (the learner's profile) stay as written.
    """
    names = (
        dict(known_names)
        if isinstance(known_names, Mapping)
        else dict.fromkeys(known_names, "customer")
    )
    redactor = TextRedactor(pseudonyms or Pseudonyms(), _lookup(names), protected)
    return str(redactor(text))


def _lookup(names: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    return known_names(names)


def personal_values(
    frame: pd.DataFrame, kind: str | None = None, *, name_parts: bool = False
) -> set[str]:
    """Every raw personal value in ``frame``: what an output must never contain.

    Full names from name columns, and emails, phone numbers, postcodes and names found in free
    text. With ``name_parts=True`` also each first name and surname on its own (short ones such
    as "Mo" too), which only makes sense for a whole-word search of an output.
    """
    found: set[str] = set()
    people = person_columns(frame, kind)
    for column in people:
        known = _known_names(frame, {column: "customer"})
        found |= set(known) if name_parts else {full for _, full in known.values()}
    for column in _text_columns(frame):
        if column in people:
            continue
        for value in frame[column].dropna().unique():
            found |= {raw for _, raw in find_personal_data(str(value))}
    return {v for v in found if v not in COMMON_WORDS}


def _keep_id(kind: str, column: str) -> str:
    return f"data.redaction.{kind}.{column}.keep"


def keep_column(
    kind: str, column: str, reason: str, store: AnswerStore, *, keep: bool = True
) -> None:
    """Record the learner's choice to keep ``column`` as it is (``keep=False`` undoes it)."""
    from .errors import CourseworkError

    if keep and not reason.strip():
        raise CourseworkError(
            f"Say why column {column} can be shown as it is (for example: the names are "
            "already made up)."
        )
    store.save(_keep_id(kind, column), {"keep": keep, "reason": reason.strip()})


def kept_columns(kind: str, store: AnswerStore) -> dict[str, str]:
    """Columns of ``kind`` the learner chose to keep as they are, with their reasons."""
    prefix = f"data.redaction.{kind}."
    kept: dict[str, str] = {}
    for qid, value in store.answers().items():
        ours = qid.startswith(prefix) and qid.endswith(".keep") and isinstance(value, dict)
        if ours and value.get("keep"):
            kept[qid[len(prefix) : -len(".keep")]] = str(value.get("reason", ""))
    return kept


# -- names in every column of a learner's file, the ones the reader leaves out included ---------
_MORE_NAME_HEADINGS = {
    "customer": (
        "caller name", "client", "client name", "customer full name", "first name", "forename",
        "given name", "surname", "last name", "family name", "account holder", "complainant",
        "respondent name", "name of customer",
    ),
    "colleague": ("handled by", "team member", "agent full name", "owner", "assigned to"),
}  # fmt: skip


@functools.lru_cache(maxsize=16)
def _people_kind(kind: str) -> TableKind:
    """A kind of table whose only columns are the name columns a file of ``kind`` may have."""
    from .data import KINDS, TableKind, normalise_header
    from .data.kinds import Column

    headings: dict[str, str] = {}
    for col in KINDS[kind].columns if kind in KINDS else ():
        for alias in (col.name, *col.aliases):
            if col.person:
                headings.setdefault(normalise_header(alias), col.person)
    generic = [(h, "customer") for h in CUSTOMER_HEADINGS]
    generic += [(h, "colleague") for h in COLLEAGUE_HEADINGS]
    generic += [(h, c) for c, more in _MORE_NAME_HEADINGS.items() for h in more]
    for heading, category in generic:
        headings.setdefault(normalise_header(heading), category)
    columns = tuple(
        Column(f"{category}:{h}", "text", aliases=(h,)) for h, category in headings.items()
    )
    return TableKind(f"{kind}:people", "Names", columns)


def names_in_file(path: str | os.PathLike[str], kind: str) -> dict[str, str]:
    """Names in every column of the file that holds people's names, recognised or left out by
    the reader: ``{name: "customer" or "colleague"}``. Empty when the file has none or cannot
    be read (the reader reports why elsewhere)."""
    from .data.reading import read_cells
    from .errors import CourseworkError

    try:
        raw = read_cells(Path(path), _people_kind(kind))
    except (CourseworkError, OSError, ValueError):
        return {}
    found: dict[str, str] = {}
    for column in raw.cells.columns:
        category = str(column).split(":", 1)[0]
        for value in raw.cells[column].dropna().unique():
            name = " ".join(str(value).split())
            if name and not ANONYMOUS.match(name) and not any(c.isdigit() for c in name):
                found.setdefault(name, category)
    return found


# -- answers kept as written ---------------------------------------------------------------
KEEP_SUFFIX = ".keep_personal"


def keep_answer(question_id: str, reason: str, store: AnswerStore, *, keep: bool = True) -> None:
    """Record that the answer to ``question_id`` goes into the pack as written, personal details
    included, and why (``keep=False`` undoes it). Saved as ``<question>.keep_personal``."""
    from .errors import CourseworkError

    if keep and not reason.strip():
        raise CourseworkError(
            "Say why this answer should keep the personal details (for example: the customer "
            "agreed to be named)."
        )
    store.save(question_id + KEEP_SUFFIX, {"keep": keep, "reason": reason.strip()})


def kept_note(reason: str) -> str:
    """What the assessor reads beside an answer kept as written."""
    return f"The learner kept this answer as written, personal details included, because: {reason}"


def kept_answers(answers: Mapping[str, Any]) -> dict[str, str]:
    """Question id -> reason, for every answer the learner keeps as written."""
    kept: dict[str, str] = {}
    for qid, value in answers.items():
        if not qid.endswith(KEEP_SUFFIX) or not isinstance(value, dict):
            continue
        reason = str(value.get("reason") or "").strip()
        if value.get("keep", True) and reason:
            kept[qid[: -len(KEEP_SUFFIX)]] = reason
    return kept
