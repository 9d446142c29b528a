"""The pack's data-change notice (helpers.provenance.pack_notices through the export's
StaticAnswers step and its template part), on notebooks built in memory: no kernel."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

from nbformat.v4 import new_code_cell, new_notebook, new_output

from helpers import forms, provenance
from helpers.datasource import use_path, use_sample
from helpers.export.exporter import exporter_for, make_exporter
from helpers.panels import Panel
from helpers.views import labelled_answer_html
from helpers.views.tidy import tidy_html

WIDGET = "application/vnd.jupyter.widget-view+json"
OWN = b"month,office_kwh\n2025-01,1200\n2025-02,1100\n"
ENERGY, WASTE = "01.impacts.energy", "01.impacts.waste"  # notebook 01 reads monthly_operations
NOTICE = (
    "This answer was written when the notebook used the sample organisation's figures. It now "
    "uses the learner's file 'our-centre.csv'. The learner has not confirmed or revised this "
    "answer since the data changed."
)


def convert(nb: Any, answers: dict[str, Any], notices: dict[str, str]) -> str:
    exporter = make_exporter(answers)
    assert exporter.answers_step is not None
    exporter.answers_step.notices = notices
    body, _ = exporter.from_notebook_node(nb)
    return unescape(tidy_html(body))


def cell(questions: list[str], outputs: list[Any]) -> Any:
    made = new_code_cell("helpers.review.impacts_form()")
    made.outputs = outputs
    made.metadata["coursework"] = {"questions": questions, "criteria": []}
    return made


def widget_output(html: str) -> Any:
    return new_output("display_data", data={WIDGET: {"model_id": "m"}, "text/html": html})


def _written_with_sample_then_own_file(store, area: Path) -> None:  # type: ignore[no-untyped-def]
    forms.long_text(ENERGY, "Energy", store=store).control.value = "About a third is electricity."
    own = area / "our-centre.csv"
    own.write_bytes(OWN)
    assert use_path("monthly_operations", own, store).used
    forms.long_text(WASTE, "Waste", store=store).control.value = "Paper bills, written after."


def test_the_store_says_which_answers_need_a_notice(store, coursework_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _written_with_sample_then_own_file(store, coursework_dir)
    assert provenance.pack_notices(store) == {ENERGY: NOTICE}  # waste: written with the file


def test_a_form_block_gets_the_notice_above_it_and_no_other_block_does(
    store,  # type: ignore[no-untyped-def]
    coursework_dir: Path,
) -> None:
    _written_with_sample_then_own_file(store, coursework_dir)
    energy = forms.long_text(ENERGY, "Energy", store=store)
    waste = forms.long_text(WASTE, "Waste", store=store)
    nb = new_notebook(
        cells=[cell([ENERGY, WASTE], [widget_output(energy.static_html() + waste.static_html())])]
    )
    page = convert(nb, store.answers(), provenance.pack_notices(store))
    assert page.count("cw-provenance") == 1
    notice_at, energy_at = page.index(NOTICE), page.index(f'data-question="{ENERGY}"')
    assert notice_at < energy_at < page.index(f'data-question="{WASTE}"')
    assert page[notice_at:energy_at].count("data-question") == 0  # right above its answer


def test_answers_added_from_the_store_get_the_notice_too(store, coursework_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """A notebook that failed before its forms were shown: the pack adds the answers from the
    store (StaticAnswers), each with its notice, through the template part."""
    _written_with_sample_then_own_file(store, coursework_dir)
    failed = cell([ENERGY, WASTE], [new_output("stream", name="stderr", text="")])
    page = convert(new_notebook(cells=[failed]), store.answers(), provenance.pack_notices(store))
    assert "About a third is electricity." in page and "Paper bills, written after." in page
    assert page.count(NOTICE) == 1
    assert page.index(NOTICE) < page.index(f'data-question="{ENERGY}"')
    assert 'class="cw-provenance" role="note"' in page  # from the template part


def test_a_panel_that_shows_answers_without_the_forms_copy_gets_it_too(
    store,  # type: ignore[no-untyped-def]
    coursework_dir: Path,
) -> None:
    _written_with_sample_then_own_file(store, coursework_dir)
    panel = Panel([forms.long_text(ENERGY, "Energy", store=store)], intro_html="<p>Intro</p>")
    nb = new_notebook(cells=[cell([ENERGY], [widget_output(panel.static_html())])])
    page = convert(nb, store.answers(), provenance.pack_notices(store))
    assert page.count(NOTICE) == 1


def test_once_confirmed_or_back_on_the_same_data_there_is_no_notice(
    store,  # type: ignore[no-untyped-def]
    coursework_dir: Path,
) -> None:
    _written_with_sample_then_own_file(store, coursework_dir)
    form = forms.long_text(ENERGY, "Energy", store=store)
    form.provenance.button.click()  # "This still fits"
    assert provenance.pack_notices(store) == {}
    use_sample("monthly_operations", store)  # back to the sample: both now out of date
    notices = provenance.pack_notices(store)
    assert sorted(notices) == [ENERGY, WASTE]
    for notice in notices.values():
        assert (
            "used the learner's file 'our-centre.csv'. It now uses the sample organisation's"
            in notice
        )


def test_the_shared_exporter_forgets_the_last_packs_notices() -> None:
    block = labelled_answer_html("Energy", "An answer", ENERGY)
    nb = new_notebook(cells=[cell([ENERGY], [widget_output(block)])])
    exporter_for({ENERGY: "An answer"}, {ENERGY: "Notice for the first learner."})
    body, _ = exporter_for({ENERGY: "An answer"}).from_notebook_node(nb)
    assert "cw-provenance" not in body


def test_the_notices_words_name_files_not_paths_ids_or_columns(
    store,  # type: ignore[no-untyped-def]
    coursework_dir: Path,
) -> None:
    forms.long_text(ENERGY, "Energy", store=store).control.value = "About a third is electricity."
    deep = coursework_dir / "data" / "2025" / "own figures"
    deep.mkdir(parents=True)
    (deep / "our-centre.csv").write_bytes(OWN)
    assert use_path("monthly_operations", deep / "our-centre.csv", store).used
    box = forms.long_text(ENERGY, "Energy", store=store).provenance.text.value
    in_box = unescape(re.sub(r"<[^>]+>", "", box))  # the words the learner reads
    in_pack = provenance.pack_notices(store)[ENERGY]
    assert in_pack == NOTICE
    assert (
        "You wrote this when the notebook used the sample organisation's figures. It now "
        "uses your file 'our-centre.csv'." in in_box
    )
    for words in (in_box, in_pack):
        assert "own figures" not in words and "/" not in words and str(coursework_dir) not in words
        assert (
            ENERGY not in words and "monthly_operations" not in words and "office_kwh" not in words
        )
        assert "digest" not in words.lower() and "sha" not in words.lower()
        for us in ("organization", "color", "center", "analyze", "modeled"):
            assert us not in words.lower()
        assert max(len(s.split()) for s in words.split(". ")) <= 25  # short sentences
