"""Criteria as data; the question -> criteria map read from notebook metadata."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from helpers.criteria import load_criteria, question_map, unknown_criteria
from helpers.errors import ReferenceDataError
from helpers.feedback import RULES, criteria_problems
from tests.replacement_criteria import criteria_without

EXPECTED_IDS = (
    [f"SUS.1.{i}" for i in range(1, 5)]
    + [f"SUS.2.{i}" for i in range(1, 4)]
    + [f"SUS.3.{i}" for i in range(1, 4)]
    + ["SUS.4.1", "SUS.4.2"]
    + ["ENV.1.1", "ENV.1.2", "ENV.2.1", "ENV.2.2", "ENV.3.1", "ENV.3.2", "ENV.4.1", "ENV.4.2"]
    + [f"CI.1.{i}" for i in range(1, 5)]
    + [f"CI.2.{i}" for i in range(1, 5)]
    + [f"CI.3.{i}" for i in range(1, 6)]
    + [f"CI.4.{i}" for i in range(1, 5)]
    + ["TEAM.1.1", "TEAM.1.2", "TEAM.2.1", "TEAM.2.2", "TEAM.3.1", "TEAM.3.2"]
    + ["REF.1.1", "REF.1.2", "REF.1.3"]
)


def test_project_criteria_have_exactly_the_agreed_ids() -> None:
    criteria = load_criteria()
    assert list(criteria.criteria) == EXPECTED_IDS
    assert [u.id for u in criteria.units] == ["SUS", "ENV", "CI", "TEAM", "REF"]
    assert [o.id for o in criteria.units[2].outcomes] == ["CI.1", "CI.2", "CI.3", "CI.4"]
    assert all(c.text.endswith(".") for c in criteria.criteria.values())


def test_every_criterion_used_by_the_notebooks_exists() -> None:
    assert unknown_criteria(question_map(), load_criteria()) == []


def write_notebook(folder: Path, name: str, cells: list[tuple[list[str], list[str]]]) -> None:
    nb = new_notebook()
    for questions, criteria in cells:
        cell = new_code_cell("helpers.x()")
        cell.metadata["coursework"] = {"questions": questions, "criteria": criteria}
        nb.cells.append(cell)
    nbformat.write(nb, folder / name)


def test_question_map_reads_cell_metadata_and_merges(tmp_path: Path) -> None:
    write_notebook(tmp_path, "01_a.ipynb", [(["01.a.x"], ["SUS.1.1"]), (["01.a.x"], ["SUS.1.2"])])
    write_notebook(tmp_path, "02_b.ipynb", [(["02.b.y"], [])])
    (tmp_path / "notes.ipynb").write_text("not a numbered notebook")
    assert question_map(tmp_path) == {"01.a.x": ["SUS.1.1", "SUS.1.2"], "02.b.y": []}


def test_replacement_criteria_file_reports_unknown_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replacement = tmp_path / "body.yml"
    replacement.write_text(
        "units:\n"
        "  - id: U1\n    title: Awarding body unit\n    outcomes:\n"
        "      - id: U1.1\n        title: Outcome\n        criteria:\n"
        "          - id: U1.1.1\n            text: Do the thing.\n"
    )
    monkeypatch.setenv("COURSEWORK_CRITERIA", str(replacement))
    criteria = load_criteria()
    assert list(criteria.criteria) == ["U1.1.1"]
    write_notebook(tmp_path, "01_a.ipynb", [(["01.a.x"], ["U1.1.1", "SUS.1.1"])])
    problems = unknown_criteria(question_map(tmp_path), criteria)
    assert len(problems) == 1
    assert "SUS.1.1" in str(problems[0]) and "01.a.x" in str(problems[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("units: 3\n", "'units:' list"),
        ("units:\n  - id: U\n    outcomes:\n      - id: O\n        criteria:\n"
         "          - id: X.1\n", "needs both an id and a text"),
        ("units:\n  - id: U\n    outcomes:\n      - id: O\n        criteria:\n"
         "          - {id: X.1, text: a}\n          - {id: X.1, text: b}\n", "X.1 appears twice"),
        ("units: [\n", "could not be read"),
    ],
)  # fmt: skip
def test_bad_criteria_file_is_named_with_its_problem(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "criteria.yml"
    path.write_text(text)
    with pytest.raises(ReferenceDataError) as caught:
        load_criteria(path)
    assert expected in str(caught.value)


def test_missing_criteria_file_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="COURSEWORK_CRITERIA"):
        load_criteria(tmp_path / "nope.yml")


def test_every_criterion_named_by_a_rule_or_a_question_exists() -> None:
    criteria = load_criteria()
    assert criteria_problems(criteria, question_map()) == []
    assert {c for rule in RULES for c in rule.criteria} <= set(criteria)


def test_a_criterion_missing_from_a_replacement_file_is_named_for_its_rules_and_questions(
    tmp_path: Path,
) -> None:
    criteria = load_criteria(criteria_without(tmp_path, "SUS.1.3"))
    qmap = {"01.review.proposals": ["SUS.1.3", "SUS.1.1"], "01.review.cost": ["SUS.1.3"]}
    problems = criteria_problems(criteria, qmap)
    assert problems == [
        'The feedback rules for "Each improvement you propose is justified by a figure" '
        '(notebook 01) and "A cost saving is not presented as the environmental benefit" '
        "(notebook 01) name criterion SUS.1.3, which is not in the criteria file "
        '"Replacement criteria".',
        "The questions 01.review.proposals and 01.review.cost name criterion SUS.1.3, which is "
        'not in the criteria file "Replacement criteria".',
    ]


def test_criteria_problems_come_in_criterion_order_one_line_per_id(tmp_path: Path) -> None:
    criteria = load_criteria(criteria_without(tmp_path, "CI.3.4", title=""))
    qmap = {f"05.q{n}": ["X.1.10"] for n in range(5)} | {"05.a": ["X.1.2"]}
    problems = criteria_problems(criteria, qmap)
    assert [p.split(" criterion ")[1].split(",")[0] for p in problems] == [
        "CI.3.4",
        "X.1.2",
        "X.1.10",
    ]
    assert problems[0].startswith('The feedback rule for "The change is continued')
    assert " names criterion CI.3.4" in problems[0]
    assert "05.q0, 05.q1, 05.q2 and 2 others name criterion X.1.10" in problems[2]
    assert problems[0].endswith('not in the criteria file "replacement.yml".')  # no title
