"""Notebooks 01 and 02 run top to bottom in a real kernel, and every chart has alt text."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers.paths import NOTEBOOKS_DIR


@pytest.mark.slow
@pytest.mark.parametrize("name", ["01_sustainability_review", "02_before_and_after"])
def test_notebook_runs_and_every_chart_has_alt_text(name: str, coursework_dir: Path) -> None:
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    images = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", cell.source
            html = output.get("data", {}).get("text/html", "")
            for match in re.finditer(r"<img [^>]*>", html):
                images += 1
                alt = re.search(r'alt="([^"]{40,})"', match.group(0))
                assert alt, match.group(0)[:80]
    assert images >= (1 if name.startswith("01") else 4)
