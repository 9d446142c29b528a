"""Screenshots for docs/tutors.md, taken from the real thing in Chromium.

Each test checks what the tutor guide promises about the page, then saves the picture the guide
shows. A normal run (``make test``, ``make browser``) saves it under test-artifacts/docs-images/,
so the tracked files stay as they are; ``make docs-images`` sets COURSEWORK_DOCS_IMAGES=1 and
refreshes docs/images/ on purpose, for review in the git diff.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from helpers import cohort
from helpers.commands.demo import load_exemplar
from helpers.profile import save_profile
from helpers.store import open_store

REPO = Path(__file__).resolve().parents[2]
# Set by `make docs-images`: only then are the tracked pictures rewritten.
REFRESH_DOCS = os.environ.get("COURSEWORK_DOCS_IMAGES") == "1"
IMAGES = REPO / "docs" / "images" if REFRESH_DOCS else REPO / "test-artifacts" / "docs-images"
VIEWPORT = {"width": 1200, "height": 720}
WIDE = {"width": 1560, "height": 720}


def _screenshot(page: Any, name: str) -> Path:
    IMAGES.mkdir(parents=True, exist_ok=True)
    target = IMAGES / name
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000
    return target


def _offline(page: Any) -> list[str]:
    """Abort every request that is not the file itself or a data: URL; return what was asked."""
    asked: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(("file:", "data:")):
            request_route.continue_()
        else:
            asked.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("dialog", lambda dialog: (asked.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    return asked


def _cohort(base: Path, learners: int = 8) -> Path:
    """A small class with the exemplar's answers in varied amounts, and one damaged store."""
    exemplar = load_exemplar()
    answers = exemplar["answers"]
    names = ["Asha Patel", "Ben O'Neil", "Carl Evans", "Dina Kowalski", "Ed Mensah", "Fay Lin"]
    names += ["Gus Harper", "Hana Sato"]
    roster = [
        cohort.Learner(f"L{i:03d}", names[(i - 1) % len(names)], "Northfield College")
        for i in range(1, learners + 1)
    ]
    to = base / "cohort-2026"
    cohort.release(None, to, roster)
    for i in range(1, learners + 1):
        share = [1.0, 0.8, 0.0, 0.55, 0.3, 0.9, 0.15, 0.65][(i - 1) % 8]
        chosen = list(answers.items())[: int(len(answers) * share)]
        with open_store(to / f"L{i:03d}" / "coursework") as store:
            for qid, value in chosen:
                store.save(qid, value)
    (to / "L003" / "coursework" / "answers.sqlite").write_bytes(b"damaged by a disk fault" * 40)
    return to


def test_status_report_screenshot(chromium: Any, tmp_path: Path) -> None:
    status = cohort.cohort_status(_cohort(tmp_path))
    page_file = tmp_path / "progress.html"
    page_file.write_text(cohort.status_html(status), encoding="utf-8")
    context = chromium.new_context(viewport=WIDE, java_script_enabled=True)
    page = context.new_page()
    asked = _offline(page)
    page.goto(page_file.as_uri())
    page.get_by_role("table").wait_for()
    assert page.get_by_text("Asha Patel").count() >= 1
    assert page.locator("td.problem").count() == 1  # L003's damaged store, in its row
    met, not_yet = page.locator("td.cw-status-met"), page.locator("td.cw-status-not-yet")
    assert met.count() > 0 and not_yet.count() > 0
    _screenshot(page, "status-report.png")
    assert asked == []
    context.close()


@pytest.mark.slow
def test_evidence_pack_cover_screenshot(chromium: Any, tmp_path: Path) -> None:
    from helpers.export import export_evidence

    area = tmp_path / "L001" / "coursework"
    exemplar = load_exemplar()
    with open_store(area) as store:
        save_profile(
            {
                "name": "Asha Patel",
                "learner_id": "L001",
                "centre": "Northfield College",
                "organisation": "Brightwater Energy (fictional)",
                "job_role": "Customer adviser",
            },
            store,
        )
        for qid, value in exemplar["answers"].items():
            store.save(qid, value)
    result = export_evidence(area, out_dir=tmp_path / "pack")
    context = chromium.new_context(viewport=VIEWPORT, java_script_enabled=True)
    page = context.new_page()
    asked = _offline(page)
    page.goto(result.html_path.as_uri())
    page.get_by_text("Asha Patel").first.wait_for()
    _screenshot(page, "evidence-pack.png")
    assert asked == []
    context.close()


def test_learner_notebook_screenshot(own_lab: Any) -> None:
    lab = own_lab  # a server of its own: the file browser shows only the course's folders
    with open_store(lab.server.coursework) as store:
        save_profile(
            {
                "name": "Asha Patel",
                "learner_id": "L001",
                "centre": "Northfield College",
                "organisation": "Brightwater Energy",
                "job_role": "Customer adviser",
            },
            store,
        )
    lab.page.set_viewport_size(VIEWPORT)
    lab.open("00_start_here.ipynb")
    box = lab.page.locator(".jp-OutputArea-output input[type='text']").first
    box.wait_for()
    deadline = time.monotonic() + 20
    while box.input_value() != "Asha Patel" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert box.input_value() == "Asha Patel"
    box.scroll_into_view_if_needed()
    lab.page.mouse.wheel(0, -150)
    time.sleep(0.5)
    _screenshot(lab.page, "learner-notebook.png")
