"""Tutor tools on a generated cohort: roster checks, release, status, export-cohort.

The cohort uses small template notebooks and a small criteria file (tests/data/cohort/) whose ids
no feedback rule uses, so each criterion's status follows only from which questions are answered:
all answered -> met, some -> partly, none -> not yet.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import cohort
from helpers.cli import main as cli_main
from helpers.errors import CourseworkError
from helpers.store import open_store
from tests.paths import DATA as TEST_DATA

DATA = TEST_DATA / "cohort"
CRITERIA = DATA / "criteria.yml"
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


def _template(stem: str, questions: dict[str, list[str]], note: str = "") -> Any:
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
    folder.mkdir(parents=True, exist_ok=True)
    for stem, questions in QUESTIONS.items():
        nbformat.write(_template(stem, questions, note), folder / f"{stem}.ipynb")
    return folder


def write_roster(path: Path, count: int) -> Path:
    rows = ["learner_id,name,centre,organisation,job_role"]
    rows += [
        f"L{i:03d},Learner {i:03d},Leeds College,Brightwater Energy,Customer adviser"
        for i in range(1, count + 1)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def answer_for(qid: str, learner: int) -> str:
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
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Templates, a 30-learner roster released, and simulated answers."""
    base = tmp_path_factory.mktemp("cohort")
    templates = write_templates(base / "templates")
    roster = write_roster(base / "roster.csv", LEARNERS)
    report = cohort.release(templates, base / "cohort", roster)
    simulate_answers(base / "cohort")
    return {"base": base, "templates": templates, "cohort": base / "cohort", "report": report}


# -- roster -------------------------------------------------------------------------------
def test_bad_roster_rows_are_refused_by_row_and_column_and_nothing_is_made(tmp_path: Path) -> None:
    with pytest.raises(CourseworkError) as caught:
        cohort.release(write_templates(tmp_path / "t"), tmp_path / "out", DATA / "roster_bad.csv")
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {
        (3, "learner_id"),  # ../other
        (4, "name"),  # Cara/../../etc
        (5, "learner_id"),  # empty
        (6, "learner_id"),  # l001 repeats L001 (folders clash on Windows and macOS)
        (7, "name"),  # empty name
    }
    text = str(caught.value)
    assert '"../other"' in text and "row 2" in text and "roster_bad.csv" in text
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "other").exists()


@pytest.mark.parametrize(
    "learner_id",
    ["../other", "..", ".", "a/b", "a\\b", "/etc", "C:evil", "con", "x" * 65, " L1", "L 1"],
)
def test_learner_ids_that_could_leave_the_cohort_are_refused(
    tmp_path: Path, learner_id: str
) -> None:
    assert cohort.learner_id_problem(learner_id)
    with pytest.raises(CourseworkError):
        cohort.learner_folder(tmp_path, learner_id)
    learners = [cohort.Learner(learner_id, "Someone")]
    with pytest.raises(CourseworkError):
        cohort.release(write_templates(tmp_path / "t"), tmp_path / "cohort", learners)
    assert not (tmp_path / "cohort").exists()


