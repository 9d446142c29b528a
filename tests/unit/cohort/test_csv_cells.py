"""Every CSV the tools write neutralises cells a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from helpers.cohort import status_csv
from helpers.cohort.status import CohortStatus, LearnerStatus
from helpers.csv_cells import csv_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+44 7700 900123", "'+44 7700 900123"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\uff1d1+1", "'\uff1d1+1"),  # a full-width equals sign, which Excel also reads as "="
        ("Sam O'Neill", "Sam O'Neill"),
        ("", ""),
        ("12", "12"),
    ],
)
def test_csv_safe(cell: str, written: str) -> None:
    assert csv_safe(cell) == written


def _cohort() -> CohortStatus:
    learner = LearnerStatus("L001", Path("L001"), "ok", name="=cmd|' /C calc'!A0")
    learner.problem = "@bad"
    learner.coverage = {"=1+1": "met", "1.1": "partly"}
    return CohortStatus(Path("cohort"), ["=1+1", "1.1"], [learner])


def test_status_csv_header_and_cells_are_neutralised() -> None:
    rows = list(csv.reader(io.StringIO(status_csv(_cohort()))))
    header, row = rows
    assert "'=1+1" in header and "=1+1" not in header
    assert row[header.index("name")] == "'=cmd|' /C calc'!A0"
    assert row[header.index("problem")] == "'@bad"
    assert row[header.index("'=1+1")] == "met"
    for cell in [*header, *row]:
        assert not cell.startswith(FORMULA_STARTS), cell


def test_status_csv_with_no_learners_still_neutralises_the_header() -> None:
    text = status_csv(CohortStatus(Path("cohort"), ["-1", "2.1"], []))
    (header,) = list(csv.reader(io.StringIO(text)))
    assert header == ["learner_id", "'-1", "2.1"]


def test_report_uses_the_shared_function() -> None:
    from helpers.cohort import report

    assert not hasattr(report, "_csv_safe")
