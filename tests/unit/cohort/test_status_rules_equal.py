"""Status rows over a varied cohort equal a plain evaluation of the feedback rules.

The status command reads thousands of learners, so the rules take shortcuts (word patterns
tried on lower-cased text when that cannot change a match, each data file read once per
state); this test builds learners whose answers stress those shortcuts (capitals, letters that
only match a pattern when case is ignored, accents, unconfirmed table rows, no figures, part
answers) and checks every row against the rules evaluated the plain way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import cohort, criteria, feedback
from helpers.commands.demo import load_exemplar
from helpers.feedback import vocabulary
from helpers.paths import NOTEBOOKS_DIR
from helpers.store import open_store

# Letters that Python's case-blind matching pairs with an ASCII letter although they are not
# ASCII (Kelvin sign, long s, dotted and dotless i), and letters that lower-case differently.
ODD_LETTERS = {"k": "\u212a", "s": "\u017f", "i": "\u0130", "I": "\u0131", "e": "\u00c9"}


def _map_text(value: Any, change: Any) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_map_text(v, change) for v in value]
    if isinstance(value, dict):
        return {k: _map_text(v, change) for k, v in value.items()}
    return value


def _odd(text: str) -> str:
    for plain, odd in ODD_LETTERS.items():
        text = text.replace(plain, odd, 1)
    return text


def _no_digits(text: str) -> str:
    return "".join(c for c in text if not c.isdigit())


def _unconfirmed(value: Any) -> Any:
    if isinstance(value, list) and value and all(isinstance(r, dict) for r in value):
        first = dict(value[0])
        first[next(iter(first))] = "Example from the sample organisation"
        return [first, *value[1:]]
    return value


def varied_answers() -> list[dict[str, Any]]:
    """A dozen learners made from the exemplar: parts of it, and the same words changed."""
    exemplar = dict(load_exemplar()["answers"])
    items = list(exemplar.items())
    learners: list[dict[str, Any]] = [{}]
    learners += [dict(items[: len(items) * part // 4]) for part in (1, 2, 3, 4)]
    learners.append(dict(items[len(items) // 2 :]))  # the second half only
    changes = (str.upper, str.lower, _odd, _no_digits, lambda t: t.replace(" ", "\u00a0"))
    learners += [{q: _map_text(v, change) for q, v in exemplar.items()} for change in changes]
    learners.append({q: _unconfirmed(v) for q, v in exemplar.items()})
    learners.append({q: v for q, v in exemplar.items() if not q.startswith(("02.", "05."))})
    return learners


def make_cohort(folder: Path) -> list[dict[str, Any]]:
    learners = varied_answers()
    for number, answers in enumerate(learners, start=1):
        with open_store(folder / f"L{number:02d}" / "coursework") as store:
            store.save("00.profile.name", f"Learner {number}")
            for qid, value in answers.items():
                store.save(qid, value)
    return learners


def plain_coverage(answers: dict[str, Any], data: Any) -> dict[str, str]:
    """Each criterion's status with every word pattern tried the plain way (ignoring case)."""
    found = criteria.load_criteria()
    question_map = criteria.question_map(NOTEBOOKS_DIR)
    entries = feedback.coverage(answers, found, question_map, data)
    return {cid: entries[cid].status if cid in entries else "not yet" for cid in found.criteria}


def test_status_rows_equal_the_rules_evaluated_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    learners = make_cohort(tmp_path / "cohort")
    status = cohort.cohort_status(tmp_path / "cohort", jobs=1)
    assert [lr.state for lr in status.learners] == ["ok"] * len(learners)

    plain = getattr(vocabulary, "plain_matching", None)
    if plain is not None:
        monkeypatch.setattr(vocabulary, "plain_matching", True)
    for row, answers in zip(status.learners, learners, strict=True):
        with open_store(row.folder / "coursework", readonly=True) as store:
            expected = plain_coverage(answers, feedback.data_lookup(store))
        assert row.coverage == expected, row.learner_id
    statuses = {s for row in status.learners for s in row.coverage.values()}
    assert statuses == {"met", "partly", "not yet"}  # the cohort reaches every status
