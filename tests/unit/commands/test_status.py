"""`coursework status` (run in-process, as a tutor would run it): a safe offline page and CSV, and
a replacement criteria file lacking a criterion a feedback rule names is reported once."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from helpers.cli import main
from tests.cohorts import CRITERIA, LEARNERS
from tests.replacement_criteria import MISSING, RULE_PROBLEM, criteria_without, one_learner_cohort


def test_status_prints_a_rule_criterion_missing_from_the_file_once_before_the_table(
    tmp_path: Path, notebooks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replacement = criteria_without(tmp_path, MISSING)
    folder = one_learner_cohort(tmp_path)
    argv = ["status", str(folder), "--criteria", str(replacement), "--notebooks", str(notebooks)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert printed.count(RULE_PROBLEM) == 1
    assert printed.index(RULE_PROBLEM) < printed.index("Learner ") < printed.index("\nL001 ")


def test_status_command_writes_safe_offline_html_and_csv(
    released: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page, sheet = tmp_path / "report.html", tmp_path / "report.csv"
    code = main(
        [
            "status",
            str(released["cohort"]),
            "--out",
            str(page),
            "--csv",
            str(sheet),
            "--criteria",
            str(CRITERIA),
            "--notebooks",
            str(released["templates"]),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "L007" in printed and "DAMAGED" in printed and "need attention" in printed
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert "http://" not in text and "https://" not in text and "src=" not in text
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    assert len(rows) == LEARNERS
    by_id = {r["learner_id"]: r for r in rows}
    assert by_id["L004"]["T.1.1"] == "met" and by_id["L001"]["T.1.1"] == "partly"
    assert by_id["L007"]["state"] == "damaged"
