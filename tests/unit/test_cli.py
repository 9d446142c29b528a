"""The coursework command: `where`, help with examples, and no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers.cli import main
from helpers.store import open_store


def test_where_prints_location_and_count(coursework_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with open_store(coursework_dir) as store:
        store.save("00.practice.first_answer", "hello")
        store.save("00.profile.name", "Alex")
    assert main(["where"]) == 0
    out = capsys.readouterr().out
    assert f"Answers are saved in: {coursework_dir / 'answers.sqlite'}" in out
    assert "Saved answers: 2" in out


def test_python_dash_m_helpers_is_the_same_command(coursework_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "where", "--dir", str(coursework_dir)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert "Saved answers: 0" in result.stdout


def test_every_command_has_help_with_an_example() -> None:
    from helpers.cli import _available

    for name, module in _available().items():
        assert module.HELP and module.EXAMPLE.startswith("coursework "), name
