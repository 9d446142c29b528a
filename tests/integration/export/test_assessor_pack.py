"""The exemplar's pack prints compactly for an assessor: the coverage matrix counts each unit
and then lists each criterion once with its kind in a word; "When answers were written" sums up
each notebook and says where each answer's full history is (answers.json in evidence.zip, which
holds it); the page prints on A4 with its own print styles and no script.

Uses the ``exemplar`` export of conftest.py (real kernels, the course notebooks)."""

from __future__ import annotations

import json
import re
import zipfile

from helpers.criteria import load_criteria
from helpers.export import ExportResult
from helpers.export.pack import OTHER_RECORDS

from .pages import parse


def _part(page: str, start: str, end: str) -> str:
    return page[page.index(f'id="{start}"') : page.index(f'id="{end}"')]


def test_the_coverage_matrix_counts_each_unit_then_lists_each_criterion_once(
    exemplar: ExportResult,
) -> None:
    page = exemplar.html_path.read_text(encoding="utf-8")
    matrix = _part(page, "coverage", "attachments")
    criteria = load_criteria()
    assert matrix.count('<span class="cw-criterion-id">') == len(criteria.criteria)
    for unit in criteria.units:
        assert f'<a href="#coverage-{unit.id}">' in matrix and f'id="coverage-{unit.id}"' in matrix
    text = " ".join(" ".join(parse(matrix).text).split())
    assert text.count("not work done") == 1  # the kind is explained once, then a word per row
    assert re.search(r"Cycle 1: Plan: The problem ?; ", text)  # grouped by the part it is in


def test_edit_summary_has_a_row_per_notebook_and_the_history_is_in_the_zip(
    exemplar: ExportResult,
) -> None:
    page = exemplar.html_path.read_text(encoding="utf-8")
    edits = _part(page, "edits", "declaration")
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', edits)
    titles = [path.stem for path in exemplar.notebook_paths]
    assert len(rows) == len(titles) + 1 and rows[-1] == OTHER_RECORDS  # one row per notebook
    assert "answers.json inside evidence.zip" in " ".join(parse(edits).text)
    with zipfile.ZipFile(exemplar.zip_path) as bundle:
        history = json.loads(bundle.read("answers.json"))
    assert history["answers"] and set(history["history"]) == set(history["answers"])
    for revisions in history["history"].values():
        assert revisions and all(r["saved_at"] for r in revisions)
    counts = [int(n) for n in re.findall(r"</th><td>(\d+)</td>", edits)]
    assert sum(counts) == len(history["edit_times"])  # every saved answer counted once


def test_the_pack_prints_on_a4_with_its_own_print_styles(exemplar: ExportResult) -> None:
    page = exemplar.html_path.read_text(encoding="utf-8")
    assert "@page { size: A4;" in page and "@media print" in page
    assert "<script" not in page.lower()
