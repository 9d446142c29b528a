"""Views that update by themselves when an answer or a data choice changes.

:func:`live` shows what ``render()`` returns and calls it again whenever an answer it depends
on is saved: straight away when the save happens in this kernel (a form's save), and within
about a second when another notebook (another kernel) saves it, because a small poller asks
the answers file whether anything changed. :func:`on_change` does the same for reactions that
show nothing.

How the poller works: one per kernel, a callback on the kernel's own event loop (the main
thread, so SQLite connections and widgets are only touched from one thread), every
:data:`POLL_SECONDS`. It keeps one read-only connection and asks ``PRAGMA data_version``, which
changes only when another connection (this kernel's store, or another kernel's) has committed;
then it reads the answers' update times and compares them with what it saw last. It stops when
no view is registered, and never keeps a kernel or an ``nbclient`` run waiting (a pending timer
on an event loop blocks nothing).

Views are kept in a registry keyed by where they were shown (the notebook's connection and the
cell, see :func:`shown_in`), so re-running a cell replaces that cell's views instead of piling
up.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CourseworkError
from .views import ShowsStaticHtml, escape

__all__ = ["LiveView", "live", "on_change", "shown_in", "POLL_SECONDS"]

POLL_SECONDS = 1.0
"""How often the answers file is asked whether another notebook saved something."""

DATA_PREFIX = "data.choice."
"""A data choice is stored as the answer ``data.choice.<kind>`` (see helpers.datasource)."""

PROBLEM = (
    "This part could not be shown just now. Your saved answers are safe. "
    "If it keeps happening, tell your tutor."
)


# -- where a view is shown ----------------------------------------------------------------------
_unplaced = itertools.count()


def running_request() -> dict[str, Any]:
    """The request the kernel is running now (empty outside a kernel)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return {}
    kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None:
        return {}
    return dict(kernel.get_parent("shell") or {})


def shown_in(parent: dict[str, Any] | None = None) -> tuple[str, ...]:
    """Where a view is being shown: the notebook's connection and the cell, from the request.

    JupyterLab gives each open notebook its own client session and sends each cell's id with
    every run, so a re-run cell has the same key and a cell of another notebook (even one with
    the same cell id on a shared kernel) never does. A run without a cell id (nbclient, a plain
    script) runs each cell once: its view gets a key of its own and replaces nothing.
    """
    if parent is None:
        parent = running_request()
    session = str(parent.get("header", {}).get("session", ""))
    cell = str(parent.get("metadata", {}).get("cellId", ""))
    return ("cell", session, cell) if session and cell else ("once", str(next(_unplaced)))


# -- what a view or a reaction depends on -------------------------------------------------------
def _as_ids(names: str | Iterable[str]) -> tuple[str, ...]:
    return (names,) if isinstance(names, str) else tuple(names)


@dataclass
class _Watcher:
    """Something to call when one of its answers or data choices changes."""

    answers: tuple[str, ...]
    data: tuple[str, ...]
    call: Callable[[], None]
    close: Callable[[], None] = lambda: None

    def depends_on(self, question_id: str) -> bool:
        """True for an answer named exactly, under a prefix ending in ".", or a data choice."""
        if question_id.startswith(DATA_PREFIX):
            return question_id[len(DATA_PREFIX) :] in self.data
        if question_id.startswith("data.redaction."):  # a column kept as it is (helpers.redact)
            return question_id.split(".")[2] in self.data
        return any(
            question_id == a or (a.endswith(".") and question_id.startswith(a))
            for a in self.answers
        )


@dataclass
class _Place:
    run: str  # the request that showed these views: another run of the cell replaces them
    watchers: list[_Watcher] = field(default_factory=list)


_REGISTRY: dict[tuple[str, ...], _Place] = {}


def _register(watcher: _Watcher, parent: dict[str, Any] | None = None) -> None:
    if parent is None:
        parent = running_request()
    key = shown_in(parent)
    run = str(parent.get("header", {}).get("msg_id", ""))
    place = _REGISTRY.get(key)
    if place is None or place.run != run or not run:
        if place is not None:
            for old in place.watchers:
                with contextlib.suppress(Exception):
                    old.close()
        place = _REGISTRY[key] = _Place(run)
    place.watchers.append(watcher)
    _listen_to_saves()
    _POLLER.prime()
    _POLLER.start()


def _watchers() -> list[_Watcher]:
    return [w for place in list(_REGISTRY.values()) for w in place.watchers]


def _dispatch(changed: set[str]) -> None:
    """Call every watcher that depends on one of the ``changed`` answers, once each."""
    if not changed:
        return
    for watcher in _watchers():
        if any(watcher.depends_on(q) for q in changed):
            with contextlib.suppress(Exception):  # a watcher reports its own problems
                watcher.call()


