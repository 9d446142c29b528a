"""`coursework verify` on hostile zips: each is refused with exit 1 and one plain sentence.

Every zip is built here, in ``tmp_path``, with a manifest that agrees with its members, so the
only thing wrong with it is the trick it plays (a name, a link, a duplicate, a bomb).
"""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
import sys
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.cli import main
from helpers.export.bundle import verify_bundle, write_bundle
from tests.paths import REPO

PAGE = b"<!DOCTYPE html><html><body><p>My answer</p></body></html>"
Member = tuple[str | zipfile.ZipInfo, bytes]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _zip_with_manifest(path: Path, members: list[Member], manifest: bytes | None = None) -> Path:
    """A zip of ``members`` plus a manifest listing them all and the manifest's own digest."""
    if manifest is None:
        listed = {getattr(name, "filename", name): _digest(data) for name, data in members}
        manifest = json.dumps({"generator": "test", "created": "now", "files": listed}).encode()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name we mean to write
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name, data in members:
                bundle.writestr(name, data)
            bundle.writestr("manifest.json", manifest)
            bundle.writestr("manifest.sha256", _digest(manifest) + "\n")
    return path


def _verify(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["verify", str(path)])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).strip()


def _assert_refused(code: int, said: str, *words: str) -> None:
    assert code == 1, said
    assert "Something went wrong" not in said and "Traceback" not in said
    assert "intact" not in said
    assert len(said.splitlines()) == 1, said  # one plain sentence
    for word in words:
        assert word in said, said


