"""The evidence pack: every notebook executed against the learner's work, exported for assessors.

:func:`export_evidence` does load, run, transform and write (one orchestrator, like papermill):
it executes each notebook in ``notebooks/`` with nbclient against the working area, converts
them with :class:`~helpers.export.exporter.EvidenceExporter` (preprocessors plus an offline
template), and writes into ``coursework/exports/``: ``evidence.html`` (all notebooks with a
cover, contents, coverage matrix, attachments, edit summary, declaration and sign-off), one HTML
per notebook, and ``evidence.zip`` (those files, the attachments, ``answers.json`` and a
manifest of SHA-256 digests). Any notebook added later is picked up without changes here.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .bundle import verify_bundle

if TYPE_CHECKING:
    from ..attachments import Attachment
    from ..criteria import CriteriaSet
    from ..store import AnswerStore
    from .execute import ForkServer, RunResult
    from .incremental import Plan
    from .pack import PackContext

__all__ = ["ExportResult", "export_evidence", "verify_bundle"]

Progress = Callable[[float, str], None]
"""``progress(fraction_done, message)``, called as the export goes along."""


@dataclass
class ExportResult:
    """What the export wrote, what failed, and how long it took."""

    html_path: Path
    zip_path: Path
    notebook_paths: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # notebook -> why, in plain words
    failure_details: dict[str, str] = field(default_factory=dict)  # the same, technical, for logs
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # notebook runs and writing, s
    reused: list[str] = field(default_factory=list)  # notebooks whose earlier run was reused
    reasons: dict[str, list[str]] = field(default_factory=dict)  # notebook run -> why it ran

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def html_bytes(self) -> int:
        return self.html_path.stat().st_size


def _version() -> str:
    from .. import __version__

    return f"customer-service-coursework {__version__}"


def _notebook_paths(notebooks_dir: Path) -> list[Path]:
    return sorted(p for p in notebooks_dir.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def _anchors(notebooks: list[RunResult]) -> dict[str, tuple[str, str]]:
    """Question id -> (notebook stem, cell anchor) for links from the coverage matrix."""
    from .document import cell_id

    found: dict[str, tuple[str, str]] = {}
    for run in notebooks:
        for cell in run.notebook.cells:
            for question in cell.get("metadata", {}).get("coursework", {}).get("questions", []):
                if question not in found and cell.get("id"):
                    found[question] = (run.stem, f"cell-id={cell_id(run.stem, cell['id'])}")
    return found


def _history_json(store: AnswerStore) -> dict[str, Any]:
    answers = store.answers()
    return {
        "answers": answers,
        "history": {
            q: [{"saved_at": r.timestamp, "value": r.value} for r in store.history(q)]
            for q in answers
        },
        "edit_times": {q: {"first": a, "last": b} for q, (a, b) in store.edit_times().items()},
    }


def export_evidence(
    area: str | os.PathLike[str] | None = None,
    *,
    notebooks_dir: str | os.PathLike[str] | None = None,
    criteria_path: str | os.PathLike[str] | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    full: bool = False,
    keep_guidance: bool = False,
) -> ExportResult:
    """Build the evidence pack for the working area ``area`` (default: ``$COURSEWORK_DIR``).

    The pack is the assessor's: Markdown cells tagged ``learner-guidance`` (how to use the
    notebook) are left out, unless ``keep_guidance`` (to compare the two, as
    ``benchmarks/bench_pack_pages.py`` does).

    Only notebooks whose inputs changed since their last clean run are run again; the others'
    runs are reused (``full=True`` runs every notebook; see :mod:`.incremental`). The pages are
    always written afresh. A notebook that fails to run is exported with "This section could
    not be generated: <reason>" in its place and listed in ``result.failed`` (the command then
    exits non-zero).
    """
    from ..criteria import load_criteria, question_labels, question_map
    from ..feedback import criteria_problems
    from ..paths import NOTEBOOKS_DIR, coursework_dir, exports_dir
    from ..store import open_store
    from .execute import start_fork_server
    from .incremental import BUILD_DIR, AreaState, forget_missing, plan_runs, save_runs

    started = time.perf_counter()
    say = progress or (lambda fraction, message: None)
    folder = coursework_dir(area).resolve()
    nb_dir = Path(notebooks_dir) if notebooks_dir is not None else NOTEBOOKS_DIR
    target = Path(out_dir) if out_dir is not None else exports_dir(folder)
    criteria = load_criteria(criteria_path)
    qmap = question_map(nb_dir)
    labels = question_labels(nb_dir)
    # ids named by rules or questions but not in the file, each question named by its label
    problems = criteria_problems(criteria, qmap, labels=labels)
    paths = _notebook_paths(nb_dir)
    # The kernels' fork server imports the heavy libraries while the export works out which
    # notebooks need running; stopped at once if none does.
    server = start_fork_server(folder, paths[0].parent) if paths else None
    store = open_store(folder)
    try:
        state = AreaState.read(store, folder, criteria.path)
        writer = _prepare_writer(folder, state.answers, criteria, qmap)
        plan = plan_runs(paths, state, target / BUILD_DIR, full=full)
        runs, server = _run(plan, paths, folder, workers, say, server), None
        save_runs(target / BUILD_DIR, runs, plan, folder)
        forget_missing(target / BUILD_DIR, [path.stem for path in paths])
        say(0.82, "Writing the evidence pages...")
        ran_at = time.perf_counter()
        writer.join()
        result = _write_pack(
            store, folder, target, runs, criteria, qmap, problems,
            labels=labels, keep_guidance=keep_guidance,
        )  # fmt: skip
    finally:
        store.close()
        if server is not None:  # not handed to the kernels: nothing ran, or a failure
            server.close(now=True)
    result.seconds = time.perf_counter() - started
    result.reused = [path.stem for path in plan.reused]
    result.reasons = plan.why
    result.timings = {f"run {run.stem}": run.seconds for run in runs if run.path in plan.to_run}
    result.timings["running (wall)"] = ran_at - started
    result.timings["writing the pack"] = time.perf_counter() - ran_at
    say(1.0, "Finished.")
    return result


def _run(
    plan: Plan,
    paths: list[Path],
    area: Path,
    workers: int | None,
    say: Progress,
    server: ForkServer | None = None,
) -> list[RunResult]:
    """The notebooks that need it run (forks of ``server``, which this stops); the others'
    earlier runs; all in the notebooks' order."""
    from .execute import run_notebooks

    todo = plan.to_run
    unchanged = len(paths) - len(todo)
    kept = f" ({unchanged} unchanged since the last export, not run again)" if unchanged else ""
    say(0.02, f"Running {len(todo)} of {len(paths)} notebooks with your answers{kept}...")
    done: list[str] = []

    def ran(run: RunResult) -> None:
        done.append(run.stem)
        say(0.05 + 0.75 * len(done) / max(1, len(todo)), f"Ran {run.title}")

    if not todo and server is not None:
        server.close(now=True)
    fresh = run_notebooks(todo, area, workers=workers, on_done=ran, server=server) if todo else []
    by_path = {**plan.reused, **{run.path: run for run in fresh}}
    return [by_path[path] for path in paths]


