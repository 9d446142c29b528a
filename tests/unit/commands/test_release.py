"""`coursework release`: progress, what changed, and a bad roster refused in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import main as cli_main
from tests.cohorts import COHORT_DATA, write_roster, write_templates


def test_release_command_prints_progress_and_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = write_templates(tmp_path / "t")
    roster = write_roster(tmp_path / "roster.csv", 2)
    argv = ["release", "--to", str(tmp_path / "c"), "--roster", str(roster)]
    assert cli_main([*argv, "--templates", str(templates)]) == 0
    out = capsys.readouterr().out
    assert "Releasing [" in out and "2/2 L002" in out
    assert "Notebooks added: 01_review.ipynb, 02_plan.ipynb" in out
    assert "Profiles filled in for 2 new learner(s)." in out
    bad = ["release", "--to", str(tmp_path / "d"), "--roster", str(COHORT_DATA / "roster_bad.csv")]
    assert cli_main([*bad, "--templates", str(templates)]) == 1
    err = capsys.readouterr().err
    assert "nothing was released" in err and 'row 3, column "learner_id"' in err
