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


def _jupyter_server() -> dict[str, object] | None:
    """The Jupyter server this kernel runs under: its ``root_dir`` and ``base_url``, or None.

    Every Jupyter server writes ``jpserver-<pid>.json`` in the runtime folder, and a local
    kernel is its server's child; so the file named after this process's parent is its own
    server, on a laptop, Binder or a hub alike. Else (a kernel started another way), the one
    running server whose root holds this kernel's folder, if there is exactly one.
    """
    import json

    try:
        from jupyter_core.paths import jupyter_runtime_dir

        runtime = Path(jupyter_runtime_dir())
        own = runtime / f"jpserver-{os.getppid()}.json"
        candidates = [own] if own.is_file() else sorted(runtime.glob("jpserver-*.json"))
        here = Path.cwd().resolve()
    except (ImportError, OSError):
        return None
    found = []
    for file in candidates:
        try:
            info = json.loads(file.read_text(encoding="utf-8"))
            root = Path(info["root_dir"]).expanduser().resolve()
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if file == own or here.is_relative_to(root):
            found.append({"root_dir": root, "base_url": str(info.get("base_url") or "/")})
    return found[0] if len(found) == 1 else None


def lab_link(path: str | os.PathLike[str], *, download: bool = False) -> str | None:
    """The address of ``path`` for the learner's browser, through their Jupyter server.

    The server's ``files/`` route serves it (with ``?download=1``: as a download), under the
    server's own prefix: ``/files/...`` with ``make lab``, ``/user/<name>/files/...`` on
    Binder and JupyterHub. The link starts at the site's root, so it works wherever the page
    showing it is. None when ``path`` is outside the folder the server shows (``COURSEWORK_DIR``
    elsewhere), or no server is found: then say so in words, never show a dead link.
    """
    from urllib.parse import quote

    server = _jupyter_server()
    if server is None:
        return None
    root = Path(str(server["root_dir"]))
    target = Path(path).resolve()
    if not target.is_relative_to(root) or target == root:
        return None
    base = "/" + str(server["base_url"]).strip("/") + "/"
    url = base.replace("//", "/") + "files/" + quote(target.relative_to(root).as_posix())
    return url + "?download=1" if download else url
