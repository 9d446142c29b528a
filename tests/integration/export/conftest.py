"""Whole exports shared by this folder's tests: each is made once (real kernels) and only read."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from helpers.export import ExportResult, export_evidence
from helpers.store import open_store
from tests.integration.small_notebooks import FORM_CELLS, small_notebook

from .pages import PAYLOADS


@pytest.fixture(scope="package")
def notebooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("notebooks")
    nbformat.write(small_notebook(FORM_CELLS), folder / "01_forms.ipynb")
    return folder


@pytest.fixture(scope="package")
def xss_export(notebooks: Path, tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    from helpers.attachments import add_attachment

    area = tmp_path_factory.mktemp("xss") / "coursework"
    store = open_store(area)
    store.save("01.x.long", "\n".join(PAYLOADS))
    store.save("01.x.short", PAYLOADS[0])
    store.save("01.x.table", [{"A": p, "B": p} for p in PAYLOADS])
    for qid in ("00.profile.name", "00.profile.centre", "00.profile.organisation"):
        store.save(qid, PAYLOADS[1])
    store.save("07.declaration.agree", ["yes"])
    store.save("07.declaration.name", PAYLOADS[4])
    add_attachment(b"minutes", name="minutes.txt", caption=PAYLOADS[2], purpose="01.x", store=store)
    store.close()
    return export_evidence(area, notebooks_dir=notebooks, workers=1)


@pytest.fixture(scope="package")
def exemplar(tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    """The exemplar learner's pack: the course notebooks (notebooks/) run by real kernels
    against the exemplar's answers (data/exemplar, as `coursework demo` saves them)."""
    from helpers.commands.demo import fill_area

    area = tmp_path_factory.mktemp("exemplar") / "coursework"
    fill_area(area)
    result = export_evidence(area, workers=2)
    assert result.ok, result.failed
    return result


@pytest.fixture(scope="package")
def empty_export(notebooks: Path, tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    folder = tmp_path_factory.mktemp("with_failure")
    nbformat.write(small_notebook(FORM_CELLS), folder / "01_forms.ipynb")
    broken = [('raise ValueError("the data file is missing")', ["02.y.z"], ["SUS.MONITOR.1"], [])]
    nbformat.write(small_notebook(broken), folder / "02_broken.ipynb")
    nbformat.write(small_notebook([]), folder / "03_added later.ipynb")  # a name a tutor might use
    area = tmp_path_factory.mktemp("empty") / "coursework"
    return export_evidence(area, notebooks_dir=folder, workers=2)
