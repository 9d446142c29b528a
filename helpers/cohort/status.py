"""Cohort status: every learner's store read read-only, and the learner-by-criterion matrix."""

from __future__ import annotations

import contextlib
import importlib
import os
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from ..errors import CourseworkError, StoreError
from ..paths import NOTEBOOKS_DIR, STORE_FILENAME
from ..words import word_count
from .bounded import Limits, Outcome, run_bounded
from .progress import Progress
from .status_cache import (
    Dependency,
    StatusCache,
    data_dependencies,
    file_state,
    row_key,
    run_context,
    store_state,
)

STATUS_BUSY_TIMEOUT_MS = 2_000
STATUS_READ_ATTEMPTS = 5
_PROFILE_PREFIX = "00.profile."
STATUS_LABELS = ("met", "partly", "not yet")
# Each learner is read in a worker process within these limits (a learner folder is untrusted:
# one must never stop the run). Ordinary learners take milliseconds and a few MB.
LEARNER_SECONDS = 20.0
LEARNER_MEMORY = 2 * 1024**3  # bytes of address space on top of what a worker starts with


def is_learner_folder(folder: Path) -> bool:
    return folder.is_dir() and ((folder / "coursework").is_dir() or (folder / "notebooks").is_dir())


def find_learner_folders(
    cohort_dir: str | os.PathLike[str], pattern: str | None = None
) -> list[tuple[str, Path]]:
    """``(learner_id, folder)`` for every learner in a cohort, sorted by id.

    By default each folder directly inside ``cohort_dir`` is a learner (as ``release`` makes
    them); a single learner's folder counts as one. ``pattern`` finds learner folders deeper,
    e.g. ``"*/customer-service-coursework"`` for hub home folders mounted side by side; the
    learner id is then the first folder of the match (the home folder's name).
    """
    cohort = Path(cohort_dir)
    root = cohort.resolve()
    found = sorted(
        (learner_id, p)
        for learner_id, p in _candidates(cohort, pattern)
        if not _is_linked(p, cohort, root) and is_learner_folder(p)
    )
    if not found and not pattern and is_learner_folder(cohort):
        return [(cohort.resolve().name, cohort)]
    return found


def _candidates(cohort: Path, pattern: str | None) -> list[tuple[str, Path]]:
    if not cohort.is_dir():
        raise CourseworkError(f"The cohort folder {cohort} does not exist.")
    matches = cohort.glob(pattern) if pattern else cohort.iterdir()
    named = ((p.relative_to(cohort).parts[0], p) for p in matches)
    return [(learner_id, p) for learner_id, p in named if not learner_id.startswith(".")]


def _is_linked(path: Path, cohort: Path, root: Path) -> bool:
    """Whether reaching ``path`` from ``cohort`` (resolved: ``root``) goes through a link
    (learner folders are untrusted: a link could pass off another person's work, or a tutor's
    files, as a learner's)."""
    return path.resolve() != root / path.relative_to(cohort)


def linked_folders(cohort_dir: str | os.PathLike[str], pattern: str | None = None) -> list[str]:
    """A sentence for each folder of the cohort that is a link, so was not read as a learner."""
    cohort = Path(cohort_dir)
    root = cohort.resolve()
    problems = []
    for learner_id, path in _candidates(cohort, pattern):
        if path.is_dir() and _is_linked(path, cohort, root):
            where = (
                "outside the cohort folder"
                if not path.resolve().is_relative_to(cohort.resolve())
                else "elsewhere in the cohort folder"
            )
            problems.append(
                f"{learner_id}: this folder is a link to a folder {where}, so it was not read "
                "as a learner. Put the learner's own folder there instead of a link."
            )
    return problems


def link_problem(area: Path) -> str | None:
    """Why a learner's ``coursework`` folder or answers file cannot be read: it is a link."""
    if area.is_symlink():
        return "The coursework folder is a link to somewhere else, so it was not read."
    if (area / STORE_FILENAME).is_symlink():
        return "The answers file is a link to somewhere else, so it was not read."
    return None


@dataclass
class LearnerStatus:
    """One row of the cohort matrix."""

    learner_id: str
    folder: Path
    # "ok", "missing" (no answers file), "damaged", "busy" (try again) or "unreadable" (over
    # the time or memory limit for one learner)
    state: str
    problem: str = ""
    name: str = ""
    last_activity: str | None = None
    words: int = 0
    answered: int = 0
    coverage: dict[str, str] = field(default_factory=dict)
    # Things the tutor should know that did not stop the reading (a data file too large to read).
    notes: list[str] = field(default_factory=list)

    def count(self, label: str) -> int:
        return sum(1 for status in self.coverage.values() if status == label)


