"""Notebook 07's helpers: Gibbs boxes, declaration with its signing time, coverage view, button."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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
    assert "1</strong> with evidence found, <strong>1</strong> partly" in page
    assert "&lt;b&gt;Say&lt;/b&gt;" in page and "<b>Say" not in page
    assert "not a mark" in page


def test_export_button_links_to_the_pack_from_the_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import os

    notebooks = tmp_path / "notebooks"
    pack = tmp_path / "coursework" / "exports" / "evidence.html"
    pack.parent.mkdir(parents=True)
    pack.write_text("<html></html>")
    result = ExportResult(pack, pack.with_suffix(".zip"), failed={"02_x": "ValueError: <bad>"})
    page = reflection.ExportButton(notebooks).result_html(result)
    assert "href" not in page and "ask your tutor" in page  # no Jupyter server: no dead link
    # the kernel's server (helpers.paths.lab_link) serves the project under a hub's prefix
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    server = {"root_dir": str(tmp_path), "base_url": "/user/asha/"}
    (tmp_path / f"jpserver-{os.getppid()}.json").write_text(json.dumps(server))
    page = reflection.ExportButton(notebooks).result_html(result)
    assert 'href="/user/asha/files/coursework/exports/evidence.html"' in page
    assert 'href="/user/asha/files/coursework/exports/evidence.zip?download=1" download' in page
    assert "could not be generated: ValueError: &lt;bad&gt;" in page


# ---------------------------------------------------------------------------------------------
# The declaration is shown whole where it is ticked, in the pack's words
# ---------------------------------------------------------------------------------------------


def test_the_declaration_is_shown_whole_above_its_tick_box(store: Any) -> None:
    from helpers import declaration
    from helpers.views import escape

    agree = reflection.declaration_form(store=store).forms[0]
    words, tick = agree.control.children
    assert escape(declaration.STATEMENT) in words.value  # the whole statement, not a label
    assert "white-space:normal" in words.value  # it wraps: never cut off with an ellipsis
    assert declaration.STATEMENT not in tick.description  # the tick's own label is short
    tick.value = True
    assert store.load(declaration.AGREE_ID) == [declaration.STATEMENT]
    tick.value = False
    assert store.load(declaration.AGREE_ID) == []


def test_words_ticked_earlier_are_the_words_shown(store: Any) -> None:
    from helpers import declaration
    from helpers.views import escape

    earlier = "I confirm that this is all my own work and that I anonymised every customer."
    store.save(declaration.AGREE_ID, [earlier])
    agree = reflection.declaration_form(store=store).forms[0]
    words, tick = agree.control.children
    assert tick.value is True and escape(earlier) in words.value
    assert declaration.read_declaration(store.answers()).statement == earlier  # as in the pack


# ---------------------------------------------------------------------------------------------
# The coverage table and the summary above the button update by themselves
# ---------------------------------------------------------------------------------------------


def test_coverage_view_updates_when_an_answer_is_saved_in_another_notebook(store: Any) -> None:
    from helpers import live
    from helpers.forms import long_text

    live.forget_all()
    try:
        view = reflection.coverage_view()
        before = view.static_html()
        assert "Check again" not in before
        long_text("05.area.evidence", "Evidence").value = (
            "Complaints log Jan to Jun 2025: 84 of 351 complaints were billing errors (24 %). "
            "One customer said 'my bill was wrong three months running'."
        )
        assert view.static_html() != before
        assert view.widget.value == view.static_html()
    finally:
        live.forget_all()


def test_readiness_says_what_is_missing_and_when_the_pack_is_out_of_date(
    store: Any, coursework_dir: Path
) -> None:
    import os

    from helpers import declaration
    from helpers.paths import exports_dir

    page = reflection.readiness_html(store)
    assert "sign the declaration above: tick the box, type your name, add the date" in page
    assert "Notebooks with no answers saved yet: 01, 02, 03, 04, 05, 06 and 07." in page
    assert "last pack" not in page  # no pack built yet
    for number in range(1, 7):
        store.save(f"0{number}.x.y", "Something")
    store.save(declaration.AGREE_ID, [declaration.STATEMENT])
    store.save(declaration.NAME_ID, "Sam Taylor")
    store.save(declaration.DATE_ID, "2025-11-20")
    pack = exports_dir(coursework_dir) / "evidence.html"
    pack.parent.mkdir(parents=True, exist_ok=True)
    pack.write_text("<html></html>")
    os.utime(pack, (1, 1))  # built long ago
    page = reflection.readiness_html(store)
    assert "Your declaration is signed." in page
    assert "Every notebook from 01 to 07 has answers saved." in page
    assert "changed answers since your last pack" in page
    os.utime(pack)  # built now
    assert "Your last pack includes all your saved answers." in reflection.readiness_html(store)


def test_the_button_without_jupyterlab_names_no_command(tmp_path: Path) -> None:
    from helpers import live

    try:
        page = reflection.ExportButton(tmp_path).static_html()
    finally:
        live.forget_all()
    assert "ask your tutor" in page
    assert "<code>" not in page and "coursework export" not in page
