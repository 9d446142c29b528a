"""The data-change notice end to end (issue 13, coherent evidence), with real kernels and a real
export: answers written in 01 and 02 against the sample, then the learner chooses their own
file. Notebook 01 run in a kernel shows the notice above those boxes, naming the sample and the
new file; the pack shows it above those answers (02's too, where 02 failed and its answers come
from the store); after "This still fits" it is gone from both. An answer written with the own
file already chosen gets no notice."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

from helpers import forms
from helpers.datasource import use_path
from helpers.export import ExportResult, export_evidence
from helpers.paths import NOTEBOOKS_DIR
from helpers.store import AnswerStore

pytestmark = pytest.mark.slow

STATE = "application/vnd.jupyter.widget-state+json"
OWN_FILE = (
    "Month,Printed bills,kWh used,CSAT %\n"
    "Jan-24,1200,5000,80\nFeb-24,1100,5100,81\nMar-24,1000,5200,79\n"
    "Apr-24,900,6000,78\nMay-24,700,7000,82\nJun-24,650,7500,83\n"
)
ENERGY, CUSTOMERS = "01.impacts.energy", "01.impacts.customer_role"
INTERPRETATION = "02.monitor.interpretation"
WRITTEN = {
    ENERGY: "Office electricity is about a third of our footprint, some 46,000 kWh a month.",
    CUSTOMERS: "Customers who choose paper bills add printing and post; paperless cuts both.",
    INTERPRETATION: "Printed bills fell by a fifth after the change while satisfaction held.",
}
IN_THE_BOX = (
    "You wrote this when the notebook used the sample organisation's figures. It now uses your "
    "file 'our-centre-2024.csv'."
)
IN_THE_PACK = (
    "This answer was written when the notebook used the sample organisation's figures. It now "
    "uses the learner's file 'our-centre-2024.csv'. The learner has not confirmed or revised "
    "this answer since the data changed."
)


# -- the learner's steps ---------------------------------------------------------------------
def write_answers(store: AnswerStore) -> dict[str, forms.Form]:
    """The learner types in the boxes (each save stamps the data it was written with)."""
    boxes = {}
    for question, text in WRITTEN.items():
        boxes[question] = forms.long_text(question, "A box", store=store)
        boxes[question].control.value = text
    return boxes


def choose_own_file(store: AnswerStore, downloads: Path) -> None:
    """The learner gives their own file in the data box (copied into their folder)."""
    downloads.mkdir(exist_ok=True)
    own = downloads / "our-centre-2024.csv"
    own.write_text(OWN_FILE, encoding="utf-8")
    outcome = use_path("monthly_operations", own, store)
    assert outcome.used, outcome.message


# -- notebook 01 in a kernel -----------------------------------------------------------------
def run_notebook_01(area: Path) -> Any:
    """Notebook 01 executed in a real kernel, with its widgets' state (what the learner sees)."""
    nb = nbformat.read(NOTEBOOKS_DIR / "01_sustainability_review.ipynb", as_version=4)
    client = NotebookClient(
        nb,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(area.parent)}},
        store_widget_state=True,
    )
    client.execute()
    return nb


def boxes_shown(nb: Any) -> dict[str, tuple[str, str]]:
    """Each form box the notebook shows: its typed text -> (its label, the notice shown above
    it, "" when hidden), read from the widgets' state."""
    state = nb.metadata["widgets"][STATE]["state"]

    def model(ref: str) -> dict[str, Any]:
        return state[ref.removeprefix("IPY_MODEL_")]

    found = {}
    for entry in state.values():
        if "cw-form" not in entry["state"].get("_dom_classes", []):
            continue
        parts = [model(ref) for ref in entry["state"]["children"]]
        label = re.sub(r"<[^>]+>", "", parts[0]["state"]["value"])
        notice = next(p for p in parts if "cw-provenance-box" in p["state"]["_dom_classes"])
        box = parts.index(notice)
        control = parts[box + 1]["state"]  # the box sits right above the answer's control
        hidden = model(notice["state"]["layout"])["state"].get("display") == "none"
        words = model(notice["state"]["children"][0])["state"]["value"]
        text = "" if hidden else unescape(re.sub(r"<[^>]+>", "", words))
        found[str(control.get("value", ""))] = (label, text)
    return found


