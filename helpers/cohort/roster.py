"""The roster: who is in the cohort, checked so every learner's folder stays inside it."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..data.reading import decode_text
from ..errors import CourseworkError, Problem

ROSTER_COLUMNS = ("learner_id", "name", "centre", "organisation", "job_role")
# Letters, digits, dot, dash and underscore; starting with a letter or digit, so never "..".
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
# Names that Windows refuses as file or folder names, whatever the extension.
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{p}{i}" for p in ("com", "lpt") for i in "123456789"
}
_PATH_CHARACTERS = re.compile(r"[/\\\x00-\x1f]")


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
    if learner_id.endswith("."):
        return (
            f'The learner id "{learner_id}" ends with a dot, which Windows drops from folder '
            "names (so it would be the same folder as one without the dot)."
        )
    return None


def windows_folder_name(learner_id: str) -> str:
    """The folder ``learner_id`` names on Windows, which ignores case and trailing dots and
    spaces: two ids with the same folder name would share one learner's folder."""
    return learner_id.rstrip(". ").lower()


def _clash(learner_id: str, first: tuple[int, str]) -> str:
    row, other = first
    if other == learner_id:
        return f'The learner id "{learner_id}" is already used in row {row}.'
    return (
        f'The learner id "{learner_id}" and "{other}" in row {row} name the same folder on '
        "Windows, which ignores capital letters and a dot or space at the end."
    )


def check_roster_rows(
    rows: Sequence[dict[str, str | None]], file: str = "roster.csv"
) -> tuple[list[Learner], list[Problem]]:
    """Learners from roster rows (as read by ``csv.DictReader``) and the problems found.

    Rows are numbered as a spreadsheet shows them: the header is row 1.
    """
    learners: list[Learner] = []
    problems: list[Problem] = []
    seen: dict[str, tuple[int, str]] = {}  # Windows folder name -> first row and id using it
    fix_id = "Give every learner a unique id such as L001."
    for number, row in enumerate(rows, start=2):
        values = {key: (row.get(key) or "").strip() for key in ROSTER_COLUMNS}
        if not any(values.values()) and not any((v or "").strip() for v in row.values()):
            continue  # a blank line in the spreadsheet
        learner_id, name = values["learner_id"], values["name"]
        row_problems = []
        folder_name = windows_folder_name(learner_id)
        reason = learner_id_problem(learner_id)
        if learner_id and folder_name in seen:  # named first: it points at both rows
            reason = _clash(learner_id, seen[folder_name])
        if reason:
            row_problems.append(Problem(reason, file, number, "learner_id", fix_id))
        if learner_id:  # refused rows count too, so a later clash names them
            seen.setdefault(folder_name, (number, learner_id))
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
            learners.append(Learner(**values))
    return learners, problems


def read_roster(path: str | os.PathLike[str]) -> list[Learner]:
    """Read a roster CSV (``learner_id,name[,centre,organisation,job_role]``).

    Raises :class:`CourseworkError` listing every bad row when any row is refused.
    """
    path = Path(path)
    try:
        text, _ = decode_text(path.read_bytes())
    except (OSError, UnicodeDecodeError) as error:
        raise CourseworkError(
            f"The roster {path} could not be read. Check the file is there, then save it from "
            "your spreadsheet as CSV and try again."
        ) from error
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