def test_roster_without_the_required_columns_says_so(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,full name\nL1,Asha\n", encoding="utf-8")
    with pytest.raises(CourseworkError, match="learner_id and name"):
        cohort.read_roster(path)


def test_roster_from_a_spreadsheet_with_bom_and_blank_lines_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("\ufefflearner_id,name\nL1,Asha Patel\n,\n\nL2,Ben O'Neil\n", encoding="utf-8")
    assert [lr.learner_id for lr in cohort.read_roster(path)] == ["L1", "L2"]


# -- release ------------------------------------------------------------------------------
def test_learner_copy_drops_tutor_cells_clears_outputs_and_hides_code() -> None:
    template = _template("01_review", QUESTIONS["01_review"])
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
        _template("01_review", QUESTIONS["01_review"], note="Now with a clearer example."),
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


# -- status -------------------------------------------------------------------------------
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


def test_status_command_writes_safe_offline_html_and_csv(
    released: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page, sheet = tmp_path / "report.html", tmp_path / "report.csv"
    code = cli_main(
        [
            "status",
            str(released["cohort"]),
            "--out",
            str(page),
            "--csv",
            str(sheet),
            "--criteria",
            str(CRITERIA),
            "--notebooks",
            str(released["templates"]),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "L007" in printed and "DAMAGED" in printed and "need attention" in printed
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert "http://" not in text and "https://" not in text and "src=" not in text
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    assert len(rows) == LEARNERS
    by_id = {r["learner_id"]: r for r in rows}
    assert by_id["L004"]["T.1.1"] == "met" and by_id["L001"]["T.1.1"] == "partly"
    assert by_id["L007"]["state"] == "damaged"


def test_status_html_escapes_learner_text_and_csv_defuses_formulas(tmp_path: Path) -> None:
    learner = cohort.LearnerStatus(
        "L1", tmp_path, "ok", name="<script>alert(1)</script><img src=x onerror=alert(2)>"
    )
    formula = cohort.LearnerStatus("L2", tmp_path, "ok", name='=HYPERLINK("http://x")')
    status = cohort.CohortStatus(tmp_path, ["T.1.1"], [learner, formula])
    page = cohort.status_html(status)
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "'=HYPERLINK" in cohort.status_csv(status)


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


def test_text_progress_without_a_terminal_prints_lines() -> None:
    stream = io.StringIO()
    progress = cohort.TextProgress("Exporting", stream)
    for done in range(1, 4):
        progress(done, 3, f"L00{done}", "exported")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3 and "\r" not in stream.getvalue()
    assert lines[-1].startswith("Exporting [") and "3/3 L003: exported" in lines[-1]
    many = io.StringIO()
    progress = cohort.TextProgress("Reading", many)
    for done in range(1, 501):
        progress(done, 500, "x", "ok")
    assert 10 <= len(many.getvalue().splitlines()) <= 12


# -- export-cohort ------------------------------------------------------------------------
@pytest.mark.slow
def test_export_cohort_exports_in_parallel_resumes_and_reports_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("helpers.export")
    templates = write_templates(tmp_path / "templates")
    to = tmp_path / "cohort"
    cohort.release(templates, to, write_roster(tmp_path / "roster.csv", 3))
    for n in (1, 2):
        with open_store(to / f"L00{n}" / "coursework") as store:
            store.save("01.review.channels", answer_for("01.review.channels", n))
    (to / "L003" / "coursework" / "answers.sqlite").write_bytes(b"damaged" * 50)
    packs = tmp_path / "packs"
    argv = ["export-cohort", str(to), "--out", str(packs), "--jobs", "2"]
    argv += ["--criteria", str(CRITERIA), "--notebooks", str(templates)]

    assert cli_main(argv) == 1  # L003 failed
    printed = capsys.readouterr().out
    assert "Exported 2, skipped 0" in printed and "failed 1" in printed
    assert "FAILED L003" in printed and "Exporting [" in printed
    for n in (1, 2):
        assert (to / f"L00{n}" / "coursework" / "data" / "generated.json").exists()
        pack = packs / f"L00{n}"
        assert (pack / cohort.FINGERPRINT_FILE).exists()
        assert list(pack.rglob("*.html")), f"no HTML in {pack}"
        assert list(pack.rglob("*.zip")), f"no zip in {pack}"
    assert not (packs / "L003" / cohort.FINGERPRINT_FILE).exists()

    # Resumable: nothing changed for L001 and L002, so a re-run skips them.
    (to / "L003").rename(tmp_path / "L003-aside")
    assert cli_main(argv) == 0
    assert "Exported 0, skipped 2" in capsys.readouterr().out
    # A new answer from L002 makes only L002 export again.
    with open_store(to / "L002" / "coursework") as store:
        store.save("02.plan.steps", "Move statements to email by March.")
    report = cohort.export_cohort(
        to, packs, jobs=1, notebooks_dir=templates, criteria_path=CRITERIA
    )
    assert [(r.learner_id, r.outcome) for r in report.results] == [
        ("L001", "skipped"),
        ("L002", "exported"),
    ]


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


def test_release_refuses_to_write_over_its_own_templates(tmp_path: Path) -> None:
    templates = write_templates(tmp_path / "course" / "notebooks")
    before = tree_digest(templates)
    with pytest.raises(CourseworkError, match="on top of the templates"):
        cohort.release(templates, tmp_path / "course")
    assert tree_digest(templates) == before


def test_fingerprint_changes_with_what_a_pack_is_made_from(tmp_path: Path) -> None:
    area, notebooks = tmp_path / "coursework", write_templates(tmp_path / "t")
    criteria = tmp_path / "criteria.yml"
    criteria.write_text(CRITERIA.read_text())
    with open_store(area) as store:
        store.save("01.review.channels", "Email.")
    first = cohort.fingerprint(area, notebooks, criteria)
    assert cohort.fingerprint(area, notebooks, criteria) == first
    steps = [
        lambda: (
            (area / "attachments").mkdir() or (area / "attachments" / "a.png").write_bytes(b"x")
        ),
        lambda: (area / "data").mkdir() or (area / "data" / "d.csv").write_text("month\n"),
        lambda: criteria.write_text(CRITERIA.read_text() + "\n# edited\n"),
        lambda: (notebooks / "02_plan.ipynb").write_text("{}"),
    ]
    seen = {first}
    for step in steps:
        step()
        now = cohort.fingerprint(area, notebooks, criteria)
        assert now not in seen
        seen.add(now)


def test_release_command_prints_progress_and_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = write_templates(tmp_path / "t")
    roster = write_roster(tmp_path / "roster.csv", 2)
    argv = ["release", "--to", str(tmp_path / "c"), "--roster", str(roster)]
    assert cli_main([*argv, "--templates", str(templates)]) == 0
    out = capsys.readouterr().out
    assert "Releasing [" in out and "2/2 L002" in out
    assert "Notebooks added: 01_review.ipynb, 02_plan.ipynb" in out
    assert "Profiles filled in for 2 new learner(s)." in out
    bad = ["release", "--to", str(tmp_path / "d"), "--roster", str(DATA / "roster_bad.csv")]
    assert cli_main([*bad, "--templates", str(templates)]) == 1
    err = capsys.readouterr().err
    assert "nothing was released" in err and 'row 3, column "learner_id"' in err


def _descendants(pid: int) -> dict[int, str]:
    """Every process below ``pid`` (from /proc), with its command line."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            commands[int(entry.name)] = (
                (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            )
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: dict[int, str] = {}
    todo = [pid]
    while todo:
        current = todo.pop()
        for child, parent in parents.items():
            if parent == current and child not in found:
                found[child] = commands.get(child, "")
                todo.append(child)
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has finished; only its parent's bookkeeping is left


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_export_cohort_stopped_with_sigterm_leaves_no_process_behind(tmp_path: Path) -> None:
    import os
    import signal

    templates = write_templates(tmp_path / "templates")
    slow = nbformat.read(templates / "02_plan.ipynb", as_version=4)
    slow.cells.append(new_code_cell("import time\ntime.sleep(120)"))
    nbformat.write(slow, templates / "02_plan.ipynb")
    to = tmp_path / "cohort"
    cohort.release(templates, to, write_roster(tmp_path / "roster.csv", 3))
    command = [sys.executable, "-m", "helpers", "export-cohort", str(to)]
    command += ["--out", str(tmp_path / "packs"), "--jobs", "2", "--criteria", str(CRITERIA)]
    command += ["--notebooks", str(templates)]
    # Files, not pipes: a worker left behind would hold a pipe open and hang the test.
    out, err = (tmp_path / "stdout.txt").open("w"), (tmp_path / "stderr.txt").open("w")
    process = subprocess.Popen(command, stdout=out, stderr=err)
    kernels: dict[int, str] = {}
    deadline = time.monotonic() + 90
    while len(kernels) < 2 and time.monotonic() < deadline and process.poll() is None:
        below = _descendants(process.pid)
        kernels = {pid: cmd for pid, cmd in below.items() if "ipykernel" in cmd}
        time.sleep(0.3)
    assert len(kernels) == 2, f"two kernels never started: {_descendants(process.pid)}"
    below = _descendants(process.pid)

    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    finally:
        deadline = time.monotonic() + 20
        while any(_running(pid) for pid in below) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = {pid: cmd for pid, cmd in below.items() if _running(pid)}
        for pid in [process.pid, *left]:  # never leave them running after a failure either
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        out.close()
        err.close()
    assert left == {}
    assert process.returncode == 130
    stderr = (tmp_path / "stderr.txt").read_text()
    assert "Stopped." in stderr and "run the same command again" in stderr
    assert "Traceback" not in stderr
