"""Nothing a learner reads is cut off: with the CSS helpers.start() adds, labels, option labels,
buttons, table cells and table editor cells wrap in Chromium instead of ending in "…"."""

from __future__ import annotations

from typing import Any

import nbformat

from tests.paths import REPO

LONG_OPTION = (
    "Use the sample data from the fictional organisation until my own workplace figures arrive"
)
LONG_CELL = (
    "Make paperless billing the default for every new customer who signs up online or by phone"
)
DECLARATION = (
    "I confirm that this is my own work, that it describes my own workplace, and that data "
    "about customers has been removed or anonymised before I shared it"
)

CELLS = [
    "import helpers\nhelpers.start()",
    "import ipywidgets as w\n"
    f"w.VBox([w.Checkbox(description={DECLARATION!r}, indent=False, layout=w.Layout(width='100%')),"
    f" w.RadioButtons(options=[{LONG_OPTION!r}, 'Upload my own file']),"
    f" w.Button(description={LONG_OPTION!r}),"
    " w.Button(description='Use the sample data', layout=w.Layout(width='90px'))])",
    "from helpers import forms\n"
    "forms.table('09.test.actions', 'Actions', ['What will be done', 'Owner', 'Start date',"
    " 'End date', 'Resources', 'Notes'], date_columns=['Start date', 'End date'],"
    f" starting_rows=[{{'What will be done': {LONG_CELL!r}, 'Owner': 'Priya',"
    " 'Start date': '2025-04-14'}])",
    "from IPython.display import HTML\n"
    f"HTML('<table><tr><th>Action</th><th>Owner</th></tr><tr><td>{LONG_CELL}</td>"
    "<td>Priya</td></tr></table>')",
]

# Every element that shows text a learner reads and that ipywidgets or JupyterLab could clip.
CHECKED = (
    ".jp-OutputArea-output :is(.widget-label, .widget-label-basic, .jupyter-widget-label,"
    " .jupyter-widget-label-basic, .jupyter-button, .widget-radio-box label, td, th,"
    " .widget-html-content)"
)

CLIPPED = """(selector) => [...document.querySelectorAll(selector)]
    .filter(e => e.checkVisibility() && e.textContent.trim())
    .filter(e => {
        const style = getComputedStyle(e);
        const hides = style.textOverflow === 'ellipsis' || style.overflow === 'hidden'
            || style.overflowX === 'hidden';
        return hides && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1);
    })
    .map(e => e.className + ': ' + e.textContent.trim().slice(0, 60))"""

HIDDEN_IN_BOXES = """() => [...document.querySelectorAll('.jp-OutputArea-output textarea')]
    .filter(e => e.checkVisibility() && e.value)
    .filter(e => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
    .map(e => e.value.slice(0, 60))"""


def test_long_labels_options_and_cells_wrap_instead_of_being_cut_off(lab: Any) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    notebook.metadata["coursework"] = {"notebook": "99_wrapping", "schema": 1}  # runs itself
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, lab.server.root / "notebooks" / "99_wrapping.ipynb")

    lab.open("99_wrapping.ipynb")
    page = lab.page
    page.locator(".jp-OutputArea-output td", has_text="paperless").first.wait_for()
    page.locator(".cw-cell textarea").first.wait_for()
    page.wait_for_timeout(500)  # the widgets' last layout pass
    (REPO / "test-artifacts").mkdir(exist_ok=True)
    page.screenshot(path=str(REPO / "test-artifacts" / "no_cut_off.png"), full_page=True)

    seen = page.evaluate(
        "(selector) => [...document.querySelectorAll(selector)].filter(e => e.checkVisibility())"
        ".map(e => e.textContent.trim())",
        CHECKED,
    )
    assert any(DECLARATION in text for text in seen)  # the checks below looked at real text
    assert any(LONG_OPTION in text for text in seen)
    assert page.evaluate(CLIPPED, CHECKED) == []
    assert page.evaluate(HIDDEN_IN_BOXES) == []
    words = page.locator(".cw-date-words", has_text="14 April 2025").first
    assert words.is_visible()
