"""Tutor tools for a cohort: release notebooks, follow progress, export every learner's evidence.

A cohort folder holds one folder per learner, named by learner id::

    <cohort>/<learner_id>/notebooks/*.ipynb     learner copies of the templates
    <cohort>/<learner_id>/coursework/           answers.sqlite, data/, attachments/, exports/

Every path built from a roster stays inside its learner's folder: ids are checked before any
folder is made. Learners' answers are only ever read here (``open_store(readonly=True)``), apart
from pre-filling the profile of a learner whose store does not exist yet.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import html
import io
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from .errors import CourseworkError, Problem, StoreError
from .paths import NOTEBOOKS_DIR, REPO_ROOT, STORE_FILENAME, attachments_dir, learner_data_dir

TUTOR_ONLY_TAG = "tutor-only"
RELEASE_MANIFEST = ".release.json"
FINGERPRINT_FILE = ".fingerprint.json"
ROSTER_COLUMNS = ("learner_id", "name", "centre", "organisation", "job_role")
STATUS_BUSY_TIMEOUT_MS = 2_000
STATUS_READ_ATTEMPTS = 5
_PROFILE_PREFIX = "00.profile."

# Letters, digits, dot, dash and underscore; starting with a letter or digit, so never "..".
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
# Names that Windows refuses as file or folder names, whatever the extension.
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{p}{i}" for p in ("com", "lpt") for i in "123456789"
}
_PATH_CHARACTERS = re.compile(r"[/\\\x00-\x1f]")

Progress = Callable[[int, int, str, str], None]
"""``progress(done, total, learner_id, what_happened)``."""


# -- roster -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Learner:
    """One roster row."""

    learner_id: str
    name: str
    centre: str = ""
    organisation: str = ""
    job_role: str = ""

    def profile(self) -> dict[str, str]:
        """The profile fields to pre-fill (keys of ``helpers.profile.PROFILE_FIELDS``)."""
        return {key: getattr(self, key) for key in ROSTER_COLUMNS}


def learner_id_problem(learner_id: str) -> str | None:
    """Why ``learner_id`` cannot name a learner's folder, or None when it can."""
    if not learner_id:
        return "The learner id is empty."
    if not _SAFE_ID.match(learner_id):
        return (
            f'The learner id "{learner_id}" can only use letters, digits, dots, dashes and '
            "underscores (no spaces or slashes), start with a letter or digit, and be at most "
            "64 characters long."
        )
    if learner_id.split(".")[0].lower() in _WINDOWS_RESERVED:
        return f'The learner id "{learner_id}" is a name Windows keeps for itself.'
    return None


def check_roster_rows(
    rows: Sequence[dict[str, str | None]], file: str = "roster.csv"
) -> tuple[list[Learner], list[Problem]]:
    """Learners from roster rows (as read by ``csv.DictReader``) and the problems found.

    Rows are numbered as a spreadsheet shows them: the header is row 1.
    """
    learners: list[Learner] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    fix_id = "Give every learner a unique id such as L001."
    for number, row in enumerate(rows, start=2):
        values = {key: (row.get(key) or "").strip() for key in ROSTER_COLUMNS}
        if not any(values.values()) and not any((v or "").strip() for v in row.values()):
            continue  # a blank line in the spreadsheet
        learner_id, name = values["learner_id"], values["name"]
        row_problems = []
        reason = learner_id_problem(learner_id)
        if reason:
            row_problems.append(Problem(reason, file, number, "learner_id", fix_id))
        elif learner_id.lower() in seen:
            first = seen[learner_id.lower()]
            row_problems.append(
                Problem(
                    f'The learner id "{learner_id}" is already used in row {first}.',
                    file,
                    number,
                    "learner_id",
                    fix_id,
                )
            )
        if not name:
            row_problems.append(
                Problem("The name is empty.", file, number, "name", "Type the learner's name.")
            )
        for column in ROSTER_COLUMNS[1:]:
            if _PATH_CHARACTERS.search(values[column]):
                row_problems.append(
                    Problem(
                        f"The {column.replace('_', ' ')} contains a slash, a backslash or a "
                        "control character.",
                        file,
                        number,
                        column,
                        "Remove it: roster text must not look like a folder path.",
                    )
                )
        problems.extend(row_problems)
        if not row_problems:
            seen[learner_id.lower()] = number
            learners.append(Learner(**values))
    return learners, problems


