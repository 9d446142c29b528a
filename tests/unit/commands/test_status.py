"""A replacement criteria file that lacks a criterion a feedback rule names: `coursework export`
and `coursework status` both say so (run in-process, as a tutor would run them)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from helpers import cohort
from helpers.cli import main
from helpers.store import open_store
from tests.unit.test_criteria import criteria_without

# SUS.1.3 is named by two rules of notebook 01 and by no question of the notebook below.
MISSING = "SUS.1.3"
RULE_PROBLEM = (
    'The feedback rules for "Each improvement you propose is justified by a figure" (notebook 01) '
    'and "A cost saving is not presented as the environmental benefit" (notebook 01) name '
    f'criterion {MISSING}, which is not in the criteria file "Replacement criteria".'
)


@pytest.fixture
def notebooks(tmp_path: Path) -> Path:
    """One small notebook whose only question evidences a criterion the file still has."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = new_notebook()
    cell = new_code_cell('print("review")')
    cell.metadata["coursework"] = {"questions": ["01.review.channels"], "criteria": ["SUS.1.1"]}
    nb.cells.append(cell)
    nbformat.write(nb, folder / "01_review.ipynb")
    return folder


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


def _cohort(tmp_path: Path) -> Path:
    folder = tmp_path / "cohort"
    store = open_store(folder / "L001" / "coursework")
    store.save("01.review.channels", "Printed bills and letters by post; email and live chat.")
    store.close()
    return folder


def test_status_prints_a_rule_criterion_missing_from_the_file_once_before_the_table(
    tmp_path: Path, notebooks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replacement = criteria_without(tmp_path, MISSING)
    folder = _cohort(tmp_path)
    argv = ["status", str(folder), "--criteria", str(replacement), "--notebooks", str(notebooks)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert printed.count(RULE_PROBLEM) == 1
    assert printed.index(RULE_PROBLEM) < printed.index("Learner ") < printed.index("\nL001 ")


def test_status_data_carries_the_problems_and_none_for_the_shipped_file(
    tmp_path: Path, notebooks: Path
) -> None:
    folder = _cohort(tmp_path)
    replaced = cohort.cohort_status(
        folder, notebooks_dir=notebooks, criteria_path=criteria_without(tmp_path, MISSING)
    )
    assert replaced.problems == [RULE_PROBLEM]
    assert MISSING not in replaced.criteria
    assert cohort.cohort_status(folder, notebooks_dir=notebooks).problems == []
