"""The answer store: one SQLite file per working area, the single source of truth for answers.

Why SQLite with the default rollback journal: transactions are atomic, two kernels writing at
once lose nothing (``BEGIN IMMEDIATE`` plus a busy timeout), and it behaves on the network file
systems that college home folders often live on, where WAL does not.

History is append-only but coalesced: while a learner keeps editing one answer, saves within
five minutes of the start of the current revision update that revision instead of adding one.
So a long answer typed a keystroke at a time keeps one revision per five minutes of editing,
and the newest revision always equals the current answer.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from . import store_repair as repair
from .errors import Notices, SaveError, StoreError
from .paths import STORE_FILENAME, backups_dir, coursework_dir
from .store_values import (
    STORED_VALUE_MAX_CHARS,
    STORED_VALUE_MAX_DEPTH,
    UnreadableValue,
    bounded_value_sql,
    from_json,
    to_json,
)

__all__ = [
    "STORED_VALUE_MAX_CHARS",
    "STORED_VALUE_MAX_DEPTH",
    "AnswerStore",
    "Revision",
    "list_backups",
    "open_store",
    "plain_reason",
    "reset_shared_stores",
    "shared_store",
]

SCHEMA_VERSION = 1
COALESCE_SECONDS = 300
BACKUP_INTERVAL_SECONDS = 600
BACKUPS_KEPT = 10
BUSY_TIMEOUT_MS = 15_000
_BACKUP_PREFIX = "answers-"
_BACKUP_TIME_FORMAT = "%Y%m%d-%H%M%S-%f"

_NOT_GIVEN: Any = object()
_VALUE = bounded_value_sql()  # a value over the size bound is never loaded, let alone decoded
_LOST_HISTORY = (
    "Your answers file had lost the dated history of your answers. Your answers are all kept, "
    "each dated from its last change."
)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    question_id TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_by_question ON history (question_id, id);
CREATE TABLE IF NOT EXISTS provenance (
    question_id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    stamped_at TEXT NOT NULL
);
"""
# provenance: which data choices each answer was written with (helpers.provenance). Added
# without a new schema version: a store made before it gets the table when next opened for
# writing, older code ignores it, and an answer with no row is "not known" (no notice).


class Revision(NamedTuple):
    """One dated version of an answer (UTC ISO 8601 timestamp, value)."""

    timestamp: str
    value: Any


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def plain_reason(error: BaseException, folder: Path) -> str:
    """Turn a SQLite or OS error into a reason a learner can act on."""
    text = str(error).lower()
    if _vanished(error, folder):
        return (
            f"the folder {folder} was moved, renamed or deleted while it was in use, so your "
            "answers cannot be saved there. Put it back, or ask your tutor to help."
        )
    if "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
        return f"the folder {folder} is read-only. Ask your tutor to give you a folder you can save in."
    if "full" in text or getattr(error, "errno", None) == 28:
        return (
            "the disk is full. Delete some large files you no longer need; your text is kept here."
        )
    if "locked" in text or "busy" in text:
        return "the answers file is busy in another program. It will try again on your next change."
    if "unable to open" in text:
        return f"the folder {folder} cannot be written to. Ask your tutor to check it."
    return f"the answers file could not be written ({error})."


def _vanished(error: BaseException, folder: Path) -> bool:
    """True when a SQLite error came from the store's folder or file going away while open.

    SQLite reports a moved or deleted file as "readonly" (``SQLITE_READONLY_DBMOVED``), and a
    vanished folder as "unable to open": neither is what the learner should be told.
    """
    if not isinstance(error, sqlite3.Error):
        return False
    moved = getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_DBMOVED"
    return moved or not folder.is_dir()


