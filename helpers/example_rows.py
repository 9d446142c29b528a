"""An editable table whose rows say where they came from (notebook 01's channels, notebook
04's customer journey).

Rows filled in from data or from the sample organisation are marked "Example from the sample
organisation" (or "From your file, not yet checked") until the learner confirms the row or
changes it, so a table pre-filled from the invented sample is never handed in as the learner's
own work. Columns are text boxes or drop-down lists (factors are chosen by name, never typed as
keys). The feedback rules leave marked rows out (:mod:`helpers.feedback.answers`).

The pure part, :func:`refresh_examples`, decides which rows to show when the examples change;
the widget part, :class:`RowsEditor`, is a thin view that :class:`helpers.forms.Form` binds to
the store. A shared layer: topic modules and :mod:`helpers.journey` use it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from helpers.views import escape

if TYPE_CHECKING:
    from helpers.forms import Form
    from helpers.store import AnswerStore

SOURCE_COLUMN = "Where this row comes from"
SAMPLE_EXAMPLE = "Example from the sample organisation"
FILE_UNCHECKED = "From your file, not yet checked"
CHECKED = "Checked by you"
CHANGED = "Changed by you"
ADDED = "Added by you"
UNCONFIRMED = (SAMPLE_EXAMPLE, FILE_UNCHECKED)

# Drop-down options: (the words shown, the value stored).
Options = Sequence[tuple[str, str]]


def example_source(is_sample: bool) -> str:
    """How a row filled in from the data is marked: the sample's or the learner's own file's."""
    return SAMPLE_EXAMPLE if is_sample else FILE_UNCHECKED


def refresh_examples(
    saved: Any, fresh: Sequence[Mapping[str, str]], key: str
) -> list[dict[str, str]]:
    """The rows to show: the learner's own rows as saved, example rows from the current data.

    ``saved`` is the stored answer (``None`` when nothing is saved yet: the fresh rows are shown);
    ``fresh`` are rows filled in from the data now in use, each carrying :data:`SOURCE_COLUMN`;
    ``key`` is the column that names a row (the channel). A saved row still marked as an
    example is replaced by the fresh row of the same name, or left out when the data no longer
    has it, so examples follow the year and the data choice while the learner's confirmed,
    changed and added rows stay as written. Rows saved before rows were marked count as
    examples when they match a fresh row exactly, and as the learner's own otherwise.
    """
    if not isinstance(saved, list):
        return [dict(row) for row in fresh]
    by_name = {row.get(key, ""): dict(row) for row in fresh}
    shown = []
    for row in saved:
        if not isinstance(row, dict):
            continue
        source = row.get(SOURCE_COLUMN)
        if source is None:
            match = by_name.get(str(row.get(key, "")))
            same = match is not None and all(
                str(row.get(column, "")) == value
                for column, value in match.items()
                if column != SOURCE_COLUMN
            )
            source = str(match[SOURCE_COLUMN]) if same and match is not None else CHECKED
        if source in UNCONFIRMED:
            replacement = by_name.get(str(row.get(key, "")))
            if replacement is not None:
                shown.append(replacement)
            continue
        shown.append({**{c: str(v) for c, v in row.items()}, SOURCE_COLUMN: str(source)})
    return shown


class _Row:
    """One line of the table: its cells, where it came from, and its buttons."""

    def __init__(self, editor: RowsEditor, values: Mapping[str, Any], source: str) -> None:
        self.editor = editor
        self.source = source
        self.cells: dict[str, w.ValueWidget] = {
            column: editor.cell(column, values.get(column)) for column in editor.columns
        }
        self.status = w.HTML(layout=w.Layout(width="150px", min_width="150px"))
        self.confirm = w.Button(
            description="Confirm",
            icon="check",
            layout=w.Layout(width="100px", min_width="100px"),
            tooltip="This row is right for my workplace",
        )
        self.remove = w.Button(
            description="Remove",
            icon="trash",
            layout=w.Layout(width="90px", min_width="90px"),
            tooltip="Remove this row (it stays in your answer history)",
        )
        for cell in self.cells.values():
            cell.observe(self._edited, names="value")
        self.confirm.on_click(lambda _: self._mark(CHECKED))
        self.remove.on_click(lambda _: editor.remove_row(self))
        extra = [self.status, self.confirm] if editor.marks_source else []
        self.line = w.HBox([*self.cells.values(), *extra, self.remove])
        self.line.add_class("cw-table-row")  # the shared table style: cells grow and wrap
        self._show_source()

    def _edited(self, _: Any) -> None:
        if self.source in UNCONFIRMED:
            self.source = CHANGED
            self._show_source()
        self.editor.on_change()

    def _mark(self, source: str) -> None:
        self.source = source
        self._show_source()
        self.editor.on_change()

    def _show_source(self) -> None:
        example = self.source in UNCONFIRMED
        colour = "#8a4b00" if example else "#2f6f3e"
        self.status.value = f'<span style="color:{colour}">{escape(self.source)}</span>'
        self.confirm.layout.display = "" if example else "none"

    def value(self) -> dict[str, str]:
        row = {column: str(cell.value or "") for column, cell in self.cells.items()}
        if self.editor.marks_source:
            row[SOURCE_COLUMN] = self.source
        return row


