"""The text progress bar: plain lines without a terminal, and not too many of them."""

from __future__ import annotations

import io

from helpers import cohort


def test_text_progress_without_a_terminal_prints_lines() -> None:
    stream = io.StringIO()
    progress = cohort.TextProgress("Exporting", stream)
    for done in range(1, 4):
        progress(done, 3, f"L00{done}", "exported")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3 and "\r" not in stream.getvalue()
    assert lines[-1].startswith("Exporting [") and "3/3 L003: exported" in lines[-1]
    many = io.StringIO()
    progress = cohort.TextProgress("Reading", many)
    for done in range(1, 501):
        progress(done, 500, "x", "ok")
    assert 10 <= len(many.getvalue().splitlines()) <= 12
