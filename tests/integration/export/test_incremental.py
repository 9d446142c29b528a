"""Incremental export with real kernels: only the notebooks whose inputs changed run again, and
the pack is the same, page for page, as one where every notebook ran."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell

from helpers.export import ExportResult, export_evidence
from helpers.export.incremental import BUILD_DIR
from helpers.store import open_store
from tests.integration.small_notebooks import small_notebook
from tests.paths import REPO, SAMPLE

sys.path.insert(0, str(REPO / "tools"))
from pack_text import page_text  # noqa: E402

SMALL = {
    "01_first.ipynb": [('helpers.forms.long_text("01.a.text", "First")', ["01.a.text"], [], [])],
    "02_second.ipynb": [('helpers.forms.long_text("02.b.text", "Second")', ["02.b.text"], [], [])],
    "03_data.ipynb": [
        ('print(len(helpers.datasource.table("complaints")), "complaints")', [], [], [])
    ],
}


def ran(result: ExportResult) -> list[str]:
    """The notebooks this export ran (the others' earlier runs were reused)."""
    return sorted(name[len("run ") :] for name in result.timings if name.startswith("run "))


def pages(folder: Path) -> dict[str, list[str]]:
    """Every page's visible text, dates and versions masked."""
    return {p.name: page_text(p.read_text("utf-8")) for p in sorted(folder.glob("*.html"))}


@pytest.fixture
def notebooks(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name, cells in SMALL.items():
        nbformat.write(small_notebook(cells), folder / name)
    return folder


@pytest.fixture
def area(tmp_path: Path) -> Path:
    from helpers.datasource import use_path

    area = tmp_path / "coursework"
    with open_store(area) as store:
        store.save("01.a.text", "My first answer.")
        store.save("02.b.text", "My second answer.")
        assert use_path("complaints", SAMPLE / "complaints.csv", store).used
    return area


def export(
    area: Path, notebooks: Path, *, out_dir: Path | None = None, full: bool = False
) -> ExportResult:
    result = export_evidence(area, notebooks_dir=notebooks, out_dir=out_dir, workers=2, full=full)
    assert result.ok, result.failed
    return result


def test_a_changed_answer_runs_only_its_notebook_and_the_pack_equals_a_full_one(
    area: Path, notebooks: Path, tmp_path: Path
) -> None:
    first = export(area, notebooks)
    assert ran(first) == ["01_first", "02_second", "03_data"]
    assert first.reused == []
    with open_store(area) as store:
        store.save("02.b.text", "My second answer, rewritten after feedback.")
    again = export(area, notebooks)
    assert ran(again) == ["02_second"]
    assert again.reused == ["01_first", "03_data"]
    assert again.reasons == {"02_second": ["answers"]}
    full = export(area, notebooks, out_dir=tmp_path / "full", full=True)
    assert ran(full) == ["01_first", "02_second", "03_data"]
    assert pages(again.html_path.parent) == pages(full.html_path.parent)
    assert "rewritten after feedback" in again.html_path.read_text("utf-8")
    nothing = export(area, notebooks)
    assert ran(nothing) == [] and len(nothing.reused) == 3


def test_a_changed_data_file_runs_the_notebooks_that_read_it(area: Path, notebooks: Path) -> None:
    from helpers.datasource import current_choice

    export(area, notebooks)
    with open_store(area) as store:
        chosen = current_choice("complaints", store).path
    lines = chosen.read_text("utf-8").splitlines(keepends=True)
    chosen.write_text("".join(lines[:-5]), "utf-8")  # five complaints fewer
    again = export(area, notebooks)
    assert ran(again) == ["03_data"]
    assert again.reasons == {"03_data": ["tables"]}
    assert f"{len(lines) - 6} complaints" in again.html_path.read_text("utf-8")


def test_a_changed_notebook_or_helpers_code_runs_that_notebook(area: Path, notebooks: Path) -> None:
    export(area, notebooks)
    edited = nbformat.read(notebooks / "01_first.ipynb", as_version=4)
    edited.cells.append(new_markdown_cell("A paragraph the tutor added."))
    nbformat.write(edited, notebooks / "01_first.ipynb")
    # a record made by other code: as if helpers/ had changed since 02 last ran
    record = area / "exports" / BUILD_DIR / "02_second.json"
    made = json.loads(record.read_text("utf-8"))
    made["inputs"]["code"] = "0" * 64
    record.write_text(json.dumps(made), "utf-8")
    again = export(area, notebooks)
    assert ran(again) == ["01_first", "02_second"]
    assert again.reasons == {"01_first": ["notebook"], "02_second": ["code"]}
    assert "A paragraph the tutor added." in again.html_path.read_text("utf-8")


@pytest.mark.slow
def test_the_exemplar_after_one_changed_answer(tmp_path: Path) -> None:
    """The course notebooks: one answer of notebook 03 changed runs notebook 03 only, and the
    pack equals one where all eight notebooks ran."""
    from helpers.commands.demo import fill_area

    area = tmp_path / "coursework"
    fill_area(area)
    question = "03.reception.summary"
    with open_store(area) as store:
        exemplar = store.load(question)
    full = export_evidence(area, full=True)
    assert full.ok and len(ran(full)) == 8
    expected = pages(full.html_path.parent)
    with open_store(area) as store:
        store.save(question, exemplar + " Two colleagues asked for the poster for their team.")
    changed = export_evidence(area)
    assert changed.ok and ran(changed) == ["03_promoting_sustainable_practice"]
    with open_store(area) as store:
        store.save(question, exemplar)
    back = export_evidence(area)
    assert back.ok and ran(back) == ["03_promoting_sustainable_practice"]
    assert pages(back.html_path.parent) == expected


def test_forked_kernels_give_the_same_pages_as_kernels_started_afresh(
    area: Path, notebooks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forked kernels (their widgets' messages silenced) and new Pythons: the same pack."""
    forked = export(area, notebooks, out_dir=tmp_path / "forked", full=True)
    monkeypatch.setenv("COURSEWORK_EXPORT_FORK", "0")
    afresh = export(area, notebooks, out_dir=tmp_path / "afresh", full=True)
    assert len(ran(forked)) == len(ran(afresh)) == 3
    assert pages(forked.html_path.parent) == pages(afresh.html_path.parent)
    assert "My second answer." in forked.html_path.read_text("utf-8")