def _patch_headers(path: Path, name: str, *, flags: int = 0, method: int | None = None) -> None:
    """Set general-purpose flag bits and/or the compression method of ``name`` in both its
    local header and its central-directory record (zipfile will not write these itself)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as bundle:
        local = bundle.getinfo(name).header_offset
    records = [local]  # local header: flags at +6, method at +8
    central = data.find(b"PK\x01\x02")
    while central != -1:
        length = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + length] == name.encode():
            records.append(central + 2)  # central record: the same fields two bytes later
        central = data.find(b"PK\x01\x02", central + 4)
    for start in records:
        old = int.from_bytes(data[start + 6 : start + 8], "little")
        data[start + 6 : start + 8] = (old | flags).to_bytes(2, "little")
        if method is not None:
            data[start + 8 : start + 10] = method.to_bytes(2, "little")
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../secret/x.txt", "../../secret/x.txt"),
        ("pages/../../x.html", "pages/../../x.html"),
        ("/etc/hostname", "/etc/hostname"),
        ("pages\\..\\evil.html", "evil.html"),
        ("C:/Windows/evil.html", "C:/Windows/evil.html"),
        ("c:evil.html", "c:evil.html"),
    ],
)
def test_unsafe_member_names_are_refused(
    name: str, shown: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _zip_with_manifest(tmp_path / "slip.zip", [("evidence.html", PAGE), (name, PAGE)])
    code, said = _verify(pack, capsys)
    _assert_refused(code, said, "slip.zip", shown)
    assert verify_bundle(pack) == [said]


def test_a_symlink_member_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = zipfile.ZipInfo("attachments/photo.png")
    link.create_system = 3  # Unix, so the mode bits below are read as a file type
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    pack = _zip_with_manifest(tmp_path / "link.zip", [(link, b"/etc/passwd")])
    code, said = _verify(pack, capsys)
    _assert_refused(code, said, "attachments/photo.png", "link")


def test_duplicate_member_names_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = PAGE.replace(b"My answer", b"Someone else's answer")
    # The manifest lists the digest of the second copy, the one most readers take.
    members: list[Member] = [("evidence.html", PAGE), ("evidence.html", forged)]
    pack = _zip_with_manifest(tmp_path / "twice.zip", members)
    code, said = _verify(pack, capsys)
    _assert_refused(code, said, "evidence.html", "twice")


def test_names_differing_only_in_case_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _zip_with_manifest(
        tmp_path / "case.zip", [("Evidence.html", PAGE), ("evidence.html", PAGE + b" ")]
    )
    code, said = _verify(pack, capsys)
    _assert_refused(code, said, "evidence.html")


def test_a_manifest_listing_a_file_twice_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    digest = _digest(PAGE)
    manifest = (
        '{"generator": "test", "created": "now", "files": '
        f'{{"evidence.html": "{"0" * 64}", "evidence.html": "{digest}"}}}}'
    ).encode()
    pack = _zip_with_manifest(tmp_path / "dup-key.zip", [("evidence.html", PAGE)], manifest)
    code, said = _verify(pack, capsys)
    _assert_refused(code, said, "manifest.json", "evidence.html", "twice")


@pytest.mark.parametrize(
    "manifest",
    [
        b'{"generator": "test", "files": ["evidence.html"]}',
        b'{"generator": "test", "files": "evidence.html"}',
        b'{"generator": "test", "files": {"evidence.html": 5}}',
        b'["evidence.html"]',
        b'{"generator": "test"}',
        b'{"generator": "test", "files": {',
        b"\xff\xfe not even text",
    ],
)
def test_a_malformed_manifest_is_refused(
    manifest: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _zip_with_manifest(tmp_path / "bad.zip", [("evidence.html", PAGE)], manifest)
    code, said = _verify(pack, capsys)
    _assert_refused(code, said, "manifest.json")


@pytest.mark.parametrize(
    ("patch", "word"), [({"flags": 0x1}, "encrypted"), ({"method": 99}, "compressed with a method")]
)
def test_an_encrypted_member_or_an_unknown_method_is_refused(
    patch: dict[str, int], word: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _zip_with_manifest(tmp_path / "odd.zip", [("evidence.html", PAGE)])
    _patch_headers(pack, "evidence.html", **patch)
    code, said = _verify(pack, capsys)
    _assert_refused(code, said, "evidence.html", word)


def test_a_member_claiming_an_absurd_size_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _zip_with_manifest(tmp_path / "claim.zip", [("evidence.html", PAGE)])
    data = bytearray(pack.read_bytes())
    central = data.find(b"PK\x01\x02")  # uncompressed size sits at +24 in the central record
    data[central + 24 : central + 28] = (0xFFFFFFFE).to_bytes(4, "little")
    pack.write_bytes(bytes(data))
    code, said = _verify(pack, capsys)
    _assert_refused(code, said, "evidence.html")


def test_a_member_not_in_the_manifest_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write_bundle(tmp_path / "pack.zip", {"evidence.html": PAGE}, "test", "now")
    with zipfile.ZipFile(pack, "a") as bundle:
        bundle.writestr("extra.html", PAGE)
    code, said = _verify(pack, capsys)
    assert code == 1 and "extra.html was added after the bundle was made" in said


def test_a_manifest_entry_not_in_the_zip_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = {"evidence.html": _digest(PAGE), "02_gone.html": _digest(PAGE)}
    manifest = json.dumps({"generator": "test", "files": listed}).encode()
    pack = _zip_with_manifest(tmp_path / "gone.zip", [("evidence.html", PAGE)], manifest)
    code, said = _verify(pack, capsys)
    assert code == 1 and "02_gone.html is missing from the bundle" in said


def test_a_file_that_is_not_a_zip_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "evidence.zip"
    pack.write_bytes(b"PK\x03\x04 not really a zip")
    code, said = _verify(pack, capsys)
    _assert_refused(code, said, "evidence.zip")


def gigabyte_of_zeros_pack(path: Path, level: int = 1) -> Path:
    """A zip holding a 1 GiB member of zeros, written and hashed block by block: 4.6 MB at
    compression level 1 (quick to write and read), 1 MB at level 9 (the worst case to read)."""
    block, digest = bytes(1 << 20), hashlib.sha256()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as bundle:
        with bundle.open("attachments/zeros.bin", "w", force_zip64=True) as member:
            for _ in range(1024):
                member.write(block)
                digest.update(block)
        manifest = json.dumps({"files": {"attachments/zeros.bin": digest.hexdigest()}}).encode()
        bundle.writestr("manifest.json", manifest)
        bundle.writestr("manifest.sha256", _digest(manifest) + "\n")
    return path


@dataclass(frozen=True)
class VerifyRun:
    """One ``coursework verify`` run: exit code, peak resident memory (MB), wall time, output."""

    code: int
    peak_mb: float
    seconds: float
    said: str


def measure_verify(pack: Path, *options: str) -> VerifyRun:
    """Run ``coursework verify PACK [options]`` in a child of a fresh process, and measure it.

    The peak is read with RUSAGE_CHILDREN in that fresh process, so no earlier child of the
    test run counts; the wall time includes starting Python.
    """
    probe = (
        "import resource, subprocess, sys, time\n"
        "started = time.perf_counter()\n"
        "done = subprocess.run([sys.executable, '-m', 'helpers', 'verify', *sys.argv[1:]],"
        " capture_output=True, text=True)\n"
        "seconds = time.perf_counter() - started\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(done.returncode, peak / (1 << 20 if sys.platform == 'darwin' else 1 << 10), seconds)\n"
        "print(done.stdout + done.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe, str(pack), *options],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        timeout=300,
    )
    first, _, said = run.stdout.partition("\n")
    code, peak, seconds = first.split()
    return VerifyRun(int(code), float(peak), float(seconds), said.strip())


@pytest.mark.slow
def test_a_gigabyte_member_is_verified_in_bounded_memory(tmp_path: Path) -> None:
    pack = gigabyte_of_zeros_pack(tmp_path / "zeros.zip")
    assert pack.stat().st_size < 5 << 20
    run = measure_verify(pack)
    assert run.code == 0, run.said
    assert "intact" in run.said
    assert run.peak_mb < 200, f"verify peaked at {run.peak_mb:.0f} MB"