def read_roster(path: str | os.PathLike[str]) -> list[Learner]:
    """Read a roster CSV (``learner_id,name[,centre,organisation,job_role]``).

    Raises :class:`CourseworkError` listing every bad row when any row is refused.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CourseworkError(f"The roster {path} could not be read ({error}).") from error
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in ROSTER_COLUMNS[:2] if c not in header]
    if missing:
        raise CourseworkError(
            f"The roster {path.name} needs the columns learner_id and name in its first row "
            f"(missing: {', '.join(missing)}).",
            [Problem("Header row is missing columns.", str(path), 1, ", ".join(missing))],
        )
    reader.fieldnames = header
    learners, problems = check_roster_rows(list(reader), str(path))
    if problems:
        raise CourseworkError(
            f"The roster {path.name} has {len(problems)} problem(s); nothing was released.",
            problems,
        )
    if not learners:
        raise CourseworkError(f"The roster {path.name} has no learners in it.")
    return learners


def learner_folder(cohort_dir: Path, learner_id: str) -> Path:
    """``cohort_dir/learner_id``, refusing any id that could point outside the cohort."""
    reason = learner_id_problem(learner_id)
    if reason:
        raise CourseworkError(reason)
    base = cohort_dir.resolve()
    folder = (base / learner_id).resolve()
    if folder.parent != base:
        raise CourseworkError(f'The learner id "{learner_id}" points outside {cohort_dir}.')
    return folder


# -- release ------------------------------------------------------------------------------
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
    from .profile import save_profile
    from .store import open_store

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


# -- status -------------------------------------------------------------------------------
STATUS_LABELS = ("met", "partly", "not yet")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def word_count(value: Any) -> int:
    """Words a learner wrote in one answer (text, list or table rows; numbers are not words)."""
    if isinstance(value, str):
        return len(_WORD.findall(value))
    if isinstance(value, list):
        return sum(word_count(v) for v in value)
    if isinstance(value, dict):
        return sum(word_count(v) for v in value.values())
    return 0


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
    if not cohort.is_dir():
        raise CourseworkError(f"The cohort folder {cohort} does not exist.")
    matches = cohort.glob(pattern) if pattern else cohort.iterdir()
    found = sorted(
        (p.relative_to(cohort).parts[0], p)
        for p in matches
        if not p.relative_to(cohort).parts[0].startswith(".") and is_learner_folder(p)
    )
    if not found and not pattern and is_learner_folder(cohort):
        return [(cohort.resolve().name, cohort)]
    return found


@dataclass
class LearnerStatus:
    """One row of the cohort matrix."""

    learner_id: str
    folder: Path
    state: str  # "ok", "missing" (no answers file), "damaged" or "busy" (try again)
    problem: str = ""
    name: str = ""
    last_activity: str | None = None
    words: int = 0
    answered: int = 0
    coverage: dict[str, str] = field(default_factory=dict)

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

    def learner(self, learner_id: str) -> LearnerStatus:
        return next(lr for lr in self.learners if lr.learner_id == learner_id)


CoverageRule = Callable[[dict[str, Any]], dict[str, str]]


def _is_busy(error: BaseException) -> bool:
    cause = str(error.__cause__ or error).lower()
    return "locked" in cause or "busy" in cause


def _read_answers_once(area: Path) -> tuple[dict[str, Any], str | None]:
    from .store import open_store

    store = open_store(area, readonly=True)
    try:
        if store._conn is not None:  # wait briefly for a learner's save, never for long
            store._conn.execute(f"PRAGMA busy_timeout = {STATUS_BUSY_TIMEOUT_MS}")
        answers = store.answers()
        # The profile is filled in by the release, so it is not a sign of the learner's work.
        times = [
            last
            for qid, (_, last) in store.edit_times().items()
            if not qid.startswith(_PROFILE_PREFIX)
        ]
        return answers, max(times, default=None)
    finally:
        store.close()


def _read_answers(area: Path) -> tuple[dict[str, Any], str | None]:
    """Answers and last activity, read-only. Reads take a shared lock for milliseconds, so a
    learner saving at the same moment is never locked out; if their save holds the file, the
    read waits briefly and tries again. Raises :class:`StoreError` (``_is_busy`` tells why)."""
    for attempt in range(STATUS_READ_ATTEMPTS):
        try:
            return _read_answers_once(area)
        except StoreError as error:
            if not _is_busy(error) or attempt + 1 == STATUS_READ_ATTEMPTS:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def learner_status(
    folder: Path, coverage_rule: CoverageRule, learner_id: str | None = None
) -> LearnerStatus:
    """Status of one learner folder; a missing or damaged store is reported, not raised."""
    area = folder / "coursework"
    status = LearnerStatus(learner_id or folder.name, folder, "ok")
    if not (area / STORE_FILENAME).exists():
        status.state, status.problem = "missing", "No answers file yet (coursework/answers.sqlite)."
        return status
    try:
        answers, last = _read_answers(area)
    except StoreError as error:
        if _is_busy(error):
            status.state = "busy"
            status.problem = "The learner was saving at that moment; run status again."
            return status
        reason = f" ({error.__cause__})" if error.__cause__ else ""
        status.state = "damaged"
        status.problem = f"coursework/{STORE_FILENAME} is damaged or unreadable{reason}."
        return status
    status.name = str(answers.get("00.profile.name") or "")
    status.last_activity = last
    work = {qid: v for qid, v in answers.items() if not qid.startswith(_PROFILE_PREFIX)}
    status.answered = sum(1 for v in work.values() if v not in (None, "", [], {}))
    status.words = sum(word_count(v) for v in work.values())
    status.coverage = coverage_rule(answers)
    return status


def feedback_coverage_rule(
    notebooks_dir: Path | None = None, criteria_path: Path | None = None
) -> tuple[list[str], CoverageRule]:
    """Criteria ids in order and a rule giving each criterion's status from the feedback rules."""
    from . import criteria as criteria_module
    from . import feedback

    criteria = criteria_module.load_criteria(criteria_path)
    question_map = criteria_module.question_map(notebooks_dir or NOTEBOOKS_DIR)
    ids = list(criteria.criteria)

    def rule(answers: dict[str, Any]) -> dict[str, str]:
        entries = feedback.coverage(answers, ids, question_map)
        return {cid: _status_of(entries.get(cid)) for cid in ids}

    return ids, rule