@dataclass
class CohortStatus:
    """The learner-by-criterion matrix of a cohort."""

    cohort_dir: Path
    criteria: list[str]
    learners: list[LearnerStatus]
    generated_at: str = field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds")
    )
    # Criterion ids the feedback rules or the notebooks name that the criteria file lacks.
    problems: list[str] = field(default_factory=list)
    # How many rows were remembered from the last run (learners unchanged since): not read.
    remembered: int = 0

    def learner(self, learner_id: str) -> LearnerStatus:
        return next(lr for lr in self.learners if lr.learner_id == learner_id)


CoverageRule = Callable[[dict[str, Any], Any], dict[str, str]]
"""``rule(answers, store)``: each criterion's status; ``store`` (read-only) lets data rules read
the learner's chosen data, as the export does."""
T = TypeVar("T")


def _is_busy(error: BaseException) -> bool:
    cause = str(error.__cause__ or error).lower()
    return "locked" in cause or "busy" in cause


def _last_activity(store: Any) -> str | None:
    # The profile is filled in by the release, so it is not a sign of the learner's work.
    times = [
        last for qid, (_, last) in store.edit_times().items() if not qid.startswith(_PROFILE_PREFIX)
    ]
    return max(times, default=None)


def with_store(area: Path, use: Callable[[Any], T]) -> T:
    """``use(store)`` on the learner's store opened read-only.

    Reads take a shared lock for milliseconds, so a learner saving at the same moment is never
    locked out; if their save holds the file, the read waits briefly and tries again. Raises
    :class:`StoreError` for a damaged file, or a busy one after several tries.
    """
    from ..store import open_store

    linked = link_problem(area)
    if linked:  # never read through a link: it could be another learner's store
        raise StoreError(linked)
    for attempt in range(STATUS_READ_ATTEMPTS):
        try:
            store = open_store(area, readonly=True)
            try:
                if store._conn is not None:  # wait briefly for a learner's save, never long
                    store._conn.execute(f"PRAGMA busy_timeout = {STATUS_BUSY_TIMEOUT_MS}")
                return use(store)
            finally:
                store.close()
        except StoreError as error:
            if not _is_busy(error) or attempt + 1 == STATUS_READ_ATTEMPTS:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def read_learner_answers(area: Path) -> tuple[dict[str, Any], str | None]:
    """Answers and last activity, read-only (see :func:`with_store`)."""
    return with_store(area, lambda store: (store.answers(), _last_activity(store)))


def learner_status(
    folder: Path, coverage_rule: CoverageRule, learner_id: str | None = None
) -> LearnerStatus:
    """Status of one learner folder; a missing or damaged store is reported, not raised."""
    return _read_learner(folder, coverage_rule, learner_id)[0]


def _read_learner(
    folder: Path, coverage_rule: CoverageRule, learner_id: str | None = None
) -> tuple[LearnerStatus, list[Dependency] | None]:
    """The learner's status and the data files it was made from (``None``: do not remember
    this row, as for a learner whose answers could not be read)."""
    area = folder / "coursework"
    status = LearnerStatus(learner_id or folder.name, folder, "ok")
    linked = link_problem(area)
    if linked:
        status.state, status.problem = "damaged", linked
        return status, None
    if not (area / STORE_FILENAME).exists():
        status.state, status.problem = "missing", "No answers file yet (coursework/answers.sqlite)."
        return status, None
    deps: list[Dependency] | None = None

    def read(store: Any) -> tuple[dict[str, Any], str | None, dict[str, str], list[str]]:
        nonlocal deps
        answers = store.answers()
        deps = data_dependencies(_chosen_files(store, answers))  # before the files are read
        notes = data_notes(store, answers)
        return answers, _last_activity(store), coverage_rule(answers, store), notes

    try:
        answers, last, coverage, status.notes = with_store(area, read)
    except StoreError as error:
        if _is_busy(error):
            status.state = "busy"
            status.problem = "The learner was saving at that moment; run status again."
            return status, None
        reason = f" ({error.__cause__})" if error.__cause__ else ""
        status.state = "damaged"
        status.problem = f"coursework/{STORE_FILENAME} is damaged or unreadable{reason}."
        return status, None
    status.name = str(answers.get("00.profile.name") or "")
    status.last_activity = last
    work = {qid: v for qid, v in answers.items() if not qid.startswith(_PROFILE_PREFIX)}
    status.answered = sum(1 for v in work.values() if v not in (None, "", [], {}))
    status.words = sum(word_count(v) for v in work.values())
    status.coverage = coverage
    return status, deps


