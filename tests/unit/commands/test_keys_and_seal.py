"""`coursework keys`, `coursework seal` and `coursework verify --key`, run as a centre and an
assessor would run them (in-process, real files)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from helpers.cli import main
from helpers.export.bundle import write_bundle

FILES = {
    "evidence.html": b"<!DOCTYPE html><p>My answer</p>",
    "answers.json": b'{"01.review.channels": "Phone"}',
}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert "Something went wrong" not in said and "Traceback" not in said
    return code, said


@pytest.fixture
def centre(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, said = _run(capsys, "keys", "--out", str(tmp_path / "centre"))
    assert code == 0, said
    return tmp_path / "centre"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return write_bundle(tmp_path / "evidence.zip", FILES, "test 1.0", "now")


def test_keys_writes_a_private_and_a_public_key(
    centre: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (centre / "centre.key").stat().st_mode & 0o777 == 0o600
    assert (centre / "centre.pub").is_file()
    before = (centre / "centre.key").read_bytes()
    code, said = _run(capsys, "keys", "--out", str(centre))
    assert code == 1 and "centre.key" in said and "already" in said
    assert (centre / "centre.key").read_bytes() == before


def test_seal_then_verify_with_the_key(
    centre: Path, pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = _run(capsys, "seal", str(pack), "--key", str(centre / "centre.key"))
    assert code == 0 and "sealed" in said
    code, said = _run(capsys, "verify", str(pack), "--key", str(centre / "centre.pub"))
    assert code == 0, said
    assert "sealed" in said and "intact" in said


def test_verify_without_a_key_says_what_it_does_not_check(
    centre: Path, pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = _run(capsys, "verify", str(pack))
    assert code == 0
    assert "accidental damage" in said and "--key" in said
    _run(capsys, "seal", str(pack), "--key", str(centre / "centre.key"))
    code, said = _run(capsys, "verify", str(pack))
    assert code == 0 and "accidental damage" in said and "--key" in said


def test_an_edited_sealed_pack_with_its_manifest_rewritten_fails(
    centre: Path, pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "seal", str(pack), "--key", str(centre / "centre.key"))
    with zipfile.ZipFile(pack) as old:
        members = {name: old.read(name) for name in old.namelist()}
    members["evidence.html"] = b"<!DOCTYPE html><p>Someone else's answer</p>"
    manifest = json.loads(members["manifest.json"])
    manifest["files"]["evidence.html"] = hashlib.sha256(members["evidence.html"]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    members["manifest.sha256"] = hashlib.sha256(members["manifest.json"]).hexdigest().encode()
    forged, stripped = tmp_path / "forged.zip", tmp_path / "stripped.zip"
    for target, skip in ((forged, ""), (stripped, "seal.json")):
        with zipfile.ZipFile(target, "w") as new:
            for name, data in members.items():
                if name != skip:
                    new.writestr(name, data)
    code, said = _run(capsys, "verify", str(forged), "--key", str(centre / "centre.pub"))
    assert code == 1
    assert "forged.zip" in said and "manifest.json has been changed since" in said
    # A forger who also drops the seal fools a check without the key, never one with it.
    code, said = _run(capsys, "verify", str(stripped))
    assert code == 0 and "accidental damage" in said
    code, said = _run(capsys, "verify", str(stripped), "--key", str(centre / "centre.pub"))
    assert code == 1 and "not sealed" in said


def test_verify_with_a_key_says_an_unsealed_pack_is_not_sealed(
    centre: Path, pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = _run(capsys, "verify", str(pack), "--key", str(centre / "centre.pub"))
    assert code == 1 and "not sealed" in said


def test_a_seal_by_another_centre_fails(
    centre: Path, pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "keys", "--out", str(tmp_path / "other"))
    _run(capsys, "seal", str(pack), "--key", str(tmp_path / "other" / "centre.key"))
    code, said = _run(capsys, "verify", str(pack), "--key", str(centre / "centre.pub"))
    assert code == 1 and "different key" in said


def test_seal_needs_the_private_key(
    centre: Path, pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = _run(capsys, "seal", str(pack), "--key", str(centre / "centre.pub"))
    assert code == 1 and "centre.pub" in said and "centre.key" in said


def test_seal_and_verify_name_a_missing_file(
    centre: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "nowhere.zip")
    code, said = _run(capsys, "seal", missing, "--key", str(centre / "centre.key"))
    assert code == 1 and "nowhere.zip" in said
    code, said = _run(capsys, "verify", str(tmp_path / "x.zip"), "--key", str(tmp_path / "k.pub"))
    assert code == 1 and ("x.zip" in said or "k.pub" in said)
