"""Stored values are bounded: refused plainly at save, and never a RecursionError when read.

Also: a store from a newer version of the course is read but never written, and a folder that
vanishes during a save is reported as gone, not as read-only.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from helpers import forms
from helpers.errors import SaveError
from helpers.store import SCHEMA_VERSION, STORED_VALUE_MAX_CHARS, STORED_VALUE_MAX_DEPTH, open_store


def nested(depth: int) -> Any:
    """A value with ``depth`` lists inside each other, built without recursion."""
    value: Any = "core"
    for _ in range(depth):
        value = [value]
    return value


def raw_insert(area: Path, question_id: str, text: str) -> None:
    """Write ``text`` as a stored answer (and its revision) behind the store's back."""
    conn = sqlite3.connect(area / "answers.sqlite")
    with conn:
        conn.execute(
            "INSERT INTO answers VALUES (?, ?, '2025-01-01T09:00:00.000+00:00', "
            "'2025-01-01T09:00:00.000+00:00')",
            (question_id, text),
        )
        conn.execute(
            "INSERT INTO history (question_id, started_at, saved_at, value) "
            "VALUES (?, '2025-01-01T09:00:00.000+00:00', '2025-01-01T09:00:00.000+00:00', ?)",
            (question_id, text),
        )
    conn.close()


# -- refused at save ----------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [STORED_VALUE_MAX_DEPTH + 1, 600, 5_000, 100_000])
def test_too_deep_a_value_is_refused_plainly(store, depth: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SaveError) as caught:
        store.save("01.review.deep", nested(depth))
    assert caught.value.reason.startswith("this answer is too large to save")
    assert "Error" not in caught.value.reason
    assert store.load("01.review.deep") is None


def test_too_deep_a_dictionary_is_refused_too(store) -> None:  # type: ignore[no-untyped-def]
    value: Any = {}
    for _ in range(5_000):
        value = {"inner": value}
    with pytest.raises(SaveError, match="too large to save"):
        store.save("01.review.deep", value)


def test_a_value_at_the_depth_limit_saves_and_reads_back(store) -> None:  # type: ignore[no-untyped-def]
    store.save("01.review.deep", nested(STORED_VALUE_MAX_DEPTH))
    assert store.load("01.review.deep") == nested(STORED_VALUE_MAX_DEPTH)


