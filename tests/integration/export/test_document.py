"""The pack and its per-notebook pages as documents: every link lands, each page stands alone."""

from __future__ import annotations

from helpers.export import ExportResult

from .pages import parse


def test_every_link_inside_the_pack_lands_on_an_element(xss_export: ExportResult) -> None:
    page = parse(xss_export.html_path.read_text(encoding="utf-8"))
    ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
    targets = {attrs["href"][1:] for _, attrs in page.tags if attrs.get("href", "").startswith("#")}
    assert "cell-id=01_forms--c0" in targets  # the matrix links to the evidence for SUS.REVIEW.1
    assert targets <= ids
    assert len(ids) == len([1 for _, attrs in page.tags if "id" in attrs])  # ids are unique


def test_each_notebook_page_stands_alone(xss_export: ExportResult) -> None:
    page = xss_export.notebook_paths[0].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<title>Forms: evidence</title>" in page
    assert 'id="notebook-01_forms"' in page and 'id="coverage"' in page
    assert page.count("<h1") == 1 and "cw-section" not in page
    matrix = page[page.index('id="coverage"') : page.index('id="attachments"')]
    assert (
        "SUS.REVIEW.1" in matrix and "TEAM.GOALS.1" not in matrix
    )  # only this notebook's criteria
