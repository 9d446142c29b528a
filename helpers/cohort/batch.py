"""export-cohort: every learner's evidence pack, in parallel processes, resumable."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..criteria import criteria_path as resolve_criteria
from ..errors import CourseworkError
from ..paths import NOTEBOOKS_DIR, STORE_FILENAME, attachments_dir, learner_data_dir
from .bounded import Limits, Outcome, run_bounded
from .progress import Progress
from .roster import learner_folder, learner_id_problem
from .status import find_learner_folders, read_learner_answers

FINGERPRINT_FILE = ".fingerprint.json"
# Each learner's export runs in a worker within these limits (its kernels inherit the memory
# limit): a learner over one is reported and the others are exported. One learner normally
# takes well under a minute per core.
LEARNER_SECONDS = 600.0
LEARNER_MEMORY = 4 * 1024**3  # bytes of address space per process, on top of a worker's own


def _hash_file(digest: Any, path: Path, name: str) -> None:
    digest.update(name.encode("utf-8") + b"\0")
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    digest.update(b"\0")


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    if path.exists():
        _hash_file(digest, path, path.name)
    return digest.hexdigest()


def fingerprint(
    area: Path, notebooks_dir: Path | None = None, criteria_file: Path | None = None
) -> str:
    """SHA-256 over what a pack is made from: the store, attachments and learner data, plus the
    notebooks, the criteria file and the project version.

    Two equal fingerprints mean an export would come out the same, so it can be skipped.
    """
    from .. import __version__

    digest = hashlib.sha256(f"customer-service-coursework {__version__}".encode())
    store = area / STORE_FILENAME
    if store.exists():
        _hash_file(digest, store, STORE_FILENAME)
    if criteria_file is not None and criteria_file.is_file():
        _hash_file(digest, criteria_file, "criteria")
    for folder in (attachments_dir(area), learner_data_dir(area), notebooks_dir):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            _hash_file(digest, path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return digest.hexdigest()


@dataclass
class LearnerExport:
    """The outcome of one learner's export: ``exported``, ``skipped`` (unchanged) or ``failed``."""

    learner_id: str
    outcome: str
    seconds: float = 0.0
    message: str = ""
    files: list[str] = field(default_factory=list)


@dataclass
class CohortExportReport:
    """Every learner's export outcome."""

    out_dir: Path
    results: list[LearnerExport]
    seconds: float = 0.0

    def with_outcome(self, outcome: str) -> list[LearnerExport]:
        return [r for r in self.results if r.outcome == outcome]

    @property
    def ok(self) -> bool:
        return not self.with_outcome("failed")

    def summary(self) -> str:
        lines = [
            f"Exported {len(self.with_outcome('exported'))}, skipped "
            f"{len(self.with_outcome('skipped'))} (unchanged since their last pack), failed "
            f"{len(self.with_outcome('failed'))}, in {self.seconds:.1f} s. Packs are in {self.out_dir}."
        ]
        failed = self.with_outcome("failed")
        lines += [f"  FAILED {r.learner_id}: {r.message}" for r in failed]
        if failed and (self.out_dir / EXPORT_LOG).exists():
            lines.append(f"Messages from the notebook runs are in {self.out_dir / EXPORT_LOG}.")
        return "\n".join(lines)


def _pack_is_current(pack_dir: Path, digest: str) -> bool:
    try:
        saved = json.loads((pack_dir / FINGERPRINT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = saved.get("files", [])
    return (
        saved.get("fingerprint") == digest
        and bool(files)
        and all((pack_dir / name).exists() for name in files)
    )


def export_one_learner(
    learner_id: str,
    folder: str,
    pack_dir: str,
    notebooks_dir: str | None,
    criteria_path: str | None,
    force: bool,
    kernels: int | None = None,
    key: str | None = None,
) -> LearnerExport:
    """Export one learner's evidence pack (runs in a worker process; never raises)."""
    started = time.perf_counter()
    area, out = Path(folder) / "coursework", Path(pack_dir)
    notebooks = Path(notebooks_dir) if notebooks_dir else NOTEBOOKS_DIR
    try:
        if not (area / STORE_FILENAME).exists():
            return LearnerExport(
                learner_id, "failed", 0.0, "no answers file (coursework/answers.sqlite)"
            )
        read_learner_answers(area)  # a damaged store fails here with a clear reason
        criteria = resolve_criteria(criteria_path)
        digest = fingerprint(area, notebooks, criteria)
        if not force and _pack_is_current(out, digest):
            _seal(out, key)  # a pack made before the centre used --key is sealed now
            return LearnerExport(learner_id, "skipped", time.perf_counter() - started)
        answers_before = _file_digest(area / STORE_FILENAME)
        files, problem = _run_export(area, out, notebooks, criteria_path, kernels, key, force)
        if _file_digest(area / STORE_FILENAME) == answers_before:
            # Running the notebooks may write files of its own into the area (for example
            # data/pseudonyms.json); they belong to this pack, so the next run can skip it.
            # If the learner saved meanwhile, keep the earlier fingerprint: re-export next time.
            digest = fingerprint(area, notebooks, criteria)
    except CourseworkError as error:
        return LearnerExport(learner_id, "failed", time.perf_counter() - started, str(error))
    except Exception as error:  # one learner's failure must not stop the cohort
        message = f"{error.__class__.__name__}: {error}"
        return LearnerExport(learner_id, "failed", time.perf_counter() - started, message)
    seconds = time.perf_counter() - started
    if problem:
        return LearnerExport(learner_id, "failed", seconds, problem, files)
    record = {"fingerprint": digest, "files": files, "exported_at": datetime.now(UTC).isoformat()}
    (out / FINGERPRINT_FILE).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return LearnerExport(learner_id, "exported", seconds, "", files)


def _seal(out: Path, key: str | None) -> None:
    """Seal the learner's evidence.zip with the centre's key file, when one was given."""
    if key:
        from ..export.seal import load_private_key, seal_bundle

        seal_bundle(out / "evidence.zip", load_private_key(Path(key)))


def _run_export(
    area: Path,
    out: Path,
    notebooks: Path,
    criteria_path: str | None,
    workers: int | None,
    key: str | None = None,
    full: bool = False,
) -> tuple[list[str], str]:
    """Call the evidence export (incremental: notebooks whose inputs are unchanged since this
    learner's last pack are not run again, unless ``full``); return the files written
    (relative to ``out``, the export's own records left out) and any problem."""
    from ..export import export_evidence
    from ..export.incremental import BUILD_DIR

    out.mkdir(parents=True, exist_ok=True)
    result = export_evidence(
        area,
        notebooks_dir=notebooks,
        criteria_path=Path(criteria_path) if criteria_path else None,
        out_dir=out,
        workers=workers,
        full=full,
    )
    _seal(out, key)
    files = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.name != FINGERPRINT_FILE and BUILD_DIR not in p.relative_to(out).parts
    )
    failures = [f"{stem} could not be generated ({why})" for stem, why in result.failed.items()]
    for stem, detail in result.failure_details.items():
        print(f"{area} {stem}: {detail}", file=sys.stderr)  # the worker's log, not the summary
    return files, "; ".join(failures)


EXPORT_LOG = "export-log.txt"


def _warm_worker(log_path: str) -> None:
    """Per worker process: send kernels' chatter to a log file; import the export once."""
    with contextlib.suppress(OSError):
        log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 2)  # kernels inherit this worker's stderr; the tutor sees only progress
        os.close(log)
    from .. import export  # noqa: F401


