"""The first cell of every notebook calls :func:`start`: it makes errors speak to learners.

After ``start()``, an exception in a cell shows a short plain-English box instead of a
traceback. A :class:`CourseworkError` shows its own message; anything unexpected shows a note
to tell the tutor, and the details are written to ``coursework/logs/errors.log``.
The cell still counts as failed, so automated runs (nbval, the export) notice.
"""

from __future__ import annotations

import datetime as _dt
import traceback
from pathlib import Path
from typing import Any

from .errors import CourseworkError
from .paths import coursework_dir
from .views import escape


def _log(text: str) -> str | None:
    try:
        folder = coursework_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "errors.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {_dt.datetime.now().isoformat(timespec='seconds')}\n{text}\n")
        return str(path)
    except OSError:
        return None


def message_box(text: str, kind: str = "problem") -> Any:
    """A friendly box (HTML with a plain-text fallback) for notices and problems."""
    from IPython.display import HTML

    colours = {"problem": ("#fff4e5", "#8a4b00"), "notice": ("#e8f1fb", "#0b3d6e")}
    bg, fg = colours.get(kind, colours["notice"])
    lines = "<br>".join(escape(line) for line in text.splitlines())
    box = HTML(
        f'<div role="status" style="background:{bg};color:{fg};border-left:4px solid {fg};'
        f'padding:8px 12px;margin:4px 0">{lines}</div>'
    )
    return box


def _friendly_exception(
    shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None
) -> list[str]:
    from IPython.display import display

    if isinstance(value, CourseworkError):
        text = str(value)
    else:
        # the technical detail goes to the log for the tutor; learners and assessors get words
        logged = _log("".join(traceback.format_exception(etype, value, tb)))
        text = (
            "Something went wrong in this part of the notebook. Your saved answers are safe.\n"
            "Close the notebook and open it again; if this keeps happening, tell your tutor"
            + (": the details are in the error log in your coursework folder." if logged else ".")
        )
    display(message_box(text, "problem"))
    return []


def start(show_location: bool = True) -> Any:
    """Set up a notebook for learners; returns a notice about where answers are saved."""
    from IPython import get_ipython
    from IPython.display import HTML

    from .store import shared_store

    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((Exception,), _friendly_exception)
    store = shared_store()
    lines = list(store.notices.items)
    store.notices.items.clear()
    if store.unavailable:
        lines.append(f"Your answers cannot be saved right now: {store.unavailable}")
    elif show_location:
        # no file path: learners never need one (the tutor finds it in the README)
        lines.append("Ready. Your answers save themselves as you type, in your coursework folder.")
    box = message_box("\n".join(lines), "notice" if not store.unavailable else "problem")
    return HTML(page_style() + box.data)


def page_style() -> str:
    """The ``<style>`` that :func:`start` adds to the notebook: text wraps, never cut off."""
    css = Path(__file__).with_name("notebook.css").read_text(encoding="utf-8")
    return f"<style>{css}</style>"
