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

import json
import os
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
    from .execute import RunResult
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
) -> ExportResult:
    """Build the evidence pack for the working area ``area`` (default: ``$COURSEWORK_DIR``).

    A notebook that fails to run is exported with "This section could not be generated:
    <reason>" in its place and listed in ``result.failed`` (the command then exits non-zero).
    """
    from ..criteria import load_criteria, question_map
    from ..feedback import criteria_problems
    from ..paths import NOTEBOOKS_DIR, coursework_dir, exports_dir
    from ..store import open_store
    from .execute import run_notebooks

    started = time.perf_counter()
    say = progress or (lambda fraction, message: None)
    folder = coursework_dir(area).resolve()
    nb_dir = Path(notebooks_dir) if notebooks_dir is not None else NOTEBOOKS_DIR
    target = Path(out_dir) if out_dir is not None else exports_dir(folder)
    criteria = load_criteria(criteria_path)
    qmap = question_map(nb_dir)
    problems = criteria_problems(criteria, qmap)  # ids named by rules or questions, not in the file
    paths = _notebook_paths(nb_dir)
    say(0.02, f"Running {len(paths)} notebooks with your answers...")
    done: list[str] = []

    def ran(run: RunResult) -> None:
        done.append(run.stem)
        say(0.05 + 0.75 * len(done) / max(1, len(paths)), f"Ran {run.title}")

    runs = run_notebooks(paths, folder, workers=workers, on_done=ran)
    say(0.82, "Writing the evidence pages...")
    ran_at = time.perf_counter()
    store = open_store(folder)
    try:
        result = _write_pack(store, folder, target, runs, criteria, qmap, problems)
    finally:
        store.close()
    result.seconds = time.perf_counter() - started
    result.timings = {f"run {run.stem}": run.seconds for run in runs}
    result.timings["running (wall)"] = ran_at - started
    result.timings["writing the pack"] = time.perf_counter() - ran_at
    say(1.0, "Finished.")
    return result


def _pack_context(
    store: AnswerStore, area: Path, criteria: CriteriaSet, qmap: dict[str, list[str]],
    problems: list[str], created: datetime,
) -> tuple[PackContext, list[Attachment]]:  # fmt: skip
    from ..declaration import read_declaration
    from ..feedback import coverage, data_lookup
    from ..profile import load_profile
    from ..redact import kept_answers
    from .pack import PackContext, attachment_rows, edit_rows, work_span

    answers = store.answers()
    edit_times = store.edit_times()
    attachments, left_out = _attachments(store)
    problems.extend(left_out)  # records never followed: the assessor is told which
    context = PackContext(
        profile=load_profile(store),
        generated=created.strftime("%d %B %Y, %H:%M UTC"),
        version=_version(),
        criteria=criteria,
        coverage=coverage(answers, criteria, qmap, data_lookup(store)),
        problems=problems,
        attachments=attachment_rows(attachments, area),
        edits=edit_rows(edit_times, {q: len(store.history(q)) for q in answers}),
        declaration=read_declaration(answers, edit_times),
        work_span=work_span(edit_times),
        kept_personal=sorted(kept_answers(answers).items()),
    )
    return context, attachments


def _write_pack(
    store: AnswerStore,
    area: Path,
    target: Path,
    runs: list[RunResult],
    criteria: CriteriaSet,
    qmap: dict[str, list[str]],
    problems: list[str],
) -> ExportResult:
    from .bundle import write_bundle
    from .document import render_pack
    from .privacy import PackPrivacy

    created = datetime.now(UTC)
    context, attachments = _pack_context(store, area, criteria, qmap, problems, created)
    target.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    # Customers' personal data out of every answer and revision first, so the last pass over
    # each page knows every raw value (history included) to swap for its pseudonym.
    privacy = PackPrivacy.for_store(store, area)
    history = privacy.answers_json(_history_json(store))
    combined, pages = render_pack(runs, _anchors(runs), context, history["answers"])
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
