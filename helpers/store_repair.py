"""Checking an answers file before use, and repairing a damaged one without losing anything.

Why a lock: two kernels (or a kernel and a terminal) opening one damaged store at the same moment
must not both repair it. The second would move the first one's restored store, with the answers
saved into it since, aside as if it were damaged. So creating and repairing a store happen under
an exclusive lock, and the repair looks again once it holds the lock. Kept-aside files also get
unique names (time, process id and a counter, reserved with ``O_EXCL``), so that even where locks
do not work (some network file systems) a kept-aside file is never overwritten.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import sqlite3
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

LOCK_NAME = ".answers.lock"
BUSY_TIMEOUT_S = 15.0
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OUR_COLUMNS = {"question_id", "value", "created_at", "updated_at"}

NEWER_VERSION = (
    "these answers were saved by a newer version of the course. Ask your tutor to update it; "
    "until then your answers can be read but not changed."
)
NOT_OURS = "it does not hold coursework answers; it may belong to another program"


def refusal(path: Path) -> str | None:
    """Why the file at ``path`` (or its journal) must not be opened at all, or None.

    A link could make the store another person's answers (or write through to another file);
    a folder or a special file (a pipe would make SQLite wait for ever) is not an answers file.
    """
    for candidate in (path, path.with_name(path.name + "-journal")):
        try:
            mode = candidate.lstat().st_mode
        except FileNotFoundError:
            continue
        except OSError:
            return f"the answers file {candidate} cannot be checked. Ask your tutor to look at it."
        if stat.S_ISLNK(mode):
            return (
                f"the answers file {candidate} is a link to another file, so it is not used. "
                "Ask your tutor to put the file itself there."
            )
        if stat.S_ISDIR(mode):
            return (
                f"{candidate} is a folder, not a file, so your answers cannot be kept there. "
                "Ask your tutor to rename or remove that folder."
            )
        if not stat.S_ISREG(mode):
            return f"{candidate} is not an ordinary file. Ask your tutor to remove it."
    return None


def is_busy(error: BaseException) -> bool:
    """True for an error that only means another program holds the file for a moment."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text


def describe(error: BaseException, path: Path) -> str:
    """What is wrong with the file at ``path``, in words a tutor can pass on."""
    with contextlib.suppress(OSError):
        if path.stat().st_size == 0:
            return "it is empty"
    name = getattr(error, "sqlite_errorname", "") or ""
    if name == "SQLITE_NOTADB":
        return "it is not a database file"
    if name.startswith("SQLITE_CORRUPT"):
        return "parts of it are damaged"
    if "no such table" in str(error).lower():
        return NOT_OURS
    return "it could not be opened"


def _connect(path: Path, *, live: bool) -> sqlite3.Connection:
    # Live: read-write, so that a hot journal left by a killed save is rolled back first (but
    # never creating the file: it may be missing for a moment while another process repairs it).
    mode = "rw" if live else "ro"
    return sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_S)


def damage(path: Path, *, live: bool = False) -> str | None:
    """What makes ``path`` unusable as an answers file, or None when it is usable.

    ``live`` is for the store itself (see :func:`_connect`); backups are opened read-only.
    A file that is only busy is not damaged: it is never moved aside for that.
    """
    try:
        conn = _connect(path, live=live)
    except sqlite3.Error as error:
        return describe(error, path)
    try:
        if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
            return "parts of it are damaged"
        columns = {row[1] for row in conn.execute("PRAGMA table_info(answers)")}
        if not columns >= _OUR_COLUMNS:
            return "it is empty" if path.stat().st_size == 0 else NOT_OURS
        return None
    except sqlite3.Error as error:
        return None if is_busy(error) else describe(error, path)
    finally:
        conn.close()


def schema_version(path: Path) -> int | None:
    """The schema version recorded in the store at ``path``, or None when it cannot be read."""
    try:
        conn = _connect(path, live=False)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else None
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        conn.close()


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:  # LK_LOCK gives up after ten seconds: keep waiting
                time.sleep(0.1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def repair_lock(area: Path) -> Iterator[None]:
    """Hold the area's exclusive repair lock (a file that is never deleted, so never raced)."""
    try:
        fd = os.open(area / LOCK_NAME, os.O_RDWR | os.O_CREAT | _NO_FOLLOW, 0o600)
    except OSError:
        yield  # no lock possible here: unique kept-aside names still protect every file
        return
    try:
        try:
            _lock(fd)
        except OSError:
            yield
            return
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _reserve(folder: Path, stem: str) -> Path:
    """A new, empty file ``stem-<pid>-<n>.sqlite`` in ``folder`` that no one else can have."""
    for counter in itertools.count(1):
        candidate = folder / f"{stem}-{os.getpid()}-{counter}.sqlite"
        try:
            os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o600))
        except FileExistsError:
            continue
        return candidate
    raise AssertionError("unreachable")


def keep_aside(path: Path) -> Path | None:
    """Move the damaged ``path`` (and its journal) to a new unique name beside it.

    Returns that name, or None when ``path`` had already gone (another process moved it).
    """
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside = _reserve(path.parent, f"answers.damaged-{stamp}")
    try:
        os.replace(path, aside)  # over our own empty reservation: atomic, nothing else touched
    except FileNotFoundError:
        aside.unlink()
        return None
    journal = path.with_name(path.name + "-journal")
    if journal.exists():
        os.replace(journal, aside.with_name(aside.name + "-journal"))
    return aside


def restore(backups: Sequence[Path], path: Path) -> Path | None:
    """Copy the first healthy backup to ``path`` in one step; returns it, or None if none was."""
    for backup in backups:
        if damage(backup) is not None:
            continue
        partial = path.with_name(f".answers.restoring-{os.getpid()}.partial")
        shutil.copyfile(backup, partial)
        os.replace(partial, path)  # never a half-copied store for another process to see
        return backup
    return None
