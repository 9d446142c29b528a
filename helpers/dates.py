"""One UK date control for every form: type 14/04/2025, 14 Apr 2025 or 2025-04-14.

:func:`parse_date` reads what a learner typed (the same parser as data files use, see
:func:`helpers.data.parse_uk_date`), :func:`in_words` says a date back ("14 April 2025"), and
:class:`DateBox` is the control: a text box, the date shown back in words, and a message line.
It never depends on the browser's language (there is no ``<input type=date>``). Stored values
are ISO text, "2025-04-14".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from .data import parse_uk_date, slash_date_order
from .data.parsers import quote_cell
from .errors import CourseworkError
from .views import escape

__all__ = ["DateProblem", "parse_date", "in_words", "as_typed", "DateBox", "EXAMPLE"]

EXAMPLE = "14/04/2025"
HOW_TO_TYPE = "Type it like 14/04/2025, 14 April 2025 or 2025-04-14."
_NO_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})$")
_MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]


_MONTH_WORDS = "|".join(
    sorted({*_MONTHS, *(m[:3] for m in _MONTHS), "Sept"}, key=len, reverse=True)
)
_WORDS_MONTH_FIRST = re.compile(
    rf"^({_MONTH_WORDS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.IGNORECASE
)


class DateProblem(CourseworkError):
    """What was typed is not a date we can be sure of; the message says what to type."""


def parse_date(text: object) -> dt.date:
    """The date in ``text``: 14/04/2025, 14/4/25, 14 Apr 2025, 14th April 2025 or 2025-04-14.

    Raises :class:`DateProblem` with a plain message for a blank box, an impossible date
    (31/02/2025), a US-order date (04/14/2025) or anything else that is not a date.
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    raw = "" if text is None else str(text).replace("\u00a0", " ").strip()
    if not raw:
        raise DateProblem(f"There is no date yet. {HOW_TO_TYPE}")
    if raw.replace(".", "", 1).isdigit() and len(raw) > 4:
        # a spreadsheet's date number is fine in a data file, but not typed in a box
        raise DateProblem(f"{quote_cell(raw)} is a number, not a date. {HOW_TO_TYPE}")
    if slash_date_order(raw) == "month_first":
        first, second, year = _numeric_parts(raw)
        raise DateProblem(
            f"{quote_cell(raw)} has the month first. Type the day first: "
            f"{second:02d}/{first:02d}/{year}."
        )
    if match := _WORDS_MONTH_FIRST.match(raw):
        month, day, year = match.groups()
        raise DateProblem(
            f"{quote_cell(raw)} has the month first. Type the day first: {day} {month} {year}."
        )
    if match := _NO_YEAR.match(raw):
        raise DateProblem(
            f"{quote_cell(raw)} has no year. Type it like {int(match[1]):02d}/{int(match[2]):02d}/"
            f"{dt.date.today().year}."
        )
    try:
        found = parse_uk_date(raw)
    except ValueError as error:
        reason = str(error)
        if "is not a real date" in reason:
            raise DateProblem(f"{reason} Type a real date, like {EXAMPLE}.") from None
        if "is a month, not a date" in reason:
            raise DateProblem(reason) from None
        raise DateProblem(f"{quote_cell(raw)} is not a date. {HOW_TO_TYPE}") from None
    if found is None:  # "n/a", "-" and the like
        raise DateProblem(f"{quote_cell(raw)} is not a date. {HOW_TO_TYPE}")
    return found


def _numeric_parts(raw: str) -> tuple[int, int, str]:
    parts = re.split(r"[/.\-\s]+", raw)
    year = parts[2] if len(parts[2]) == 4 else f"20{parts[2]}"
    return int(parts[0]), int(parts[1]), year


def in_words(day: dt.date) -> str:
    """``date(2025, 4, 14)`` -> "14 April 2025" (English month names whatever the locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def as_typed(day: dt.date) -> str:
    """How the box shows a saved date: "14/04/2025"."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _words_html(text: str) -> str:
    return f'<span class="cw-date-words" style="color:#2f6f3e">{escape(text)}</span>'


def _problem_html(text: str) -> str:
    return f'<span role="alert" class="cw-date-problem" style="color:#b00020">{escape(text)}</span>'


class DateBox:
    """A text box for a date, the date shown back in words, and a message line.

    :attr:`value` is the date as ISO text ("2025-04-14"), ``None`` for an empty box, or, while
    the box holds something that is not a date, the last good value (so a half-typed date never
    replaces a saved one). :attr:`problem` says what is wrong ("" when nothing is). Works alone
    (:attr:`widget`) and inside a table row (``compact=True`` stacks the parts in a narrow cell).
    """

    def __init__(
        self,
        value: Any = None,
        *,
        compact: bool = False,
        placeholder: str = f"for example {EXAMPLE}",
        description: str = "",
    ) -> None:
        import ipywidgets as w

        layout = (
            w.Layout(width="100%", min_width="0")
            if compact
            else w.Layout(width="14em", min_width="10em")
        )
        self.text = w.Text(placeholder=placeholder, continuous_update=True, layout=layout)
        if description:
            self.text.description = description
        self.text.add_class("cw-date-text")
        self.words = w.HTML()
        self.message = w.HTML()
        self._good: str | None = None
        self.problem = ""
        self._listeners: list[Callable[[], None]] = []
        if compact:
            self.widget: Any = w.VBox(
                [self.text, self.words, self.message],
                layout=w.Layout(flex="1 1 0", min_width="0", width="auto"),
            )
        else:
            self.widget = w.VBox(
                [
                    w.HBox([self.text, self.words], layout=w.Layout(align_items="center")),
                    self.message,
                ]
            )
        self.widget.add_class("cw-date")
        self.words.add_class("cw-date-words")
        self.set(value)
        self.text.observe(self._typed, names="value")

    @property
    def value(self) -> str | None:
        return self._good

    def set(self, value: Any) -> None:
        """Show a saved value (ISO text, a date, or older text such as "14/04/2025").

        A saved value that is not a date is shown as it was typed, with the message, and kept
        as the value until the learner replaces it.
        """
        if value is None or (isinstance(value, str) and not value.strip()):
            self.text.value = ""
            self._show(None, "")
            return
        try:
            day = parse_date(value)
        except DateProblem as problem:
            self.text.value = str(value)
            self._good = str(value)
            self._show(None, str(problem), keep=True)
            return
        self.text.value = as_typed(day)
        self._show(day, "")

    def on_change(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` after each change the learner types."""
        self._listeners.append(listener)

    def _typed(self, *_: Any) -> None:
        raw = self.text.value.strip()
        if not raw:
            self._show(None, "")
        else:
            try:
                self._show(parse_date(raw), "")
            except DateProblem as problem:
                self._show(None, str(problem), keep=True)
        for listener in list(self._listeners):
            listener()

    def _show(self, day: dt.date | None, problem: str, *, keep: bool = False) -> None:
        if not keep:
            self._good = day.isoformat() if day else None
        self.problem = problem
        self.words.value = _words_html(in_words(day)) if day else ""
        self.message.value = _problem_html(problem) if problem else ""
