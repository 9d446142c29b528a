"""``evidence.zip``: the pack's files plus a manifest of SHA-256 digests, and its verification.

``manifest.json`` lists every other file's SHA-256, the generator and the time;
``manifest.sha256`` holds the digest of ``manifest.json`` itself, so a change to any file in
the bundle, the manifest included, is detected by :func:`verify_bundle`.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path

MANIFEST = "manifest.json"
MANIFEST_DIGEST = "manifest.sha256"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(files: Mapping[str, bytes], generator: str, created: str) -> bytes:
    """The manifest for ``files`` (name in the zip -> content), as stable JSON bytes."""
    manifest = {
        "generator": generator,
        "created": created,
        "files": {name: sha256_bytes(data) for name, data in sorted(files.items())},
    }
    return json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")


def write_bundle(target: Path, files: Mapping[str, bytes], generator: str, created: str) -> Path:
    """Write the zip with the files, the manifest and the manifest's own digest."""
    manifest = manifest_bytes(files, generator, created)
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, data in sorted(files.items()):
            bundle.writestr(name, data)
        bundle.writestr(MANIFEST, manifest)
        bundle.writestr(MANIFEST_DIGEST, sha256_bytes(manifest) + "\n")
    partial.replace(target)
    return target


def verify_bundle(path: Path) -> list[str]:
    """Problems found in the bundle (empty when intact); each names the file concerned."""
    try:
        bundle = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        return [f"{path.name} is not a readable zip file ({error})."]
    with bundle:
        contents: dict[str, bytes] = {}
        problems: list[str] = []
        for info in bundle.infolist():
            try:
                contents[info.filename] = bundle.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
                problems.append(f"{info.filename} is damaged in the zip ({error}).")
    if problems:
        return problems
    if MANIFEST not in contents or MANIFEST_DIGEST not in contents:
        return [f"{MANIFEST} or {MANIFEST_DIGEST} is missing, so the bundle cannot be checked."]
    if (
        sha256_bytes(contents[MANIFEST])
        != contents[MANIFEST_DIGEST].decode("ascii", "replace").strip()
    ):
        return [f"{MANIFEST} has been changed (it no longer matches {MANIFEST_DIGEST})."]
    try:
        listed = json.loads(contents[MANIFEST])["files"]
    except (ValueError, KeyError, TypeError):
        return [f"{MANIFEST} is not a valid manifest."]
    for name, digest in sorted(listed.items()):
        if name not in contents:
            problems.append(f"{name} is missing from the bundle.")
        elif sha256_bytes(contents[name]) != digest:
            problems.append(f"{name} has been changed since the bundle was made.")
    for name in sorted(set(contents) - set(listed) - {MANIFEST, MANIFEST_DIGEST}):
        problems.append(f"{name} was added after the bundle was made.")
    return problems
