"""One coverage matrix: notebook 07 and an exported evidence pack show the same rows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat

from helpers import reflection
from helpers.criteria import load_criteria
from helpers.export import export_evidence
from helpers.paths import NOTEBOOKS_DIR


def _rows(html: str) -> list[str]:
    """Each table row's text, tags and links removed."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return [re.sub(r"<[^>]+>", "", row).strip() for row in body.split("<tr>")[1:]]


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
    section = page[page.index('id="coverage"') :]
    notebook = reflection.CoverageView(store).html()
    assert _rows(notebook) == _rows(section)
    assert len(_rows(notebook)) == len(criteria.criteria) + len(criteria.units)
