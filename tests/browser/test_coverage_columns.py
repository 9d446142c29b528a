"""Notebook 07's coverage table in JupyterLab with the file browser open: the criterion and status
columns keep their words whole ("Criterion", not "Criter" and "ion"), the long text columns wrap,
and the table fits beside the file browser."""

from __future__ import annotations

from typing import Any

from helpers.commands.demo import fill_area
from tests.paths import REPO

# Every word of the narrow columns, and whether it is drawn on more than one line.
BROKEN_WORDS = """() => {
    const table = [...document.querySelectorAll('table.cw-matrix')]
        .find(t => t.checkVisibility());
    if (!table) return null;
    const cells = [...table.querySelectorAll(
        'thead th:nth-child(1), thead th:nth-child(3), tbody th[scope=row], tbody td:nth-child(3)'
    )];
    const words = [], broken = [];
    for (const cell of cells) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const found of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, found.index);
                range.setEnd(node, found.index + found[0].length);
                const lines = new Set([...range.getClientRects()]
                    .filter(r => r.width > 0).map(r => Math.round(r.top)));
                words.push(found[0]);
                if (lines.size > 1) broken.push(found[0]);
            }
        }
    }
    const output = table.closest('.jp-OutputArea-output');
    return {
        words: words,
        broken: broken,
        table: table.getBoundingClientRect().width,
        room: output.getBoundingClientRect().width,
        lines: Math.round(table.querySelector('tbody td:nth-child(2)').getBoundingClientRect()
            .height / parseFloat(getComputedStyle(table).lineHeight || '20')),
    };
}"""


def test_the_coverage_table_keeps_whole_words_beside_the_file_browser(
    lab: Any, coursework_dir: Any
) -> None:
    fill_area(coursework_dir)  # the exemplar: every row has a status and evidence
    lab.open("07_reflection_and_evidence.ipynb")
    page = lab.page
    browser = page.locator("#filebrowser")
    if not browser.is_visible():
        page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="filebrowser"]').click()
    browser.wait_for(state="visible")
    page.locator("table.cw-matrix").first.wait_for()
    page.wait_for_timeout(500)  # the last layout pass
    (REPO / "test-artifacts").mkdir(exist_ok=True)
    page.locator("table.cw-matrix").first.screenshot(
        path=str(REPO / "test-artifacts" / "coverage_columns.png")
    )

    seen = page.evaluate(BROKEN_WORDS)
    assert seen is not None
    assert {"Criterion", "Status", "SUS.REVIEW.1", "Evidence"} <= set(seen["words"])
    assert seen["broken"] == []
    assert seen["table"] <= seen["room"] + 1  # no sideways scrolling: the text columns wrap
    assert seen["lines"] > 1  # the criterion's words wrap in their own column