def _status_of(entry: Any) -> str:
    status = entry.get("status") if isinstance(entry, dict) else getattr(entry, "status", None)
    return str(status) if status in STATUS_LABELS else "not yet"


_worker_rule: CoverageRule | None = None
PARALLEL_STATUS_FROM = 60  # below this, starting worker processes costs more than it saves


def _status_worker_start(notebooks_dir: Path | None, criteria_path: Path | None) -> None:
    global _worker_rule
    _worker_rule = feedback_coverage_rule(notebooks_dir, criteria_path)[1]


def _status_in_worker(item: tuple[str, Path]) -> LearnerStatus:
    assert _worker_rule is not None
    return learner_status(item[1], _worker_rule, item[0])


def _statuses(
    folders: list[tuple[str, Path]],
    rule: CoverageRule,
    jobs: int,
    rule_args: tuple[Path | None, Path | None],
) -> Iterable[LearnerStatus]:
    """Each learner's status, in order; over many learners, on every core."""
    if jobs <= 1 or len(folders) < PARALLEL_STATUS_FROM:
        yield from (learner_status(folder, rule, learner_id) for learner_id, folder in folders)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, len(folders) // (jobs * 8))
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_status_worker_start, initargs=rule_args
    ) as pool:
        yield from pool.map(_status_in_worker, folders, chunksize=chunk)


