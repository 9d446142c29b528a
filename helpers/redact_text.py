"""Finding personal data in free text, and replacing it: the patterns behind :mod:`helpers.redact`.

Finds emails (``jane@example.com``, ``jane dot doe at example dot com``,
``jane(at)example(dot)com``), UK phone numbers (``07700 900789``, ``+44 (0)7700 900789``,
``0044 7700 900789``, ``07700.900.321``, ``(020) 7946 0958``), postcodes (``SW1A 1AA``,
``m1 1ae``), names after a title (``Mrs Patel``, ``Dr. Jane Okafor``) and names in phrases
("Dear Asha", "spoke to Sam"). Imports nothing heavy: the data reader's messages and the
answer boxes' warning use it on every cell or keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .words import joined_with_and

if TYPE_CHECKING:
    from .redact import Pseudonyms

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# "jane dot doe at example dot com", "jane(at)example(dot)com": "at" spelled out, a known ending,
# so that "met at work" or "look at page 3.2" are not emails.
_DOT = r"(?:\.|\s*[(\[]\s*(?i:dot)\s*[)\]]\s*|\s+(?i:dot)\s+)"
_AT = r"(?:\s*[(\[]\s*(?i:at)\s*[)\]]\s*|\s+(?i:at)\s+)"
_ENDING = r"(?i:com|net|org|uk|co|gov|ac|nhs|io|info|biz|me|edu|ie|email)"
SPELLED_EMAIL = re.compile(
    rf"(?<![\w.+-])[A-Za-z0-9_%+-]+(?:{_DOT}[A-Za-z0-9_%+-]+)*{_AT}"
    rf"[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}{_ENDING}\b"
)
# +44, 0044 or 0, then more digits in groups (spaces, dots, hyphens, brackets round the area code);
# the number of digits is checked after matching (see _phone_ok).
PHONE = re.compile(
    r"(?<![\w+.])(?:(?:\+|00)44[\s.-]?(?:\(0\)[\s.-]?)?\d{1,4}|\(0\d{1,4}\)|0\d{1,4})"
    r"(?:[\s.-]?\d){5,9}(?!\d)"
)
POSTCODE = re.compile(
    r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}|GIR\s?0AA)\b", re.IGNORECASE
)
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)$")  # "h2 2nd" is not a postcode
_NAME = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?"
_NOT_A_LABEL = r"(?!(?:Customer|Colleague)\s+\d)"  # already replaced: leave it alone
TITLED_NAME = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+{_NOT_A_LABEL}(?:{_NAME}\s+)?{_NOT_A_LABEL}{_NAME}\b"
)
# "my name is Asha Patel", "Dear Asha": the customer; "spoke to Sam", "thanks to Priya": staff.
CUSTOMER_PHRASE = re.compile(
    rf"\b(?P<lead>[Mm]y name is|[Mm]y name's|[Dd]ear|[Ss]igned|[Rr]egards,?)\s+(?P<name>{_NOT_A_LABEL}{_NAME}(?:\s+{_NAME})?)"
)
COLLEAGUE_PHRASE = re.compile(
    rf"\b(?P<lead>spoke (?:to|with)|talked to|thanks to|thank you to|helped by|served by|[Aa]sk|"
    rf"adviser|advisor|agent called|colleague called)\s+(?P<name>{_NOT_A_LABEL}{_NAME}(?:\s+{_NAME})?)"
)
COLLEAGUE_BEFORE = re.compile(
    rf"\b(?P<name>{_NOT_A_LABEL}{_NAME}) (?P<tail>on the (?:phone|chat|line)|from your team)\b"
)
FULL_NAME = re.compile(rf"^{_NAME}(?:\s+{_NAME}){{1,2}}$")
# Already anonymous: leave alone.
ANONYMOUS = re.compile(r"^(?:Agent|Customer|Colleague|Adviser|Advisor|Staff)\s+[A-Z0-9]{1,3}$")
# Capitalised words that are also first names or surnames; not replaced on their own.
COMMON_WORDS = frozenset(
    re.findall(
        r"\w+",
        "May Will Bill June Mark Grace Hope Joy Rose Faith Dawn Summer Sky Read Rich Long Young "
        "Green Brown White Black Wood Hill Dear Thanks Thank The And But Energy",
    )
)
# A profile string is hidden behind one of these while the text is scanned (no pattern matches
# a private-use character), then put back.
_MASK_BASE = 0xE000
_MASK_LAST = 0xF8FF
_MASKED = re.compile("[\ue000-\uf8ff]")


_INTERNATIONAL = re.compile(r"\s*(?:\+|00)44")


def _phone_ok(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if _INTERNATIONAL.match(text):
        return 9 <= len(digits[4 if digits.startswith("00") else 2 :].lstrip("0")) <= 10
    return digits.startswith("0") and 10 <= len(digits) <= 11


def _postcode_ok(text: str) -> bool:
    return not _ORDINAL.search(text)


def phone_canonical(text: str) -> str:
    """One spelling of a UK number, so ``+44 (0)7700 900789`` and ``07700.900.789`` agree."""
    digits = re.sub(r"\D", "", text)
    if _INTERNATIONAL.match(text):
        return "0" + digits[4 if digits.startswith("00") else 2 :].lstrip("0")
    return digits


def _emails(text: str) -> list[str]:
    spelled = SPELLED_EMAIL.finditer(text) if _MAYBE_SPELLED.search(text) else ()
    return [m.group() for m in EMAIL.finditer(text)] + [m.group() for m in spelled]


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """``(sort, raw value)`` for every email, phone number, postcode and phrase-marked name."""
    found: list[tuple[str, str]] = [("email", raw) for raw in _emails(text)]
    without_emails = EMAIL.sub(" ", text) if "@" in text else text
    if _MAYBE_SPELLED.search(without_emails):
        without_emails = SPELLED_EMAIL.sub(" ", without_emails)
    found += [("phone", m.group()) for m in PHONE.finditer(without_emails) if _phone_ok(m.group())]
    found += [
        ("postcode", m.group())
        for m in POSTCODE.finditer(without_emails)
        if _postcode_ok(m.group())
    ]
    found += [("name", m.group()) for m in TITLED_NAME.finditer(text)]
    for pattern in (CUSTOMER_PHRASE, COLLEAGUE_PHRASE, COLLEAGUE_BEFORE):
        found += [("name", m["name"]) for m in pattern.finditer(text)]
    return [(sort, raw) for sort, raw in found if raw not in COMMON_WORDS]


def looks_personal(value: object) -> bool:
    """Whether a single cell looks like personal data (an email, phone, postcode or name).

    Data-check messages quote a cell only when this is False, so "ian@example.net is not a
    date" becomes "the value is not a date" next to the row and column.
    """
    text = " ".join(str(value).split())
    return bool(find_personal_data(text)) or bool(FULL_NAME.match(text))


_WARN_WORDS = {
    "email": "email address",
    "phone": "phone number",
    "postcode": "postcode",
    "name": "name",
}


# A spelled-out email needs a "dot com"-like ending: looking for that first keeps the (slower)
# full pattern off most texts.
_MAYBE_SPELLED = re.compile(rf"(?:\.|\b(?i:dot)[)\]]?\s*){_ENDING}\b")


_TITLES = ("Mr", "Ms", "Mx", "Dr", "Miss", "Prof")  # a substring test is far quicker than a scan


def _sorts_found(text: str) -> list[str]:
    """The sorts of personal data in ``text``, each search stopping at its first hit."""
    found = []
    if ("@" in text and EMAIL.search(text)) or (
        _MAYBE_SPELLED.search(text) and SPELLED_EMAIL.search(text)
    ):
        found.append("email")
    if any(_phone_ok(m.group()) for m in PHONE.finditer(text)):
        found.append("phone")
    if any(_postcode_ok(m.group()) for m in POSTCODE.finditer(text)):
        found.append("postcode")
    if any(title in text for title in _TITLES) and TITLED_NAME.search(text):
        found.append("name")
    return found


def personal_data_warning(text: str) -> str:
    """The line shown under an answer box that seems to hold a customer's details ("" if not).

    Emails, phone numbers, postcodes and names after a title: a few regex searches, well under
    a millisecond for 500 words, so it can run on every change.
    """
    found = [_WARN_WORDS[sort] for sort in _sorts_found(text)] if text else []
    if not found:
        return ""
    what = joined_with_and(found)
    return (
        f"This answer seems to hold a customer's {what}; it will be replaced in your evidence pack."
    )


class TextRedactor:
    """Replaces personal data in free text, counting what it replaced and remembering it.

    ``known`` maps a name or name part to ``(category, full name)``: names learned from the
    learner's data, so a name in an answer gets the pseudonym it has in the charts.
    ``protected`` strings (the learner's own profile) are never replaced.
    ``replaced`` maps every raw value replaced so far to its pseudonym.
    """

    def __init__(
        self,
        pseudonyms: Pseudonyms,
        known: dict[str, tuple[str, str]] | None = None,
        protected: Iterable[str] = (),
    ) -> None:
        self.pseudonyms = pseudonyms
        self.counts: dict[str, int] = {}
        self.replaced: dict[str, str] = {}
        self.known = dict(known or {})
        parts = sorted(self.known, key=len, reverse=True)
        self.known_pattern = (
            re.compile(r"\b(?:" + "|".join(re.escape(p) for p in parts) + r")\b") if parts else None
        )
        kept = sorted({p.strip() for p in protected if p and p.strip()}, key=len, reverse=True)
        self.protected = kept
        self.protected_pattern = (
            re.compile("|".join(re.escape(p) for p in self.protected)) if self.protected else None
        )

    def _label(self, what: str, category: str, raw: str, value: str | None = None) -> str:
        self.counts[what] = self.counts.get(what, 0) + 1
        label = self.pseudonyms.label(category, raw if value is None else value)
        self.replaced[raw] = label
        return label

    def _swap(self, category: str, check: Callable[[str], bool] | None = None) -> Any:
        def swap(match: re.Match[str]) -> str:
            raw = match.group()
            if check is not None and not check(raw):
                return raw
            return self._label(category, category, raw)

        return swap

    def _phrase(self, category: str) -> Any:
        def swap(match: re.Match[str]) -> str:
            name = match["name"]
            if ANONYMOUS.match(name) or name in COMMON_WORDS:
                return match.group()
            return f"{match['lead']} {self._label('name', category, name)}"

        return swap

    def _before(self, match: re.Match[str]) -> str:
        name = match["name"]
        if name in COMMON_WORDS or ANONYMOUS.match(name):
            return match.group()
        return f"{self._label('name', 'colleague', name)} {match['tail']}"

    def _titled(self, match: re.Match[str]) -> str:
        surname = match.group().split()[-1]
        if surname in self.known:  # "Mrs Okafor" is the Jane Okafor of the data
            category, full = self.known[surname]
            return self._label("name", category, match.group(), full)
        return self._label("name", "customer", match.group())

    def _known(self, match: re.Match[str]) -> str:
        category, full = self.known[match.group()]
        return self._label("name", category, match.group(), full)

    def mask(self, text: str) -> tuple[str, list[str]]:
        """``text`` with each protected string hidden behind a private-use character, and the
        strings hidden (give both to :meth:`unmask`)."""
        if self.protected_pattern is None or _MASKED.search(text):
            return text, []  # (a text already holding private-use characters is not masked)
        hidden: list[str] = []

        def hide(match: re.Match[str]) -> str:
            if _MASK_BASE + len(hidden) > _MASK_LAST:
                return match.group()
            hidden.append(match.group())
            return chr(_MASK_BASE + len(hidden) - 1)

        return self.protected_pattern.sub(hide, text), hidden

    def __call__(self, text: Any) -> Any:
        if not isinstance(text, str) or not text:
            return text
        text, hidden = self.mask(text)
        text = EMAIL.sub(self._swap("email"), text)
        if _MAYBE_SPELLED.search(text):
            text = SPELLED_EMAIL.sub(self._swap("email"), text)
        text = PHONE.sub(self._swap("phone", _phone_ok), text)
        text = POSTCODE.sub(self._swap("postcode", _postcode_ok), text)
        text = TITLED_NAME.sub(self._titled, text)
        text = CUSTOMER_PHRASE.sub(self._phrase("customer"), text)
        text = COLLEAGUE_PHRASE.sub(self._phrase("colleague"), text)
        text = COLLEAGUE_BEFORE.sub(self._before, text)
        if self.known_pattern is not None:
            text = self.known_pattern.sub(self._known, text)
        return self.unmask(text, hidden)

    @staticmethod
    def unmask(text: str, hidden: list[str]) -> str:
        """Put back what :meth:`mask` hid."""
        if not hidden:
            return text
        return _MASKED.sub(lambda m: hidden[ord(m.group()) - _MASK_BASE], text)
