"""``evidence.zip``: the pack's files plus a manifest of SHA-256 digests, and its verification.

``manifest.json`` lists every other file's SHA-256, the generator and the time;
``manifest.sha256`` holds the digest of ``manifest.json`` itself, so a change to any file in
the bundle, the manifest included, is detected by :func:`check_bundle`. That detects accidents
only: anyone can rewrite the files and the manifest together. A seal (``seal.json``, see
:mod:`.seal`) signs the manifest's digest with the centre's key, which detects any change.

A pack arrives from outside, so :func:`check_bundle` trusts nothing in it: it refuses unsafe
member names, links, duplicates, encryption, unknown compression and malformed manifests before
reading anything, and hashes each member in fixed-size blocks, so a 1 GB member of a 1 MB zip
never sits in memory.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
MANIFEST_DIGEST = "manifest.sha256"
SEAL = "seal.json"
RESERVED = frozenset({MANIFEST, MANIFEST_DIGEST, SEAL})

MAX_MEMBER_BYTES = 2 << 30  # one file of a pack, unpacked: packs are megabytes, not gigabytes
MAX_TOTAL_BYTES = 16 << 30
MAX_MEMBERS = 20_000
MAX_SMALL_BYTES = {MANIFEST: 32 << 20, MANIFEST_DIGEST: 1 << 10, SEAL: 64 << 10}
BLOCK = 1 << 20
# Only the methods a pack is written with: bzip2 and LZMA inflate without a bound per block.
READABLE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
DRIVE = re.compile(r"^[A-Za-z]:")
SHA256 = re.compile(r"^[0-9a-f]{64}$")


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


class Refused(Exception):
    """The zip is unsafe or malformed; the message is one plain sentence saying how."""


class Damaged(Refused):
    """A member cannot be read back (a bad checksum, cut short): accidental damage, most often."""


@dataclass
class BundleCheck:
    """What :func:`check_bundle` found.

    ``refused`` is one sentence when the zip could not safely be checked at all; otherwise
    ``problems`` names each file changed, added, missing or damaged (empty when intact).
    """

    refused: str = ""
    problems: list[str] = field(default_factory=list)
    manifest_digest: str = ""
    seal: bytes | None = None

    @property
    def intact(self) -> bool:
        return not self.refused and not self.problems


def verify_bundle(path: Path) -> list[str]:
    """Problems found in the bundle (empty when intact); each names the file concerned."""
    check = check_bundle(path)
    return [check.refused] if check.refused else check.problems


def check_bundle(path: Path) -> BundleCheck:
    """Check every member of the zip at ``path`` against its manifest, trusting nothing in it."""
    try:
        with zipfile.ZipFile(path) as bundle:
            return _check_open_bundle(bundle, path.name)
    except Refused as refusal:
        return BundleCheck(refused=f"{path.name} is refused: {refusal}")
    except (OSError, zipfile.BadZipFile, EOFError, ValueError):
        return BundleCheck(
            refused=f"{path.name} is refused: it is not a readable zip file (it may be "
            "incomplete or damaged); ask for a fresh copy of the pack."
        )


def _check_open_bundle(bundle: zipfile.ZipFile, zip_name: str) -> BundleCheck:
    infos = bundle.infolist()
    _refuse_unsafe_members(infos)
    by_name = {info.filename: info for info in infos}
    for name in (MANIFEST, MANIFEST_DIGEST):
        if name not in by_name:
            return BundleCheck(problems=[f"{name} is missing, so the bundle cannot be checked."])
    small = {name: _read_small(bundle, by_name[name]) for name in RESERVED if name in by_name}
    check = BundleCheck(manifest_digest=sha256_bytes(small[MANIFEST]), seal=small.get(SEAL))
    if check.manifest_digest != small[MANIFEST_DIGEST].decode("ascii", "replace").strip():
        check.problems.append(
            f"{MANIFEST} has been changed (it no longer matches {MANIFEST_DIGEST})."
        )
        return check
    listed = parse_manifest(small[MANIFEST])
    for name, digest in sorted(listed.items()):
        if name not in by_name:
            check.problems.append(f"{name} is missing from the bundle.")
        else:
            check.problems += _member_problems(bundle, by_name[name], digest)
    for name in sorted(set(by_name) - set(listed) - RESERVED):
        check.problems.append(f"{name} was added after the bundle was made.")
    return check


def _refuse_unsafe_members(infos: list[zipfile.ZipInfo]) -> None:
    """Raise :class:`Refused` for the first member no safe pack would hold."""
    if len(infos) > MAX_MEMBERS:
        raise Refused(f"it holds {len(infos):,} files, far more than any evidence pack.")
    total = 0
    for info in infos:
        problem = _unsafe_name(info.filename) or _unsafe_member(info)
        if problem:
            raise Refused(problem)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise Refused(
            f"its files claim {total / (1 << 30):.0f} GB when unpacked, far more than any evidence pack."
        )
    _refuse_duplicates([info.filename for info in infos])


def _refuse_duplicates(names: list[str]) -> None:
    """Two members with one name (or names Windows treats as one): readers pick different ones."""
    seen: dict[str, str] = {}
    for name in names:
        earlier = seen.setdefault(name.casefold(), name)
        if earlier == name and names.count(name) > 1:
            raise Refused(
                f"it holds '{name}' twice, and programs disagree on which copy counts; ask for "
                "a fresh copy of the pack."
            )
        if earlier != name:
            raise Refused(
                f"it holds '{earlier}' and '{name}', names that differ only in capitals, which "
                "Windows unpacks as one file; ask for a fresh copy of the pack."
            )


def _unsafe_name(name: str) -> str:
    """Why a member name could unpack outside its folder, or '' when it cannot."""
    where = f"the file name '{name}'"
    if "\\" in name:
        return f"{where} holds a backslash, which Windows reads as a folder; do not unpack it."
    if name.startswith("/"):
        return (
            f"{where} is an absolute path that would unpack outside its folder; do not unpack it."
        )
    if DRIVE.match(name):
        return f"{where} starts with a drive letter and would unpack outside its folder; do not unpack it."
    if ".." in name.split("/"):
        return f"{where} climbs out of the folder it would be unpacked into; do not unpack it."
    if not name or "\0" in name:
        return "it holds a file with an empty or broken name; ask for a fresh copy of the pack."
    return ""


def _unsafe_member(info: zipfile.ZipInfo) -> str:
    """Why a member cannot be read safely (link, encrypted, odd method, absurd size), or ''."""
    name = info.filename
    if stat.S_ISLNK(info.external_attr >> 16):
        return f"'{name}' is a symbolic link, which could point anywhere on the computer that unpacks it."
    if info.flag_bits & 0x41:  # traditional or strong encryption
        return f"'{name}' is encrypted, and evidence packs never are; ask for a fresh copy of the pack."
    if info.compress_type not in READABLE_METHODS:
        return (
            f"'{name}' is compressed with a method (number {info.compress_type}) that evidence "
            "packs never use; ask for a fresh copy of the pack."
        )
    if info.file_size > MAX_MEMBER_BYTES:
        return (
            f"'{name}' claims to be {info.file_size / (1 << 30):.0f} GB when unpacked, more than "
            f"the {MAX_MEMBER_BYTES >> 30} GB any file of an evidence pack may be."
        )
    return ""


def _read_small(bundle: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The whole of a small member (the manifest, its digest, the seal), refused when large."""
    limit = MAX_SMALL_BYTES.get(info.filename, 1 << 20)
    if info.file_size > limit:
        raise Refused(f"{info.filename} is {info.file_size:,} bytes, far larger than it can be.")
    data = bytearray()
    for block in _blocks(bundle, info):
        data += block
    return bytes(data)


