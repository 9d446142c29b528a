"""Panels: forms shown with live hints, and their static copy for the export."""

from __future__ import annotations

from typing import Any

from helpers import forms
from helpers.panels import panel_with_hints
from helpers.store import AnswerStore


def test_a_panel_with_hints_gives_the_answers_by_key_and_rechecks_on_each_change(
    store: AnswerStore,
) -> None:
    seen: list[dict[str, Any]] = []

    def hints(answers: dict[str, Any]) -> list[str]:
        seen.append(answers)
        return [] if answers["why"] else ["Say why it matters."]

    boxes = {
        "what": forms.short_text("04.x.what", "What", store=store),
        "why": forms.long_text("04.x.why", "Why", store=store),
    }
    panel = panel_with_hints(boxes, hints)
    assert seen[-1] == {"what": boxes["what"].value, "why": boxes["why"].value}
    assert "Say why it matters." in panel.hint_box.value
    boxes["why"].control.value = "Customers wait less."
    assert seen[-1]["why"] == "Customers wait less."
    assert "Say why it matters." not in panel.hint_box.value
    assert panel.forms == list(boxes.values())