class RowsEditor:
    """Rows of text boxes and drop-down lists with add, remove and (optionally) confirm buttons.

    ``choices`` names the columns shown as drop-down lists, with their options. With
    ``marks_source`` each row shows where it came from and a "Confirm" button while it is an
    example; the stored rows carry that in :data:`SOURCE_COLUMN`. ``on_change`` is called on
    each edit; :meth:`form` sets it to the form's save.
    """

    def __init__(
        self,
        columns: Sequence[str],
        on_change: Callable[[], None] = lambda: None,
        *,
        choices: Mapping[str, Options] | None = None,
        marks_source: bool = False,
    ) -> None:
        self.columns = [c for c in columns if c != SOURCE_COLUMN]
        self.on_change = on_change
        self.choices = dict(choices or {})
        self.marks_source = marks_source
        self.rows: list[_Row] = []
        self.body = w.VBox()
        flexible = w.Layout(flex="1 1 0", min_width="0")
        titles = [w.HTML(f"<strong>{escape(c)}</strong>", layout=flexible) for c in self.columns]
        if marks_source:
            fixed = w.Layout(width="254px", min_width="254px")  # the status and Confirm below
            titles.append(w.HTML(f"<strong>{escape(SOURCE_COLUMN)}</strong>", layout=fixed))
        header = w.HBox([*titles, w.HTML("", layout=w.Layout(width="90px", min_width="90px"))])
        header.add_class("cw-table-header")
        self.add_button = w.Button(
            description="Add a row", icon="plus", tooltip="Add an empty row at the bottom"
        )
        self.add_button.on_click(lambda _: self.add_row({}, ADDED, notify=True))
        self.box = w.VBox([header, self.body, self.add_button], layout=w.Layout(width="100%"))
        self.box.add_class("cw-table-editor")

    def cell(self, column: str, value: Any) -> w.ValueWidget:
        """A text box, or a drop-down list for a column with choices (an unknown value is kept)."""
        layout = w.Layout(flex="1 1 0", min_width="0", width="auto")
        text = "" if value is None else str(value)
        if column not in self.choices:
            box = w.Textarea(
                value=text, placeholder=column, rows=1, continuous_update=True, layout=layout
            )
            box.add_class("cw-cell")  # grows with its text instead of cutting it off
            return box
        options = list(self.choices[column])
        if text and text not in {stored for _, stored in options}:
            options.append((f"{text} (not in the list)", text))
        return w.Dropdown(options=options, value=text or None, layout=layout)

    def add_row(self, values: Mapping[str, Any], source: str = ADDED, notify: bool = False) -> None:
        row = _Row(self, values, source)
        self.rows.append(row)
        self.body.children = (*self.body.children, row.line)
        if notify:
            self.on_change()

    def remove_row(self, row: _Row) -> None:
        self.rows = [r for r in self.rows if r is not row]
        self.body.children = tuple(c for c in self.body.children if c is not row.line)
        self.on_change()

    def read(self) -> list[dict[str, str]]:
        return [row.value() for row in self.rows]

    def form(
        self,
        question_id: str,
        label: str,
        *,
        help: str,
        write: Callable[[Any], None] | None = None,
        store: AnswerStore | None = None,
    ) -> Form:
        """The form that saves these rows as one answer on every edit and shows a saved answer
        through ``write`` (this editor's :meth:`write` unless the topic refreshes it first)."""
        from helpers.forms import Form

        form = Form(
            question_id,
            label,
            self.box,
            help=help,
            read=self.read,
            write=write or self.write,
            store=store,
        )
        self.on_change = form.changed
        form.shows = "a table"
        return form

    def write(self, value: Any) -> None:
        if value is not None and not (
            isinstance(value, list) and all(isinstance(row, dict) for row in value)
        ):
            raise TypeError("not a table")  # the form says it cannot show it
        self.rows = []
        self.body.children = ()
        for row in value or []:
            self.add_row(row, str(row.get(SOURCE_COLUMN) or ADDED))
