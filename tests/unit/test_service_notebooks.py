"""Notebooks 03 and 04: each cell's recorded question ids are exactly the ones its call makes."""

from __future__ import annotations

import json
from typing import Any

import pytest

import helpers
from tests.paths import NOTEBOOKS


def _question_ids(made: Any) -> list[str]:
    if hasattr(made, "forms"):
        return [form.question_id for form in made.forms]
    if hasattr(made, "question_id"):
        return [made.question_id]
    return []


@pytest.mark.parametrize("name", ["03_promoting_sustainable_practice", "04_service_environment"])
def test_recorded_questions_match_the_forms_each_cell_makes(name: str) -> None:
    notebook = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    made_ids: list[str] = []
    for cell in cells:
        source = "".join(cell["source"])
        if source.startswith("import helpers"):
            continue
        made = eval(source, {"helpers": helpers})  # each cell is one helper call
        recorded = cell["metadata"].get("coursework", {}).get("questions", [])
        assert _question_ids(made) == recorded, source
        made_ids += recorded
    assert len(made_ids) == len(set(made_ids)), "a question id is used twice"
    assert all(q.startswith(name[:2] + ".") for q in made_ids)
