"""Which data each saved answer was written against, and a notice when that data has changed.

When a form saves an answer it also saves a *stamp*: for each kind of table the answer's
notebook reads, the data choice in force (the sample, or the learner's file by name) and the
digest of that file. Which kinds a notebook reads is worked out by
:func:`helpers.export.incremental.notebook_reads` (the same reading the incremental export
uses). When the data behind a notebook changes after an answer was written, the answer's box
shows a notice beside it, in plain words ("You wrote this using the sample organisation's
figures. The charts now use your file 'my-figures.csv'."), with a "This still fits" button that
re-stamps the answer; saving a revised answer re-stamps it too. The box's copy for the pack
carries the same notice. An answer with no stamp (saved before stamps existed) is "not known":
no notice.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from .views import escape

if TYPE_CHECKING:
    from .forms import Form
    from .store import AnswerStore

__all__ = [
    "Change",
    "ProvenanceNotice",
    "changes",
    "current_stamp",
    "kinds_for",
    "notice_html",
    "notice_text",
    "stamp",
]

STILL_FITS = "This still fits"
_SECTION = re.compile(r"^(\d\d)\.")


# -- which data a question depends on -----------------------------------------------------------
def kinds_for(question_id: str) -> tuple[str, ...]:
    """The kinds of table the notebook of ``question_id`` ("01.review...") reads, sorted."""
    found = _SECTION.match(question_id)
    return _notebook_kinds(found.group(1)) if found else ()


@lru_cache(maxsize=16)
def _notebook_kinds(number: str) -> tuple[str, ...]:
    from .export.incremental import notebook_reads
    from .paths import NOTEBOOKS_DIR

    paths = sorted(NOTEBOOKS_DIR.glob(f"{number}_*.ipynb"))
    if not paths:
        return ()
    try:
        data = json.loads(paths[0].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    cells = [
        {**cell, "source": "".join(cell.get("source") or "")}
        if isinstance(cell.get("source"), list)
        else cell
        for cell in data.get("cells", [])
    ]
    # notebook_reads needs only .metadata and .cells: plain JSON, no nbformat in the kernel.
    notebook = SimpleNamespace(metadata=data.get("metadata", {}), cells=cells)
    return tuple(sorted(notebook_reads(paths[0], cast(Any, notebook)).kinds))


# -- stamps ---------------------------------------------------------------------------------
_DIGESTS: dict[tuple[str, int, int], str] = {}


def _digest(path: Path) -> str:
    """SHA-256 of the file (cached while its size and modification time stay the same)."""
    try:
        info = path.stat()
    except OSError:
        return "missing"
    key = (str(path), info.st_size, info.st_mtime_ns)
    if key not in _DIGESTS:
        if len(_DIGESTS) > 64:
            _DIGESTS.clear()
        try:
            _DIGESTS[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return "missing"
    return _DIGESTS[key]


def current_stamp(kinds: tuple[str, ...], store: AnswerStore) -> dict[str, dict[str, str]]:
    """For each kind: the data choice in force now (source, file name) and its file's digest."""
    from .datasource import current_choice

    stamps = {}
    for kind in kinds:
        choice = current_choice(kind, store)
        stamps[kind] = {
            "source": choice.source,
            "name": choice.name,
            "digest": _digest(choice.path),
        }
    return stamps


def stamp(question_id: str, store: AnswerStore) -> bool:
    """Remember the data ``question_id``'s answer is written with now (True when saved)."""
    kinds = kinds_for(question_id)
    if not kinds:
        return False
    return store.save_provenance(question_id, current_stamp(kinds, store))


@dataclass(frozen=True)
class Change:
    """One kind of table whose data changed since the answer was written."""

    kind: str
    was: dict[str, str]
    now: dict[str, str]


def _answered(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value not in (None, [], {})


def changes(question_id: str, store: AnswerStore) -> list[Change]:
    """The data behind ``question_id`` that changed since its answer was written (or stamped).

    Empty when the answer has no stamp (not known), is empty, or nothing changed.
    """
    saved = store.provenance(question_id)
    if not saved or not _answered(store.load(question_id)):
        return []
    now = current_stamp(tuple(sorted(saved)), store)
    return [
        Change(kind, dict(saved[kind]), now[kind])
        for kind in sorted(saved)
        if isinstance(saved[kind], dict) and saved[kind].get("digest") != now[kind]["digest"]
    ]


def _data_words(entry: dict[str, str]) -> str:
    if entry.get("source") == "sample":
        return "the sample organisation's figures"
    return f"your file '{entry.get('name') or 'your file'}'"


def _sentence(change: Change) -> str:
    was, now = change.was, change.now
    same_file = was.get("source") != "sample" and was.get("name") == now.get("name")
    if same_file and now.get("source") != "sample":
        return (
            f"You wrote this using an earlier version of your file '{now.get('name')}'. "
            "The charts now use the file as it is now."
        )
    return f"You wrote this using {_data_words(was)}. The charts now use {_data_words(now)}."


def notice_text(found: list[Change]) -> str:
    """The notice in plain words ("" when nothing changed)."""
    if not found:
        return ""
    from .data import KINDS

    if len(found) == 1:
        lines = [_sentence(found[0])]
    else:
        lines = [f"{KINDS[c.kind].title}: {_sentence(c)}" for c in found]
    lines.append(
        f'Check that your answer still fits the figures. If it does, press "{STILL_FITS}"; '
        "if not, change your answer."
    )
    return " ".join(lines)


_STYLE = "border-left:4px solid #b26a00;background:#fff6e5;padding:6px 10px;margin:6px 0"


def notice_html(question_id: str, store: AnswerStore, *, for_pack: bool = False) -> str:
    """The notice as HTML for the box or the pack ("" when nothing changed)."""
    text = notice_text(changes(question_id, store))
    if not text:
        return ""
    if for_pack:
        text = text.split(" Check that your answer")[0] + (
            " The learner has not yet confirmed or revised this answer since the data changed."
        )
    return f'<div class="cw-provenance" role="status" style="{_STYLE}">{escape(text)}</div>'


# -- the notice beside a form -------------------------------------------------------------------
class ProvenanceNotice:
    """The notice and its "This still fits" button, shown in a form's box when data changed."""

    def __init__(self, form: Form) -> None:
        import ipywidgets as w

        self.form = form
        self.text = w.HTML()
        self.button = w.Button(description=STILL_FITS, icon="check")
        self.button.on_click(lambda _: self.confirm())
        self.widget = w.VBox([self.text, self.button])
        self.widget.add_class("cw-provenance-box")
        self.refresh()
        kinds = kinds_for(form.question_id)
        if kinds and _in_kernel():
            from .live import on_change

            on_change(self.refresh, data=kinds)  # live: another notebook changes the data

    def refresh(self) -> None:
        html = notice_html(self.form.question_id, self.form.store)
        self.text.value = html
        self.widget.layout.display = "flex" if html else "none"

    def confirm(self) -> None:
        """The learner says the answer still fits: re-stamp it."""
        stamp(self.form.question_id, self.form.store)
        self.refresh()

    def saved(self) -> None:
        """The answer was saved (revised): re-stamp it."""
        stamp(self.form.question_id, self.form.store)
        self.refresh()

    def static_html(self) -> str:
        return notice_html(self.form.question_id, self.form.store, for_pack=True)


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None
