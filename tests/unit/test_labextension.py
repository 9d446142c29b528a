"""The course JupyterLab extension: its committed build matches its source and gets installed.

The source is labextension/; `make labextension` builds it into helpers/labextension/ (committed,
so learners never need node) and records a digest of the source there. An ordinary install
copies the build through pyproject.toml's data-files; `make lab` links it into the venv.
"""

from __future__ import annotations

import fnmatch
import json
import tomllib
from pathlib import Path, PurePosixPath

from tests.scripts import load_script

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "labextension"
BUILT = REPO / "helpers" / "labextension"


def _name() -> str:
    return str(json.loads((SOURCE / "package.json").read_text(encoding="utf-8"))["name"])


def test_committed_build_was_made_from_the_current_source() -> None:
    digest = load_script(SOURCE / "source_digest.py")
    assert digest.recorded_digest(BUILT) == digest.source_digest(SOURCE), (
        "labextension/ changed since helpers/labextension/ was built: run `make labextension` "
        "and commit helpers/labextension/"
    )


def test_digest_changes_when_a_source_file_changes(tmp_path: Path) -> None:
    digest = load_script(SOURCE / "source_digest.py")
    copy = tmp_path / "labextension"
    for path in digest.source_files(SOURCE):
        target = copy / path.relative_to(SOURCE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    before = digest.source_digest(copy)
    assert before == digest.source_digest(SOURCE)
    (copy / "style" / "base.css").write_text("/* changed */\n", encoding="utf-8")
    assert digest.source_digest(copy) != before


def test_build_is_complete() -> None:
    package = json.loads((BUILT / "package.json").read_text(encoding="utf-8"))
    assert package["name"] == _name()
    load = package["jupyterlab"]["_build"]["load"]
    assert (BUILT / load).is_file(), f"the build names {load}, which is missing"
    install = json.loads((BUILT / "install.json").read_text(encoding="utf-8"))
    assert install["packageName"] == "customer-service-coursework"
    assert (BUILT / "schemas" / _name() / "plugin.json").is_file()


def test_every_built_file_is_installed_where_jupyterlab_looks() -> None:
    """pyproject.toml's data-files put each built file under share/jupyter/labextensions/<name>/
    at the same place it has in helpers/labextension/ (a wheel then carries the extension)."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    data_files: dict[str, list[str]] = config["tool"]["setuptools"]["data-files"]
    destination = PurePosixPath("share/jupyter/labextensions") / _name()
    built = sorted(p for p in BUILT.rglob("*") if p.is_file())
    assert built
    for path in built:
        relative = path.relative_to(REPO).as_posix()
        places = [
            folder
            for folder, patterns in data_files.items()
            if any(fnmatch.fnmatchcase(relative, pattern) for pattern in patterns)
        ]
        expected = destination / path.relative_to(BUILT).parent.as_posix()
        assert places == [str(expected).removesuffix("/.")], (relative, places)


def test_make_lab_and_binder_link_the_same_extension() -> None:
    """An editable install leaves data-files out, so `make lab` and Binder's postBuild link it."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert f"LABEXT_LINK := $(VENV)/share/jupyter/labextensions/{_name()}\n" in makefile
    assert "ln -s ../../../../helpers/labextension $(LABEXT_LINK)" in makefile
    post_build = (REPO / "postBuild").read_text(encoding="utf-8")
    assert f'"$prefix/share/jupyter/labextensions/{_name()}"' in post_build
    assert '"$(pwd)/helpers/labextension"' in post_build
