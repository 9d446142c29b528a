"""The label registry: tools/build_notebooks.py records every question's label in the cell
metadata (from the helper call's label argument, or from the boxes a helper makes), and
helpers.criteria.question_labels reads it back."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from helpers.criteria import question_labels, question_map
from tests.paths import REPO

sys.path.insert(0, str(REPO / "tools"))
import build_notebooks  # noqa: E402

QUESTION_ID = re.compile(r"\b\d\d\.[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b")


def test_the_label_argument_of_a_forms_call_is_recorded() -> None:
    cell = build_notebooks.code(
        'helpers.forms.long_text("05.intro.cycle", "Why is improvement a cycle?", words=(40, 120))',
        criteria=["IMP.MODELS.1"],
    )
    assert cell["metadata"]["coursework"]["labels"] == {
        "05.intro.cycle": "Why is improvement a cycle?"
    }
    # a second question id in the place of a label is not a label
    pair = build_notebooks.code('helpers.reflection.declaration_form("07.a.b", "07.a.c")')
    assert "labels" not in pair["metadata"]["coursework"]


def test_a_helper_that_makes_its_own_boxes_gives_their_labels() -> None:
    cell = build_notebooks.code(
        "helpers.pdca.act_form(2)", questions=["05.pdca.cycle2.act.decision"]
    )
    build_notebooks._add_labels(cell, "test")
    assert cell["metadata"]["coursework"]["labels"] == {
        "05.pdca.cycle2.act.decision": "Decision (Cycle 2: Act)"
    }


def test_a_question_left_without_a_label_stops_the_build() -> None:
    cell = build_notebooks.code("print('no boxes here')", questions=["05.nothing.here"])
    with pytest.raises(SystemExit, match="no label for 05.nothing.here"):
        build_notebooks._add_labels(cell, "test")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("notebooks")
    sources = sorted(build_notebooks.SOURCES.glob("n[0-9][0-9]_*.py"))
    for path in sources:
        nb = build_notebooks.build_one(path, None, None)
        text = build_notebooks.render(nb)
        (folder / f"{build_notebooks._stem(path)}.ipynb").write_text(text, encoding="utf-8")
    return folder


def test_every_question_of_every_notebook_has_a_label_in_words(built: Path) -> None:
    labels = question_labels(built)
    questions = question_map(built)
    assert questions and set(questions) <= set(labels)
    for question, label in labels.items():
        assert label.strip() and not QUESTION_ID.search(label), (question, label)
    assert labels["05.pdca.cycle1.plan.problem"] == "The problem (Cycle 1: Plan)"
    assert labels["05.pdca.cycle2.plan.problem"] == "The problem (Cycle 2: Plan)"
