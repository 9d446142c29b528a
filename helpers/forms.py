"""Form widgets that are thin views over the answer store.

A form never owns data: it loads its value from the store when made (so a re-run cell or a
restarted kernel shows the saved answer), saves on every change, and shows "Saved 14:02" or a
red "Not saved: <reason>" underneath. A failed save keeps the text in the widget and is tried
again on the next change. Each form's mime bundle carries an escaped ``text/html`` copy of the
answer beside the widget view, so an export without widget state still shows it. Each save
records the data it was written with; a box says when that data changed (helpers.provenance).
Public: :func:`long_text`, :func:`short_text`, :func:`number`, :func:`date`,
:func:`single_choice`, :func:`multiple_choice`, :func:`checklist`, :func:`table`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w
from traitlets import TraitError

# One number parser for data files and number boxes alike (re-exported here by name).
from .data import parse_number
from .errors import SaveError, StoreError
from .provenance import ProvenanceNotice
from .redact import KEEP_SUFFIX, keep_answer, kept_answers, kept_note, personal_data_warning
from .store import AnswerStore, shared_store
from .views import ShowsStaticHtml, escape, labelled_answer_html
from .views.answers import unshowable_answer_html
from .words import word_count

__all__ = [
    "Form",
    "long_text",
    "short_text",
    "number",
    "date",
    "single_choice",
    "multiple_choice",
    "checklist",
    "table",
    "word_count",
    "FormGroup",
    "on_any_save",
]

_FULL = w.Layout(width="100%")

# Called as callback(question_id, value) after any form saves (live feedback ticks listen here).
_ANY_SAVE_LISTENERS: list[Callable[[str, Any], None]] = []


def on_any_save(callback: Callable[[str, Any], None]) -> None:
    """Call ``callback(question_id, value)`` after any form in this kernel saves an answer."""
    if callback not in _ANY_SAVE_LISTENERS:
        _ANY_SAVE_LISTENERS.append(callback)


class Form(ShowsStaticHtml):
    """A labelled control bound to one question id in the store."""

    shows = "text"  # what the control shows, for "could not be shown as a table" and the like

    def __init__(
        self,
        question_id: str,
        label: str,
        control: w.DOMWidget,
        *,
        help: str = "",
        read: Callable[[], Any],
        write: Callable[[Any], None],
        extra: Sequence[w.Widget] = (),
        store: AnswerStore | None = None,
    ) -> None:
        self.question_id = question_id
        self.label = label
        self.store = store or shared_store()
        self.control = control
        self._read = read
        self._write = write
        self._listeners: list[Callable[[Any], None]] = []
        self.status = w.HTML(layout=w.Layout(min_height="1.2em"))
        self.status.add_class("cw-status")
        heading = w.HTML(f"<strong>{escape(label)}</strong>")
        parts: list[w.Widget] = [heading]
        if help:
            parts.append(w.HTML(f'<span style="color:#444">{escape(help)}</span>'))
        self.provenance = ProvenanceNotice(self)  # which data the answer was written with
        parts += [self.provenance.widget, control, *extra, self.status]
        self.widget = w.VBox(parts, layout=w.Layout(width="100%", margin="0 0 12px 0"))
        self.widget.add_class("cw-form")
        self._loading = True
        self._seen: Any = None  # the stored answer as this box last loaded or saved it
        self._unshown: Any = None  # a saved answer the control could not show (wrong type)
        try:
            saved = self.store.load(question_id)
            self._seen = saved
            if saved is not None:
                self._write(saved)
        except StoreError as error:
            self._show_problem(str(error))
        except (ValueError, TypeError, TraitError):
            # A saved value this control cannot show (e.g. "next week" in a date box, put there
            # by an import or an older version): say so, and leave the stored answer untouched.
            self._unshown = saved
            self._show_problem(
                f"Your saved answer ({str(saved)[:80]!r}) could not be shown in this box. "
                "It is still saved; type or pick it again to replace it."
            )
        self._loading = False
        if self.store.unavailable:
            self._show_problem(f"Not saved: {self.store.unavailable}")

    # The value as stored (plain JSON data), read from or written to the control.
    @property
    def value(self) -> Any:
        return self._read()

    @value.setter
    def value(self, new: Any) -> None:
        self._write(new)
        self.changed()

    def on_change(self, listener: Callable[[Any], None]) -> None:
        """Call ``listener(value)`` after each change (for live feedback ticks)."""
        self._listeners.append(listener)

    def changed(self, *_: Any) -> None:
        """Save the current value; called by the control's observers."""
        if self._loading:
            return
        value = self._read()
        try:
            moment, kept = self.store.save_edit(self.question_id, value, seen=self._seen)
        except SaveError as error:
            self._show_problem(f"Not saved: {error.reason}")
        else:
            self._seen = value
            self.provenance.saved()
            stamp = moment.astimezone().strftime("%H:%M")
            saved = f"Saved {stamp}"
            if kept:
                saved += (
                    ". This answer had also been changed somewhere else (another notebook or "
                    "box). That version is kept in your answer history."
                )
            self.status.value = f'<span style="color:#2f6f3e">{escape(saved)}</span>'
            for hook in list(_ANY_SAVE_LISTENERS):
                with contextlib.suppress(Exception):  # a broken listener never stops saving
                    hook(self.question_id, value)
        for listener in self._listeners:
            listener(value)

    def _show_problem(self, text: str) -> None:
        self.status.value = (
            f'<span role="alert" style="color:#b00020;font-weight:bold">{escape(text)}</span>'
        )

    def static_html(self) -> str:
        block = labelled_answer_html(self.label, self.value, self.question_id)
        if self._unshown is not None and self._seen is self._unshown:  # not replaced since
            block = unshowable_answer_html(self.label, self._unshown, self.shows, self.question_id)
        reason = _kept_reason(self.store, self.question_id)
        if reason:  # the assessor sees why customers' details were left in this answer
            block += f'<p class="cw-kept-personal"><em>{escape(kept_note(reason))}</em></p>'
        return block + self.provenance.static_html()

    def static_text(self) -> str:
        return f"{self.label}: {self.value!r}"

    def __repr__(self) -> str:
        return f"<Form {self.question_id}>"


