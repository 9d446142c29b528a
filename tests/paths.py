"""Where the tests find things: one place, so a test module can move without path arithmetic."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
"""The repository's root folder."""

DATA = REPO / "tests" / "data"
"""The tests' own inputs: bad-input corpus, XSS payloads, a small cohort."""

CORPUS = DATA / "bad_inputs"
"""Spreadsheets as learners really send them, each described in ``expected.yml``."""

SAMPLE = REPO / "data" / "sample"
"""The fictional organisation's sample data the notebooks use."""

NOTEBOOKS = REPO / "notebooks"
"""The course notebooks (the templates a tutor releases)."""