def _chosen_kinds(answers: dict[str, Any]) -> list[str]:
    """The data kinds for which the learner chose a file of their own."""
    return [
        qid.removeprefix("data.choice.")
        for qid, value in answers.items()
        if qid.startswith("data.choice.") and isinstance(value, dict) and value.get("path")
    ]


def _chosen_files(store: Any, answers: dict[str, Any]) -> list[Path]:
    """The learner's own data files that their row is made from (the sample data is the
    project's, remembered with the run)."""
    kinds = _chosen_kinds(answers)
    if not kinds:
        return []
    try:
        datasource = importlib.import_module("helpers.datasource")
    except ImportError:
        return []
    files = []
    for kind in kinds:
        with contextlib.suppress(Exception):  # an unusable choice is the data cells' to report
            choice = datasource.current_choice(kind, store)
            if not choice.is_sample:
                files.append(choice.path)
    return files


def data_notes(store: Any, answers: dict[str, Any]) -> list[str]:
    """A sentence for each data file the learner chose that is too large to read (their
    notebooks, their pack and this status use the sample data instead)."""
    chosen = _chosen_kinds(answers)
    if not chosen:  # most learners: nothing to look at
        return []
    try:
        datasource = importlib.import_module("helpers.datasource")
    except ImportError:
        return []
    from ..data import KINDS
    from ..data.limits import DataTooLargeError, check_xlsx_size

    notes = []
    for kind, table_kind in KINDS.items():
        if kind not in chosen:
            continue
        with contextlib.suppress(Exception):  # any other trouble is the data cells' to report
            choice = datasource.current_choice(kind, store)
            if choice.is_sample or not choice.path.is_file():
                continue
            try:
                check_xlsx_size(choice.path)
            except DataTooLargeError as error:
                notes.append(
                    f"their {table_kind.title.lower()} data file is too large to read (more "
                    f"than {error.cells:,} cells), so the sample data was used instead"
                )
    return notes


def _cached(lookup: Callable[[str], Any] | None) -> Callable[[str], Any] | None:
    """Read each data kind at most once per learner (several rules may ask for it)."""
    if lookup is None:
        return None
    seen: dict[str, Any] = {}

    def data(kind: str) -> Any:
        if kind not in seen:
            seen[kind] = lookup(kind)
        return seen[kind]

    return data


def feedback_coverage_rule(
    notebooks_dir: Path | None = None,
    criteria_path: Path | None = None,
    loaded: tuple[Any, dict[str, list[str]]] | None = None,
) -> tuple[list[str], CoverageRule]:
    """Criteria ids in order and a rule giving each criterion's status from the feedback rules
    (the same rules, question map and data as the learner's evidence pack). ``loaded``: the
    criteria and question map, when the caller has read them already."""
    from .. import criteria as criteria_module
    from .. import feedback

    criteria, question_map = loaded or (
        criteria_module.load_criteria(criteria_path),
        criteria_module.question_map(notebooks_dir or NOTEBOOKS_DIR),
    )
    ids = list(criteria.criteria)

    def rule(answers: dict[str, Any], store: Any = None) -> dict[str, str]:
        data = _cached(_shared_data(store)) if store is not None else None
        entries = feedback.coverage(answers, criteria, question_map, data)
        return {cid: _status_of(entries.get(cid)) for cid in ids}

    return ids, rule


_SAMPLE_FRAMES: dict[tuple[str, str], Any] = {}
"""The sample tables the rules read, by kind and the file's state: most learners use the
sample, so it is read once, not once per learner."""


