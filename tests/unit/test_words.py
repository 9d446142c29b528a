"""One word count for the learner's box, the checks and the tutor's status page; one way to
list things in a sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import cohort, forms
from helpers.store import open_store
from helpers.words import joined_with_and, word_count


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Paper use - down 30 %", 4),  # a dash or a % standing alone is not a word
        ("We don't print follow-up letters", 5),
        ("", 0),
        ("  - ; %  ", 0),
    ],
)
def test_word_count(text: str, words: int) -> None:
    assert word_count(text) == words


def test_the_box_and_the_tutors_status_count_the_same_words(store: Any, tmp_path: Path) -> None:
    text = "Paper use - down 30 %"
    box = forms.long_text("01.review.channels", "Channels", store=store)
    box.control.value = text
    assert "4 words" in box.widget.children[-2].value

    learner = tmp_path / "cohort" / "L1" / "coursework"
    learner.mkdir(parents=True)
    with open_store(learner) as saved:
        saved.save("01.review.channels", text)
    found = cohort.cohort_status(tmp_path / "cohort", jobs=1)
    assert [lr.words for lr in found.learners] == [4]


def test_things_are_listed_as_a_sentence_lists_them() -> None:
    assert joined_with_and(["energy"]) == "energy"
    assert joined_with_and(["energy", "waste"]) == "energy and waste"
    assert joined_with_and(["energy", "waste", "resources"]) == "energy, waste and resources"
