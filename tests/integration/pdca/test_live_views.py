"""Notebooks 05 and 07 in a real kernel: their views follow answers saved by another notebook.

The kernel shows notebook 05's timeline and whole plan and notebook 07's coverage table and
readiness summary; the test process stands in for another notebook's kernel and saves answers
into the same working area. Each view must show the change within a few seconds, with no cell
run again.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from jupyter_client.blocking.client import BlockingKernelClient

from helpers import declaration
from helpers.pdca import question_id
from helpers.store import open_store
from tests.kernels import connect, printed_within, run, start_kernel

pytestmark = pytest.mark.slow


@pytest.fixture
def kernel(tmp_path: Path, coursework_dir: Path) -> Iterator[BlockingKernelClient]:
    km = start_kernel(coursework_dir, tmp_path)
    try:
        client = connect(km)
        try:
            yield client
        finally:
            client.stop_channels()
    finally:
        km.shutdown_kernel(now=True)


def shown_within(client: BlockingKernelClient, view: str, text: str, seconds: float = 6) -> float:
    """Seconds until the view's widget (read in the kernel) shows ``text``; fails after that."""
    return printed_within(client, f"print({view}.widget.value)", text, seconds)


def test_05_and_07_views_follow_answers_saved_by_another_notebook(
    kernel: BlockingKernelClient, coursework_dir: Path
) -> None:
    run(
        kernel,
        "import helpers\n"
        "line = helpers.pdca.timeline(1)\n"
        "plan = helpers.pdca.show_plan()\n"
        "cover = helpers.reflection.coverage_view()\n"
        "button = helpers.reflection.export_button()\n"
        "ready = button.readiness\n"
        "print(line.widget.value.count('no actions'))",
    )
    with open_store(coursework_dir) as other:  # another notebook's kernel, as far as 05 knows
        other.save(
            question_id(1, "plan.actions"),
            [
                {
                    "What will be done": "Brief advisers",
                    "Owner": "Team leader",
                    "Resources": "Huddles",
                    "Start date": "2025-04-14",
                    "End date": "2025-04-18",
                },
                {"What will be done": "Guide", "Start date": "04/14/2025", "End date": ""},
            ],
        )
    waited = shown_within(kernel, "line", "Timeline of 1 action from 14 Apr 2025 to 18 Apr 2025")
    print(f"the timeline changed {waited:.1f} s after another notebook saved the actions")
    assert waited < 5
    shown_within(kernel, "line", "Action 2 (Guide) is not on the timeline yet")
    shown_within(kernel, "plan", "14 April 2025")

    before = run(kernel, "print(cover.widget.value)")
    with open_store(coursework_dir) as other:
        other.save(declaration.AGREE_ID, [declaration.STATEMENT])
        other.save(declaration.NAME_ID, "Sam Taylor")
        other.save(declaration.DATE_ID, "2025-11-20")
        other.save(
            "05.area.evidence",
            "Complaints log Jan to Jun 2025: 84 of 351 complaints were billing errors (24 %). "
            "One customer said 'my bill was wrong three months running'.",
        )
    shown_within(kernel, "ready", "Your declaration is signed.")
    started = time.monotonic()
    while run(kernel, "print(cover.widget.value)") == before:
        assert time.monotonic() - started < 6, "the coverage table did not change"
        time.sleep(0.2)