def cohort_status(
    cohort_dir: str | os.PathLike[str],
    *,
    notebooks_dir: Path | None = None,
    criteria_path: Path | None = None,
    progress: Progress | None = None,
    pattern: str | None = None,
    jobs: int | None = None,
) -> CohortStatus:
    """Read every learner's store read-only and build the learner-by-criterion matrix.

    ``jobs`` processes share the work for a large cohort (default: the number of cores).
    """
    folders = find_learner_folders(cohort_dir, pattern)
    ids, rule = feedback_coverage_rule(notebooks_dir, criteria_path)
    workers = jobs or os.cpu_count() or 1
    learners = []
    statuses = _statuses(folders, rule, workers, (notebooks_dir, criteria_path))
    for done, status in enumerate(statuses, start=1):
        learners.append(status)
        if progress:
            progress(done, len(folders), status.learner_id, status.state)
    return CohortStatus(Path(cohort_dir), ids, learners)


# -- status reports -----------------------------------------------------------------------
_LETTER = {"met": "M", "partly": "P", "not yet": "-"}


def _date(iso: str | None) -> str:
    return iso[:10] if iso else ""


def status_rows(status: CohortStatus) -> list[dict[str, str]]:
    """One flat row per learner (the CSV layout)."""
    rows = []
    for lr in status.learners:
        row = {
            "learner_id": lr.learner_id,
            "name": lr.name,
            "state": lr.state,
            "problem": lr.problem,
            "last_activity": _date(lr.last_activity),
            "answered": str(lr.answered),
            "words": str(lr.words),
            "met": str(lr.count("met")),
            "partly": str(lr.count("partly")),
            "not_yet": str(lr.count("not yet")) if lr.state == "ok" else "",
        }
        row.update({cid: lr.coverage.get(cid, "") for cid in status.criteria})
        rows.append(row)
    return rows


def _csv_safe(text: str) -> str:
    # A cell starting with = + - @ runs as a formula in a spreadsheet: make it plain text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def status_csv(status: CohortStatus) -> str:
    """The matrix as CSV text (spreadsheet formulas in learner text are neutralised)."""
    rows = status_rows(status)
    out = io.StringIO()
    columns = list(rows[0]) if rows else ["learner_id", *status.criteria]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_safe(v) for k, v in row.items()})
    return out.getvalue()


def _units(criteria: list[str]) -> dict[str, list[str]]:
    units: dict[str, list[str]] = {}
    for cid in criteria:
        units.setdefault(cid.split(".")[0], []).append(cid)
    return units


def status_text(status: CohortStatus) -> str:
    """The matrix for a terminal: one letter per criterion, grouped by unit."""
    units = _units(status.criteria)
    width = max([len(lr.learner_id) for lr in status.learners] + [7])
    head = f"{'Learner':<{width}}  {'Name':<20}  {'Last seen':<10}  {'Words':>6}  Met/Partly  "
    head += "  ".join(f"{u:<{len(c)}}" for u, c in units.items())
    lines = [head, "-" * len(head)]
    for lr in status.learners:
        start = f"{lr.learner_id:<{width}}  {lr.name[:20]:<20}  "
        if lr.state != "ok":
            lines.append(f"{start}{lr.state.upper()}: {lr.problem}")
            continue
        cells = "  ".join(
            "".join(_LETTER[lr.coverage.get(cid, "not yet")] for cid in ids).ljust(len(u))
            for u, ids in units.items()
        )
        counts = f"{lr.count('met'):>3}/{lr.count('partly'):<6}"
        lines.append(f"{start}{_date(lr.last_activity):<10}  {lr.words:>6}  {counts}  {cells}")
    lines.append("")
    lines.append("M = met, P = partly, - = not yet. Columns in each unit, in order:")
    lines.extend(f"  {u}: {' '.join(ids)}" for u, ids in units.items())
    return "\n".join(lines)


