"""Which data each saved answer was written against, and a notice when that data has changed.

When a form saves an answer it also saves a *stamp*: for each kind of table the answer's
notebook reads, the data choice in force (the sample, or the learner's file by name) and the
digest of that file. Which kinds a notebook reads is worked out by
:func:`helpers.export.incremental.notebook_reads` (the same reading the incremental export
uses). When the data behind a notebook changes after an answer was written, the answer's box
shows a notice above it, in plain words ("You wrote this when the notebook used the sample
organisation's figures. It now uses your file 'my-figures.csv'."), with a "This still fits"
button that re-stamps the answer; saving a revised answer re-stamps it too. The pack shows the
same notice, about the learner, beside the answer: the export adds it from the store when it
writes the pages (:func:`pack_notices`). An answer with no stamp (saved before stamps existed)
is "not known": no notice.
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
    "pack_notices",
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


def _file_name(entry: dict[str, str]) -> str:
    """The file's name only: a path never reaches a learner or an assessor."""
    return Path(str(entry.get("name") or "")).name or "the file"


def _data_words(entry: dict[str, str], whose: str) -> str:
    if entry.get("source") == "sample":
        return "the sample organisation's figures"
    return f"{whose} file '{_file_name(entry)}'"


def _sentence(change: Change, *, for_pack: bool) -> str:
    was, now = change.was, change.now
    opening = "This answer was written" if for_pack else "You wrote this"
    whose = "the learner's" if for_pack else "your"
    own_then, own_now = was.get("source") != "sample", now.get("source") != "sample"
    if own_then and own_now and _file_name(was) == _file_name(now):
        return (
            f"{opening} when the notebook used an earlier version of {whose} file "
            f"'{_file_name(now)}'. The file has changed since then."
        )
    return (
        f"{opening} when the notebook used {_data_words(was, whose)}. "
        f"It now uses {_data_words(now, whose)}."
    )


def notice_text(found: list[Change], *, for_pack: bool = False) -> str:
    """The notice in plain words ("" when nothing changed): to the learner in the notebook,
    about the learner (to the assessor) in the pack."""
    if not found:
        return ""
    from .data import KINDS

    if len(found) == 1:
        lines = [_sentence(found[0], for_pack=for_pack)]
    else:
        lines = [f"{KINDS[c.kind].title}: {_sentence(c, for_pack=for_pack)}" for c in found]
    if for_pack:
        lines.append("The learner has not confirmed or revised this answer since the data changed.")
    else:
        lines.append(
            f'Check that your answer still fits the figures. If it does, press "{STILL_FITS}"; '
            "if not, change your answer."
        )
    return " ".join(lines)


def pack_notices(store: AnswerStore) -> dict[str, str]:
    """Question id -> the pack's notice, for every saved answer whose data changed since.

    The pack adds these beside the answers when it is written (helpers.export's
    StaticAnswers step and the template part ``evidence/parts/provenance.html.j2``), so a
    notice is there however the answer reaches the pack (a form, a panel, a notebook that
    failed, an earlier run reused) and is gone once the learner confirms or revises.
    """
    found = {}
    for question in store.answers():
        text = notice_text(changes(question, store), for_pack=True)
        if text:
            found[question] = text
    return found


_STYLE = "border-left:4px solid #b26a00;background:#fff6e5;padding:6px 10px;margin:6px 0"


def notice_html(question_id: str, store: AnswerStore) -> str:
    """The notice as HTML for the box in the notebook ("" when nothing changed)."""
    text = notice_text(changes(question_id, store))
    if not text:
        return ""
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
        # Nothing: the pack adds the notice itself when it is written (see pack_notices), so
        # it is never stale in an earlier run the export reuses.
        return ""


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None
