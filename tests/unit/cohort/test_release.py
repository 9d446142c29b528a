"""Release: learner copies of the templates, one folder per learner, answers never touched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
import pytest

from helpers import cohort
from helpers.errors import CourseworkError
from helpers.store import open_store
from tests.cohorts import (
    LEARNERS,
    QUESTIONS,
    answer_for,
    template_notebook,
    tree_digest,
    write_roster,
    write_templates,
)


def test_learner_copy_drops_tutor_cells_clears_outputs_and_hides_code() -> None:
    template = template_notebook("01_review", QUESTIONS["01_review"])
    copy = cohort.learner_copy(template)
    assert all("tutor-only" not in c.metadata.get("tags", []) for c in copy.cells)
    assert len(copy.cells) == len(template.cells) - 1
    code = [c for c in copy.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert all(c.metadata["jupyter"]["source_hidden"] for c in code)
    assert template.cells[3].outputs, "the template itself is not changed"
    nbformat.validate(copy)


def test_release_makes_one_folder_per_learner_with_profile(released: dict[str, Any]) -> None:
    folders = sorted(p.name for p in released["cohort"].iterdir())
    assert folders == [f"L{i:03d}" for i in range(1, LEARNERS + 1)]
    report = released["report"]
    assert report.names("added") == ["01_review.ipynb", "02_plan.ipynb"]
    assert all(lr.profile_filled for lr in report.learners)
    nb = nbformat.read(released["cohort"] / "L002" / "notebooks" / "01_review.ipynb", 4)
    assert "Tutor note" not in json.dumps(nb)
    with open_store(released["cohort"] / "L002" / "coursework", readonly=True) as store:
        assert store.load("00.profile.name") == "Learner 002"
        assert store.load("00.profile.learner_id") == "L002"
        assert store.load("00.profile.organisation") == "Brightwater Energy"


def test_release_without_roster_and_only_some_notebooks(tmp_path: Path) -> None:
    report = cohort.release(write_templates(tmp_path / "t"), tmp_path / "me", only="2")
    assert report.notebooks == ["02_plan.ipynb"]
    assert sorted(p.name for p in (tmp_path / "me" / "notebooks").glob("*.ipynb")) == [
        "02_plan.ipynb"
    ]
    assert (tmp_path / "me" / "coursework" / "README.md").exists()
    with pytest.raises(CourseworkError, match="No notebook numbered 09"):
        cohort.release(tmp_path / "t", tmp_path / "me", only="01,09")


def test_rerelease_after_template_edit_leaves_answers_byte_identical(tmp_path: Path) -> None:
    templates = write_templates(tmp_path / "templates")
    roster = write_roster(tmp_path / "roster.csv", 4)
    to = tmp_path / "cohort"
    cohort.release(templates, to, roster)
    for n in range(1, 5):
        area = to / f"L{n:03d}" / "coursework"
        with open_store(area) as store:
            store.save("01.review.channels", answer_for("01.review.channels", n))
        (area / "attachments").mkdir(exist_ok=True)
        (area / "attachments" / "poster.png").write_bytes(b"\x89PNG fake poster")
        (area / "data").mkdir(exist_ok=True)
        (area / "data" / "my_data.csv").write_text("month,office_kwh\n2025-01,100\n")
    # L002 ran notebook 02 and Lab saved its outputs: an unchanged template leaves it alone.
    ran = to / "L002" / "notebooks" / "02_plan.ipynb"
    ran.write_text(ran.read_text().replace('"outputs": []', '"outputs": [] '), encoding="utf-8")
    ran_text = ran.read_text()
    before = {n: tree_digest(to / f"L{n:03d}" / "coursework") for n in range(1, 5)}

    nbformat.write(
        template_notebook("01_review", QUESTIONS["01_review"], note="Now with a clearer example."),
        templates / "01_review.ipynb",
    )
    report = cohort.release(templates, to, roster)

    assert report.names("updated") == ["01_review.ipynb"]
    assert report.names("unchanged") == ["02_plan.ipynb"]
    assert report.names("added") == []
    assert not any(lr.profile_filled for lr in report.learners)
    for n in range(1, 5):
        assert tree_digest(to / f"L{n:03d}" / "coursework") == before[n]
        text = (to / f"L{n:03d}" / "notebooks" / "01_review.ipynb").read_text()
        assert "clearer example" in text
    assert ran.read_text() == ran_text


def test_release_refuses_to_write_over_its_own_templates(tmp_path: Path) -> None:
    templates = write_templates(tmp_path / "course" / "notebooks")
    before = tree_digest(templates)
    with pytest.raises(CourseworkError, match="on top of the templates"):
        cohort.release(templates, tmp_path / "course")
    assert tree_digest(templates) == before
