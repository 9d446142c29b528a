"""Every case in the bad-store corpus gives its expected plain message, for learner and tutor."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers.errors import StoreError
from helpers.store import open_store
from tests.paths import DATA
from tests.scripts import load_script

CORPUS = DATA / "bad_stores"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expected.yml").read_text(encoding="utf-8")
)
# Signs of a programmer's message rather than a plain one.
# (A file name such as answers.sqlite is fine.)
TECHNICAL = re.compile(r"Error\b|Exception|Traceback|(?<!\.)\bsqlite|no such table", re.I)


MAKER = load_script(CORPUS / "make_bad_stores.py")


def test_every_case_has_an_expectation() -> None:
    assert set(EXPECTED) == set(MAKER.CASES)


def _plain(text: str) -> None:
    assert not TECHNICAL.search(text), text


def _check_read(store: Any, expected: dict[str, Any]) -> None:
    assert store.answers() == expected["answers"]
    for question_id, note in expected.get("unreadable", {}).items():
        assert note in store.unreadable[question_id]
        assert question_id in store.unreadable[question_id]
        _plain(store.unreadable[question_id])
        assert store.load(question_id, "default") == "default"
        assert store.history(question_id) == []
    for question_id in expected["answers"]:
        assert store.load(question_id) == expected["answers"][question_id]


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_learner_opening_a_bad_store(tmp_path: Path, case: str) -> None:
    area = MAKER.build(case, tmp_path / "coursework")
    expected = EXPECTED[case]["learner"]
    before = {p.name for p in area.iterdir()}
    with open_store(area) as store:
        _check_read(store, expected)
        if "notice" in expected:
            assert any(expected["notice"] in item for item in store.notices.items)
        for item in store.notices.items:
            _plain(item)
        if "unavailable" in expected:
            assert expected["unavailable"] in (store.unavailable or "")
            _plain(store.unavailable or "")
            assert {p.name for p in area.iterdir()} == before  # nothing moved or written
        else:
            assert store.unavailable is None
            store.save("03.after.opening", "still saving")
            assert store.load("03.after.opening") == "still saving"


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_tutor_reading_a_bad_store(tmp_path: Path, case: str) -> None:
    area = MAKER.build(case, tmp_path / "coursework")
    expected = EXPECTED[case]["tutor"]
    before = {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in area.iterdir()}
    if "refused" in expected:
        with pytest.raises(StoreError) as caught, open_store(area, readonly=True) as store:
            store.answers()
        assert expected["refused"] in str(caught.value)
        _plain(str(caught.value))
    else:
        with open_store(area, readonly=True) as store:
            _check_read(store, expected)
    after = {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in area.iterdir()}
    assert after == before  # a tutor's tool never changes a learner's folder


def test_a_damaged_store_is_kept_aside_byte_for_byte(tmp_path: Path) -> None:
    area = MAKER.build("garbage_bytes", tmp_path / "coursework")
    damaged = (area / "answers.sqlite").read_bytes()
    with open_store(area) as store:
        (aside,) = area.glob("answers.damaged-*.sqlite")
        assert aside.name in store.notices.items[0]
    assert aside.read_bytes() == damaged


def test_a_symlinked_store_leaves_the_other_store_alone(tmp_path: Path) -> None:
    area = MAKER.build("symlink", tmp_path / "coursework")
    other = tmp_path / "someone-else" / "answers.sqlite"
    before = other.read_bytes()
    with open_store(area) as store:
        assert "01.review.secret" not in store.answers()
        with pytest.raises(StoreError):
            store.save("01.review.secret", "overwritten")
    assert other.read_bytes() == before
    assert (area / "answers.sqlite").is_symlink()