def _prepare_writer(
    area: Path, answers: dict[str, Any], criteria: CriteriaSet, qmap: dict[str, list[str]]
) -> threading.Thread:
    """Get writing the pages ready while the kernels run: import and compile the exporter and
    its templates, and read the data tables the coverage matrix checks (the reader keeps them).
    Nothing it makes is used as such; a failure here only costs time later."""

    def prepare() -> None:
        with contextlib.suppress(Exception):
            from ..feedback import coverage, data_lookup
            from ..store import open_store
            from .document import warm_up

            warm_up()
            store = open_store(area, readonly=True)
            try:
                coverage(answers, criteria, qmap, data_lookup(store))
            finally:
                store.close()

    thread = threading.Thread(target=prepare, name="prepare-writer", daemon=True)
    thread.start()
    return thread


def _pack_context(
    store: AnswerStore, area: Path, criteria: CriteriaSet, qmap: dict[str, list[str]],
    problems: list[str], created: datetime, *, labels: dict[str, str] | None = None,
    keep_guidance: bool = False, notebooks: list[tuple[str, str]] | None = None,
) -> tuple[PackContext, list[Attachment]]:  # fmt: skip
    from ..declaration import read_declaration
    from ..feedback import coverage, data_lookup
    from ..labels import plain_name
    from ..profile import load_profile
    from ..redact import kept_answers
    from .pack import PackContext, attachment_rows, edit_summary, work_span

    answers = store.answers()
    edit_times = store.edit_times()
    attachments, left_out = _attachments(store)
    problems.extend(left_out)  # records never followed: the assessor is told which
    names = _record_labels(labels or {}, attachments)
    context = PackContext(
        profile=load_profile(store),
        generated=created.strftime("%d %B %Y, %H:%M UTC"),
        version=_version(),
        criteria=criteria,
        coverage=coverage(answers, criteria, qmap, data_lookup(store)),
        problems=problems,
        attachments=attachment_rows(attachments, area),
        edits=edit_summary(edit_times, _days_saved(store, edit_times), notebooks or []),
        declaration=read_declaration(answers, edit_times),
        work_span=work_span(edit_times),
        kept_personal=[
            (plain_name(q, names), why) for q, why in sorted(kept_answers(answers).items())
        ],
        labels=names,
        keep_guidance=keep_guidance,
    )
    return context, attachments


