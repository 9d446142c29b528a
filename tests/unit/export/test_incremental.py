"""What a notebook's run is made from, worked out without a kernel: the answers, tables and
files it reads, and the digests that say whether they changed."""

from __future__ import annotations

from pathlib import Path

from nbformat.v4 import new_code_cell, new_notebook

from helpers.export.incremental import Reads, changed_inputs, folder_digest, notebook_reads


def reads(stem: str, *sources: str, questions: tuple[str, ...] = ()) -> Reads:
    nb = new_notebook()
    nb.cells = [new_code_cell(source) for source in sources]
    if questions:
        nb.cells[0].metadata["coursework"] = {"questions": list(questions)}
    return notebook_reads(Path(f"{stem}.ipynb"), nb)


def test_a_notebook_reads_its_own_section_and_the_sections_its_cells_name() -> None:
    found = reads(
        "02_before_and_after",
        'helpers.forms.long_text("06.x.y", "A box from another notebook")',
        questions=("05.pdca.cycle1.plan.problem",),
    )
    assert found.sections == {"02", "05", "06"}
    assert found.reads_answer("02.monitor.metrics")
    assert found.reads_answer("05.pdca.cycle2.do.log")
    assert not found.reads_answer("01.review.period")
    assert not found.reads_answer("07.declaration.name")


def test_answers_outside_the_sections_are_read_by_every_notebook_but_data_choices_by_kind() -> None:
    found = reads("05_x", 'helpers.datasource.data_choice("complaints")', "helpers.feedback.x()")
    assert found.kinds == {"complaints"}  # not "feedback"
    assert found.reads_answer("attachments.a69afaab455a")
    assert found.reads_answer("data.choice.complaints")
    assert found.reads_answer("data.redaction.complaints.summary.keep")
    assert not found.reads_answer("data.choice.team_kpi")


def test_folder_digest_changes_with_a_file_and_ignores_compiled_caches(tmp_path: Path) -> None:
    (tmp_path / "module.py").write_text("x = 1\n")
    (tmp_path / "__pycache__").mkdir()
    before = folder_digest(tmp_path)
    (tmp_path / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"\0")
    assert folder_digest(tmp_path) == before
    (tmp_path / "module.py").write_text("x = 2\n")
    assert folder_digest(tmp_path) != before


def test_changed_inputs_names_what_differs_including_added_and_missing() -> None:
    before = {"notebook": "a", "answers": "b", "code": "c"}
    now = {"notebook": "a", "answers": "B", "date": "2026-01-01"}
    assert changed_inputs(before, now) == ["answers", "code", "date"]