def _shared_data(store: Any) -> Any:
    """``data(kind)`` as :func:`helpers.feedback.data_lookup` gives it, but the sample table
    is read once for all learners (rules only read the tables they are given). A learner's
    own file is read for them alone, as before."""
    from .. import feedback

    lookup = feedback.data_lookup(store)
    if lookup is None:
        return None
    datasource = importlib.import_module("helpers.datasource")

    def data(kind: str) -> Any:
        try:
            choice = datasource.current_choice(kind, store)
        except Exception:  # as data_lookup: the data cells report it, a rule sees no data
            return None
        if not choice.is_sample:
            return lookup(kind)
        key = (kind, str(file_state(choice.path)))
        if key not in _SAMPLE_FRAMES:
            _SAMPLE_FRAMES[key] = lookup(kind)
        return _SAMPLE_FRAMES[key]

    return data


def _read_samples() -> None:
    """Read the sample tables the rules use before the workers start, so that each forked
    worker has them instead of reading them itself (about half a second each)."""
    from ..data.table import read_table
    from ..feedback.checks import DATA_READ

    datasource = importlib.import_module("helpers.datasource")
    for kind in DATA_READ:
        path = datasource.sample_path(kind)
        key = (kind, str(file_state(path)))
        if key not in _SAMPLE_FRAMES:
            with contextlib.suppress(Exception):  # a worker that needs it reports it
                _SAMPLE_FRAMES[key] = read_table(path, kind).frame.copy()


def _status_of(entry: Any) -> str:
    status = entry.get("status") if isinstance(entry, dict) else getattr(entry, "status", None)
    return str(status) if status in STATUS_LABELS else "not yet"


_worker_rule: CoverageRule | None = None
PARALLEL_STATUS_FROM = 60  # below this, starting worker processes costs more than it saves
STATUS_BATCH = 16  # learners sent to a worker at a time (each still within its own limits)


def _status_worker_start(notebooks_dir: Path | None, criteria_path: Path | None) -> None:
    global _worker_rule
    _worker_rule = feedback_coverage_rule(notebooks_dir, criteria_path)[1]


def _status_in_worker(
    learner_id: str, folder: Path
) -> tuple[LearnerStatus, list[Dependency] | None]:
    assert _worker_rule is not None
    return _read_learner(folder, _worker_rule, learner_id)


def _status_worker_ready() -> None:
    """A forked worker: the parent's rule is already here; Arrow uses the system allocator,
    whose address space follows real use (its default reserves a gigabyte up front, which the
    address-space limit would count)."""
    with contextlib.suppress(ImportError):
        import pyarrow

        pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def _over_limit(outcome: Outcome, limits: Limits) -> str:
    """The tutor's sentence for a learner whose reading was stopped."""
    if outcome.over == "time":
        return (
            f"Their answers could not be read within {limits.time_text()} "
            "(the limit for one learner)."
        )
    if outcome.over == "memory":
        return (
            "Their answers could not be read: reading them needed more memory than the limit "
            f"for one learner ({limits.memory_text()})."
        )
    return "Their answers could not be read: the process reading them stopped unexpectedly."


def _statuses(
    folders: list[tuple[str, Path]],
    rule: CoverageRule,
    jobs: int,
    rule_args: tuple[Path | None, Path | None],
    limits: Limits,
) -> Generator[tuple[LearnerStatus, list[Dependency] | None], None, None]:
    """Each learner's status and what it was made from, in order of completion, each read in
    a worker process within ``limits``; over many learners, on every core."""
    global _worker_rule
    if not folders:  # everyone remembered: no worker, no imports
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    fork = "fork" in methods
    context = multiprocessing.get_context("fork" if fork else None)
    if fork:
        # Data rules read tables with pandas and check them with pandera: import both once
        # here, and every forked worker starts with them loaded instead of each paying about
        # a second for the imports; the rule is inherited too.
        for module in ("helpers.datasource", "pandera.pandas"):
            with contextlib.suppress(ImportError):
                importlib.import_module(module)
        if len(folders) >= PARALLEL_STATUS_FROM:  # otherwise one worker reads it if needed
            with contextlib.suppress(ImportError):
                _read_samples()
    workers = jobs if len(folders) >= PARALLEL_STATUS_FROM else 1
    before, _worker_rule = _worker_rule, rule if fork else None
    start, start_args = (_status_worker_ready, ()) if fork else (_status_worker_start, rule_args)
    try:
        outcomes = run_bounded(
            folders,
            _status_in_worker,
            jobs=workers,
            limits=limits,
            context=context,
            start=start,
            start_args=start_args,
            batch=STATUS_BATCH,
        )
        with contextlib.closing(outcomes):  # closed early too: no worker outlives the run
            for outcome in outcomes:
                learner_id, folder = folders[outcome.index]
                if outcome.over is None:
                    yield outcome.value
                else:
                    over = _over_limit(outcome, limits)
                    yield LearnerStatus(learner_id, folder, "unreadable", over), None
    finally:
        _worker_rule = before