def _kept_reason(store: AnswerStore, question_id: str) -> str:
    with contextlib.suppress(StoreError):
        saved = {question_id + KEEP_SUFFIX: store.load(question_id + KEEP_SUFFIX)}
        return kept_answers(saved).get(question_id, "")
    return ""


class _PersonalDataWatch:
    """Under a text box: a warning when the text seems to hold a customer's details, and a
    way to keep the answer as written in the evidence pack, with a reason."""

    def __init__(self, question_id: str, box: w.ValueWidget, store: AnswerStore) -> None:
        self.question_id = question_id
        self.box = box
        self.store = store
        self.warning = w.HTML()
        reason = _kept_reason(store, question_id)
        self.keep = w.Checkbox(
            value=bool(reason), description="Keep it as written in my evidence pack", indent=False
        )
        self.reason = w.Text(
            value=reason,
            placeholder="Why? For example: the customer agreed to be named.",
            layout=w.Layout(width="50%"),
        )
        self.saved = w.HTML()
        self.row = w.HBox([self.keep, self.reason, self.saved])
        self.widget = w.VBox([self.warning, self.row])
        box.observe(self.check, names="value")
        self.keep.observe(self.record, names="value")
        self.reason.observe(self.record, names="value")
        self.check()

    def check(self, *_: Any) -> None:
        """Show or clear the warning (a regex scan: no delay while typing)."""
        text = personal_data_warning(str(self.box.value or ""))
        self.warning.value = f'<span style="color:#8a5300">{escape(text)}</span>' if text else ""
        self.row.layout.display = "flex" if text or self.keep.value else "none"

    def record(self, *_: Any) -> None:
        """Save the choice to keep the answer as written (a reason is needed)."""
        if self.keep.value and not self.reason.value.strip():
            self.saved.value = '<span style="color:#b00020">Write a reason to keep it.</span>'
            return
        try:
            keep_answer(self.question_id, self.reason.value, self.store, keep=self.keep.value)
        except (SaveError, StoreError) as error:
            self.saved.value = f'<span style="color:#b00020">{escape(str(error))}</span>'
            return
        self.saved.value = '<span style="color:#2f6f3e">Saved.</span>'


