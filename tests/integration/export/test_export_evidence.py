"""Whole exports of small notebooks (export_evidence): payloads inert, nothing answered, a failing
notebook, an unknown criterion, a notebook added later.

Exports run real kernels (nbclient), so each is made once for this folder (conftest.py) and shared.
"""

from __future__ import annotations

from pathlib import Path

from helpers.criteria import load_criteria
from helpers.export import ExportResult, export_evidence

from .pages import PAYLOADS, parse, unsafe_markup


def test_xss_payloads_are_inert_everywhere(xss_export: ExportResult) -> None:
    pages = [xss_export.html_path, *xss_export.notebook_paths]
    for path in pages:
        assert unsafe_markup(path.read_text(encoding="utf-8")) == [], path.name


def test_xss_payload_text_is_still_visible(xss_export: ExportResult) -> None:
    text = " ".join(parse(xss_export.html_path.read_text(encoding="utf-8")).text)
    for payload in PAYLOADS:
        assert payload in text


def test_pack_has_no_code_tutor_cells_or_local_paths(xss_export: ExportResult) -> None:
    page = xss_export.html_path.read_text(encoding="utf-8")
    assert "TUTOR ONLY NOTES" not in page
    assert "helpers.forms" not in page
    assert "answers.sqlite" not in page


def test_nothing_answered_gives_a_pack_saying_not_yet_throughout(
    empty_export: ExportResult,
) -> None:
    page = empty_export.html_path.read_text(encoding="utf-8")
    matrix = page[page.index('id="coverage"') : page.index('id="attachments"')]
    assert matrix.count("cw-status-not-yet") == len(load_criteria().criteria)
    assert "cw-status-met" not in matrix and "cw-status-partly" not in matrix
    assert "Evidence found" not in matrix.split("</thead>")[-1]  # no row says it
    assert "The assessor decides." in matrix
    assert "Declaration of authenticity: not done yet" in matrix
    assert "Not signed yet" in page
    assert unsafe_markup(page) == []


def test_a_failing_notebook_is_exported_with_its_reason(empty_export: ExportResult) -> None:
    assert set(empty_export.failed) == {"02_broken"}
    assert "the data file is missing" in empty_export.failed["02_broken"]
    page = empty_export.html_path.read_text(encoding="utf-8")
    reason = "a cell stopped with an error: the data file is missing"
    assert f"This section could not be generated: {reason}" in page
    assert "ValueError" not in page  # the assessor reads words, not a Python exception name
    assert empty_export.failure_details["02_broken"] == "ValueError: the data file is missing"
    assert 'id="notebook-02_broken"' in page  # in place, not dropped


def test_unknown_criterion_in_a_notebook_is_reported_by_id(notebooks: Path, tmp_path: Path) -> None:
    criteria = tmp_path / "body.yml"
    criteria.write_text(
        "units:\n  - id: U\n    title: Unit\n    outcomes:\n      - id: U.1\n        title: O\n"
        "        criteria:\n          - {id: SUS.REVIEW.1, text: Review the channels.}\n"
    )
    result = export_evidence(
        tmp_path / "area", notebooks_dir=notebooks, criteria_path=criteria, workers=1
    )
    joined = " ".join(result.problems)
    assert "SUS.REVIEW.2" in joined and "SUS.REVIEW.3" in joined and "SUS.REVIEW.1 " not in joined
    assert "SUS.REVIEW.2" in result.html_path.read_text(encoding="utf-8")


def test_a_notebook_added_later_is_exported_without_changes(empty_export: ExportResult) -> None:
    page = empty_export.html_path.read_text(encoding="utf-8")
    assert '<a href="#notebook-03_added-later">Added later</a>' in page
    assert 'id="notebook-03_added-later"' in page
    assert (empty_export.html_path.parent / "03_added later.html").is_file()