_STATUS_CSS = """
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;color:#1a1a1a;margin:1.5rem;line-height:1.4}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #8a8a8a;padding:.2rem .35rem}
th{background:#eee;text-align:left;font-weight:600}th.unit{text-align:center}
th.criterion{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;padding:.35rem .1rem}
td.status{text-align:center;min-width:1.3rem;padding:.2rem .1rem;font-weight:600}
.met{background:#cde8c8}.partly{background:#fbe0a1}.not-yet{background:#fff;color:#595959}
td.problem{background:#f6d5d5}td.number{text-align:right}td,th{white-space:nowrap}
.legend span{display:inline-block;padding:0 .5rem;margin-right:.5rem;border:1px solid #8a8a8a}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{body{margin:0;font-size:9pt}}
"""
_SHORT = {"met": "M", "partly": "P", "not yet": "\u2013"}


def _when_generated(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d %B %Y, %H:%M UTC")
    except ValueError:
        return iso


def _status_cell(label: str, criterion: str) -> str:
    css = label.replace(" ", "-")
    return (
        f'<td class="status {css}" title="{html.escape(criterion)}: {label}">'
        f'<span aria-hidden="true">{_SHORT[label]}</span><span class="sr">{label}</span></td>'
    )


def _status_table_head(criteria: list[str]) -> str:
    e = html.escape
    units = "".join(
        f'<th scope="colgroup" class="unit" colspan="{len(ids)}">{e(unit)}</th>'
        for unit, ids in _units(criteria).items()
    )
    fixed = ["Learner", "Name", "Last activity", "Words", "Met", "Partly"]
    first = "".join(f'<th scope="col" rowspan="2">{e(name)}</th>' for name in fixed)
    crits = "".join(f'<th scope="col" class="criterion">{e(cid)}</th>' for cid in criteria)
    return f"<tr>{first}{units}</tr><tr>{crits}</tr>"


def _status_table_row(lr: LearnerStatus, criteria: list[str]) -> str:
    e = html.escape
    first = f'<th scope="row">{e(lr.learner_id)}</th><td>{e(lr.name)}</td>'
    if lr.state != "ok":
        return (
            f'<tr>{first}<td class="problem" colspan="{len(criteria) + 4}"><strong>'
            f"{e(lr.state.capitalize())}</strong>: {e(lr.problem)}</td></tr>"
        )
    cells = "".join(_status_cell(lr.coverage.get(cid, "not yet"), cid) for cid in criteria)
    numbers = "".join(
        f'<td class="number">{n}</td>' for n in (lr.words, lr.count("met"), lr.count("partly"))
    )
    return f"<tr>{first}<td>{e(_date(lr.last_activity))}</td>{numbers}{cells}</tr>"


def status_html(status: CohortStatus) -> str:
    """The matrix as one offline HTML page: no scripts, nothing remote, every text escaped."""
    e = html.escape
    rows = "\n".join(_status_table_row(lr, status.criteria) for lr in status.learners)
    problems = sum(1 for lr in status.learners if lr.state != "ok")
    name = e(status.cohort_dir.resolve().name)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cohort progress: {name}</title>
<style>{_STATUS_CSS}</style>
</head>
<body>
<main>
<h1>Cohort progress: {name}</h1>
<p>Made on {e(_when_generated(status.generated_at))} from {len(status.learners)} learner
folders ({problems} with a missing or damaged answers file). Each criterion's status comes from
the checks learners see under "What your assessor will look for": guidance, not a mark.</p>
<p class="legend"><span class="met">M = met</span><span class="partly">P = partly</span>
<span class="not-yet">\u2013 = not yet</span></p>
<table>
<caption class="sr">Learners by assessment criterion</caption>
<thead>{_status_table_head(status.criteria)}</thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>
"""


# -- export -------------------------------------------------------------------------------
def _hash_file(digest: Any, path: Path, name: str) -> None:
    digest.update(name.encode("utf-8") + b"\0")
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    digest.update(b"\0")


def fingerprint(area: Path, notebooks_dir: Path | None = None) -> str:
    """SHA-256 over the store, attachments and learner data (and the notebooks exported).

    Two equal fingerprints mean an export would come out the same, so it can be skipped.
    """
    digest = hashlib.sha256()
    store = area / STORE_FILENAME
    if store.exists():
        _hash_file(digest, store, STORE_FILENAME)
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
        lines += [f"  FAILED {r.learner_id}: {r.message}" for r in self.with_outcome("failed")]
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
        _read_answers(area)  # a damaged store fails here with a clear reason
        digest = fingerprint(area, notebooks)
        if not force and _pack_is_current(out, digest):
            return LearnerExport(learner_id, "skipped", time.perf_counter() - started)
        files, problem = _run_export(area, out, notebooks, criteria_path, kernels)
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


def _run_export(
    area: Path, out: Path, notebooks: Path, criteria_path: str | None, workers: int | None
) -> tuple[list[str], str]:
    """Call the evidence export; return the files written (relative to ``out``) and any problem."""
    from .export import export_evidence

    out.mkdir(parents=True, exist_ok=True)
    result = export_evidence(
        area,
        notebooks_dir=notebooks,
        criteria_path=Path(criteria_path) if criteria_path else None,
        out_dir=out,
        workers=workers,
    )
    files = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.name != FINGERPRINT_FILE
    )
    failures = [f"{stem} could not be generated ({why})" for stem, why in result.failed.items()]
    return files, "; ".join(failures)


EXPORT_LOG = "export-log.txt"


def _warm_worker(log_path: str) -> None:
    """Per worker process: send kernels' chatter to a log file; import the export once."""
    with contextlib.suppress(OSError):
        log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 2)  # kernels inherit this worker's stderr; the tutor sees only progress
        os.close(log)
    from . import export  # noqa: F401


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
) -> CohortExportReport:
    """Export every learner's evidence pack into ``out_dir/<learner_id>/``, in parallel.

    ``jobs`` worker processes (default: the number of cores). A learner whose store,
    attachments, data and notebooks are unchanged since their last pack is skipped.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

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
        )
        for learner_id, folder in usable
    ]
    context = multiprocessing.get_context("spawn")  # same behaviour on Linux, macOS and Windows
    log = str(out / EXPORT_LOG)
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_warm_worker, initargs=(log,)
    ) as pool:
        futures = [pool.submit(export_one_learner, *a) for a in args]
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            results.append(result)
            if progress:
                progress(done, len(args), result.learner_id, result.outcome)
    results.sort(key=lambda r: r.learner_id)
    return CohortExportReport(out, results, time.perf_counter() - started)


# -- progress -----------------------------------------------------------------------------
class TextProgress:
    """A progress bar in plain text: redrawn in place on a terminal, one line per step otherwise.

    Without a terminal (a log file, a notebook, CI) long runs print about every tenth step.
    """

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stdout
        self.width = width
        self.started = time.perf_counter()
        self._last_tenth = -1

    def __call__(self, done: int, total: int, item: str, what: str) -> None:
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        bar = "#" * filled + "." * (self.width - filled)
        elapsed = time.perf_counter() - self.started
        line = f"{self.label} [{bar}] {done}/{total} {item}: {what} ({elapsed:.0f} s)"
        if self.stream.isatty():
            self.stream.write("\r\033[K" + line + ("\n" if done == total else ""))
        else:
            tenth = int(fraction * 10)
            if total > 40 and tenth == self._last_tenth and done != total:
                return
            self._last_tenth = tenth
            self.stream.write(line + "\n")
        self.stream.flush()


# -- JupyterHub links ---------------------------------------------------------------------
def nbgitpuller_link(
    hub_url: str,
    repo_url: str,
    branch: str = "main",
    notebook: str = "00_start_here.ipynb",
    folder: str | None = None,
) -> str:
    """A link that makes a JupyterHub pull the course (nbgitpuller) and open ``notebook``.

    The course lands in ``~/<folder>`` (by default the last part of ``repo_url``, as nbgitpuller
    names it). Learners' answers in ``<folder>/coursework/`` are untracked by git, so a second
    click updates the notebooks and never touches them.
    """
    from urllib.parse import urlencode

    target = folder or repo_url.split("/")[-1]
    if not target or "/" in target or target in (".", ".."):
        raise CourseworkError(f'"{target}" cannot be the folder the course is pulled into.')
    params = {
        "repo": repo_url,
        "branch": branch,
        "urlpath": f"lab/tree/{target}/notebooks/{notebook}",
    }
    if folder:
        params["targetpath"] = folder
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{urlencode(params)}"