# -- the pack --------------------------------------------------------------------------------
def notebooks_for_the_pack(folder: Path) -> Path:
    """Notebook 01 as it is, and 02 failing after its setup (its answers then come from the
    store, not from its boxes)."""
    folder.mkdir()
    first = nbformat.read(NOTEBOOKS_DIR / "01_sustainability_review.ipynb", as_version=4)
    nbformat.write(first, folder / "01_sustainability_review.ipynb")
    second = nbformat.read(NOTEBOOKS_DIR / "02_before_and_after.ipynb", as_version=4)
    second.cells.insert(2, new_code_cell('raise RuntimeError("the kernel stopped here")'))
    nbformat.write(second, folder / "02_before_and_after.ipynb")
    return folder


def notices_in(page: str) -> list[tuple[str, str]]:
    """Each notice in a pack page, with the question of the answer block right after it."""
    text = unescape(page)
    found = []
    for match in re.finditer(r'class="cw-provenance"[^>]*>(.*?)</div>', text, re.S):
        after = re.search(r'data-question="([^"]+)"', text[match.end() :])
        words = re.sub(r"<[^>]+>", "", match.group(1)).strip()
        found.append((after.group(1) if after else "", words))
    return found


def export(area: Path, notebooks: Path) -> ExportResult:
    return export_evidence(area, notebooks_dir=notebooks, workers=1)


# -- the tests -------------------------------------------------------------------------------
def test_a_data_change_after_writing_shows_the_notice_until_the_learner_confirms(
    store: AnswerStore, coursework_dir: Path, tmp_path: Path
) -> None:
    boxes = write_answers(store)  # against the sample
    choose_own_file(store, tmp_path / "downloads")
    notebooks = notebooks_for_the_pack(tmp_path / "notebooks")

    # (a) notebook 01 in a kernel: the notice above both answered boxes, and only there
    shown = boxes_shown(run_notebook_01(coursework_dir))
    for question in (ENERGY, CUSTOMERS):
        label, notice = shown[WRITTEN[question]]
        assert notice.startswith(IN_THE_BOX), label
        assert 'press "This still fits"' in notice
        assert "downloads" not in notice and "/" not in notice and question not in notice
    assert [text for text, (_, notice) in shown.items() if notice] == [
        WRITTEN[ENERGY],
        WRITTEN[CUSTOMERS],
    ]  # the unanswered boxes have none

    # (b) the pack: the same notice above each of those answers, 02's (from the store) too
    first = export(coursework_dir, notebooks)
    assert set(first.failed) == {"02_before_and_after"}
    pack = first.html_path.read_text(encoding="utf-8")
    expected = [(ENERGY, IN_THE_PACK), (CUSTOMERS, IN_THE_PACK), (INTERPRETATION, IN_THE_PACK)]
    assert notices_in(pack) == expected
    page_01 = (first.html_path.parent / "01_sustainability_review.html").read_text("utf-8")
    assert notices_in(page_01) == expected[:2]
    assert "downloads" not in pack  # the file's name, never where it came from

    # (c) "This still fits" for each: the notice is gone from the notebook and the pack
    for box in boxes.values():
        box.provenance.button.click()
    shown = boxes_shown(run_notebook_01(coursework_dir))
    assert shown[WRITTEN[ENERGY]][1] == "" and shown[WRITTEN[CUSTOMERS]][1] == ""
    again = export(coursework_dir, notebooks)
    print(f"reused: {again.reused}; why run: {again.reasons}")
    pack = again.html_path.read_text(encoding="utf-8")
    assert notices_in(pack) == [] and 'class="cw-provenance"' not in pack
    assert WRITTEN[ENERGY] in unescape(pack) and WRITTEN[INTERPRETATION] in unescape(pack)


def test_an_answer_written_with_the_own_file_already_chosen_has_no_notice(
    store: AnswerStore, coursework_dir: Path, tmp_path: Path
) -> None:
    choose_own_file(store, tmp_path / "downloads")
    write_answers(store)  # against the learner's file

    shown = boxes_shown(run_notebook_01(coursework_dir))
    assert shown[WRITTEN[ENERGY]][1] == "" and shown[WRITTEN[CUSTOMERS]][1] == ""

    result = export(coursework_dir, notebooks_for_the_pack(tmp_path / "notebooks"))
    pack = result.html_path.read_text(encoding="utf-8")
    assert 'class="cw-provenance"' not in pack
    assert WRITTEN[ENERGY] in unescape(pack)
