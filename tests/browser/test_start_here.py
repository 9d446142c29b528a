"""A learner's first session in a real JupyterLab: the notebook runs itself and shows no code;
typed text survives a kernel restart (after which the notebook runs itself again)."""

from __future__ import annotations

import re
import time
from typing import Any

from helpers.store import open_store

PRACTICE = "00.practice.first_answer"
TEXTAREA = ".jp-OutputArea-output .widget-textarea textarea"


def _wait_for_store(area: Any, question_id: str, expected: str, timeout: float = 20) -> Any:
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        with open_store(area) as store:
            value = store.load(question_id)
        if value == expected:
            return value
        time.sleep(0.2)
    return value


def test_typed_answer_survives_kernel_restart(lab: Any) -> None:
    sentence = "Good service means listening first and fixing the problem."
    lab.open("00_start_here.ipynb")
    assert lab.visible_code() == 0

    box = lab.page.locator(TEXTAREA).first
    box.click()
    box.press_sequentially(sentence, delay=5)
    assert _wait_for_store(lab.server.coursework, PRACTICE, sentence) == sentence
    lab.page.locator(".cw-status", has_text=re.compile(r"^Saved \d\d:\d\d$")).first.wait_for()

    lab.restart_kernel("00_start_here.ipynb")
    assert lab.visible_code() == 0
    box = lab.page.locator(TEXTAREA).first
    box.wait_for()
    assert box.input_value() == sentence
    with open_store(lab.server.coursework) as store:
        assert store.load(PRACTICE) == sentence