def cohort_status(
    cohort_dir: str | os.PathLike[str],
    *,
    notebooks_dir: Path | None = None,
    criteria_path: Path | None = None,
    progress: Progress | None = None,
    pattern: str | None = None,
    jobs: int | None = None,
    learner_seconds: float = LEARNER_SECONDS,
    learner_memory: int | None = LEARNER_MEMORY,
    cache: StatusCache | None = None,
) -> CohortStatus:
    """Read every learner's store read-only and build the learner-by-criterion matrix.

    ``jobs`` processes share the work for a large cohort (default: the number of cores). Each
    learner is read within ``learner_seconds`` and ``learner_memory`` bytes; a learner over a
    limit is reported as "unreadable" and the others are read. With a ``cache``, a learner
    whose answers, chosen data, criteria and notebooks are unchanged since the last run is
    not read again: their row is remembered.
    """
    from .. import criteria as criteria_module

    folders = find_learner_folders(cohort_dir, pattern)
    criteria = criteria_module.load_criteria(criteria_path)  # read once for the whole run
    question_map = criteria_module.question_map(notebooks_dir or NOTEBOOKS_DIR)
    ids, rule = feedback_coverage_rule(loaded=(criteria, question_map))
    learners, keys, to_read = _remembered(folders, cache, criteria_path, question_map)
    remembered = len(learners)
    if progress and learners:
        progress(remembered, len(folders), learners[-1].learner_id, "unchanged, remembered")
    fresh: list[tuple[LearnerStatus, str, list[Dependency]]] = []
    workers = jobs or os.cpu_count() or 1
    limits = Limits(learner_seconds, learner_memory)
    statuses = _statuses(to_read, rule, workers, (notebooks_dir, criteria_path), limits)
    with contextlib.closing(statuses):  # an interrupted run ends its workers at once
        for done, (status, deps) in enumerate(statuses, start=remembered + 1):
            learners.append(status)
            key = keys.get(status.learner_id)
            if key and deps is not None and status.state == "ok":
                fresh.append((status, key, deps))
            if progress:
                progress(done, len(folders), status.learner_id, status.state)
    if cache is not None:
        cache.read = len(to_read)
        cache.save(fresh, {learner_id for learner_id, _ in folders})
    learners.sort(key=lambda lr: lr.learner_id)  # finished in any order
    notes = [f"{lr.learner_id}: {note}." for lr in learners for note in lr.notes]
    problems = (
        notes
        + linked_folders(cohort_dir, pattern)
        + _criteria_problems(notebooks_dir, criteria, question_map)
    )
    return CohortStatus(Path(cohort_dir), ids, learners, problems=problems, remembered=remembered)


def _remembered(
    folders: list[tuple[str, Path]],
    cache: StatusCache | None,
    criteria_path: Path | None,
    question_map: dict[str, list[str]],
) -> tuple[list[LearnerStatus], dict[str, str], list[tuple[str, Path]]]:
    """The rows the cache holds for unchanged learners, each other learner's row key (taken
    before they are read) and the learners to read."""
    if cache is None:
        return [], {}, folders
    from .. import criteria as criteria_module

    context = run_context(criteria_module.criteria_path(criteria_path), question_map)
    cache.open()
    rows, keys, to_read = [], {}, []
    for learner_id, folder in folders:
        state = store_state(folder / "coursework")
        key = row_key(context, state) if state else ""
        row = cache.row(learner_id, folder, key) if key else None
        if row is not None:
            rows.append(row)
            continue
        to_read.append((learner_id, folder))
        if key:
            keys[learner_id] = key
    cache.remembered = len(rows)
    return rows, keys, to_read


def _criteria_problems(
    notebooks_dir: Path | None, criteria: Any, question_map: dict[str, list[str]]
) -> list[str]:
    """Criterion ids the feedback rules or the notebooks' questions name that the file lacks,
    each question named by its label (never its id)."""
    from .. import criteria as criteria_module
    from ..feedback import criteria_problems

    labels = criteria_module.question_labels(notebooks_dir or NOTEBOOKS_DIR)
    return criteria_problems(criteria, question_map, labels=labels)
