"""The evidence bundle of a real export: it holds every file, and verify names any change."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from helpers.cli import main
from helpers.export import ExportResult, verify_bundle


def test_bundle_holds_every_file_and_verifies(xss_export: ExportResult) -> None:
    with zipfile.ZipFile(xss_export.zip_path) as bundle:
        names = set(bundle.namelist())
    assert {"evidence.html", "01_forms.html", "answers.json", "manifest.json"} <= names
    assert any(n.startswith("attachments/") for n in names)
    assert verify_bundle(xss_export.zip_path) == []
    assert main(["verify", str(xss_export.zip_path)]) == 0


def _change_one_byte(source: Path, target: Path, member: str) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = bytearray(old.read(info))
            if info.filename == member:
                data[len(data) // 2] ^= 0x01
            new.writestr(info, bytes(data))


def test_verify_names_any_file_changed_by_one_byte(
    xss_export: ExportResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(xss_export.zip_path) as bundle:
        members = bundle.namelist()
    for member in members:
        altered = tmp_path / f"altered-{len(member)}.zip"
        _change_one_byte(xss_export.zip_path, altered, member)
        problems = verify_bundle(altered)
        assert problems and any(member in p for p in problems), member
        assert main(["verify", str(altered)]) == 1
        assert member in capsys.readouterr().out


def test_verify_names_a_file_whose_bytes_were_flipped_inside_the_zip(
    xss_export: ExportResult, tmp_path: Path
) -> None:
    altered = tmp_path / "flipped.zip"
    data = bytearray(xss_export.zip_path.read_bytes())
    with zipfile.ZipFile(xss_export.zip_path) as bundle:
        info = bundle.getinfo("answers.json")
    # local header: 30 bytes + name + extra, then the compressed data
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x01
    altered.write_bytes(bytes(data))
    problems = verify_bundle(altered)
    assert problems and "answers.json" in problems[0]


def test_verify_reports_added_and_missing_files(xss_export: ExportResult, tmp_path: Path) -> None:
    added, missing = tmp_path / "added.zip", tmp_path / "missing.zip"
    with zipfile.ZipFile(xss_export.zip_path) as old:
        with zipfile.ZipFile(added, "w") as new:
            for info in old.infolist():
                new.writestr(info, old.read(info))
            new.writestr("extra.html", "<p>slipped in</p>")
        with zipfile.ZipFile(missing, "w") as new:
            for info in old.infolist():
                if info.filename != "01_forms.html":
                    new.writestr(info, old.read(info))
    assert verify_bundle(added) == ["extra.html was added after the bundle was made."]
    assert verify_bundle(missing) == ["01_forms.html is missing from the bundle."]