def _days_saved(store: AnswerStore, edit_times: dict[str, tuple[str, str]]) -> dict[str, set[str]]:
    """The days (ISO dates, UTC) each answer was saved on, from its revisions."""
    return {q: {r.timestamp[:10] for r in store.history(q)} for q in edit_times}


def _record_labels(labels: dict[str, str], attachments: list[Attachment]) -> dict[str, str]:
    """The notebooks' question labels, plus words for the other records the pack lists (the
    profile boxes, the declaration's time, each attachment), so no id is ever shown."""
    from ..declaration import SIGNED_AT_ID
    from ..profile import PROFILE_FIELDS

    names = {qid: label for qid, (_key, label, _help) in PROFILE_FIELDS.items()}
    names[SIGNED_AT_ID] = "When the declaration was signed"
    for attachment in attachments:
        names[attachment.key] = f"Attached file {attachment.original_name}"
    return {**names, **labels}


def _write_pack(
    store: AnswerStore,
    area: Path,
    target: Path,
    runs: list[RunResult],
    criteria: CriteriaSet,
    qmap: dict[str, list[str]],
    problems: list[str],
    *,
    labels: dict[str, str] | None = None,
    keep_guidance: bool = False,
) -> ExportResult:
    from ..provenance import pack_notices
    from .bundle import write_bundle
    from .document import render_pack
    from .privacy import PackPrivacy

    created = datetime.now(UTC)
    context, attachments = _pack_context(
        store, area, criteria, qmap, problems, created, labels=labels,
        keep_guidance=keep_guidance, notebooks=[(run.stem[:2], run.title) for run in runs],
    )  # fmt: skip
    target.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    # Customers' personal data out of every answer and revision first, so the last pass over
    # each page knows every raw value (history included) to swap for its pseudonym.
    privacy = PackPrivacy.for_store(store, area)
    history = privacy.answers_json(_history_json(store))
    notices = pack_notices(store)  # answers whose data changed since they were written
    combined, pages = render_pack(runs, _anchors(runs), context, history["answers"], notices)
    files["evidence.html"] = privacy.scrub_page(combined).encode("utf-8")
    for run in runs:
        files[f"{run.stem}.html"] = privacy.scrub_page(pages[run.stem]).encode("utf-8")
    privacy.save()
    for name, data in files.items():
        (target / name).write_bytes(data)
    for attachment in attachments:
        source = attachment.path(area)
        if source.is_file():
            files[f"attachments/{attachment.stored_name}"] = source.read_bytes()
    files["answers.json"] = json.dumps(
        history, indent=1, ensure_ascii=False, sort_keys=True
    ).encode("utf-8")
    zip_path = write_bundle(
        target / "evidence.zip", files, _version(), created.isoformat(timespec="seconds")
    )
    return ExportResult(
        html_path=target / "evidence.html",
        zip_path=zip_path,
        notebook_paths=[target / f"{run.stem}.html" for run in runs],
        failed={run.stem: run.plain_error for run in runs if run.plain_error},
        failure_details={run.stem: run.error for run in runs if run.error},
        problems=problems,
    )


def _attachments(store: AnswerStore) -> tuple[list[Attachment], list[str]]:
    """Usable attachments, and a sentence for each record of the store that was left out."""
    from ..attachments import read_attachments
    from ..datasource import choice_problems

    found, left_out = read_attachments(store)
    return found, left_out + choice_problems(store)