def _saved_here(question_id: str, value: Any) -> None:
    """A form in this kernel saved: react at once (and note whatever else changed)."""
    if not _REGISTRY:
        return
    changed = _POLLER.changes()
    if not _POLLER.looked:  # the file could not be asked: trust the form (it may re-render twice)
        changed.add(question_id)
    _dispatch(changed)


def _listen_to_saves() -> None:
    from .forms import on_any_save

    on_any_save(_saved_here)


# -- the poller ---------------------------------------------------------------------------------
class _Poller:
    """Notices answers saved by any connection to the answers file, on the kernel's loop."""

    def __init__(self) -> None:
        self.handle: asyncio.TimerHandle | None = None
        self.conn: sqlite3.Connection | None = None
        self.path: Path | None = None
        self.inode: tuple[int, int] | None = None
        self.version: int | None = None
        self.seen: dict[str, tuple[str, int]] | None = None
        self.files: dict[str, tuple[str, int, int]] = {}
        self.looked = False  # whether the last call could read the answers file

    def start(self) -> None:
        """Schedule the first check on the running event loop (a kernel has one)."""
        if self.handle is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop (a plain script, a unit test): in-kernel saves only
            return
        self.handle = loop.call_later(POLL_SECONDS, self._tick)

    def prime(self) -> None:
        """Note the state now, so that the next look reports only what changed after."""
        if self.seen is None:
            self.changes()

    def stop(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.handle = None
        self._disconnect()
        self.seen = None  # a later start looks afresh

    def _tick(self) -> None:
        self.handle = None
        if not _REGISTRY:
            self.stop()
            return
        try:
            _dispatch(self.changes())
        except Exception:  # the poller must never die or raise into the kernel's loop
            _log_once("poller", traceback.format_exc())
        if _REGISTRY and self.handle is None:
            with contextlib.suppress(RuntimeError):
                self.handle = asyncio.get_running_loop().call_later(POLL_SECONDS, self._tick)

    def _disconnect(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.close()
        self.conn, self.inode, self.version = None, None, None

    def _connect(self) -> sqlite3.Connection | None:
        from .store import shared_store

        path = shared_store().path
        try:
            stat = os.stat(path)
        except OSError:
            self._disconnect()
            return None
        inode = (stat.st_dev, stat.st_ino)
        if self.conn is not None and (path, inode) == (self.path, self.inode):
            return self.conn
        self._disconnect()  # first time, another working area, or the file was replaced
        # Read-only and in autocommit mode: it never holds a lock between checks.
        self.conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5, isolation_level=None
        )
        self.path, self.inode = path, inode
        return self.conn

    def changes(self) -> set[str]:
        """Question ids whose saved answer changed since the last call (cheap when none did)."""
        changed: set[str] = set()
        self.looked = False
        try:
            conn = self._connect()
            if conn is None and self.seen is None:
                self.seen = {}  # no answers file yet: every answer in it will be new
            if conn is not None:
                version = int(conn.execute("PRAGMA data_version").fetchone()[0])
                if version != self.version or self.seen is None:
                    rows = conn.execute(
                        "SELECT question_id, updated_at, length(value) FROM answers"
                    ).fetchall()
                    now = {str(q): (str(u), int(n)) for q, u, n in rows}
                    if self.seen is not None:
                        changed = {
                            q
                            for q in now.keys() | self.seen.keys()
                            if now.get(q) != self.seen.get(q)
                        }
                    self.version, self.seen = version, now
                self.looked = True
        except sqlite3.Error:
            self._disconnect()  # busy or being repaired: try again on the next tick
        return changed | self._changed_files()

    def _changed_files(self) -> set[str]:
        """A data file replaced under the same name (a new upload) changes its data too."""
        kinds = {kind for w in _watchers() for kind in w.data}
        if not kinds:
            return set()
        from .datasource import current_choice

        changed = set()
        for kind in sorted(kinds):
            try:
                path = current_choice(kind).path
                stat = path.stat()
                mark = (str(path), stat.st_mtime_ns, stat.st_size)
            except (OSError, CourseworkError):
                mark = ("", 0, 0)
            if kind in self.files and self.files[kind] != mark:
                changed.add(DATA_PREFIX + kind)
            self.files[kind] = mark
        return changed


_POLLER = _Poller()


# -- showing what render() returns -------------------------------------------------------------
_LOGGED: set[str] = set()


def _log_once(key: str, text: str) -> None:
    """Write a problem to the tutor's error log once per kernel (not on every keystroke)."""
    if key + text in _LOGGED:
        return
    _LOGGED.add(key + text)
    from .notebook import _log

    _log(text)


def _close_pyplot(figure: Any) -> None:
    """A figure made with pyplot would be drawn a second time under the cell: close it."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        with contextlib.suppress(Exception):
            pyplot.close(figure)


def as_html(shown: Any, alt: str = "") -> str:
    """HTML for what a render function returned (see :func:`live`)."""
    if shown is None:
        return ""
    if isinstance(shown, str):
        return shown  # made by our helpers, already escaped
    figure = getattr(shown, "figure", None)
    if hasattr(shown, "alt_text") and figure is not None and hasattr(shown, "html"):
        _close_pyplot(figure)
        return str(shown.html())  # a helpers.plots.Chart: PNG <img> with its alt text
    if hasattr(shown, "savefig"):  # a matplotlib Figure
        from .plots import Chart

        _close_pyplot(shown)
        return Chart(shown, alt or "A chart.").html()
    if hasattr(shown, "static_html"):
        return str(shown.static_html())
    if hasattr(shown, "_repr_mimebundle_"):
        bundle = shown._repr_mimebundle_() or {}
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        if "text/html" in bundle:
            return str(bundle["text/html"])
    if hasattr(shown, "_repr_html_"):
        return str(shown._repr_html_() or "")
    return f"<p>{escape(str(shown))}</p>"


def problem_html(text: str) -> str:
    """A plain-English notice in place of a view that could not be shown."""
    return (
        '<div role="status" class="cw-live-problem" style="background:#fff4e5;color:#8a4b00;'
        f'border-left:4px solid #8a4b00;padding:8px 12px;margin:4px 0">{escape(text)}</div>'
    )


class LiveView(ShowsStaticHtml):
    """What ``render()`` returns, shown again whenever one of its dependencies changes.

    JupyterLab draws :attr:`widget` (an HTML widget whose value is replaced on each change); a
    saved notebook and the evidence pack show :meth:`static_html`, the latest rendering.
    """

    def __init__(
        self,
        render: Callable[[], Any],
        *,
        answers: tuple[str, ...] = (),
        data: tuple[str, ...] = (),
        alt: str = "",
    ) -> None:
        import ipywidgets as w

        self.render = render
        self.answers = answers
        self.data = data
        self.alt = alt
        self.renders = 0
        self.widget = w.HTML(layout=w.Layout(width="100%"))
        self.widget.add_class("cw-live")
        self.refresh()

    @property
    def html(self) -> str:
        return str(self.widget.value)

    def refresh(self) -> None:
        """Call ``render()`` and show the result (or a plain message if it failed)."""
        self.renders += 1
        try:
            html = as_html(self.render(), self.alt)
        except CourseworkError as error:  # its message is written for the learner
            html = problem_html(str(error))
        except Exception:
            _log_once("render", traceback.format_exc())
            html = problem_html(PROBLEM)
        if html != self.widget.value:
            self.widget.value = html

    def static_html(self) -> str:
        return self.html

    def static_text(self) -> str:
        return self.alt or "(open the notebook to see this)"

    def __repr__(self) -> str:
        return f"<LiveView answers={self.answers!r} data={self.data!r}>"


def live(
    render: Callable[[], Any],
    *,
    answers: str | Iterable[str] = (),
    data: str | Iterable[str] = (),
    alt: str = "",
) -> LiveView:
    """Show ``render()`` and show it again whenever something it depends on changes.

    ``render`` takes no arguments and returns HTML made by our helpers (already escaped), a
    matplotlib Figure (shown as a PNG with ``alt`` as its text), a :class:`helpers.plots.Chart`,
    or anything with ``static_html()``. ``answers`` are question ids, or prefixes ending in "."
    such as ``"05.pdca."``; ``data`` are data kinds such as ``"monthly_operations"`` (the view
    follows the learner's data choice for them, and a new upload of the chosen file). An error
    in ``render`` shows a plain-English message and is written to the tutor's error log.

    Example::

        helpers.live.live(lambda: timeline_chart(), answers=["05.pdca."], alt="Your timeline")
    """
    view = LiveView(render, answers=_as_ids(answers), data=_as_ids(data), alt=alt)
    _register(
        _Watcher(view.answers, view.data, view.refresh, close=view.widget.close),
    )
    return view


def on_change(
    callback: Callable[[], None],
    *,
    answers: str | Iterable[str] = (),
    data: str | Iterable[str] = (),
) -> None:
    """Call ``callback()`` whenever one of ``answers`` (ids or "." prefixes) or ``data`` changes.

    For reactions that show nothing themselves (updating a widget made elsewhere). Registered
    like a view: re-running the cell that registered it replaces it. A callback that raises is
    logged for the tutor and never stops the others.
    """

    def call() -> None:
        try:
            callback()
        except Exception:
            _log_once("callback", traceback.format_exc())

    _register(_Watcher(_as_ids(answers), _as_ids(data), call))


def forget_all() -> None:
    """Drop every view and reaction and stop the poller (tests; a kernel's end needs nothing)."""
    _REGISTRY.clear()
    _POLLER.stop()
    _POLLER.files.clear()
