"""Notebook 02 run in a real kernel never shows raw personal data in any output."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.data import read_table
from helpers.redact import personal_values
from tests.leaks import leaks
from tests.paths import NOTEBOOKS, SAMPLE

SAMPLE_FEEDBACK = SAMPLE / "feedback.csv"


@pytest.mark.slow
def test_the_before_and_after_notebook_never_shows_raw_personal_data(
    coursework_dir: Path,
) -> None:
    """Runs notebook 02 (charts, tables and example comments) and scans every output."""
    import nbformat
    from nbclient import NotebookClient

    notebook = NOTEBOOKS / "02_before_and_after.ipynb"
    if not notebook.exists() or not SAMPLE_FEEDBACK.exists():
        pytest.skip("notebook 02 or the sample feedback is not there yet")
    secrets = personal_values(
        read_table(SAMPLE_FEEDBACK, "feedback").frame, "feedback", name_parts=True
    )
    book = nbformat.read(notebook, as_version=4)
    NotebookClient(book, timeout=180, kernel_name="python3", allow_errors=True).execute(
        cwd=str(coursework_dir)
    )
    outputs = json_outputs(book)
    assert "personal details were replaced" in outputs
    assert leaks(outputs, secrets) == []


def json_outputs(book: object) -> str:
    """Every text in every output of a notebook (HTML, plain text, alt text, errors)."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for cell in getattr(book, "cells", []):
        walk(cell.get("outputs", []))
    return "\n".join(found)
