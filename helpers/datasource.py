"""Where a notebook's tables come from: the learner's own file, or the sample.

:func:`table` is what notebook helpers call: the learner's chosen file for a kind of table
(remembered in the store under ``data.choice.<kind>``) or ``data/sample/<kind>.csv``, read with
:func:`helpers.data.read_table` and pseudonymised with :mod:`helpers.redact`. Problems are shown
as a friendly box, never a traceback; a file that cannot be used falls back to the sample, saying so.

:func:`data_choice` is the widget for uploading a file, pointing to one, or going back to the
sample. :func:`redaction_report` shows what personal data was replaced and lets the learner keep
a column as it is, with a reason. Both carry a ``text/html`` copy for exports without widgets.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data import KINDS, LoadedTable, read_table
from .data.kinds import column_words
from .errors import CourseworkError, DataError
from .paths import SAMPLE_DIR, OutsideArea, inside, learner_data_dir
from .redact import Pseudonyms, RedactionReport, kept_columns, names_in_file, redact_frame
from .views import ShowsStaticHtml, escape, table_html

if TYPE_CHECKING:
    import pandas as pd

    from .store import AnswerStore

__all__ = [
    "Choice",
    "Outcome",
    "Loaded",
    "table",
    "sample_table",
    "load",
    "current_choice",
    "sample_path",
    "use_sample",
    "use_path",
    "use_upload",
    "choice_problems",
    "data_choice",
    "redaction_report",
    "change_date",
    "CHANGE_DATE_QUESTION",
]

UPLOAD_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".tsv", ".txt")


def _store(store: AnswerStore | None) -> AnswerStore:
    if store is not None:
        return store
    from .store import shared_store

    return shared_store()


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise CourseworkError(f'"{kind}" is not a kind of table. Use one of: {", ".join(KINDS)}.')


def sample_path(kind: str) -> Path:
    """The sample file for ``kind`` (Brightwater Energy, an invented supplier)."""
    _check_kind(kind)
    return SAMPLE_DIR / f"{kind}.csv"


def sample_table(kind: str) -> pd.DataFrame:
    """A table of the sample organisation (for worked examples), read by the shared reader.

    Unlike :func:`table` it ignores the learner's choice and replaces nothing: the sample holds
    no real people.
    """
    return read_table(sample_path(kind), kind).frame


def _choice_id(kind: str) -> str:
    return f"data.choice.{kind}"


@dataclass
class Choice:
    """The file a notebook reads for one kind of table."""

    kind: str
    path: Path
    source: str  # "sample", "upload" or "path"
    name: str
    refused: str | None = None  # why the saved choice was not followed (the sample is used)

    @property
    def is_sample(self) -> bool:
        return self.source == "sample"

    def describe(self) -> str:
        if self.is_sample:  # named in words: learners never see a file's or column's key
            title = KINDS[self.kind].title.lower() if self.kind in KINDS else "sample"
            return f"the sample {title} data (Brightwater Energy, an invented supplier)"
        return f"your file {self.name}"


def current_choice(kind: str, store: AnswerStore | None = None) -> Choice:
    """The learner's remembered choice for ``kind``, else the sample.

    A saved path is followed only inside the working area (a store is untrusted input to the
    tutor's tools): a choice pointing anywhere else falls back to the sample, with the reason.
    """
    _check_kind(kind)
    active = _store(store)
    saved = active.load(_choice_id(kind))
    if isinstance(saved, dict) and saved.get("source") in ("upload", "path") and saved.get("path"):
        name = str(saved.get("name") or Path(str(saved["path"])).name)
        try:
            path = _saved_path(str(saved["path"]), active.area)
        except OutsideArea:
            return _sample_choice(kind, refused=_outside_message(kind, name))
        return Choice(kind, path, str(saved["source"]), name)
    return _sample_choice(kind)


def _sample_choice(kind: str, refused: str | None = None) -> Choice:
    return Choice(kind, sample_path(kind), "sample", sample_path(kind).name, refused)


def _outside_message(kind: str, name: str) -> str:
    return (
        f"Your saved data file for {KINDS[kind].title} ({name}) is outside your coursework "
        "folder, so the sample data is used instead. Choose your file again: it will be copied "
        "into your coursework folder."
    )


def _saved_path(text: str, area: Path) -> Path:
    """The saved path resolved inside ``area``, or :class:`OutsideArea`.

    Choices saved before files were copied in may hold an absolute path: kept when it lies
    inside the area.
    """
    root = area.resolve()
    saved = Path(text)
    if saved.is_absolute() and saved.resolve().is_relative_to(root):
        text = saved.resolve().relative_to(root).as_posix()
    return inside(area, text)


def choice_problems(store: AnswerStore) -> list[str]:
    """A sentence for the assessor for each saved data choice that was not followed."""
    problems = []
    for kind in KINDS:
        saved = store.load(_choice_id(kind))
        if current_choice(kind, store).refused and isinstance(saved, dict):
            problems.append(
                f"The learner's data choice for {kind} points outside their folder, so it was "
                f"not read and the sample was used instead: {saved.get('name') or kind}"
            )
    return problems


def _remember(choice: Choice, store: AnswerStore) -> None:
    area = store.area.resolve()
    try:
        shown = choice.path.resolve().relative_to(area).as_posix()
    except ValueError:  # never saved: current_choice would refuse it
        return
    store.save(
        _choice_id(choice.kind),
        {"source": choice.source, "path": shown, "name": choice.name},
    )


# The answer where notebook 02 keeps the date the learner's change started (ISO text).
CHANGE_DATE_QUESTION = "02.monitor.change_date"


def change_date(store: AnswerStore | None = None) -> dt.date | None:
    """The date the learner's change started, as they gave it in notebook 02.

    None until they give one (or when the saved text is not a date). Every before-and-after
    split in the later notebooks uses it: see :func:`helpers.beforeafter.split_month`.
    """
    saved = _store(store).load(CHANGE_DATE_QUESTION)
    if isinstance(saved, dt.date):
        return saved
    if not isinstance(saved, str):
        return None
    try:
        return dt.date.fromisoformat(saved.strip()[:10])
    except ValueError:
        return None


# -- reading, with a small cache so each cell does not re-read an unchanged file ------------
_CACHE: dict[tuple[str, str, int, int], LoadedTable] = {}


def _read(path: Path, kind: str) -> LoadedTable:
    stat = path.stat() if path.exists() else None
    key = (str(path.resolve()), kind, stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)
    if stat is None or key not in _CACHE:
        loaded = read_table(path, kind)
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[key] = loaded
    return _CACHE[key]


@dataclass
class Loaded:
    """A table ready for a notebook, with what happened on the way."""

    choice: Choice
    table: LoadedTable
    frame: pd.DataFrame
    report: RedactionReport | None
    fell_back: str | None = None  # why the learner's file was not used

    def notice(self) -> str:
        """Plain-English lines for the learner (empty when there is nothing to say)."""
        lines: list[str] = []
        if self.fell_back:
            lines.append(self.fell_back)
        if self.table.problems:
            lines.append(f"Some things to check in {self.table.path.name}:")
            lines += [f"{n}. {p}" for n, p in enumerate(self.table.problems, start=1)]
        return "\n".join(lines)


def load(kind: str, *, redact: bool = True, store: AnswerStore | None = None) -> Loaded:
    """Read the chosen table of ``kind``, falling back to the sample when it cannot be used."""
    active = _store(store)
    choice = current_choice(kind, active)
    fell_back = choice.refused
    try:
        loaded = _read(choice.path, kind)
    except DataError as error:
        if choice.is_sample:
            raise
        fell_back = (
            f"Your file {choice.name} could not be used, so the sample data is used instead.\n"
            f"{error}"
        )
        choice = _sample_choice(kind)
        loaded = _read(choice.path, kind)
    if not redact:
        return Loaded(choice, loaded, loaded.frame.copy(), None, fell_back)
    names = Pseudonyms.from_area(active.area)
    keep = kept_columns(kind, active)
    elsewhere = {n: c for n, c in names_in_file(choice.path, kind).items() if not choice.is_sample}
    result = redact_frame(
        loaded.frame, kind=kind, pseudonyms=names, keep=keep, names_elsewhere=elsewhere
    )
    names.save()
    return Loaded(choice, loaded, result.frame, result.report, fell_back)


def table(kind: str, *, redact: bool = True) -> pd.DataFrame:
    """The learner's table of ``kind`` (or the sample), read, checked and pseudonymised.

    Problems found in the file are shown as a friendly box in the notebook; the rows that could
    be used are returned. The index is the row number in the learner's spreadsheet.
    """
    loaded = load(kind, redact=redact)
    text = loaded.notice()
    if text and text not in _SHOWN:  # once per kernel: several cells read the same table
        _SHOWN.add(text)
        _show_box(text, "problem" if loaded.fell_back else "notice")
    return loaded.frame


_SHOWN: set[str] = set()


def _show_box(text: str, kind: str) -> None:
    from IPython import get_ipython
    from IPython.display import display

    from .notebook import message_box

    if get_ipython() is not None:
        display(message_box(text, kind))


# -- choosing a file -------------------------------------------------------------------------
@dataclass
class Outcome:
    """What happened when the learner chose a file: used or not, and what to tell them."""

    used: bool
    message: str
    problems: list[str]
    choice: Choice | None = None


def use_sample(kind: str, store: AnswerStore | None = None) -> Outcome:
    """Go back to the sample file for ``kind``."""
    active = _store(store)
    _check_kind(kind)
    active.save(_choice_id(kind), {"source": "sample", "path": "", "name": sample_path(kind).name})
    choice = current_choice(kind, active)
    return Outcome(True, f"Now using {choice.describe()}.", [], choice)


def use_path(
    kind: str,
    path: str | os.PathLike[str],
    store: AnswerStore | None = None,
    *,
    source: str = "path",
) -> Outcome:
    """Check the file at ``path``; remember it for ``kind`` when it can be used."""
    active = _store(store)
    _check_kind(kind)
    file = Path(path).expanduser()
    if not file.is_absolute() and not file.exists():
        file = active.area / file
    try:
        loaded = read_table(file, kind)
    except DataError as error:
        return Outcome(
            False,
            f"{error.message} Your choice was not changed.",
            [str(p) for p in error.problems],
        )
    try:
        kept = _keep_in_area(file, active.area)
    except OSError as error:
        return Outcome(
            False,
            f"{file.name} could not be copied into your coursework folder "
            f"({error.strerror or error}). Your choice was not changed.",
            [],
        )
    choice = Choice(kind, kept, source, file.name)
    _remember(choice, active)
    return Outcome(
        True,
        f"Now using {choice.describe()}.\n{loaded.summary()}",
        [str(p) for p in loaded.problems],
        choice,
    )


def _safe_name(name: str) -> str:
    stem = Path(name).name
    cleaned = re.sub(r"[^A-Za-z0-9._ -]+", "_", stem).strip(" .") or "upload.csv"
    return cleaned[:100]


def use_upload(
    kind: str, filename: str, content: bytes, store: AnswerStore | None = None
) -> Outcome:
    """Copy an uploaded file into ``coursework/data/``, check it, and use it when it can be used."""
    active = _store(store)
    _check_kind(kind)
    name = _safe_name(filename)
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        return Outcome(
            False,
            f'"{name}" is not a CSV or XLSX file. Save your data as .csv or .xlsx and upload that.',
            [],
        )
    target = _free_name(learner_data_dir(active.area), name, lambda t: t.read_bytes() == content)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(content)
    shutil.move(partial, target)
    return use_path(kind, target, active, source="upload")


def _free_name(folder: Path, name: str, same: Callable[[Path], bool]) -> Path:
    """``folder/name``, or ``name (2)`` and so on when a different file already has it."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    number = 2
    while target.exists() and not same(target):
        target = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
        number += 1
    return target


def _keep_in_area(file: Path, area: Path) -> Path:
    """``file`` itself when it is inside the working area, else its copy in ``data/``.

    Why: the folder then holds all the learner's evidence, and the tutor's tools, which read
    only inside it, see the same data as the learner's notebooks.
    """
    resolved, root = file.resolve(), area.resolve()
    if resolved.is_relative_to(root):
        return resolved
    target = _free_name(
        learner_data_dir(area), _safe_name(file.name), lambda t: filecmp.cmp(t, file, False)
    )
    if not target.exists():
        partial = target.with_name(target.name + ".part")
        shutil.copyfile(file, partial)
        os.replace(partial, target)
    return target


# -- widgets -------------------------------------------------------------------------------------
def _html_lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())


