"""A generated cohort for the tutor tools' tests: small template notebooks, a roster, answers.

The cohort uses small template notebooks and a small criteria file (tests/data/cohort/) whose ids
no feedback rule uses, so each criterion's status follows only from which questions are answered:
all answered -> met, some -> partly, none -> not yet.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import cohort
from helpers.store import open_store
from tests.paths import DATA

COHORT_DATA = DATA / "cohort"
CRITERIA = COHORT_DATA / "criteria.yml"
LEARNERS = 30
# Question id -> criteria it evidences, by notebook.
QUESTIONS = {
    "01_review": {
        "01.review.channels": ["T.1.1"],
        "01.review.impacts": ["T.1.1"],
        "01.review.change": ["T.1.2"],
    },
    "02_plan": {"02.plan.steps": ["T.2.1"]},
}
ALL_QUESTIONS = [q for questions in QUESTIONS.values() for q in questions]
GENERATED_FILE_CELL = (
    "from helpers.paths import coursework_dir, learner_data_dir\n"
    "learner_data_dir(coursework_dir()).mkdir(exist_ok=True)\n"
    "(learner_data_dir(coursework_dir()) / 'generated.json').write_text('{}')"
)


def template_notebook(stem: str, questions: dict[str, list[str]], note: str = "") -> Any:
    """A template as a tutor keeps it: a tutor-only cell, left-over outputs, one box a question."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells.append(new_markdown_cell(f"# {stem.split('_', 1)[1].title()}\n\nAn intro. {note}"))
    nb.cells.append(new_code_cell("import helpers\nhelpers.start()"))
    tutor = new_markdown_cell("Tutor note: the answer key is in the staff folder.")
    tutor.metadata["tags"] = ["tutor-only"]
    nb.cells.append(tutor)
    for qid, criteria in questions.items():
        cell = new_code_cell(f'helpers.forms.long_text("{qid}", "Question {qid}")')
        cell.metadata["coursework"] = {"questions": [qid], "criteria": criteria}
        cell.outputs = [new_output("stream", name="stdout", text="left over\n")]
        cell.execution_count = 3
        nb.cells.append(cell)
    # Like the real notebooks' data cells, running this writes a file of its own into the
    # learner's area (the redaction's data/pseudonyms.json): a re-run must still skip the pack.
    nb.cells.append(new_code_cell(GENERATED_FILE_CELL))
    return nb


def write_templates(folder: Path, note: str = "") -> Path:
    """Both templates (01_review, 02_plan) written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, questions in QUESTIONS.items():
        nbformat.write(template_notebook(stem, questions, note), folder / f"{stem}.ipynb")
    return folder


def write_roster(path: Path, count: int) -> Path:
    """A roster of ``count`` learners, L001 upwards."""
    rows = ["learner_id,name,centre,organisation,job_role"]
    rows += [
        f"L{i:03d},Learner {i:03d},Leeds College,Brightwater Energy,Customer adviser"
        for i in range(1, count + 1)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def answer_for(qid: str, learner: int) -> str:
    """The six-word answer learner ``learner`` gives to ``qid``."""
    return f"Learner {learner} writes about {qid.split('.')[-1]} in six words."


def simulate_answers(cohort_dir: Path) -> None:
    """Varied completeness: learner n answers the first (n mod 5) questions.

    L001 answers one question, L004 all four, L005 none (an empty learner); L007 has a damaged
    store and L009 none at all.
    """
    for n in range(1, LEARNERS + 1):
        area = cohort_dir / f"L{n:03d}" / "coursework"
        with open_store(area) as store:
            for qid in ALL_QUESTIONS[: n % 5]:
                store.save(qid, answer_for(qid, n))
    (cohort_dir / "L007" / "coursework" / "answers.sqlite").write_bytes(b"not a database" * 100)
    (cohort_dir / "L009" / "coursework" / "answers.sqlite").unlink()


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with its SHA-256, to show that nothing changed."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="package")  # one release shared by every test that reads it
def released(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Templates, a 30-learner roster released, and simulated answers."""
    base = tmp_path_factory.mktemp("cohort")
    templates = write_templates(base / "templates")
    roster = write_roster(base / "roster.csv", LEARNERS)
    report = cohort.release(templates, base / "cohort", roster)
    simulate_answers(base / "cohort")
    return {"base": base, "templates": templates, "cohort": base / "cohort", "report": report}
