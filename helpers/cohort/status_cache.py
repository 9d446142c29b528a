"""Remembered status rows: a learner whose answers have not changed since the last run is not
read again.

Each row is kept with what it was made from: the state of the learner's answers file (size,
times, inode and SQLite's own change counter, taken *before* the file is read, so a save during
the read only makes the next run read it again), the data files the learner chose, and the
run's context (the criteria file and, for a mapping file, the criteria file it maps to; the
notebooks' question map; the project's code and data). A row is used only when all of these are
the same now.

The cache lives in the tutor's own cache folder, never in a learner's (learner folders may be
read-only to the tutor): ``$COURSEWORK_STATUS_CACHE``, else
``$XDG_CACHE_HOME/customer-service-coursework/status``, one SQLite file per cohort folder. It
holds learners' names and progress, so its folder is private to the tutor. A cache that cannot
be read is rebuilt, and one that cannot be written is left alone: the cache only ever saves
time, it never stops a run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import time
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..paths import DATA_DIR, STORE_FILENAME

if TYPE_CHECKING:
    from .status import LearnerStatus

CACHE_ENV = "COURSEWORK_STATUS_CACHE"
CACHE_FORMAT = 2  # bump when a row's shape or its key changes
# A data file changed this recently may change again within the file system's clock tick
# without its size or time changing (git's "racily clean" files): such a row is not kept.
RACY_SECONDS = 2.0
_HEADER_COUNTER = slice(24, 28)  # SQLite's file change counter: +1 on every committed change
Dependency = tuple[str, list[int]]
"""A data file a row was made from: its path and its state (see :func:`file_state`)."""


def default_cache_dir() -> Path:
    """Where status caches live: ``$COURSEWORK_STATUS_CACHE``, else the tutor's cache folder."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "customer-service-coursework" / "status"


def cache_file(cohort_dir: str | os.PathLike[str], pattern: str | None, folder: Path) -> Path:
    """The cache file of one cohort folder (and learner pattern) inside ``folder``."""
    where = f"{Path(cohort_dir).expanduser().resolve()}\0{pattern or ''}"
    return folder / f"{hashlib.sha256(where.encode()).hexdigest()[:32]}.sqlite"


def file_state(path: Path) -> list[int] | None:
    """Size, modification and change times and inode of a regular file (``None``: none there)."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


def store_state(area: Path) -> str | None:
    """The state of a learner's answers file, or ``None`` when its row must be read afresh:
    no file, a link (reported by the reading), or a save under way (a journal beside it)."""
    store = area / STORE_FILENAME
    if any(os.path.lexists(f"{store}{suffix}") for suffix in ("-journal", "-wal")):
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        # Opened, not just looked at, so the state and the counter come from the same file
        # (a learner could swap the file for a pipe or a link between two looks).
        handle = os.open(store, flags)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or area.is_symlink():
            return None
        counter = os.pread(handle, 4, _HEADER_COUNTER.start).hex()
    except OSError:
        return None
    finally:
        os.close(handle)
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{counter}"


def data_dependencies(paths: Iterable[Path]) -> list[Dependency] | None:
    """The states of the data files a row is made from; ``None`` when one changed so recently
    that a further change might not show (the row is then not kept)."""
    found: list[Dependency] = []
    newest_allowed = time.time_ns() - int(RACY_SECONDS * 1e9)
    for path in paths:
        state = file_state(path)
        if state is not None and state[1] > newest_allowed:
            return None
        found.append((str(path), state or []))
    return found


def _digest_files(digest: Any, root: Path, pattern: str) -> None:
    for path in sorted(root.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")


_code_digest: str | None = None


def _project_digest() -> str:
    """The project's code and its sample and reference data (a rule may change with either)."""
    global _code_digest
    if _code_digest is None:
        from .. import __version__

        digest = hashlib.sha256(f"customer-service-coursework {__version__}".encode())
        _digest_files(digest, Path(__file__).resolve().parents[1], "*.py")
        for folder in ("sample", "reference"):
            if (DATA_DIR / folder).is_dir():
                _digest_files(digest, DATA_DIR / folder, "*")
        _code_digest = digest.hexdigest()
    return _code_digest


# A mapping file names the criteria file it maps to ("maps: criteria.yml"); that file may map
# on in turn. Followed this far at most (a loop of files is followed once round).
_MAPS_DEPTH = 8