def _member_problems(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, listed: str) -> list[str]:
    """What is wrong with one member compared with the digest the manifest lists for it."""
    digest = hashlib.sha256()
    try:
        for block in _blocks(bundle, info):
            digest.update(block)
    except Damaged:
        return [f"{info.filename} is damaged inside the zip and cannot be read back."]
    if digest.hexdigest() != listed:
        return [f"{info.filename} has been changed since the bundle was made."]
    return []


def _blocks(bundle: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Yield the member's bytes in blocks, counting them against the size its header claims."""
    seen = 0
    try:
        with bundle.open(info) as member:
            while block := member.read(BLOCK):
                seen += len(block)
                if seen > info.file_size:
                    break
                yield block
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError, NotImplementedError):
        seen = -1
    if seen != info.file_size:
        raise Damaged(
            f"'{info.filename}' is damaged inside the zip and cannot be read back; ask for a "
            "fresh copy of the pack."
        )


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    counts = Counter(key for key, _ in pairs)
    twice = sorted(key for key, count in counts.items() if count > 1)
    if twice:
        raise Refused(f"'{twice[0]}' is listed twice in it")
    return dict(pairs)


def load_json_object(data: bytes, name: str) -> dict[str, Any]:
    """``data`` as a JSON object, refused (naming ``name``) when it is not one or repeats a key."""
    try:
        value = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicate_keys)
    except Refused as refusal:
        raise Refused(f"{name} is not a valid manifest: {refusal}.") from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused(f"{name} is not valid JSON, so nothing in the pack can be checked.") from None
    if not isinstance(value, dict):
        raise Refused(f"{name} is not a valid manifest: it does not hold a table of names.")
    return value


def parse_manifest(data: bytes) -> dict[str, str]:
    """The manifest's ``files`` (member name -> SHA-256), refused unless exactly that shape."""
    files = load_json_object(data, MANIFEST).get("files")
    if not isinstance(files, dict) or not all(
        isinstance(digest, str) and SHA256.match(digest) for digest in files.values()
    ):
        raise Refused(
            f"{MANIFEST} is not a valid manifest: its files are not a table of names and "
            "SHA-256 digests."
        )
    bad_names = sorted(set(files) & RESERVED) + [n for n in files if _unsafe_name(n)]
    if bad_names:
        raise Refused(f"{MANIFEST} is not a valid manifest: it lists '{bad_names[0]}'.")
    return files
