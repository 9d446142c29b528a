"""`coursework export` with real kernels: a replacement criteria file's missing criterion is
printed and packed, and a notebook that fails makes the command exit non-zero."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers.cli import main
from tests.integration.small_notebooks import small_notebook
from tests.replacement_criteria import MISSING, RULE_PROBLEM, criteria_without


def test_export_prints_and_packs_a_rule_criterion_missing_from_the_file(
    tmp_path: Path, notebooks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replacement = criteria_without(tmp_path, MISSING)
    out = tmp_path / "pack"
    argv = ["export", "--dir", str(tmp_path / "area"), "--notebooks", str(notebooks)]
    assert main([*argv, "--criteria", str(replacement), "--out", str(out)]) == 0
    printed = capsys.readouterr().err
    assert f"Warning: {RULE_PROBLEM}" in printed
    assert printed.count(f"criterion {MISSING},") == 1  # the questions name nothing missing
    page = (out / "evidence.html").read_text(encoding="utf-8")
    coverage = page[page.index('id="coverage"') :]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", coverage)).replace("&#34;", '"')
    assert RULE_PROBLEM.replace("&", "&amp;") in text.replace("&quot;", '"')


def test_export_command_exits_non_zero_when_a_notebook_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "nbs"
    folder.mkdir()
    nbformat.write(small_notebook([("1 / 0", [], [], [])]), folder / "03_zero.ipynb")
    code = main(["export", "--dir", str(tmp_path / "area"), "--notebooks", str(folder)])
    assert code == 1
    printed = capsys.readouterr().err
    assert "could not be generated: a cell stopped with an error: division by zero" in printed
    assert "ZeroDivisionError" not in printed
