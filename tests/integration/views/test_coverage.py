"""One coverage matrix: notebook 07 and an exported evidence pack show the same rows (the same
criteria in the same order, each with the same status and the same evidence), the pack drawing
them compactly for print (views/coverage_pack.html.j2)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat

from helpers import reflection
from helpers.criteria import load_criteria
from helpers.export import export_evidence
from helpers.paths import NOTEBOOKS_DIR

NOTEBOOK_ROW = re.compile(r'<tr><th scope="row">(?P<id>[^<]+)</th>(?P<rest>.*?)</tr>', re.S)
PACK_ROW = re.compile(
    r'<tr><th scope="row"><span class="cw-criterion-id">(?P<id>[^<]+)</span>(?P<rest>.*?)</tr>',
    re.S,
)
STATUS = re.compile(r'<td class="cw-status-([\w-]+)"')


def _evidence(cell: str) -> list[str]:
    """The evidence a row names, in order (the pack's part names, such as "Cycle 1: Plan:",
    and the reasons left out)."""
    cell = re.sub(r'<span class="cw-evidence-part">.*?</span>|<ul.*?</ul>', "", cell, flags=re.S)
    cell = re.sub(r"</span>\s*<span[^>]*>", "; ", cell)  # one group after another
    text = re.sub(r"<[^>]+>", "", cell).strip()
    return [] if text == "none yet" else [name.strip() for name in text.split(";") if name.strip()]


def _rows(html: str, row: re.Pattern[str]) -> list[tuple[str, str, list[str]]]:
    """(criterion id, status class, evidence named) of each row of the matrix in ``html``."""
    found = []
    for match in row.finditer(html):
        status = STATUS.search(match["rest"])
        last = match["rest"].rsplit("<td", 1)[-1].split(">", 1)[-1]
        found.append((match["id"].strip(), status.group(1) if status else "", _evidence(last)))
    return found


def _question_only_notebooks(tmp_path: Path) -> Path:
    """The course notebooks with every cell emptied: same questions and criteria, instant to run."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            cell.source = ""
        nbformat.write(nb, folder / path.name)
    return folder


def test_notebook_07_and_the_pack_show_the_same_matrix(
    store: Any, coursework_dir: Path, tmp_path: Path
) -> None:
    store.save("01.review.channels", "Paper bills, post, phone, email and web chat, each counted.")
    criteria = load_criteria()
    pack = export_evidence(
        coursework_dir, notebooks_dir=_question_only_notebooks(tmp_path), out_dir=tmp_path / "out"
    )
    page = pack.html_path.read_text(encoding="utf-8")
    in_pack = _rows(page[page.index('id="coverage"') :], PACK_ROW)
    in_notebook = _rows(reflection.CoverageView(store).html(), NOTEBOOK_ROW)
    assert [row[:2] for row in in_pack] == [row[:2] for row in in_notebook]
    assert [row[0] for row in in_pack] == list(criteria.criteria)
    evidenced = {row[0]: row[2] for row in in_pack if row[2]}
    assert evidenced and evidenced == {row[0]: row[2] for row in in_notebook if row[2]}
    assert {name for names in evidenced.values() for name in names} == {
        "Your review of physical and digital channels"
    }
