"""Sealed packs: the centre's Ed25519 signature over a pack's manifest and the time of sealing.

The manifest (``manifest.json``) lists the SHA-256 of every other file in the zip, so signing
its digest signs them all. ``seal.json``, added inside the zip, holds the digest, the time of
sealing, the centre's public key and its fingerprint, and the signature over the first three.
Checked with the centre's public key (``centre.pub``), any change after sealing fails: an
edited page, a rewritten manifest, a changed time, or a fresh seal by someone else's key.

What a seal does not prove: that the work is the learner's own, that the pack was right when
it was sealed, or anything at all once the private key (``centre.key``) has leaked.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import shutil
import zipfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..errors import CourseworkError
from .bundle import BLOCK, SEAL, BundleCheck, Refused, check_bundle, load_json_object, sha256_bytes

PRIVATE_KEY_NAME = "centre.key"
PUBLIC_KEY_NAME = "centre.pub"
FORMAT = "coursework-seal/1"
MAX_KEY_BYTES = 16 << 10


@dataclass(frozen=True)
class Seal:
    """One pack's seal, as read from (or written to) ``seal.json``."""

    manifest_sha256: str
    sealed_at: str
    fingerprint: str
    public_key: Ed25519PublicKey
    signature: bytes

    def payload(self) -> bytes:
        """The bytes the signature covers: the manifest's digest, the time and the key."""
        signed = {
            "format": FORMAT,
            "manifest_sha256": self.manifest_sha256,
            "public_key_fingerprint": self.fingerprint,
            "sealed_at": self.sealed_at,
        }
        return json.dumps(signed, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def to_json(self) -> bytes:
        record = json.loads(self.payload()) | {
            "algorithm": "Ed25519",
            "public_key": _b64(_raw(self.public_key)),
            "signature": _b64(self.signature),
        }
        return json.dumps(record, indent=1, sort_keys=True).encode("utf-8")

    @property
    def sealed_on(self) -> str:
        """The time of sealing for a person: '01 March 2026, 10:00 UTC'."""
        try:
            return datetime.fromisoformat(self.sealed_at).strftime("%d %B %Y, %H:%M UTC")
        except ValueError:
            return self.sealed_at


@dataclass
class PackVerdict:
    """What :func:`verify_pack` found: the files' check, the seal (if any) and its problem."""

    check: BundleCheck
    seal: Seal | None
    seal_problem: str = ""

    @property
    def ok(self) -> bool:
        return self.check.intact and not self.seal_problem


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """The key's SHA-256 fingerprint (hex), as stored in ``seal.json``."""
    return sha256_bytes(_raw(public_key))


def short_fingerprint(full: str) -> str:
    """The first 16 hex digits in fours, for people comparing keys by eye."""
    return " ".join(full[i : i + 4] for i in range(0, 16, 4))


def generate_keys(folder: Path) -> tuple[Path, Path]:
    """Write ``centre.key`` (private, mode 0600) and ``centre.pub`` into ``folder``; never
    overwrite either."""
    private_path, public_path = folder / PRIVATE_KEY_NAME, folder / PUBLIC_KEY_NAME
    for path in (private_path, public_path):
        if path.exists():
            raise CourseworkError(
                f"{path} already exists, and coursework keys never overwrites a key (packs "
                "sealed with it could no longer be checked). Choose another --out folder."
            )
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    folder.mkdir(parents=True, exist_ok=True)
    # O_EXCL: another process writing the same name at the same moment makes this fail, not
    # overwrite; mode 0600 from the start, so the key is never readable by others.
    handle = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "wb") as out:
        out.write(private_pem)
    public_path.write_bytes(public_pem)
    return private_path, public_path


