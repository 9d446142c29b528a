"""The exemplar learner: complete for every notebook question, and loaded by `coursework demo`."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from helpers.cli import main
from helpers.commands.demo import EXEMPLAR_DIR, load_exemplar
from helpers.criteria import load_criteria, question_map
from helpers.feedback import coverage, data_lookup
from helpers.store import open_store
from tests.scripts import load_script


def test_every_notebook_question_has_an_exemplar_answer_or_a_reason_to_be_blank() -> None:
    exemplar = load_exemplar()
    known = {**exemplar["profile"], **exemplar["answers"], **exemplar["deliberately_blank"]}
    missing = [q for q in question_map() if q not in known]
    assert missing == []
    assert all(str(why).strip() for why in exemplar["deliberately_blank"].values())


def test_exemplar_answers_are_substantial_not_placeholders() -> None:
    answers = load_exemplar()["answers"]
    texts = [v for v in answers.values() if isinstance(v, str) and len(v) > 60]
    assert len(texts) >= 40
    for text in texts:
        assert "lorem" not in text.lower() and "todo" not in text.lower()


def test_demo_fills_a_working_area(tmp_path: Path) -> None:
    area = tmp_path / "exemplar"
    assert main(["demo", str(area)]) == 0
    store = open_store(area)
    answers = store.answers()
    store.close()
    exemplar = load_exemplar()
    for question, value in {**exemplar["profile"], **exemplar["answers"]}.items():
        assert answers[question] == value
    attachments = [v for q, v in answers.items() if q.startswith("attachments.")]
    assert len(attachments) == 2 and all(a["caption"] for a in attachments)
    assert (area / "attachments" / "thumbs").is_dir()


def test_exemplar_meets_most_criteria(store: Any) -> None:
    exemplar = load_exemplar()
    answers = {**exemplar["profile"], **exemplar["answers"]}
    criteria = load_criteria()
    table = coverage(answers, criteria, question_map(), data_lookup(store))
    assert table["SUS.MONITOR.1"].status == "met"  # 12 sample months each side of January 2025
    met = [c for c, entry in table.items() if entry.status == "met"]
    assert len(met) >= 0.8 * len(criteria.criteria), {
        c: e.reasons for c, e in table.items() if e.status != "met"
    }


def test_poster_is_made_deterministically(tmp_path: Path) -> None:
    made = load_script(EXEMPLAR_DIR / "make_poster.py").make_poster(tmp_path / "poster.png")
    digest = hashlib.sha256(made.read_bytes()).hexdigest()
    assert digest == hashlib.sha256((EXEMPLAR_DIR / "poster.png").read_bytes()).hexdigest()