class AnswerStore:
    """Answers for one working area. Use :func:`open_store` rather than building one directly."""

    def __init__(self, area: Path, *, readonly: bool = False) -> None:
        self.area = area
        self.path = area / STORE_FILENAME
        self.readonly = readonly
        self.notices = Notices()
        self.unavailable: str | None = None
        self.unreadable: dict[str, str] = {}
        """Question id -> why its saved answer was left out when read (see ``store_values``)."""
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._next_backup_check = 0.0

    # -- opening -------------------------------------------------------------------------
    def _open(self) -> None:
        if self.readonly:
            self._open_readonly()
            return
        refused = repair.refusal(self.path)
        if refused:
            self.unavailable = refused
            return
        try:
            self.area.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self.unavailable = plain_reason(error, self.area)
            return
        existed = self.path.exists()
        if existed and (repair.schema_version(self.path) or 0) > SCHEMA_VERSION:
            # Its tables may have changed: never repaired, written or moved, only read.
            self.unavailable = repair.NEWER_VERSION
            self._open_readonly(quiet=True)
            return
        try:
            if existed and repair.damage(self.path, live=True):
                self._recover()
            # A new store is made under the repair lock, so no one takes it, half made, for damage.
            fresh = not self.path.exists()
            with repair.repair_lock(self.area) if fresh else contextlib.nullcontext():
                self._conn = self._connect_and_prepare()
        except OSError as error:
            self.unavailable = plain_reason(error, self.area)
        except sqlite3.Error as error:
            # A read-only folder holding a good store still lets the learner read their answers.
            self.unavailable = plain_reason(error, self.area)
            self._open_readonly(quiet=True)

    def _connect_and_prepare(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA synchronous = FULL")
            with _transaction(conn):
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                if "answers" in tables and "history" not in tables:
                    self._restart_history(conn)
                conn.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
                conn.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('created_at', ?)",
                    (_iso(_now()),),
                )
        except BaseException:
            conn.close()
            raise
        return conn

    def _restart_history(self, conn: sqlite3.Connection) -> None:
        """A store that lost its history table gets one revision per answer, dated as it was."""
        conn.execute(
            "INSERT INTO history (question_id, started_at, saved_at, value) "
            "SELECT question_id, updated_at, updated_at, value FROM answers ORDER BY updated_at"
        )
        if conn.execute("SELECT count(*) FROM answers").fetchone()[0]:
            self.notices.add(_LOST_HISTORY)

    def _open_readonly(self, quiet: bool = False) -> None:
        refused = repair.refusal(self.path)
        if refused or not self.path.exists():
            if not quiet:
                raise StoreError(_sentence(refused or f"there is no answers file in {self.area}."))
            return
        try:
            conn = sqlite3.connect(
                f"file:{self.path}?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("SELECT count(*) FROM answers").fetchone()
            self._conn = conn
        except sqlite3.Error as error:
            if not quiet:
                raise self._unreadable_file(error) from error

    def _unreadable_file(self, error: sqlite3.Error) -> StoreError:
        if repair.is_busy(error):
            return StoreError(
                f"The answers file {self.path} is busy in another program; try again shortly."
            )
        return StoreError(
            f"The answers file {self.path} is damaged or unreadable "
            f"({repair.describe(error, self.path)})."
        )

    def _recover(self) -> None:
        """Move a damaged file aside and restore the newest good backup, telling the learner.

        Under the repair lock, and only if the file is still damaged once the lock is held:
        another process may have repaired it meanwhile and saved answers into it.
        """
        with repair.repair_lock(self.area):
            if not self.path.exists() or not repair.damage(self.path, live=True):
                return
            aside = repair.keep_aside(self.path)
            if aside is None:
                return
            restored = repair.restore(list_backups(self.area), self.path)
        if restored is None:
            self.notices.add(
                f"Your answers file was damaged and there was no backup, so a new one was "
                f"started; the damaged file was kept as {aside.name} for your tutor to look at."
            )
            return
        when = _backup_time(restored).astimezone().strftime("%d %B %Y at %H:%M")
        self.notices.add(
            f"Your answers file was damaged, so your answers were restored from the "
            f"backup made on {when} (the damaged file was kept as {aside.name})."
        )

    # -- reading -------------------------------------------------------------------------
    def load(self, question_id: str, default: Any = None) -> Any:
        """The saved answer to ``question_id``, or ``default`` when there is none (or it
        cannot be read: see :attr:`unreadable`)."""
        row = self._query_one(f"SELECT {_VALUE} FROM answers WHERE question_id = ?", (question_id,))
        return default if row is None else self._decoded(question_id, row[0], default)

    def answers(self) -> dict[str, Any]:
        """Every readable saved answer, keyed by question id (sorted)."""
        rows = self._query_all(f"SELECT question_id, {_VALUE} FROM answers ORDER BY question_id")
        found = {qid: self._decoded(qid, text, _NOT_GIVEN) for qid, text in rows}
        return {qid: value for qid, value in found.items() if value is not _NOT_GIVEN}

    def history(self, question_id: str) -> list[Revision]:
        """Dated revisions of one answer, oldest first; the last equals the current answer."""
        rows = self._query_all(
            f"SELECT saved_at, {_VALUE} FROM history WHERE question_id = ? ORDER BY id",
            (question_id,),
        )
        revisions = [
            Revision(at, self._decoded(question_id, text, _NOT_GIVEN)) for at, text in rows
        ]
        return [revision for revision in revisions if revision.value is not _NOT_GIVEN]

    def _decoded(self, question_id: str, text: Any, default: Any) -> Any:
        """The value stored as ``text``; ``default`` and a plain note when it cannot be read."""
        try:
            return from_json(text)
        except UnreadableValue as problem:
            note = (
                f"The saved answer to {question_id} {problem.reason}, so it could not be read "
                "and is left out; it stays untouched in the answers file."
            )
            self.unreadable[question_id] = note
            self.notices.add(note)
            return default

    def edit_times(self) -> dict[str, tuple[str, str]]:
        """First and last edit time of every answer (UTC ISO strings)."""
        rows = self._query_all("SELECT question_id, created_at, updated_at FROM answers")
        return {qid: (first, last) for qid, first, last in rows}

    def last_activity(self) -> str | None:
        row = self._query_one("SELECT max(updated_at) FROM answers")
        return row[0] if row else None

    def _query_one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        rows = self._query_all(sql, params)
        return rows[0] if rows else None

    def _query_all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            if self._conn is None:
                return []
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                raise self._unreadable_file(error) from error

    # -- which data each answer was written with (see helpers.provenance) -------------------
    def provenance(self, question_id: str) -> dict[str, Any] | None:
        """The data stamp saved with ``question_id``'s answer; None when not known."""
        with self._lock:
            if self._conn is None:
                return None
            try:
                row = self._conn.execute(
                    "SELECT data FROM provenance WHERE question_id = ?", (question_id,)
                ).fetchone()
                found = json.loads(row[0]) if row else None
            except (sqlite3.Error, ValueError):  # an older store opened read-only has no table
                return None
        return found if isinstance(found, dict) else None

    def save_provenance(self, question_id: str, stamp: dict[str, Any]) -> bool:
        """Remember ``stamp`` for ``question_id`` (True when saved; never raises: the answer
        itself is what matters, and a missing stamp only means "not known")."""
        with self._lock:
            if self._conn is None or self.readonly:
                return False
            try:
                self._conn.execute(
                    "INSERT INTO provenance (question_id, data, stamped_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(question_id) DO UPDATE SET data = excluded.data, "
                    "stamped_at = excluded.stamped_at",
                    (question_id, json.dumps(stamp, sort_keys=True), _iso(_now())),
                )
            except sqlite3.Error:
                return False
        return True

    # -- writing -------------------------------------------------------------------------
    def save(self, question_id: str, value: Any) -> datetime:
        """Save ``value`` (anything JSON can hold); durable on disk when this returns.

        Returns the save time. Raises :class:`SaveError` with a short learner-facing reason.
        """
        return self.save_edit(question_id, value)[0]

    def save_edit(
        self, question_id: str, value: Any, *, seen: Any = _NOT_GIVEN
    ) -> tuple[datetime, bool]:
        """Save an edit made in a box that last showed ``seen``; returns (time, kept).

        When the stored answer is no longer ``seen`` (it was changed in another notebook, or
        another box for the same question, since this box loaded or saved it), that other
        version gets a revision of its own instead of being coalesced away, and ``kept`` is
        True so the box can say so. Nothing either box typed is lost.
        """
        if not isinstance(question_id, str) or not question_id.strip():
            raise ValueError("question_id must be a non-empty string")
        text = to_json(value)
        seen_text = None if seen is _NOT_GIVEN else to_json(seen)
        moment = _now()
        with self._lock:
            if self._conn is None or self.unavailable:
                self._retry_open()
            if self._conn is None or self.unavailable:
                raise SaveError(self.unavailable or "the answers file is not open.")
            try:
                kept = self._write(self._conn, question_id, text, moment, seen_text)
            except sqlite3.Error as error:
                raise SaveError(plain_reason(error, self.area)) from error
            self._maybe_backup()
        return moment, kept

    def _retry_open(self) -> None:
        """After a failure (folder made writable again, disk freed), try once more."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self.unavailable = None
        self._open()

    @staticmethod
    def _write(
        conn: sqlite3.Connection,
        question_id: str,
        text: str,
        moment: datetime,
        seen_text: str | None = None,
    ) -> bool:
        """Write one answer and its revision; True when another version was kept apart."""
        now = _iso(moment)
        with _transaction(conn):
            current = conn.execute(
                "SELECT value FROM answers WHERE question_id = ?", (question_id,)
            ).fetchone()
            if current is not None and current[0] == text:
                return False
            stored = current[0] if current is not None else "null"
            changed_elsewhere = seen_text is not None and stored != seen_text
            conn.execute(
                "INSERT INTO answers (question_id, value, created_at, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (question_id) DO UPDATE SET "
                "value = excluded.value, updated_at = excluded.updated_at",
                (question_id, text, now, now),
            )
            last = conn.execute(
                "SELECT id, started_at FROM history WHERE question_id = ? ORDER BY id DESC LIMIT 1",
                (question_id,),
            ).fetchone()
            window = timedelta(seconds=COALESCE_SECONDS)
            recent = last is not None and moment - datetime.fromisoformat(last[1]) < window
            if recent and not changed_elsewhere:
                conn.execute(
                    "UPDATE history SET value = ?, saved_at = ? WHERE id = ?", (text, now, last[0])
                )
            else:
                conn.execute(
                    "INSERT INTO history (question_id, started_at, saved_at, value) "
                    "VALUES (?, ?, ?, ?)",
                    (question_id, now, now, text),
                )
        return changed_elsewhere

    # -- backups -------------------------------------------------------------------------
    def _maybe_backup(self) -> None:
        if time.monotonic() < self._next_backup_check or self._conn is None:
            return
        self._next_backup_check = time.monotonic() + 30
        newest = next(iter(list_backups(self.area)), None)
        if newest and _now() - _backup_time(newest) < timedelta(seconds=BACKUP_INTERVAL_SECONDS):
            return
        try:
            self.backup()
        except (OSError, sqlite3.Error) as error:
            self.notices.add(
                f"A backup of your answers could not be made: {plain_reason(error, self.area)}"
            )

    def backup(self) -> Path:
        """Copy the store into ``backups/`` with the SQLite backup API; keep the newest ten."""
        if self._conn is None:
            raise StoreError("The answers file is not open, so it cannot be backed up.")
        folder = backups_dir(self.area)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{_BACKUP_PREFIX}{_now().strftime(_BACKUP_TIME_FORMAT)}.sqlite"
        partial = target.with_suffix(".partial")
        dest = sqlite3.connect(partial)
        try:
            with self._lock:
                self._conn.backup(dest)
        finally:
            dest.close()
        os.replace(partial, target)
        for old in list_backups(self.area)[BACKUPS_KEPT:]:
            with contextlib.suppress(OSError):
                old.unlink()
        return target

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> AnswerStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"AnswerStore({str(self.path)!r})"


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _sentence(reason: str) -> str:
    """A learner-facing reason (which follows "Not saved: ") as a sentence of its own."""
    return reason[:1].upper() + reason[1:]


def _backup_time(path: Path) -> datetime:
    stamp = path.stem[len(_BACKUP_PREFIX) :]
    try:
        return datetime.strptime(stamp, _BACKUP_TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def list_backups(area: Path) -> list[Path]:
    """Backups of the store in ``area``, newest first."""
    folder = backups_dir(area)
    if not folder.is_dir():
        return []
    # Never a link: it could restore another person's answers, or a file from outside.
    found = [
        p for p in folder.glob(f"{_BACKUP_PREFIX}*.sqlite") if p.is_file() and not p.is_symlink()
    ]
    return sorted(found, key=_backup_time, reverse=True)


_open_stores: dict[tuple[Path, bool], AnswerStore] = {}
_open_lock = threading.Lock()


def open_store(
    path: str | os.PathLike[str] | None = None, *, readonly: bool = False
) -> AnswerStore:
    """Open (creating if missing) the store of a working area.

    ``path`` is the working-area folder; ``None`` means ``$COURSEWORK_DIR``, else the
    repository's ``coursework/``. A damaged file is moved aside and the newest good backup
    restored; the learner-facing sentence is in ``store.notices``. ``readonly=True`` (for
    tutors' reports) never creates, recovers or locks for writing, and raises
    :class:`StoreError` for a missing or damaged store.
    """
    area = coursework_dir(path)
    store = AnswerStore(area, readonly=readonly)
    store._open()
    return store


def shared_store() -> AnswerStore:
    """The kernel-wide store for the current working area (one connection per kernel)."""
    area = coursework_dir()
    key = (area.resolve() if area.exists() else area, False)
    with _open_lock:
        store = _open_stores.get(key)
        if store is None:
            store = open_store(area)
            _open_stores[key] = store
        return store


def reset_shared_stores() -> None:
    """Forget kernel-wide stores (tests switch ``COURSEWORK_DIR`` between cases)."""
    with _open_lock:
        for store in _open_stores.values():
            store.close()
        _open_stores.clear()
