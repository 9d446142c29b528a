"""Release: learner copies of the templates, re-released without touching learners' work."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import CourseworkError
from ..paths import NOTEBOOKS_DIR, REPO_ROOT, STORE_FILENAME
from .progress import Progress
from .roster import Learner, learner_folder, read_roster

TUTOR_ONLY_TAG = "tutor-only"
RELEASE_MANIFEST = ".release.json"


def learner_copy(notebook: Any) -> Any:
    """A learner's copy of a template: tutor-only cells removed, outputs cleared, code collapsed.

    Works on a deep copy; the template is not changed.
    """
    import copy

    nb = copy.deepcopy(notebook)
    nb.cells = [c for c in nb.cells if TUTOR_ONLY_TAG not in c.get("metadata", {}).get("tags", [])]
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        cell["outputs"] = []
        cell["execution_count"] = None
        cell.setdefault("metadata", {}).setdefault("jupyter", {})["source_hidden"] = True
        cell["metadata"].pop("execution", None)
    nb.metadata.pop("widgets", None)  # saved widget state would hide the answers offline
    return nb


def _notebook_text(notebook: Any) -> str:
    return json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def select_templates(templates_dir: Path, only: Iterable[str] | str | None = None) -> list[Path]:
    """The template notebooks to release, optionally only those whose number is in ``only``."""
    templates = sorted(p for p in templates_dir.glob("[0-9][0-9]_*.ipynb") if p.is_file())
    if not templates:
        raise CourseworkError(
            f"There are no notebooks like 00_start_here.ipynb in {templates_dir}."
        )
    if only is None:
        return templates
    wanted = [w.strip() for w in (only.split(",") if isinstance(only, str) else only)]
    wanted = [w.zfill(2) for w in wanted if w]
    numbers = {p.name[:2]: p for p in templates}
    unknown = [w for w in wanted if w not in numbers]
    if unknown:
        raise CourseworkError(
            f"No notebook numbered {', '.join(unknown)}. The notebooks are numbered "
            f"{', '.join(sorted(numbers))}."
        )
    return [numbers[w] for w in sorted(set(wanted))]


@dataclass
class LearnerRelease:
    """What a release did in one learner's folder."""

    learner_id: str
    folder: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    profile_filled: bool = False

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated"]
        parts.append(f"{len(self.unchanged)} unchanged")
        if self.profile_filled:
            parts.append("profile filled in")
        return ", ".join(parts)


@dataclass
class ReleaseReport:
    """Everything a release did, learner by learner."""

    to_dir: Path
    notebooks: list[str]
    learners: list[LearnerRelease]

    def names(self, kind: str) -> list[str]:
        """Notebook names that were ``added``/``updated``/``unchanged`` for any learner."""
        found = {name for learner in self.learners for name in getattr(learner, kind)}
        return sorted(found)


def _sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _release_notebooks(copies: dict[str, str], notebooks: Path, report: LearnerRelease) -> None:
    """Write learner copies; only notebooks whose released text changed are overwritten.

    The manifest records what was released, so a notebook the learner has since run and saved
    (outputs in it) counts as unchanged when the template has not changed.
    """
    notebooks.mkdir(parents=True, exist_ok=True)
    manifest_path = notebooks / RELEASE_MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    released: dict[str, str] = dict(manifest.get("notebooks", {}))
    for name, text in copies.items():
        digest = _sha256_text(text)
        target = notebooks / name
        if target.exists() and released.get(name) == digest:
            report.unchanged.append(name)
            continue
        if target.exists() and target.read_text(encoding="utf-8") == text:
            report.unchanged.append(name)
        else:
            (report.updated if target.exists() else report.added).append(name)
            partial = target.with_name(target.name + ".partial")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
        released[name] = digest
    manifest = {
        "released_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "notebooks": released,
    }
    manifest_path.write_text(
        json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def _prepare_area(area: Path, learner: Learner | None, report: LearnerRelease) -> None:
    """Create the working area; pre-fill the profile only when there is no store yet."""
    area.mkdir(parents=True, exist_ok=True)
    readme = REPO_ROOT / "coursework" / "README.md"
    if readme.exists() and not (area / "README.md").exists():
        shutil.copyfile(readme, area / "README.md")
    if learner is None or (area / STORE_FILENAME).exists():
        return  # never open an existing store: its bytes must stay exactly as they are
    from ..profile import save_profile
    from ..store import open_store

    with open_store(area) as store:
        save_profile(learner.profile(), store)
    report.profile_filled = True


def release(
    templates_dir: str | os.PathLike[str] | None,
    to_dir: str | os.PathLike[str],
    roster: str | os.PathLike[str] | Sequence[Learner] | None = None,
    only: Iterable[str] | str | None = None,
    progress: Progress | None = None,
) -> ReleaseReport:
    """Release learner copies of the templates into ``to_dir``.

    Without a roster: ``to_dir/notebooks`` and ``to_dir/coursework``. With a roster (a CSV path
    or :class:`Learner` list): ``to_dir/<learner_id>/notebooks`` and ``.../coursework`` with the
    profile pre-filled. Re-releasing updates only notebooks whose template changed and never
    touches answers, data or attachments.
    """
    import nbformat

    templates = Path(templates_dir) if templates_dir else NOTEBOOKS_DIR
    to = Path(to_dir).expanduser()
    chosen = select_templates(templates, only)
    learners: list[Learner] | None = None
    if roster is not None:
        learners = read_roster(roster) if isinstance(roster, str | os.PathLike) else list(roster)
        for entry in learners:
            learner_folder(to, entry.learner_id)  # refuse every bad id before making anything
    copies = {p.name: _notebook_text(learner_copy(nbformat.read(p, as_version=4))) for p in chosen}
    targets: list[tuple[Learner | None, Path]] = (
        [(None, to)]
        if learners is None
        else [(lr, learner_folder(to, lr.learner_id)) for lr in learners]
    )
    if any((folder / "notebooks").resolve() == templates.resolve() for _, folder in targets):
        raise CourseworkError(
            f"{to} would put learner copies on top of the templates in {templates}. "
            "Choose another folder with --to."
        )
    results = []
    for done, (learner, folder) in enumerate(targets, start=1):
        report = LearnerRelease(learner.learner_id if learner else to.name, folder)
        try:
            _release_notebooks(copies, folder / "notebooks", report)
            _prepare_area(folder / "coursework", learner, report)
        except OSError as error:
            raise CourseworkError(f"Could not write into {folder}: {error}") from error
        results.append(report)
        if progress:
            progress(done, len(targets), report.learner_id, report.summary())
    return ReleaseReport(to, [p.name for p in chosen], results)
