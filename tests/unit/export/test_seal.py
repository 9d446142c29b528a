"""Sealed packs: a signature with the centre's Ed25519 key over the manifest and the time of
sealing. With the centre's public key any change after sealing is found, including one where
the attacker rewrote ``manifest.json`` and ``manifest.sha256`` to match an edited page."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from helpers.errors import CourseworkError
from helpers.export.bundle import check_bundle, write_bundle
from helpers.export.seal import (
    SEAL,
    generate_keys,
    load_private_key,
    load_public_key,
    seal_bundle,
    verify_pack,
)

FILES = {
    "evidence.html": b"<!DOCTYPE html><p>Grade me: my own answer</p>",
    "01_review.html": b"<!DOCTYPE html><p>Channels review</p>",
    "answers.json": b'{"01.review.channels": "Phone and email"}',
}


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return generate_keys(tmp_path / "keys")


@pytest.fixture
def sealed(tmp_path: Path, keys: tuple[Path, Path]) -> Path:
    pack = write_bundle(tmp_path / "evidence.zip", FILES, "test 1.0", "2026-03-01T10:00:00+00:00")
    seal_bundle(pack, load_private_key(keys[0]))
    return pack


def _rewrite(source: Path, target: Path, changed: dict[str, bytes]) -> Path:
    """Copy ``source`` with some members replaced, then rewrite the manifest and its digest to
    match, as an attacker who knows the format would (the seal is copied unchanged)."""
    with zipfile.ZipFile(source) as old:
        members = {name: old.read(name) for name in old.namelist()}
    members.update(changed)
    manifest = json.loads(members["manifest.json"])
    manifest["files"] = {
        name: hashlib.sha256(data).hexdigest()
        for name, data in members.items()
        if name not in {"manifest.json", "manifest.sha256", SEAL}
    }
    members["manifest.json"] = json.dumps(manifest, indent=1, sort_keys=True).encode()
    members["manifest.sha256"] = (
        hashlib.sha256(members["manifest.json"]).hexdigest() + "\n"
    ).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)
    return target


def test_an_intact_sealed_pack_passes_with_the_centre_key(
    sealed: Path, keys: tuple[Path, Path]
) -> None:
    verdict = verify_pack(sealed, load_public_key(keys[1]))
    assert verdict.ok, verdict
    assert verdict.seal is not None and verdict.seal.sealed_at


def test_the_seal_is_a_member_and_the_manifest_lists_every_other_one(sealed: Path) -> None:
    with zipfile.ZipFile(sealed) as bundle:
        names = set(bundle.namelist())
        listed = set(json.loads(bundle.read("manifest.json"))["files"])
        seal = json.loads(bundle.read(SEAL))
    assert SEAL in names
    assert listed == names - {"manifest.json", "manifest.sha256", SEAL}
    assert {"public_key_fingerprint", "sealed_at", "signature", "manifest_sha256"} <= set(seal)


def test_a_page_edited_with_its_manifest_rewritten_fails(
    sealed: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    forged = _rewrite(sealed, tmp_path / "forged.zip", {"evidence.html": b"<p>Not mine</p>"})
    assert check_bundle(forged).intact  # the hashes alone cannot tell
    verdict = verify_pack(forged, load_public_key(keys[1]))
    assert not verdict.ok
    assert "manifest.json" in verdict.seal_problem and "since" in verdict.seal_problem


def test_a_file_added_with_the_manifest_rewritten_fails(
    sealed: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    forged = _rewrite(sealed, tmp_path / "added.zip", {"04_extra.html": b"<p>Extra</p>"})
    assert not verify_pack(forged, load_public_key(keys[1])).ok


def test_a_pack_sealed_by_another_key_fails(
    tmp_path: Path, keys: tuple[Path, Path], sealed: Path
) -> None:
    other_private, _ = generate_keys(tmp_path / "other")
    forged = _rewrite(sealed, tmp_path / "resealed.zip", {"evidence.html": b"<p>Not mine</p>"})
    seal_bundle(forged, load_private_key(other_private))  # a fresh, valid seal by the wrong key
    verdict = verify_pack(forged, load_public_key(keys[1]))
    assert not verdict.ok
    assert "different key" in verdict.seal_problem


def test_a_changed_sealing_time_fails(
    sealed: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    with zipfile.ZipFile(sealed) as bundle:
        seal = json.loads(bundle.read(SEAL))
    seal["sealed_at"] = "2025-01-01T09:00:00+00:00"  # backdated
    forged = _rewrite(sealed, tmp_path / "backdated.zip", {SEAL: json.dumps(seal).encode()})
    verdict = verify_pack(forged, load_public_key(keys[1]))
    assert not verdict.ok and SEAL in verdict.seal_problem


def test_an_unsealed_pack_with_a_key_is_not_sealed(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    pack = write_bundle(tmp_path / "evidence.zip", FILES, "test 1.0", "now")
    verdict = verify_pack(pack, load_public_key(keys[1]))
    assert not verdict.ok and verdict.seal is None
    assert "not sealed" in verdict.seal_problem


def test_without_a_key_a_sealed_pack_is_checked_for_damage_only(sealed: Path) -> None:
    verdict = verify_pack(sealed, None)
    assert verdict.ok and verdict.seal is not None


def test_sealing_twice_with_the_same_key_keeps_the_first_seal(
    sealed: Path, keys: tuple[Path, Path]
) -> None:
    before = sealed.read_bytes()
    seal_bundle(sealed, load_private_key(keys[0]))
    assert sealed.read_bytes() == before


def test_sealing_with_a_new_key_replaces_the_seal(
    sealed: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    new_private, new_public = generate_keys(tmp_path / "new")
    seal_bundle(sealed, load_private_key(new_private))
    assert verify_pack(sealed, load_public_key(new_public)).ok
    assert not verify_pack(sealed, load_public_key(keys[1])).ok
    with zipfile.ZipFile(sealed) as bundle:
        assert bundle.namelist().count(SEAL) == 1


def test_a_damaged_pack_is_not_sealed(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    pack = write_bundle(tmp_path / "evidence.zip", FILES, "test 1.0", "now")
    with zipfile.ZipFile(pack, "a") as bundle:
        bundle.writestr("slipped-in.html", b"<p>added later</p>")
    with pytest.raises(CourseworkError, match="slipped-in.html"):
        seal_bundle(pack, load_private_key(keys[0]))


def test_the_private_key_is_private_and_never_overwritten(keys: tuple[Path, Path]) -> None:
    private, public = keys
    assert private.stat().st_mode & 0o777 == 0o600
    assert b"PRIVATE KEY" in private.read_bytes() and b"PUBLIC KEY" in public.read_bytes()
    before = private.read_bytes()
    with pytest.raises(CourseworkError, match="centre.key"):
        generate_keys(private.parent)
    assert private.read_bytes() == before


def test_a_public_key_cannot_seal(keys: tuple[Path, Path]) -> None:
    with pytest.raises(CourseworkError, match="centre.pub"):
        load_private_key(keys[1])


def test_a_file_that_is_not_a_key_is_named(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a key")
    with pytest.raises(CourseworkError, match="notes.txt"):
        load_public_key(notes)
    with pytest.raises(CourseworkError, match="notes.txt"):
        load_private_key(notes)
