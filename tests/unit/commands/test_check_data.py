"""``coursework check-data``: exit codes and messages, and never a traceback whatever the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import main
from helpers.commands.check_data import KIND_NAMES
from helpers.data import KINDS
from tests.paths import CORPUS, SAMPLE


def test_kind_choices_match_the_registry() -> None:
    assert set(KIND_NAMES) == set(KINDS)


def test_a_usable_file_exits_0_with_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["check-data", str(SAMPLE / "monthly_operations.csv"), "--kind", "monthly_operations"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Usable. monthly_operations.csv: 24 rows used out of 24 read")
    assert "Dates from Jan 2024 to Dec 2025." in out
    assert "Columns found: Month, Printed bills, Letters posted," in out


def test_a_file_with_some_bad_rows_exits_0_and_lists_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["check-data", str(CORPUS / "negative_count.csv"), "--kind", "monthly_operations"])
    out = capsys.readouterr().out
    assert code == 0
    assert '  1. negative_count.csv, row 4, column "letters_posted": "-50" is below zero' in out


def test_an_unusable_file_exits_1_with_numbered_problems(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["check-data", str(CORPUS / "all_rows_bad.csv"), "--kind", "monthly_operations"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines()[0] == (
        'The file "all_rows_bad.csv" could not be used: none of its 3 rows could be used.'
    )
    assert '  1. all_rows_bad.csv, row 2, column "month": "soon" is not a month' in out
    assert "  3. all_rows_bad.csv, row 4" in out


def test_the_feedback_sample_is_usable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-data", str(SAMPLE / "feedback.csv"), "--kind", "feedback"]) == 0
    assert "Dates from" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir()))
@pytest.mark.parametrize("kind", ["monthly_operations", "feedback"])
def test_no_file_in_the_corpus_gives_a_traceback(
    name: str, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check-data", str(CORPUS / name), "--kind", kind])
    captured = capsys.readouterr()
    assert code in (0, 1)
    assert "Traceback" not in captured.out + captured.err
    assert captured.out.strip()


def test_a_missing_file_and_a_folder_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-data", str(tmp_path / "nope.csv"), "--kind", "feedback"]) == 1
    assert "was not found" in capsys.readouterr().out
    assert main(["check-data", str(tmp_path), "--kind", "feedback"]) == 1
    assert "is a folder, not a file" in capsys.readouterr().out


def test_the_real_command_runs_in_a_fresh_process() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers",
            "check-data",
            str(CORPUS / "empty.csv"),
            "--kind",
            "feedback",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout.startswith('The file "empty.csv" could not be used: the file is empty.')
    assert "Traceback" not in done.stderr
