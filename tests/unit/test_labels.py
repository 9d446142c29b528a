"""Plain names: every box's label read off the forms a helper returns, and a name in words for
a question with no label (never its id)."""

from __future__ import annotations

from pathlib import Path

from helpers import forms
from helpers.labels import labels_of, plain_name, plain_names
from helpers.panels import Panel
from helpers.store import open_store


def test_labels_are_read_off_forms_groups_and_panels(tmp_path: Path) -> None:
    store = open_store(tmp_path / "coursework")
    one = forms.long_text("05.x.problem", "The problem", store=store)
    plan = forms.FormGroup(
        [forms.short_text("05.x.cycle2.problem", "The problem", store=store)],
        title="Cycle 2: Plan",
    )
    panel = Panel([forms.long_text("04.x.why", "Why does it matter?", store=store)])
    assert labels_of(one) == {"05.x.problem": "The problem"}
    assert labels_of(plan) == {"05.x.cycle2.problem": "The problem (Cycle 2: Plan)"}
    assert labels_of(panel) == {"04.x.why": "Why does it matter?"}

    class Tabs:  # PDCA's tabs hold groups; a form that follows the data holds one form
        def __init__(self) -> None:
            self.groups = [plan]
            self.form = one

    assert labels_of(Tabs()) == {**labels_of(plan), **labels_of(one)}
    assert labels_of("not a form") == {}
    store.close()


def test_a_question_without_a_label_is_named_in_words_never_by_id() -> None:
    labels = {"01.review.period": "Which year will you review?"}
    assert plain_name("01.review.period", labels) == "Which year will you review?"
    assert plain_name("06.added.by_tutor", labels) == "an answer in notebook 06"
    assert plain_name("data.choice.complaints", labels) == "an answer"
    assert plain_names(["06.a.b", "06.c.d", "01.review.period"], labels) == [
        "an answer in notebook 06",
        "Which year will you review?",
    ]
