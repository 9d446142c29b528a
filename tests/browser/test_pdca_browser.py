"""Notebook 05 in a real JupyterLab: a PDCA action row typed in the browser lands in the store."""

from __future__ import annotations

import time
from typing import Any

from helpers.pdca import ACTION_COLUMNS, load_plan, question_id
from helpers.store import open_store

ACTIONS = question_id(1, "plan.actions")


def _input(lab: Any, column: str) -> Any:
    label = ACTION_COLUMNS[column]
    # text cells are wrapping text areas, date cells the UK date box's text input
    return lab.page.locator(
        f'.jp-OutputArea-output textarea[placeholder="{label}"], '
        f'.jp-OutputArea-output .widget-text input[placeholder="{label}"]'
    ).first


def _wait_for_actions(area: Any, expected: dict[str, str], timeout: float = 20) -> list[Any]:
    deadline = time.monotonic() + timeout
    rows: list[Any] = []
    while time.monotonic() < deadline:
        with open_store(area) as store:
            rows = store.load(ACTIONS) or []
        if rows and all(rows[0].get(ACTION_COLUMNS[k]) == v for k, v in expected.items()):
            return rows
        time.sleep(0.2)
    return rows


def test_pdca_action_row_typed_in_lab_is_saved(lab: Any) -> None:
    typed = {
        "what": "Add a meter-reading check to the billing screen",
        "owner": "Priya",
        "start": "2026-01-05",
        "end": "2026-01-30",
    }
    lab.open("05_continuous_improvement.ipynb")
    for column, text in typed.items():
        box = _input(lab, column)
        box.scroll_into_view_if_needed()
        box.click()
        box.press_sequentially(text, delay=5)
    rows = _wait_for_actions(lab.server.coursework, typed)
    assert rows and rows[0][ACTION_COLUMNS["what"]] == typed["what"]
    with open_store(lab.server.coursework) as store:
        action = load_plan(store).cycle(1).plan.actions[0]
    assert (action.what, action.owner, action.start, action.end) == (
        typed["what"],
        typed["owner"],
        typed["start"],
        typed["end"],
    )
