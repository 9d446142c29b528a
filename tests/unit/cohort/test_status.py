"""Cohort status: each learner's store read into the matrix, damaged and busy stores reported.

The generated cohort (tests/cohorts.py) evidences a small criteria file no feedback rule uses, so
each status follows only from which questions are answered.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import nbformat

from helpers import cohort
from helpers.store import open_store
from tests.cohorts import ALL_QUESTIONS, CRITERIA, LEARNERS, answer_for, write_templates
from tests.replacement_criteria import MISSING, RULE_PROBLEM, criteria_without, one_learner_cohort


def test_status_matrix_for_chosen_learners(released: dict[str, Any]) -> None:
    status = cohort.cohort_status(
        released["cohort"], notebooks_dir=released["templates"], criteria_path=CRITERIA
    )
    assert status.criteria == ["T.1.1", "T.1.2", "T.2.1", "T.2.2"]
    assert len(status.learners) == LEARNERS
    # L001 answered one of the two T.1.1 questions; L004 answered everything; L005 nothing.
    assert status.learner("L001").coverage == {
        "T.1.1": "partly",
        "T.1.2": "not yet",
        "T.2.1": "not yet",
        "T.2.2": "not yet",
    }
    assert status.learner("L004").coverage == {
        "T.1.1": "met",
        "T.1.2": "met",
        "T.2.1": "met",
        "T.2.2": "not yet",
    }
    assert set(status.learner("L005").coverage.values()) == {"not yet"}
    assert status.learner("L004").words == sum(len(answer_for(q, 4).split()) for q in ALL_QUESTIONS)
    assert status.learner("L004").answered == 4
    assert status.learner("L004").name == "Learner 004"
    assert status.learner("L004").last_activity
    assert status.learner("L005").last_activity is None  # the release's profile does not count
    assert status.learner("L005").words == 0


def test_status_reports_damaged_and_missing_stores_without_stopping(
    released: dict[str, Any],
) -> None:
    status = cohort.cohort_status(
        released["cohort"], notebooks_dir=released["templates"], criteria_path=CRITERIA
    )
    states = {lr.learner_id: lr.state for lr in status.learners}
    assert states["L007"] == "damaged"
    assert states["L009"] == "missing"
    assert [k for k, v in states.items() if v != "ok"] == ["L007", "L009"]
    assert "damaged" in status.learner("L007").problem


def test_status_while_another_process_saves_loses_no_save(tmp_path: Path) -> None:
    templates = write_templates(tmp_path / "templates")
    to = tmp_path / "cohort"
    cohort.release(templates, to, [cohort.Learner("L001", "Busy Learner")])
    area = to / "L001" / "coursework"
    # The learner saves as fast as the disk allows for three seconds, while status reads.
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from helpers.store import open_store\n"
            "store = open_store(sys.argv[1])\n"
            "store.save('01.review.started', 'yes')\n"
            "end, i = time.monotonic() + 3, 0\n"
            "while time.monotonic() < end:\n"
            "    store.save(f'01.review.loop_{i:05d}', f'answer {i}')\n"
            "    store.save('01.review.channels', f'version {i}')\n"
            "    i += 1\n"
            "print(i)\n",
            str(area),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    states: list[str] = []
    deadline = time.monotonic() + 120
    while writer.poll() is None and time.monotonic() < deadline:
        status = cohort.cohort_status(to, notebooks_dir=templates, criteria_path=CRITERIA)
        # On a very busy machine a read may give up politely ("busy"); it never fails or waits long.
        states.append(status.learner("L001").state)
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    saves = int(out)
    assert saves > 20 and len(states) >= 3, (saves, states)
    assert set(states) <= {"ok", "busy"} and states.count("ok") >= len(states) // 2
    with open_store(area, readonly=True) as store:
        answers = store.answers()
    assert all(answers[f"01.review.loop_{i:05d}"] == f"answer {i}" for i in range(saves))
    assert answers["01.review.channels"] == f"version {saves - 1}"


def test_word_count_reads_text_lists_and_tables_not_numbers() -> None:
    assert cohort.word_count("Customers don't like paper bills.") == 5
    assert cohort.word_count([{"action": "Switch off", "owner": "Team lead"}, {"n": 3}]) == 4
    assert cohort.word_count(42) == 0 and cohort.word_count(None) == 0


def test_status_finds_learners_in_hub_home_folders_with_a_pattern(tmp_path: Path) -> None:
    homes = tmp_path / "homes"
    for user, answered in (("asha", True), ("ben", False)):
        area = homes / user / "customer-service-coursework" / "coursework"
        with open_store(area) as store:
            store.save("00.profile.name", user.title())
            if answered:
                store.save("01.review.channels", "Email, chat and paper letters.")
    (homes / "carl" / "other-course" / "coursework").mkdir(parents=True)
    status = cohort.cohort_status(
        homes,
        notebooks_dir=write_templates(tmp_path / "t"),
        criteria_path=CRITERIA,
        pattern="*/customer-service-coursework",
    )
    assert [lr.learner_id for lr in status.learners] == ["asha", "ben"]
    assert status.learner("asha").coverage["T.1.1"] == "partly"
    assert status.learner("ben").coverage["T.1.1"] == "not yet"


def test_status_over_many_learners_on_two_cores_matches_one_core(tmp_path: Path) -> None:
    templates = write_templates(tmp_path / "t")
    seed = tmp_path / "seed"
    with open_store(seed) as store:
        store.save("01.review.channels", "Email and letters.")
    to = tmp_path / "big"
    for n in range(cohort.PARALLEL_STATUS_FROM + 4):
        area = to / f"L{n:03d}" / "coursework"
        area.mkdir(parents=True)
        if n % 10:
            (area / "answers.sqlite").write_bytes((seed / "answers.sqlite").read_bytes())
    one = cohort.cohort_status(to, notebooks_dir=templates, criteria_path=CRITERIA, jobs=1)
    two = cohort.cohort_status(to, notebooks_dir=templates, criteria_path=CRITERIA, jobs=2)
    assert [(lr.learner_id, lr.state, lr.coverage) for lr in two.learners] == [
        (lr.learner_id, lr.state, lr.coverage) for lr in one.learners
    ]
    assert two.learner("L001").coverage["T.1.1"] == "partly"
    assert two.learner("L010").state == "missing"


def test_status_data_carries_the_problems_and_none_for_the_shipped_file(
    tmp_path: Path, notebooks: Path
) -> None:
    folder = one_learner_cohort(tmp_path)
    replaced = cohort.cohort_status(
        folder, notebooks_dir=notebooks, criteria_path=criteria_without(tmp_path, MISSING)
    )
    assert replaced.problems == [RULE_PROBLEM]
    assert MISSING not in replaced.criteria
    assert cohort.cohort_status(folder, notebooks_dir=notebooks).problems == []


def test_status_problems_name_a_question_by_its_label_never_its_id(
    tmp_path: Path, notebooks: Path
) -> None:
    folder = one_learner_cohort(tmp_path)
    nb = nbformat.read(notebooks / "01_review.ipynb", as_version=4)
    nb.cells[0].metadata["coursework"] = {
        "questions": ["01.review.channels"],
        "criteria": [MISSING],
        "labels": {"01.review.channels": "Your review of physical and digital channels"},
    }
    nbformat.write(nb, notebooks / "01_review.ipynb")
    replaced = cohort.cohort_status(
        folder, notebooks_dir=notebooks, criteria_path=criteria_without(tmp_path, MISSING)
    )
    assert replaced.problems == [
        RULE_PROBLEM,
        f'"Your review of physical and digital channels" names criterion {MISSING}, which is '
        'not in the criteria file "Replacement criteria".',
    ]