def _refuse_structure(value: Any) -> None:
    """A list or a group of fields saved where text or a number goes (a store edited by
    hand): raise, so the form says it cannot show it instead of printing Python's notation."""
    if isinstance(value, list | dict):
        raise TypeError(f"{type(value).__name__} where text goes")


def _bind_value(control: w.ValueWidget, form_changed: Callable[..., None]) -> None:
    control.observe(form_changed, names="value")


def long_text(
    question_id: str,
    label: str,
    help: str = "",
    *,
    words: tuple[int, int] | None = None,
    rows: int = 6,
    placeholder: str = "Type your answer here. It saves as you type.",
    store: AnswerStore | None = None,
) -> Form:
    """A large text box with a live word count (``words=(min, max)`` shows a target)."""
    box = w.Textarea(placeholder=placeholder, rows=rows, layout=_FULL, continuous_update=True)
    counter = w.HTML()

    def count(*_: Any) -> None:
        n = word_count(box.value)
        target = f" (aim for {words[0]} to {words[1]})" if words else ""
        counter.value = f'<span style="color:#444">{n} word{"s" if n != 1 else ""}{target}</span>'

    form = _text_form(question_id, label, box, help, store, after=[counter])
    count()
    box.observe(count, names="value")
    return form


def _text_form(
    question_id: str,
    label: str,
    box: w.Textarea | w.Text,
    help: str,
    store: AnswerStore | None,
    after: Sequence[w.Widget] = (),
) -> Form:
    """A text box bound to its answer, with the personal-data warning under it."""

    def write(value: Any) -> None:
        _refuse_structure(value)
        box.value = "" if value is None else str(value)

    active = store or shared_store()
    watch = _PersonalDataWatch(question_id, box, active)
    form = Form(
        question_id,
        label,
        box,
        help=help,
        read=lambda: box.value,
        write=write,
        extra=[watch.widget, *after],
        store=active,
    )
    _bind_value(box, form.changed)
    return form


def short_text(
    question_id: str,
    label: str,
    help: str = "",
    *,
    placeholder: str = "",
    store: AnswerStore | None = None,
) -> Form:
    """A one-line text box."""
    box = w.Text(placeholder=placeholder, layout=_FULL, continuous_update=True)

    return _text_form(question_id, label, box, help, store)


def number(
    question_id: str,
    label: str,
    help: str = "",
    *,
    unit: str = "",
    store: AnswerStore | None = None,
) -> Form:
    """A number box. Units and thousands separators typed by the learner are ignored."""
    box = w.Text(placeholder=f"a number{f' in {unit}' if unit else ''}", continuous_update=True)
    suffix = w.HTML(escape(unit))
    row = w.HBox([box, suffix])

    def read() -> Any:
        try:
            parsed = parse_number(box.value)
        except ValueError:  # "2 to 3", "10 kWh (2024)": not one figure, so no figure
            return None
        if parsed is None:
            return None
        return int(parsed) if parsed.is_integer() else parsed

    def write(value: Any) -> None:
        _refuse_structure(value)
        if isinstance(value, str) and parse_number(value) is None:
            raise ValueError("text where a number goes")
        # repr keeps every digit saved (":g" showed 12345.67 as 12345.7)
        box.value = "" if value is None else repr(value) if isinstance(value, float) else str(value)

    form = Form(question_id, label, row, help=help, read=read, write=write, store=store)
    form.control = box
    form.shows = "a number"

    def changed(*_: Any) -> None:
        if box.value.strip() and read() is None:
            form._show_problem("Not saved yet: type a number such as 12 or 3.5.")
            return
        form.changed()

    box.observe(changed, names="value")
    return form


