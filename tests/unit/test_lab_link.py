"""helpers.paths.lab_link: the browser's address of a file, through the kernel's Jupyter server."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers.paths import lab_link


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "runtime"
    folder.mkdir()
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(folder))
    return folder


def serve(runtime: Path, root: Path, base_url: str = "/", pid: int | None = None) -> None:
    """The server file a Jupyter server writes; by default this process's parent's (its server)."""
    info = {"root_dir": str(root), "base_url": base_url, "pid": pid or os.getppid()}
    (runtime / f"jpserver-{pid or os.getppid()}.json").write_text(json.dumps(info))


def test_make_lab_serves_the_project_so_the_pack_has_a_files_link(
    tmp_path: Path, runtime: Path
) -> None:
    serve(runtime, tmp_path)
    pack = tmp_path / "coursework" / "exports" / "evidence.html"
    assert lab_link(pack) == "/files/coursework/exports/evidence.html"
    assert lab_link(pack.with_suffix(".zip"), download=True) == (
        "/files/coursework/exports/evidence.zip?download=1"
    )


def test_a_hub_or_binder_prefix_is_kept(tmp_path: Path, runtime: Path) -> None:
    serve(runtime, tmp_path, base_url="/user/asha/")
    pack = tmp_path / "customer-service-coursework" / "coursework" / "exports" / "my pack.html"
    assert lab_link(pack) == (
        "/user/asha/files/customer-service-coursework/coursework/exports/my%20pack.html"
    )


def test_a_pack_outside_the_server_root_has_no_link(tmp_path: Path, runtime: Path) -> None:
    serve(runtime, tmp_path / "project")
    assert lab_link(tmp_path / "elsewhere" / "exports" / "evidence.html") is None
    assert lab_link(tmp_path / "project" / ".." / "evidence.html") is None


def test_without_a_server_there_is_no_link(tmp_path: Path, runtime: Path) -> None:
    assert lab_link(tmp_path / "evidence.html") is None  # e.g. a kernel run by the export


def test_another_server_is_used_only_if_it_alone_serves_this_folder(
    tmp_path: Path, runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    monkeypatch.chdir(project / "notebooks")
    serve(runtime, tmp_path / "other", pid=999_001)  # does not hold this folder
    serve(runtime, project, base_url="/user/ben/", pid=999_002)
    assert lab_link(project / "coursework" / "x.html") == "/user/ben/files/coursework/x.html"
    serve(runtime, tmp_path, pid=999_003)  # a second server that holds it: which one is unclear
    assert lab_link(project / "coursework" / "x.html") is None
