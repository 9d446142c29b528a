"""Real read-only and full file systems for tests.

Root ignores permission bits, so as root (as in CI) these mount small tmpfs file systems: a
read-only one and a 512 KB one. As another user, chmod gives a read-only folder.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(target: Path, options: str) -> None:
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], check=True)


def _umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], check=False)


@pytest.fixture
def readonly_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a store with one answer ('00.seeded' = 'kept') that cannot be written."""
    from helpers.store import open_store

    folder = tmp_path / "readonly"
    folder.mkdir()
    if os.geteuid() == 0:
        _mount(folder, "size=2m")
        with open_store(folder) as store:
            store.save("00.seeded", "kept")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
        _umount(folder)
    else:
        with open_store(folder) as store:
            store.save("00.seeded", "kept")
        folder.chmod(0o555)
        (folder / "answers.sqlite").chmod(0o444)
        yield folder
        folder.chmod(0o755)


@pytest.fixture
def full_disk_folder(tmp_path: Path) -> Iterator[Path]:
    """A tiny file system (512 KB) that the test can fill up."""
    if os.geteuid() != 0:
        pytest.skip("filling a real disk needs a small mounted file system (root, as in CI)")
    folder = tmp_path / "tiny"
    folder.mkdir()
    _mount(folder, "size=512k")
    yield folder
    _umount(folder)
