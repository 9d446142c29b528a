"""Shared fixtures. Tests never write into the repository's coursework/ folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def coursework_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh working area for each test, set as $COURSEWORK_DIR (autouse: always isolated)."""
    from helpers.store import reset_shared_stores

    area = tmp_path / "coursework"
    area.mkdir()
    monkeypatch.setenv("COURSEWORK_DIR", str(area))
    monkeypatch.setenv("COURSEWORK_STATUS_CACHE", str(tmp_path / "status-cache"))  # not ~/.cache
    reset_shared_stores()
    yield area
    reset_shared_stores()


@pytest.fixture
def store(coursework_dir: Path):  # type: ignore[no-untyped-def]
    """The answer store of the test's working area."""
    from helpers.store import open_store

    opened = open_store(coursework_dir)
    yield opened
    opened.close()