def _key_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise CourseworkError(f"There is no key file {path}. Check the name and folder.")
    if path.stat().st_size > MAX_KEY_BYTES:
        raise CourseworkError(f"{path.name} is not a key made by coursework keys.")
    return path.read_bytes()


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The centre's private key from ``path`` (as written by :func:`generate_keys`)."""
    data = _key_bytes(path)
    if b"PUBLIC KEY" in data:
        raise CourseworkError(
            f"{path.name} is a public key, which can only check seals; sealing needs the "
            f"private key ({PRIVATE_KEY_NAME}) made with it by coursework keys."
        )
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise CourseworkError(
            f"{path.name} is not a private key made by coursework keys (an Ed25519 key in PEM "
            "form, without a passphrase)."
        )
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The centre's public key from ``path``; a private key file is accepted too (its public
    half is used), though assessors should only ever be given ``centre.pub``."""
    data = _key_bytes(path)
    if b"PRIVATE KEY" in data:
        return load_private_key(path).public_key()
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        key = None
    if not isinstance(key, Ed25519PublicKey):
        raise CourseworkError(
            f"{path.name} is not a public key made by coursework keys (the centre's "
            f"{PUBLIC_KEY_NAME})."
        )
    return key


def read_seal(data: bytes) -> Seal:
    """Parse ``seal.json``; :class:`Refused` when it is not a well-formed seal."""
    record = load_json_object(data, SEAL)
    damaged = Refused(f"{SEAL} is damaged, so the seal cannot be checked.")
    fields = ("manifest_sha256", "sealed_at", "public_key_fingerprint", "public_key", "signature")
    if record.get("format") != FORMAT or not all(isinstance(record.get(f), str) for f in fields):
        raise damaged
    try:
        public_key = Ed25519PublicKey.from_public_bytes(base64.b64decode(record["public_key"]))
        signature = base64.b64decode(record["signature"], validate=True)
    except (ValueError, binascii.Error):
        raise damaged from None
    seal = Seal(
        record["manifest_sha256"],
        record["sealed_at"],
        record["public_key_fingerprint"],
        public_key,
        signature,
    )
    if fingerprint(public_key) != seal.fingerprint:
        raise damaged
    return seal


def _seal_problem(seal: Seal, manifest_digest: str, key: Ed25519PublicKey | None) -> str:
    """Why the seal does not vouch for this pack (checked with ``key`` if given), or ''."""
    if key is not None and fingerprint(key) != seal.fingerprint:
        return (
            f"it was sealed with a different key (fingerprint {short_fingerprint(seal.fingerprint)}), "
            f"not the one you gave (fingerprint {short_fingerprint(fingerprint(key))}), so it "
            "cannot be trusted as your centre's."
        )
    try:
        (key or seal.public_key).verify(seal.signature, seal.payload())
    except InvalidSignature:
        return f"{SEAL} has been changed since sealing: its signature does not match."
    if seal.manifest_sha256 != manifest_digest:
        return (
            f"manifest.json has been changed since the pack was sealed on {seal.sealed_on}, so "
            "the files it lists may have been changed too."
        )
    return ""


def verify_pack(path: Path, key: Ed25519PublicKey | None) -> PackVerdict:
    """Check the pack's files and, with the centre's public ``key``, that nothing changed since
    it was sealed. Without a key a seal is checked only against the key it names itself."""
    check = check_bundle(path)
    if check.refused:
        return PackVerdict(check, None)
    if check.seal is None:
        unsealed = "it is not sealed, so --key cannot show it is as the centre made it"
        return PackVerdict(check, None, unsealed if key is not None else "")
    try:
        seal = read_seal(check.seal)
    except Refused as refusal:
        return PackVerdict(check, None, str(refusal))
    return PackVerdict(check, seal, _seal_problem(seal, check.manifest_digest, key))


def seal_bundle(path: Path, key: Ed25519PrivateKey) -> tuple[Seal, bool]:
    """Seal the pack at ``path`` with the centre's private ``key``; return the seal and whether
    the zip changed. A pack this key already sealed is left as it is (the first time of sealing
    stands); a seal by another key is replaced. A damaged pack is never sealed."""
    verdict = verify_pack(path, key.public_key())
    check = verdict.check
    if check.refused or check.problems:
        reason = check.refused or " ".join(check.problems)
        raise CourseworkError(f"{path.name} cannot be sealed, because it is not intact: {reason}")
    if verdict.ok and verdict.seal is not None:
        return verdict.seal, False
    sealed_at = datetime.now(UTC).isoformat(timespec="seconds")
    public_key = key.public_key()
    unsigned = Seal(check.manifest_digest, sealed_at, fingerprint(public_key), public_key, b"")
    seal = replace(unsigned, signature=key.sign(unsigned.payload()))
    _write_sealed_copy(path, seal)
    return seal, True


def _write_sealed_copy(path: Path, seal: Seal) -> None:
    """Copy every member but an old seal, block by block, add ``seal.json``, then replace the
    zip in one step, so an interrupted seal leaves the pack as it was."""
    partial = path.with_suffix(".sealing")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename == SEAL:
                continue
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type = zipfile.ZIP_DEFLATED
            big = info.file_size >= zipfile.ZIP64_LIMIT
            with old.open(info) as source, new.open(copy, "w", force_zip64=big) as target:
                shutil.copyfileobj(source, target, BLOCK)
        new.writestr(SEAL, seal.to_json())
    partial.replace(path)
