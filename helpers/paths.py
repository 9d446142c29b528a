"""Where things live. One place decides, so tests can point everything at a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
DATA_DIR = REPO_ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
REFERENCE_DIR = DATA_DIR / "reference"

STORE_FILENAME = "answers.sqlite"


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
