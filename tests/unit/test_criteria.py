"""Criteria as data; the question -> criteria map read from notebook metadata."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from helpers.criteria import load_criteria, question_map, unknown_criteria
from helpers.errors import ReferenceDataError
from helpers.feedback import RULES, criteria_problems
from tests.replacement_criteria import criteria_without

EXPECTED_IDS = (
    [f"SUS.REVIEW.{i}" for i in range(1, 5)]
    + [f"SUS.MONITOR.{i}" for i in range(1, 4)]
    + [f"SUS.PROMOTE.{i}" for i in range(1, 5)]
    + ["SUS.WHY.1", "SUS.WHY.2"]
    + ["ENV.BRAND.1", "ENV.STRUCTURE.1", "ENV.STRUCTURE.2"]
    + ["ENV.RELATIONSHIPS.1", "ENV.RELATIONSHIPS.2", "ENV.LAW.1", "ENV.LAW.2"]
    + ["ENV.STANDARDS.1", "ENV.STANDARDS.2", "ENV.COMPLAINTS.1", "ENV.COMPLAINTS.2"]
    + ["ENV.COMMUNICATION.1", "ENV.PRACTICE.1"]
    + [f"IMP.PLAN.{i}" for i in range(1, 5)]
    + [f"IMP.CHANGE.{i}" for i in range(1, 5)]
    + [f"IMP.REVIEW.{i}" for i in range(1, 6)]
    + [f"IMP.MODELS.{i}" for i in range(1, 5)]
    + ["TEAM.GOALS.1", "TEAM.GOALS.2", "TEAM.RESULTS.1", "TEAM.RESULTS.2"]
    + ["TEAM.WORKPLACE.1", "TEAM.WORKPLACE.2"]
    + ["REF.REFLECT.1", "REF.REFLECT.2"]
)


def test_project_criteria_have_exactly_the_agreed_ids() -> None:
    criteria = load_criteria()
    assert list(criteria.criteria) == EXPECTED_IDS
    assert [u.id for u in criteria.units] == ["SUS", "ENV", "IMP", "TEAM", "REF"]
    assert [o.id for o in criteria.units[2].outcomes] == [
        "IMP.PLAN",
        "IMP.CHANGE",
        "IMP.REVIEW",
        "IMP.MODELS",
    ]
    assert all(c.text.endswith(".") for c in criteria.criteria.values())


def test_project_criteria_are_ours_not_a_real_units_numbering() -> None:
    """No id looks like a regulated unit's numbered criterion (1.1, 4.4) and the file says so."""
    import re

    criteria = load_criteria()
    assert not [c for c in criteria.criteria if re.search(r"\.\d+\.\d+$", c)]
    assert criteria.version == "2026.3"
    assert "Not a regulated unit" in criteria.source and "marking points" in criteria.source


def test_declaration_is_a_requirement_not_a_criterion() -> None:
    criteria = load_criteria()
    assert list(criteria.requirements) == ["DECLARATION"]
    assert "DECLARATION" not in criteria.criteria
    assert "own work" in criteria.requirements["DECLARATION"].text


def test_practice_tasks_are_knowledge_evidence() -> None:
    criteria = load_criteria().criteria
    for cid in ("ENV.COMPLAINTS.1", "ENV.COMPLAINTS.2", "ENV.COMMUNICATION.1"):
        assert criteria[cid].knowledge_only
        assert "practice scenario" in criteria[cid].text
    assert criteria["IMP.CHANGE.1"].evidence == "performance"
    assert not criteria["IMP.CHANGE.1"].knowledge_only


def test_an_unknown_evidence_kind_is_a_problem(tmp_path: Path) -> None:
    bad = tmp_path / "c.yml"
    bad.write_text(
        "units:\n- id: U\n  outcomes:\n  - id: U.A\n    criteria:\n"
        "    - {id: U.A.1, text: Do it., evidence: hearsay}\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError) as caught:
        load_criteria(bad)
    assert "use performance or knowledge" in str(caught.value.problems[0])


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
    write_notebook(
        tmp_path, "01_a.ipynb", [(["01.a.x"], ["SUS.REVIEW.1"]), (["01.a.x"], ["SUS.REVIEW.2"])]
    )
    write_notebook(tmp_path, "02_b.ipynb", [(["02.b.y"], [])])
    (tmp_path / "notes.ipynb").write_text("not a numbered notebook")
    assert question_map(tmp_path) == {"01.a.x": ["SUS.REVIEW.1", "SUS.REVIEW.2"], "02.b.y": []}


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
    write_notebook(tmp_path, "01_a.ipynb", [(["01.a.x"], ["U1.1.1", "SUS.REVIEW.1"])])
    problems = unknown_criteria(question_map(tmp_path), criteria)
    assert len(problems) == 1
    assert "SUS.REVIEW.1" in str(problems[0]) and "01.a.x" in str(problems[0])


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
    criteria = load_criteria(criteria_without(tmp_path, "SUS.REVIEW.3"))
    qmap = {
        "01.review.proposals": ["SUS.REVIEW.3", "SUS.REVIEW.1"],
        "01.review.cost": ["SUS.REVIEW.3"],
    }
    problems = criteria_problems(criteria, qmap)
    assert problems == [
        'The feedback rules for "Each improvement you propose is justified by a figure" '
        '(notebook 01) and "A cost saving is not presented as the environmental benefit" '
        "(notebook 01) name criterion SUS.REVIEW.3, which is not in the criteria file "
        '"Replacement criteria".',
        "The questions 01.review.proposals and 01.review.cost name criterion SUS.REVIEW.3, which is "
        'not in the criteria file "Replacement criteria".',
    ]


def test_criteria_problems_come_in_criterion_order_one_line_per_id(tmp_path: Path) -> None:
    criteria = load_criteria(criteria_without(tmp_path, "IMP.REVIEW.4", title=""))
    qmap = {f"05.q{n}": ["X.1.10"] for n in range(5)} | {"05.a": ["X.1.2"]}
    problems = criteria_problems(criteria, qmap)
    assert [p.split(" criterion ")[1].split(",")[0] for p in problems] == [
        "IMP.REVIEW.4",
        "X.1.2",
        "X.1.10",
    ]
    assert problems[0].startswith('The feedback rule for "The change is continued')
    assert " names criterion IMP.REVIEW.4" in problems[0]
    assert "05.q0, 05.q1, 05.q2 and 2 others name criterion X.1.10" in problems[2]
    assert problems[0].endswith('not in the criteria file "replacement.yml".')  # no title


def test_criteria_problems_name_questions_by_their_labels_when_given(tmp_path: Path) -> None:
    criteria = load_criteria(criteria_without(tmp_path, "SUS.REVIEW.3"))
    qmap = {
        "01.review.proposals": ["SUS.REVIEW.3"],
        "01.review.cost": ["SUS.REVIEW.3"],
        "09.extra.box": ["X.1.1"],
    }
    labels = {"01.review.proposals": "Your proposed improvements", "01.review.cost": " "}
    problems = criteria_problems(criteria, qmap, labels=labels)
    assert problems[1] == (
        '"Your proposed improvements" and a question in notebook 01 name criterion SUS.REVIEW.3, '
        'which is not in the criteria file "Replacement criteria".'
    )
    assert problems[2].startswith("A question in notebook 09 names criterion X.1.1, ")
    assert not any(re.search(r"\b\d\d\.[a-z]+\.[a-z]+", problem) for problem in problems)
