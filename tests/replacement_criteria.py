"""A tutor's replacement criteria file that lacks a criterion, and a small notebook and
cohort to check it against (`coursework export` and `status` must say what is missing)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
import yaml
from nbformat.v4 import new_code_cell, new_notebook

from helpers.store import open_store
from tests.paths import REPO


def criteria_without(tmp_path: Path, missing: str, title: str = "Replacement criteria") -> Path:
    """The project's criteria file with one criterion taken out, as a tutor might replace it."""
    data = yaml.safe_load((REPO / "data/reference/criteria.yml").read_text(encoding="utf-8"))
    data["title"] = title
    for unit in data["units"]:
        for outcome in unit["outcomes"]:
            outcome["criteria"] = [c for c in outcome["criteria"] if c["id"] != missing]
    path = tmp_path / "replacement.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# SUS.REVIEW.3 is named by two rules of notebook 01 and by no question of the notebook below.
MISSING = "SUS.REVIEW.3"


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
    cell.metadata["coursework"] = {"questions": ["01.review.channels"], "criteria": ["SUS.REVIEW.1"]}
    nb.cells.append(cell)
    nbformat.write(nb, folder / "01_review.ipynb")
    return folder


def one_learner_cohort(tmp_path: Path) -> Path:
    """A cohort of one learner, L001, who has answered 01.review.channels."""
    folder = tmp_path / "cohort"
    store = open_store(folder / "L001" / "coursework")
    store.save("01.review.channels", "Printed bills and letters by post; email and live chat.")
    store.close()
    return folder
