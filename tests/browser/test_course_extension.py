"""The course extension in a real JupyterLab: only course notebooks run themselves and hide
their code; other notebooks stay as JupyterLab makes them; a tutor can show the code."""

from __future__ import annotations

import json
from typing import Any

from conftest import CURRENT_PANEL

PLAIN = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "plain-1",
            "metadata": {},
            "outputs": [],
            "source": "answer = 6 * 7\nanswer",
        }
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def test_only_course_notebooks_run_themselves_and_a_tutor_can_show_the_code(lab: Any) -> None:
    (lab.server.root / "notebooks" / "scratch.ipynb").write_text(json.dumps(PLAIN))
    lab.page.goto(lab.server.notebook_url("notebooks/scratch.ipynb"))
    panel = lab.page.locator(CURRENT_PANEL).first
    panel.locator(".jp-CodeCell .jp-InputArea-editor").first.wait_for()
    lab.wait_for_kernel()
    lab.page.wait_for_timeout(2_000)  # time enough for a run to start, were one coming
    assert panel.get_attribute("data-coursework-run") is None
    assert "42" not in panel.inner_text()  # not run
    assert lab.visible_code() > 0  # its code and prompt are shown as usual

    lab.open("00_start_here.ipynb")
    assert lab.visible_code() == 0
    lab.command("View", "coursework:toggle-code")
    editors = lab.page.locator(f"{CURRENT_PANEL} .jp-CodeCell .jp-InputArea-editor")
    editors.first.wait_for()
    assert "helpers" in editors.first.inner_text()
    lab.command("View", "coursework:toggle-code")
    editors.first.wait_for(state="hidden")
    assert lab.visible_code() == 0
