"""Where things live. One place decides, so tests can point everything at a temporary folder."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

from .errors import CourseworkError

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
DATA_DIR = REPO_ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
REFERENCE_DIR = DATA_DIR / "reference"

STORE_FILENAME = "answers.sqlite"

# "C:", "c:\\" or "C:/" at the start: a Windows drive, never a place inside a working area.
_DRIVE = re.compile(r"^[A-Za-z]:")


class OutsideArea(CourseworkError):
    """A path read from a store or a learner folder leads outside its working area."""


def inside(area: str | os.PathLike[str], relative: str | os.PathLike[str]) -> Path:
    """``relative`` resolved inside the folder ``area``, or :class:`OutsideArea`.

    Every path that comes from a learner's store or folder goes through here before it is
    opened: a learner folder is untrusted input to the tutor's tools, which run with more
    rights. Refused: empty names, ``..`` parts, absolute paths, drive letters, backslashes (a
    Windows separator that could climb out there) and links, final or in a parent folder,
    that lead out of the area. Links that stay inside are followed.
    """
    text = os.fspath(relative)
    parts = PurePosixPath(text).parts
    unsafe = (
        not text.strip()
        or "\\" in text
        or "\x00" in text
        or text.startswith("/")
        or _DRIVE.match(text) is not None
        or ".." in parts
    )
    root = Path(area).resolve(strict=False)
    resolved = root.joinpath(*parts).resolve(strict=False) if not unsafe else root
    if unsafe or not resolved.is_relative_to(root) or resolved == root:
        raise OutsideArea(
            f'The path "{text}" points outside the folder {Path(area).name}, so it was not used.'
        )
    return resolved


def coursework_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The learner's working area: ``path``, else ``$COURSEWORK_DIR``, else the ``coursework/``
    folder beside the ``notebooks/`` folder the kernel runs in, else the repository's."""
    if path is not None:
        return Path(path).expanduser()
    env = os.environ.get("COURSEWORK_DIR")
    if env:
        return Path(env).expanduser()
    return _area_beside_notebooks() or REPO_ROOT / "coursework"


def _area_beside_notebooks() -> Path | None:
    """``<folder>/coursework`` when the kernel runs in ``<folder>/notebooks`` (or ``<folder>``).

    Why: a learner's copy made by ``coursework release`` or pulled by nbgitpuller on a hub keeps
    its answers beside its own notebooks, even when ``helpers`` is installed elsewhere.
    """
    try:
        start = Path.cwd()
    except OSError:
        return None
    for base in (start, start.parent):
        if (base / "notebooks").is_dir() and (base / "coursework").is_dir():
            return base / "coursework"
    return None


def backups_dir(area: Path) -> Path:
    return area / "backups"


def attachments_dir(area: Path) -> Path:
    return area / "attachments"


def exports_dir(area: Path) -> Path:
    return area / "exports"


def learner_data_dir(area: Path) -> Path:
    return area / "data"
