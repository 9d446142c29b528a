"""The digest of the course extension's source, recorded in its committed build.

Learners never build the extension: its built files are committed under helpers/labextension/.
`make labextension` rebuilds them and then runs this script with ``--write``, which records the
digest of the source in the built package.json. tests/unit/test_labextension.py recomputes the
digest, so a change to the source that was not rebuilt fails there.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILT = HERE.parent / "helpers" / "labextension"
DIGEST_KEY = "courseworkSourceDigest"
# Everything that decides what the build contains (node_modules and lib/ are made from these).
SOURCES = ("package.json", "package-lock.json", "tsconfig.json", "install.json")
SOURCE_FOLDERS = ("src", "style", "schema")


def source_files(root: Path = HERE) -> list[Path]:
    files = [root / name for name in SOURCES]
    for folder in SOURCE_FOLDERS:
        files += [p for p in (root / folder).rglob("*") if p.is_file()]
    return sorted(files)


def source_digest(root: Path = HERE) -> str:
    """SHA-256 over each source file's path (relative to ``root``) and bytes."""
    digest = hashlib.sha256()
    for path in source_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def recorded_digest(built: Path = BUILT) -> str | None:
    data = json.loads((built / "package.json").read_text(encoding="utf-8"))
    value = data.get(DIGEST_KEY)
    return value if isinstance(value, str) else None


def write(built: Path = BUILT, root: Path = HERE) -> None:
    """Record the digest in the build and add install.json (how `jupyter labextension list`
    names the Python package that ships the extension)."""
    package = built / "package.json"
    data = json.loads(package.read_text(encoding="utf-8"))
    data[DIGEST_KEY] = source_digest(root)
    package.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    shutil.copyfile(root / "install.json", built / "install.json")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python labextension/source_digest.py --write")
    write()
    print(f"recorded {source_digest()} in {BUILT / 'package.json'}")
