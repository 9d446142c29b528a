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
    """The learner's working area: ``path``, else ``$COURSEWORK_DIR``, else ``coursework/``."""
    if path is not None:
        return Path(path).expanduser()
    env = os.environ.get("COURSEWORK_DIR")
    if env:
        return Path(env).expanduser()
    return REPO_ROOT / "coursework"


def backups_dir(area: Path) -> Path:
    return area / "backups"


def attachments_dir(area: Path) -> Path:
    return area / "attachments"


def exports_dir(area: Path) -> Path:
    return area / "exports"


def learner_data_dir(area: Path) -> Path:
    return area / "data"
