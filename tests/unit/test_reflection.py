"""Notebook 07's helpers: Gibbs boxes, declaration with its signing time, coverage view, button."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers import reflection
from helpers.criteria import load_criteria
from helpers.export import ExportResult
from helpers.feedback import CoverageEntry


def test_gibbs_stage_boxes_save_under_their_question_ids(store: Any) -> None:
    for stage in reflection.GIBBS_STAGES:
        box = reflection.gibbs_stage(f"07.gibbs.{stage}")
        box.store = store
        box.value = f"My {stage}."
    assert store.load("07.gibbs.action_plan") == "My action_plan."


def test_declaration_saves_the_signing_time_once_complete(store: Any) -> None:
    group = reflection.declaration_form(store=store)
    agree, name, when = group.forms
    agree.value = [reflection.DECLARATION]
    name.value = "Sam Taylor"
    assert store.load("07.declaration.signed_at") is None  # no date yet: not signed
    when.value = "2025-11-20"
    signed = store.load("07.declaration.signed_at")
    assert signed and signed[:4].isdigit() and "T" in signed


def test_coverage_table_shows_each_status_and_escapes(store: Any) -> None:
    criteria = load_criteria()
    found = {c: CoverageEntry("not yet") for c in criteria.criteria}
    found["SUS.REVIEW.1"] = CoverageEntry("met", ["01.review.channels"])
    found["SUS.REVIEW.2"] = CoverageEntry("partly", [], ["<b>Say</b> what the impact is."])
    page = reflection.coverage_table_html(found, criteria)
    assert "1</strong> met, <strong>1</strong> partly" in page
    assert "&lt;b&gt;Say&lt;/b&gt;" in page and "<b>Say" not in page
    assert "not a mark" in page


def test_export_button_links_to_the_pack_from_the_notebook(tmp_path: Path) -> None:
    notebooks = tmp_path / "notebooks"
    pack = tmp_path / "coursework" / "exports" / "evidence.html"
    pack.parent.mkdir(parents=True)
    pack.write_text("<html></html>")
    result = ExportResult(pack, pack.with_suffix(".zip"), failed={"02_x": "ValueError: <bad>"})
    page = reflection.ExportButton(notebooks).result_html(result)
    assert 'href="../coursework/exports/evidence.html"' in page
    assert "could not be generated: ValueError: &lt;bad&gt;" in page