def _outcome_html(outcome: Outcome) -> str:
    colour = "#2f6f3e" if outcome.used else "#b00020"
    parts = [f'<p style="color:{colour}">{_html_lines(outcome.message)}</p>']
    if outcome.problems:
        items = "".join(f"<li>{escape(p)}</li>" for p in outcome.problems)
        parts.append(f"<ol>{items}</ol>")
    return "".join(parts)


def columns_help_html(kind: str) -> str:
    """A folded list of the column names a file of ``kind`` can use, with other names allowed."""
    items = []
    for col in KINDS[kind].columns:
        also = f" (or: {', '.join(col.aliases[:4])})" if col.aliases else ""
        need = " <strong>needed</strong>" if col.required else ""
        items.append(f"<li><strong>{escape(col.heading)}</strong>{escape(also)}{need}</li>")
    return (
        "<details><summary>Column names your file can use</summary>"
        f"<p>One row of column names, then one row per {escape(KINDS[kind].one_row_per)}. "
        "Capitals, spaces and units such as (kWh) or % do not matter.</p>"
        f"<ul>{''.join(items)}</ul></details>"
    )


class DataChooser(ShowsStaticHtml):
    """Upload a file, type a path, or use the sample; shows what is in use and any problems."""

    def __init__(self, kind: str, store: AnswerStore | None = None) -> None:
        import ipywidgets as w

        _check_kind(kind)
        self.kind = kind
        self.store = _store(store)
        self.status = w.HTML()
        self.messages = w.HTML()
        self.upload = w.FileUpload(
            accept=",".join(UPLOAD_SUFFIXES), multiple=False, description="Upload a file"
        )
        self.sample_button = w.Button(description="Use the sample data", icon="undo")
        self.path_box = w.Text(
            placeholder="or type the path of a file, e.g. coursework/data/my_figures.xlsx",
            layout=w.Layout(width="60%"),
        )
        self.path_button = w.Button(description="Use this file")
        self.upload.observe(self._uploaded, names="value")
        self.sample_button.on_click(lambda _: self._show(use_sample(self.kind, self.store)))
        self.path_button.on_click(self._typed)
        title = w.HTML(f"<strong>Data for: {escape(KINDS[kind].title)}</strong>")
        columns = w.HTML(columns_help_html(kind))
        self.widget = w.VBox(
            [
                title,
                self.status,
                w.HBox([self.upload, self.sample_button]),
                w.HBox([self.path_box, self.path_button]),
                columns,
                self.messages,
            ]
        )
        self._refresh_status()

    def _refresh_status(self) -> None:
        choice = current_choice(self.kind, self.store)
        self.status.value = f"<p>Now using {escape(choice.describe())}.</p>"

    def _show(self, outcome: Outcome) -> None:
        self.messages.value = _outcome_html(outcome)
        self._refresh_status()

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change.get("new") or ()
        if not files:
            return
        item = files[0]
        self._show(use_upload(self.kind, str(item["name"]), bytes(item["content"]), self.store))

    def _typed(self, _: Any) -> None:
        if self.path_box.value.strip():
            self._show(use_path(self.kind, self.path_box.value.strip(), self.store))

    def static_html(self) -> str:
        choice = current_choice(self.kind, self.store)
        return (
            f'<div class="cw-data-choice"><p><strong>Data for: '
            f"{escape(KINDS[self.kind].title)}</strong></p>"
            f"<p>Now using {escape(choice.describe())}.</p>{self.messages.value}"
            f"{columns_help_html(self.kind)}</div>"
        )

    def static_text(self) -> str:
        return (
            f"Data for {KINDS[self.kind].title}: {current_choice(self.kind, self.store).describe()}"
        )