def _over_limit(learner_id: str, outcome: Outcome, limits: Limits) -> LearnerExport:
    """The report for a learner whose export was stopped (the run went on without them)."""
    if outcome.over == "time":
        message = (
            f"their evidence pack could not be made within {limits.time_text()} "
            "(the limit for one learner)"
        )
        return LearnerExport(learner_id, "failed", limits.seconds, message)
    if outcome.over == "memory":
        message = (
            f"making their evidence pack needed more memory than the limit ({limits.memory_text()})"
        )
    elif outcome.detail:
        message = "their export stopped with an unexpected problem; see the export log"
    else:
        message = "the process making their evidence pack stopped unexpectedly (out of memory?)"
    return LearnerExport(learner_id, "failed", 0.0, message)


def export_cohort(
    cohort_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    jobs: int | None = None,
    progress: Progress | None = None,
    *,
    notebooks_dir: Path | None = None,
    criteria_path: Path | None = None,
    force: bool = False,
    pattern: str | None = None,
    key: Path | None = None,
    learner_seconds: float = LEARNER_SECONDS,
    learner_memory: int | None = LEARNER_MEMORY,
) -> CohortExportReport:
    """Export every learner's evidence pack into ``out_dir/<learner_id>/``, in parallel.

    ``jobs`` worker processes (default: the number of cores). A learner whose store,
    attachments, data and notebooks are unchanged since their last pack is skipped. With the
    centre's private ``key`` file, every pack's evidence.zip is sealed. Each learner gets
    ``learner_seconds`` and ``learner_memory``: a learner over a limit, or whose export
    process dies, is reported as failed and the others are exported. However the command
    ends (Ctrl-C, SIGTERM, SIGKILL), its workers and their kernels end with it.
    """
    import multiprocessing

    started = time.perf_counter()
    folders = find_learner_folders(cohort_dir, pattern)
    out = Path(out_dir).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(folders) or 1))
    results: list[LearnerExport] = []
    usable = []
    for learner_id, folder in folders:
        reason = learner_id_problem(learner_id)
        if reason:  # a folder name that cannot name a pack folder: report it, export the rest
            results.append(LearnerExport(learner_id, "failed", 0.0, reason))
        else:
            usable.append((learner_id, folder))
    args = [
        (
            learner_id,
            str(folder),
            str(learner_folder(out, learner_id)),
            str(notebooks_dir) if notebooks_dir else None,
            str(criteria_path) if criteria_path else None,
            force,
            1 if jobs > 1 else None,  # parallel across learners, one kernel each
            str(key) if key else None,
        )
        for learner_id, folder in usable
    ]
    context = multiprocessing.get_context("spawn")  # same behaviour on Linux, macOS and Windows
    limits = Limits(learner_seconds, learner_memory)
    outcomes = run_bounded(
        args,
        export_one_learner,
        jobs=jobs,
        limits=limits,
        context=context,
        start=_warm_worker,
        start_args=(str(out / EXPORT_LOG),),
    )
    # Closed on the way out, whatever stops the loop: Ctrl-C, or SIGTERM turned into
    # KeyboardInterrupt by the CLI, ends every worker and kernel at once. Finished packs keep
    # their fingerprints, so a re-run carries on where this one stopped.
    with contextlib.closing(outcomes):
        for done, outcome in enumerate(outcomes, start=1):
            learner_id = args[outcome.index][0]
            result = outcome.value
            if outcome.over is not None or not isinstance(result, LearnerExport):
                result = _over_limit(learner_id, outcome, limits)
            results.append(result)
            if progress:
                progress(done, len(args), result.learner_id, result.outcome)
    results.sort(key=lambda r: r.learner_id)
    return CohortExportReport(out, results, time.perf_counter() - started)