def test_too_long_a_value_is_refused_plainly(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SaveError) as caught:
        store.save("01.review.long", "word " * (STORED_VALUE_MAX_CHARS // 5 + 1))
    assert caught.value.reason.startswith("this answer is too large to save")
    store.save(
        "01.review.long", "w" * (STORED_VALUE_MAX_CHARS - 2)
    )  # with its quotes: at the limit
    assert len(store.load("01.review.long")) == STORED_VALUE_MAX_CHARS - 2


def test_the_previous_save_fails_plainly_when_seen_is_too_deep(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SaveError, match="too large to save"):
        store.save_edit("01.review.note", "short", seen=nested(5_000))


def test_a_form_shows_not_saved_with_the_reason(store) -> None:  # type: ignore[no-untyped-def]
    form = forms.long_text("01.review.summary", "Summary", store=store)
    form.control.value = "x" * (STORED_VALUE_MAX_CHARS + 10)
    assert "Not saved: this answer is too large to save" in form.status.value
    assert form.control.value.startswith("xxx")  # the text stays in the box


# -- read without RecursionError ------------------------------------------------------------
def test_an_answer_too_deep_to_read_is_left_out_with_a_note(coursework_dir: Path) -> None:
    with open_store(coursework_dir) as opened:
        opened.save("01.review.kept", "post and email")
    raw_insert(coursework_dir, "01.review.deep", "[" * 100_000 + "]" * 100_000)
    with open_store(coursework_dir) as opened:
        assert opened.answers() == {"01.review.kept": "post and email"}
        assert opened.load("01.review.deep", "default") == "default"
        assert opened.history("01.review.deep") == []
        assert opened.load("01.review.kept") == "post and email"
        note = opened.unreadable["01.review.deep"]
        assert "01.review.deep" in note and "could not be read" in note
        assert note in opened.notices.items


def test_an_answer_deeper_than_the_limit_is_left_out_when_read(coursework_dir: Path) -> None:
    """600 levels decode, but would break code that walks them (status, pages): not handed out."""
    with open_store(coursework_dir) as opened:
        opened.save("01.review.kept", "post and email")
    raw_insert(coursework_dir, "01.review.deep", json.dumps(nested(600)))
    with open_store(coursework_dir, readonly=True) as opened:
        assert opened.answers() == {"01.review.kept": "post and email"}
        assert "nested too deeply" in opened.unreadable["01.review.deep"]


def test_a_stored_value_that_is_not_json_is_left_out(coursework_dir: Path) -> None:
    with open_store(coursework_dir) as opened:
        opened.save("01.review.kept", "post and email")
    raw_insert(coursework_dir, "01.review.bad", "{not json")
    with open_store(coursework_dir) as opened:
        assert opened.answers() == {"01.review.kept": "post and email"}
        assert "01.review.bad" in opened.unreadable


def test_a_too_large_stored_value_is_left_out_when_read(coursework_dir: Path) -> None:
    with open_store(coursework_dir) as opened:
        opened.save("01.review.kept", "post and email")
    raw_insert(coursework_dir, "01.review.huge", json.dumps("z" * (STORED_VALUE_MAX_CHARS * 3)))
    with open_store(coursework_dir, readonly=True) as opened:
        assert opened.answers() == {"01.review.kept": "post and email"}
        assert "too large" in opened.unreadable["01.review.huge"]


def test_a_learner_can_replace_an_unreadable_answer(coursework_dir: Path) -> None:
    with open_store(coursework_dir):
        pass
    raw_insert(coursework_dir, "01.review.deep", "[" * 100_000 + "]" * 100_000)
    with open_store(coursework_dir) as opened:
        opened.save("01.review.deep", "typed again")
        assert opened.load("01.review.deep") == "typed again"


# -- a newer schema is read, never written ------------------------------------------------------
def _newer_store(area: Path) -> bytes:
    with open_store(area) as opened:
        opened.save("01.review.channels", "post")
    conn = sqlite3.connect(area / "answers.sqlite")
    with conn:
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    conn.close()
    return (area / "answers.sqlite").read_bytes()


def test_a_newer_schema_opens_read_only_with_a_message(coursework_dir: Path) -> None:
    before = _newer_store(coursework_dir)
    backups = sorted((coursework_dir / "backups").iterdir())
    opened = open_store(coursework_dir)
    try:
        assert opened.load("01.review.channels") == "post"
        assert opened.unavailable is not None
        assert "saved by a newer version of the course" in opened.unavailable
        assert "Ask your tutor to update it" in opened.unavailable
        with pytest.raises(SaveError, match="newer version of the course"):
            opened.save("01.review.channels", "email")
        with pytest.raises(SaveError, match="newer version of the course"):
            opened.save("01.review.other", "email")
        assert opened.load("01.review.channels") == "post"
    finally:
        opened.close()
    assert (coursework_dir / "answers.sqlite").read_bytes() == before
    assert sorted((coursework_dir / "backups").iterdir()) == backups


def test_a_newer_schema_is_not_treated_as_damage(coursework_dir: Path) -> None:
    """A newer version may have changed its tables: never moved aside or restored over."""
    _newer_store(coursework_dir)
    conn = sqlite3.connect(coursework_dir / "answers.sqlite")
    with conn:
        conn.execute("ALTER TABLE history RENAME TO revisions")
    conn.close()
    before = (coursework_dir / "answers.sqlite").read_bytes()
    with open_store(coursework_dir) as opened:
        assert "newer version of the course" in (opened.unavailable or "")
        assert opened.notices.items == []
    assert (coursework_dir / "answers.sqlite").read_bytes() == before
    assert not list(coursework_dir.glob("answers.damaged-*"))


# -- a folder that vanished during a save ---------------------------------------------------
@pytest.mark.parametrize("how", ["renamed", "deleted"])
def test_a_folder_gone_during_a_save_is_reported_as_gone(tmp_path: Path, how: str) -> None:
    area = tmp_path / "work"
    opened = open_store(area)
    try:
        opened.save("01.review.channels", "post")
        if how == "renamed":
            os.rename(area, tmp_path / "elsewhere")
        else:
            shutil.rmtree(area)
        with pytest.raises(SaveError) as caught:
            opened.save("01.review.channels", "email")
    finally:
        opened.close()
    reason = caught.value.reason
    assert "read-only" not in reason
    assert "moved, renamed or deleted" in reason and str(area) in reason


def test_an_answers_file_deleted_during_a_save_is_reported_as_gone(coursework_dir: Path) -> None:
    opened = open_store(coursework_dir)
    try:
        opened.save("01.review.channels", "post")
        (coursework_dir / "answers.sqlite").unlink()
        with pytest.raises(SaveError) as caught:
            opened.save("01.review.channels", "email")
    finally:
        opened.close()
    assert "read-only" not in caught.value.reason
    assert "moved, renamed or deleted" in caught.value.reason
