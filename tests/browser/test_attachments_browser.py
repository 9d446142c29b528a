"""Attaching a poster in a real JupyterLab: upload, caption, two-step remove, all in the store."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image

from helpers.attachments import list_attachments
from helpers.store import open_store


def _poll(area: Path, check: Callable[[list[Any]], bool], timeout: float = 30) -> list[Any]:
    deadline = time.monotonic() + timeout
    found: list[Any] = []
    while time.monotonic() < deadline:
        with open_store(area) as store:
            found = list_attachments(store, include_removed=True)
        if check(found):
            return found
        time.sleep(0.25)
    return found


def _poster(tmp_path: Path) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), (230, 159, 0)).save(buffer, format="PNG")
    path = tmp_path / "Affiche réunion.png"
    path.write_bytes(buffer.getvalue())
    return path


def test_upload_caption_and_two_step_remove(lab: Any, tmp_path: Path) -> None:
    lab.open("03_promoting_sustainable_practice.ipynb")
    area = lab.server.coursework
    page = lab.page

    box = page.locator(".jp-OutputArea-output", has_text="Your promotional materials").first
    box.locator("input[placeholder^='Caption: what does this file show?']").fill(
        "Poster in the staff room"
    )
    # ipywidgets keeps its file input out of the page, so answer the browser's file chooser.
    with page.expect_file_chooser() as chooser:
        box.locator("button", has_text="Choose files").click()
    chooser.value.set_files(str(_poster(tmp_path)))
    found = _poll(area, lambda rows: len(rows) == 1)
    assert [(a.original_name, a.caption, a.purposes) for a in found] == [
        ("Affiche réunion.png", "Poster in the staff room", ["promotion-materials"])
    ]
    assert found[0].thumbnail and (area / "attachments" / found[0].thumbnail).exists()
    box.get_by_text("Attached Affiche réunion.png").wait_for()

    box.locator("button", has_text="Remove").first.click()
    box.get_by_text("Remove this file from your evidence?").wait_for()
    assert not _poll(area, lambda rows: rows[0].removed is not None, timeout=2)[0].removed
    box.locator("button", has_text="Yes, remove it").click()
    removed = _poll(area, lambda rows: rows[0].removed is not None)
    assert removed[0].removed and (area / "attachments" / removed[0].stored_name).exists()
    box.get_by_text("It is kept in your answer history").wait_for()

    # A 15 MB PDF through the same button: above the 10 MB a Jupyter server takes in one message
    # by default, so this passes only with the server setting `make lab` installs.
    minutes = tmp_path / "Team meeting minutes.pdf"
    minutes.write_bytes(b"%PDF-1.4\n" + os.urandom(15 * 1024 * 1024) + b"\n%%EOF\n")
    with page.expect_file_chooser() as chooser:
        box.locator("button", has_text="Choose files").click()
    chooser.value.set_files(str(minutes))
    found = _poll(area, lambda rows: len(rows) == 2, timeout=60)
    big = [a for a in found if a.original_name == "Team meeting minutes.pdf"]
    assert big and big[0].size == minutes.stat().st_size
    assert (area / "attachments" / big[0].stored_name).read_bytes() == minutes.read_bytes()
