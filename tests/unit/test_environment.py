"""Set-up files agree with each other, and the package imports quickly and cleanly."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import yaml

from tests.paths import REPO


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject_dependencies() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    wanted = {_name(d) for d in pyproject["project"]["dependencies"]}
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert conda == wanted
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_section == ["-e ."]
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python in {"python=3.11", "python=3.12"}
    assert "conda-forge" in env["channels"]


def test_coursework_folder_tracks_only_its_readme() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "coursework"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    assert sorted(tracked) == ["coursework/.gitignore", "coursework/README.md"]


def test_notebook_templates_are_clean_and_built_from_source() -> None:
    result = subprocess.run(
        [sys.executable, "tools/build_notebooks.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    import nbformat

    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        headings = [c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("# ")]
        assert len(headings) == 1, f"{path.name} must have exactly one H1"
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name
                assert cell.metadata["jupyter"]["source_hidden"] is True, path.name


def test_import_helpers_is_light() -> None:
    code = "import sys, helpers; print(sorted(m for m in ('pandas','matplotlib','ipywidgets') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