def criteria_files(criteria_file: Path) -> list[Path]:
    """The criteria file in use and every criteria file behind it: a mapping file's ``maps``
    target, relative to the mapping file, as :func:`helpers.criteria.load_criteria` reads it.

    A file that cannot be read or parsed ends the chain (the run reports the problem)."""
    import yaml

    # libyaml's safe loader where there is one: the same data, about ten times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    chain = [criteria_file]
    while len(chain) <= _MAPS_DEPTH:
        try:
            data = yaml.load(chain[-1].read_text(encoding="utf-8"), Loader=loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            break
        target = data.get("maps") if isinstance(data, dict) else None
        if not isinstance(target, str) or not target.strip():
            break
        following = chain[-1].parent / target.strip()
        if following in chain:
            break
        chain.append(following)
    return chain


def criteria_digest(criteria_file: Path) -> str:
    """A digest of the criteria file in use and of each criteria file behind it (a mapping
    file's statuses come from the course criteria it maps to, so a change there counts)."""
    digest = hashlib.sha256(b"criteria")
    for path in criteria_files(criteria_file):
        digest.update(b"\0" + path.name.encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def run_context(criteria_file: Path, question_map: dict[str, list[str]]) -> str:
    """A digest of everything every row depends on: the criteria file and any criteria file
    it maps to, the notebooks' question map, the project's code and data and this cache's
    format."""
    digest = hashlib.sha256(f"status-cache {CACHE_FORMAT}\0{_project_digest()}\0".encode())
    digest.update(criteria_digest(criteria_file).encode())
    digest.update(b"\0" + json.dumps(question_map, sort_keys=True).encode())
    return digest.hexdigest()


def _row_json(status: LearnerStatus) -> str:
    # The fields as asdict gives them, without its deep copy (a row holds only plain values).
    row = {f.name: getattr(status, f.name) for f in fields(status)}
    row["folder"] = str(status.folder)
    return json.dumps(row)


def _row_from_json(text: str) -> LearnerStatus:
    from .status import LearnerStatus

    row = json.loads(text)
    row["folder"] = Path(row["folder"])
    return LearnerStatus(**row)


class StatusCache:
    """One cohort's remembered rows in a SQLite file of the tutor's.

    After a run, ``remembered`` says how many rows came from the cache and ``read`` how many
    learners were read; ``problem`` says why the cache was not used, if it was not.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.remembered = 0
        self.read = 0
        self.problem = ""
        self._rows: dict[str, tuple[str, str, str, str]] = {}

    @classmethod
    def for_cohort(
        cls,
        cohort_dir: str | os.PathLike[str],
        pattern: str | None = None,
        folder: str | os.PathLike[str] | None = None,
    ) -> StatusCache:
        """The cache of ``cohort_dir`` in ``folder`` (default: :func:`default_cache_dir`)."""
        where = Path(folder).expanduser() if folder else default_cache_dir()
        return cls(cache_file(cohort_dir, pattern, where))

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        conn = sqlite3.connect(self.path, timeout=2.0)
        try:
            with conn:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS rows (learner_id TEXT PRIMARY KEY, "
                    "folder TEXT NOT NULL, key TEXT NOT NULL, deps TEXT NOT NULL, "
                    "row TEXT NOT NULL)"
                )
            with contextlib.suppress(OSError):
                self.path.chmod(0o600)  # learners' names and progress: the tutor's eyes only
        except BaseException:
            conn.close()
            raise
        return conn

    def _load(self) -> None:
        with contextlib.closing(self._connect()) as conn:
            rows = conn.execute("SELECT learner_id, folder, key, deps, row FROM rows").fetchall()
        self._rows = {str(r[0]): (str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows}

    def open(self) -> None:
        """Read the remembered rows; a damaged cache file is removed and started afresh."""
        try:
            self._load()
            return
        except (sqlite3.Error, OSError, ValueError) as error:
            self.problem = f"the status cache {self.path} could not be read ({error}); rebuilt"
        self._rows = {}
        try:
            for suffix in ("", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._load()
        except (sqlite3.Error, OSError, ValueError) as error:
            self.problem = f"the status cache {self.path} could not be used ({error})"

    def row(self, learner_id: str, folder: Path, key: str) -> LearnerStatus | None:
        """The remembered row of a learner, if it was made from what is there now."""
        saved = self._rows.get(learner_id)
        if saved is None or saved[0] != str(folder) or saved[1] != key:
            return None
        try:
            deps = json.loads(saved[2])
            if any(file_state(Path(path)) != (state or None) for path, state in deps):
                return None
            return _row_from_json(saved[3])
        except (ValueError, TypeError, KeyError):
            return None  # a row this version cannot read: read the learner again

    def save(self, rows: list[tuple[LearnerStatus, str, list[Dependency]]], keep: set[str]) -> None:
        """Remember newly read rows (row, key, data files) and forget learners not in ``keep``."""
        try:
            with contextlib.closing(self._connect()) as conn, conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO rows VALUES (?, ?, ?, ?, ?)",
                    [
                        (lr.learner_id, str(lr.folder), key, json.dumps(deps), _row_json(lr))
                        for lr, key, deps in rows
                    ],
                )
                gone = [(lid,) for lid in self._rows if lid not in keep]
                conn.executemany("DELETE FROM rows WHERE learner_id = ?", gone)
        except (sqlite3.Error, OSError) as error:
            self.problem = f"the status cache {self.path} could not be written ({error})"


def row_key(context: str, state: str) -> str:
    """The key of a row: the run's context and the answers file's state."""
    return hashlib.sha256(f"{context}\0{state}".encode()).hexdigest()