def date(question_id: str, label: str, help: str = "", *, store: AnswerStore | None = None) -> Form:
    """A UK date box (see :class:`helpers.dates.DateBox`); the store holds the date as YYYY-MM-DD.

    The learner types 14/04/2025, 14 Apr 2025 or 2025-04-14 and sees "14 April 2025" back; an
    impossible or US-order date is refused with a message and is not saved. ``form.control`` is
    the text box, ``form.date_box`` the whole control.
    """
    from .dates import DateBox, DateProblem, parse_date

    box = DateBox()

    def write(value: Any) -> None:
        _refuse_structure(value)
        if value:
            try:
                parse_date(value)
            except DateProblem as problem:  # the form says it cannot show it, keeping it saved
                raise ValueError(str(problem)) from None
        box.set(value)

    form = Form(
        question_id, label, box.widget, help=help, read=lambda: box.value, write=write, store=store
    )
    form.control = box.text
    form.date_box = box  # type: ignore[attr-defined]
    form.shows = "a date"

    def changed() -> None:
        if box.problem:
            form._show_problem(f"Not saved yet: {box.problem}")
            return
        form.changed()

    box.on_change(changed)
    return form


def single_choice(
    question_id: str,
    label: str,
    options: Sequence[str],
    help: str = "",
    *,
    store: AnswerStore | None = None,
) -> Form:
    """Pick one option (radio buttons). Nothing is chosen until the learner chooses."""
    radios = w.RadioButtons(options=list(options), index=None, layout=_FULL)

    def write(value: Any) -> None:
        radios.value = value if value in radios.options else None

    form = Form(
        question_id, label, radios, help=help, read=lambda: radios.value, write=write, store=store
    )
    _bind_value(radios, form.changed)
    return form


def _tick_boxes(
    question_id: str, label: str, options: Sequence[str], help: str, store: AnswerStore | None
) -> Form:
    boxes = [w.Checkbox(value=False, description=o, indent=False, layout=_FULL) for o in options]
    column = w.VBox(boxes)

    def read() -> list[str]:
        return [b.description for b in boxes if b.value]

    def write(value: Any) -> None:
        chosen = set(value or [])
        for b in boxes:
            b.value = b.description in chosen

    form = Form(question_id, label, column, help=help, read=read, write=write, store=store)
    for b in boxes:
        _bind_value(b, form.changed)
    return form


def multiple_choice(
    question_id: str,
    label: str,
    options: Sequence[str],
    help: str = "",
    *,
    store: AnswerStore | None = None,
) -> Form:
    """Tick any number of options; the store holds the ticked ones in option order."""
    return _tick_boxes(question_id, label, options, help, store)


def checklist(
    question_id: str,
    label: str,
    items: Sequence[str],
    help: str = "",
    *,
    store: AnswerStore | None = None,
) -> Form:
    """A to-do style checklist; the store holds the items ticked off."""
    return _tick_boxes(question_id, label, items, help or "Tick each item when it is done.", store)