def data_choice(kind: str) -> DataChooser:
    """The widget for choosing the learner's own file for ``kind`` (or the sample)."""
    return DataChooser(kind)


class RedactionView(ShowsStaticHtml):
    """What personal data was replaced, with a keep-as-it-is box and reason for each column."""

    def __init__(self, kind: str, store: AnswerStore | None = None) -> None:
        import ipywidgets as w

        from .redact import keep_column

        self.kind = kind
        self.store = _store(store)
        self.loaded = load(kind, store=self.store)
        self.summary = w.HTML(self.static_html())
        rows: list[Any] = []
        kept = kept_columns(kind, self.store)
        columns = [r.column for r in (self.loaded.report or RedactionReport()).replacements]
        for column in dict.fromkeys([*columns, *kept]):
            box = w.Checkbox(
                value=column in kept, description=f"Keep column {column_words(column)} as it is"
            )
            reason = w.Text(
                value=kept.get(column, ""),
                placeholder="Why is it safe to show? (required)",
                layout=w.Layout(width="50%"),
            )
            note = w.HTML()

            def changed(
                _: Any, column: str = column, box: Any = box, reason: Any = reason, note: Any = note
            ) -> None:
                if box.value and not reason.value.strip():
                    note.value = (
                        '<span style="color:#b00020">Write a reason to keep this column.</span>'
                    )
                    return
                try:
                    keep_column(self.kind, column, reason.value, self.store, keep=box.value)
                except CourseworkError as error:
                    note.value = f'<span style="color:#b00020">{escape(str(error))}</span>'
                    return
                note.value = (
                    '<span style="color:#2f6f3e">Saved. The tables and charts that use this '
                    "data update by themselves.</span>"
                )

            box.observe(changed, names="value")
            reason.observe(changed, names="value")
            rows.append(w.HBox([box, reason, note]))
        self.widget = w.VBox([self.summary, *rows])

    def static_html(self) -> str:
        report = self.loaded.report or RedactionReport()
        parts = [f"<p>{_html_lines(report.text())}</p>"]
        if report.replacements:
            parts.append(table_html(report.rows()))
        return f'<div class="cw-redaction">{"".join(parts)}</div>'

    def static_text(self) -> str:
        return (self.loaded.report or RedactionReport()).text()


def redaction_report(kind: str) -> RedactionView:
    """What personal data was replaced in the table of ``kind``, with per-column opt-outs."""
    return RedactionView(kind)