class _TableEditor:
    """Rows of boxes with add and remove buttons; value is a list of dicts (one per row).

    Text cells wrap (a long action is shown whole, growing the row). ``date_columns`` names the
    columns that hold a date: each of their cells is a :class:`helpers.dates.DateBox` (typed the
    UK way, shown back in words, a message when it is not a date) and is stored as ISO text
    ("2025-04-14"), or "" when empty: ``table(..., date_columns=date_labels(ACTION_COLUMNS))``.
    """

    def __init__(
        self,
        columns: Sequence[str],
        on_change: Callable[[], None],
        date_columns: Sequence[str] = (),
    ) -> None:
        self.columns = list(columns)
        self.date_columns = frozenset(date_columns)
        self.on_change = on_change
        self.rows: list[list[Any]] = []  # per row, per column: a Textarea or a DateBox
        self.body = w.VBox()
        header = w.HBox(
            [
                w.HTML(
                    f"<strong>{escape(c)}</strong>",
                    layout=w.Layout(flex="1 1 0", min_width="0"),
                )
                for c in self.columns
            ]
            + [w.HTML("", layout=w.Layout(width="90px", min_width="90px"))]
        )
        header.add_class("cw-table-header")
        self.add_button = w.Button(
            description="Add a row", icon="plus", tooltip="Add an empty row at the bottom"
        )
        self.add_button.on_click(lambda _: self.add_row({}, notify=True))
        self.box = w.VBox([header, self.body, self.add_button], layout=_FULL)
        self.box.add_class("cw-table-editor")

    def _cell(self, column: str, value: Any) -> tuple[Any, w.Widget]:
        """The control for one cell and the widget that shows it."""
        if column in self.date_columns:
            from .dates import DateBox

            box = DateBox(value, compact=True, placeholder=column)
            box.on_change(self.on_change)
            return box, box.widget
        text = w.Textarea(
            value="" if value is None else str(value),
            placeholder=column,
            rows=1,
            continuous_update=True,
            # min_width 0 lets six or more columns shrink to fit, keeping "Remove" in view.
            layout=w.Layout(flex="1 1 0", min_width="0", width="auto"),
        )
        text.add_class("cw-cell")
        text.observe(lambda _: self.on_change(), names="value")
        return text, text

    def add_row(self, values: dict[str, Any], notify: bool = False) -> None:
        made = [self._cell(c, values.get(c)) for c in self.columns]
        cells = [control for control, _ in made]
        remove = w.Button(
            description="Remove",
            icon="trash",
            layout=w.Layout(width="90px", min_width="90px"),
            tooltip="Remove this row (it stays in your answer history)",
        )
        self.rows.append(cells)
        line = w.HBox([shown for _, shown in made] + [remove])
        line.add_class("cw-table-row")
        remove.on_click(lambda _: self.remove_row(cells, line))
        self.body.children = (*self.body.children, line)
        if notify:
            self.on_change()

    def remove_row(self, cells: list[Any], line: w.HBox) -> None:
        self.rows = [r for r in self.rows if r is not cells]
        self.body.children = tuple(c for c in self.body.children if c is not line)
        self.on_change()

    def read(self) -> list[dict[str, str]]:
        return [
            {c: str(cell.value or "") for c, cell in zip(self.columns, r, strict=True)}
            for r in self.rows
        ]

    def write(self, value: Any) -> None:
        if value is not None and not (
            isinstance(value, list) and all(isinstance(row, dict) for row in value)
        ):
            raise TypeError("not a table")  # the form says it cannot show it
        self.rows = []
        self.body.children = ()
        for row in value or []:
            self.add_row(row)


def table(
    question_id: str,
    label: str,
    columns: Sequence[str],
    help: str = "",
    *,
    starting_rows: Sequence[dict[str, Any]] = (),
    date_columns: Sequence[str] = (),
    store: AnswerStore | None = None,
) -> Form:
    """An editable table (inventories, action lists). ``starting_rows`` fill a fresh table.

    ``date_columns`` names the columns typed as UK dates and stored as "2025-04-14".
    """
    holder: dict[str, Form] = {}
    editor = _TableEditor(columns, lambda: holder["form"].changed(), date_columns)
    form = Form(
        question_id, label, editor.box, help=help, read=editor.read, write=editor.write, store=store
    )
    holder["form"] = form
    form.shows = "a table"
    if not editor.rows and form.store.load(question_id) is None:
        form._loading = True
        for row in starting_rows or [{}]:
            editor.add_row(row)
        form._loading = False
    return form


class FormGroup(ShowsStaticHtml):
    """Several forms shown together (a profile, a plan section); renders all their answers."""

    def __init__(self, forms: Sequence[Form], title: str = "") -> None:
        self.forms = list(forms)
        self.title = title  # read by helpers.labels: "The problem (Cycle 2: Plan)"
        parts: list[w.Widget] = [f.widget for f in self.forms]
        if title:
            parts.insert(0, w.HTML(f"<h4>{escape(title)}</h4>"))
        self.widget = w.VBox(parts, layout=_FULL)

    @property
    def value(self) -> dict[str, Any]:
        return {f.question_id: f.value for f in self.forms}

    def static_html(self) -> str:
        return "".join(f.static_html() for f in self.forms)

    def static_text(self) -> str:
        return "\n".join(f.static_text() for f in self.forms)
