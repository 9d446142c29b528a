"""The answer store never loses a word: concurrency, crashes, corruption, full and read-only disks."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from helpers import store as store_module
from helpers.errors import SaveError
from helpers.store import BACKUPS_KEPT, SCHEMA_VERSION, list_backups, open_store

from .filesystems import full_disk_folder, readonly_folder  # noqa: F401 (fixtures)


def _child(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_save_load_answers_and_history_round_trip(store) -> None:  # type: ignore[no-untyped-def]
    store.save("01.review.channels", ["post", "email"])
    store.save("01.review.note", {"text": "Bills by post", "count": 3, "ok": True})
    assert store.load("01.review.channels") == ["post", "email"]
    assert store.load("missing", default="none") == "none"
    assert store.answers() == {
        "01.review.channels": ["post", "email"],
        "01.review.note": {"count": 3, "ok": True, "text": "Bills by post"},
    }
    history = store.history("01.review.channels")
    assert [r.value for r in history] == [["post", "email"]]
    assert datetime.fromisoformat(history[0].timestamp).tzinfo is not None


def test_store_records_schema_version(store) -> None:  # type: ignore[no-untyped-def]
    with sqlite3.connect(store.path) as conn:
        version = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        journal = conn.execute("PRAGMA journal_mode").fetchone()
    assert version == (str(SCHEMA_VERSION),)
    assert journal == ("delete",)  # rollback journal, safe on network home folders


def test_open_store_uses_coursework_dir_env(coursework_dir: Path) -> None:
    with open_store() as opened:
        opened.save("00.practice.first_answer", "hello")
    assert (coursework_dir / "answers.sqlite").exists()
    with open_store(coursework_dir) as again:
        assert again.load("00.practice.first_answer") == "hello"


def test_unserialisable_value_is_refused_plainly(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SaveError, match="cannot be saved"):
        store.save("q.x.y", {1, 2})


def test_revisions_are_coalesced_per_five_minutes(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    clock = {"now": start}
    monkeypatch.setattr(store_module, "_now", lambda: clock["now"])
    text = ""
    for second in range(0, 12 * 60, 2):  # twelve minutes of typing, a save every 2 seconds
        clock["now"] = start + timedelta(seconds=second)
        text += "a"
        store.save("05.reflection", text)
    history = store.history("05.reflection")
    assert len(history) == 3  # windows starting 09:00, 09:05, 09:10
    assert history[-1].value == text  # the last revision is always the current answer
    assert [r.timestamp[11:16] for r in history] == ["09:04", "09:09", "09:11"]


def test_saving_the_same_value_adds_no_revision(store) -> None:  # type: ignore[no-untyped-def]
    store.save("a.b.c", "same")
    store.save("a.b.c", "same")
    assert len(store.history("a.b.c")) == 1


def test_backups_at_most_every_ten_minutes_keep_last_ten(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    clock = {"now": start}
    monkeypatch.setattr(store_module, "_now", lambda: clock["now"])
    monkeypatch.setattr(store_module.time, "monotonic", lambda: clock["now"].timestamp())
    for minute in range(0, 200, 1):  # a save every minute for 200 minutes
        clock["now"] = start + timedelta(minutes=minute)
        store.save("a.b.c", minute)
    backups = list_backups(store.area)
    assert len(backups) == BACKUPS_KEPT
    newest = sqlite3.connect(backups[0]).execute("SELECT value FROM answers").fetchone()
    assert int(newest[0]) >= 190  # newest backup is recent
    times = [store_module._backup_time(b) for b in backups]
    gaps = [(a - b).total_seconds() for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 600


def test_two_processes_saving_at_once_lose_nothing(coursework_dir: Path) -> None:
    code = """
        import sys
        from helpers.store import open_store
        store = open_store(sys.argv[1])
        for i in range(500):
            store.save(f"{sys.argv[2]}.answer.{i}", {"writer": sys.argv[2], "i": i})
        print("done")
    """
    children = [_child(code, str(coursework_dir), name) for name in ("p1", "p2")]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert out.strip() == "done"
    with open_store(coursework_dir) as opened:
        answers = opened.answers()
    assert len(answers) == 1000
    assert answers["p1.answer.499"] == {"writer": "p1", "i": 499}
    assert answers["p2.answer.0"] == {"writer": "p2", "i": 0}


def test_saves_that_returned_survive_sigkill(coursework_dir: Path) -> None:
    code = """
        import sys
        from helpers.store import open_store
        store = open_store(sys.argv[1])
        i = 0
        while True:
            store.save(f"loop.answer.{i % 50}", "x" * (i % 3000) + str(i))
            print(i, flush=True)
            i += 1
    """
    child = _child(code, str(coursework_dir))
    assert child.stdout is not None
    confirmed: list[int] = []
    deadline = time.monotonic() + 30
    while len(confirmed) < 400 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if line:
            confirmed.append(int(line))
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert len(confirmed) >= 400
    with open_store(coursework_dir) as opened:
        assert not opened.notices.items  # opened cleanly, no recovery needed
        answers = opened.answers()
    last = confirmed[-1]
    for i in range(max(0, last - 49), last + 1):  # the newest value of every question
        value = answers[f"loop.answer.{i % 50}"]
        assert int(value.lstrip("x")) >= i


def test_hot_journal_from_a_killed_save_is_rolled_back_not_treated_as_damage(
    coursework_dir: Path,
) -> None:
    code = """
        import sqlite3, sys, time
        from helpers.store import open_store
        store = open_store(sys.argv[1])
        store.save("kept.answer", "saved before the crash")
        store.backup()
        store.save("kept.later", "saved after the backup")
        conn = sqlite3.connect(store.path, isolation_level=None)
        conn.execute("PRAGMA cache_size = 1")  # force changed pages into the file mid-transaction
        conn.execute("BEGIN IMMEDIATE")
        for i in range(300):
            conn.execute("INSERT INTO answers VALUES (?, ?, 'x', 'x')", (f"lost.{i}", '"' + "z" * 4000 + '"'))
        print("in transaction", flush=True)
        time.sleep(60)
    """
    child = _child(code, str(coursework_dir))
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "in transaction"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert (coursework_dir / "answers.sqlite-journal").stat().st_size > 0  # a hot journal
    with open_store(coursework_dir) as opened:
        assert opened.notices.items == []  # not mistaken for damage
        answers = opened.answers()
    assert answers == {
        "kept.answer": "saved before the crash",
        "kept.later": "saved after the backup",
    }
    assert not list(coursework_dir.glob("answers.damaged-*"))


def _store_with_backup(area: Path) -> None:
    with open_store(area) as opened:
        opened.save("01.review.channels", "post, email and phone")
        opened.backup()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_damaged_store_recovers_from_backup_with_a_message(
    coursework_dir: Path, damage: str
) -> None:
    _store_with_backup(coursework_dir)
    path = coursework_dir / "answers.sqlite"
    if damage == "garbage":
        path.write_bytes(os.urandom(40_000))
    else:
        with open_store(coursework_dir) as opened:  # make it big enough that half is a real loss
            for i in range(200):
                opened.save(f"filler.{i}", "y" * 500)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    opened = open_store(coursework_dir)  # must not raise
    assert opened.load("01.review.channels") == "post, email and phone"
    assert len(opened.notices.items) == 1
    message = opened.notices.items[0]
    assert message.startswith("Your answers file was damaged, so your answers were restored")
    aside = list(coursework_dir.glob("answers.damaged-*.sqlite"))
    assert len(aside) == 1 and aside[0].name in message
    opened.save("01.review.after", "still saving")
    assert opened.load("01.review.after") == "still saving"
    opened.close()


def test_damaged_store_without_backup_starts_fresh_and_says_so(coursework_dir: Path) -> None:
    (coursework_dir / "answers.sqlite").write_text("this is not a database")
    with open_store(coursework_dir) as opened:
        assert opened.answers() == {}
        assert "there was no backup" in opened.notices.items[0]


def test_readonly_folder_gives_a_plain_reason(readonly_folder: Path) -> None:  # noqa: F811
    opened = open_store(readonly_folder / "area")
    with pytest.raises(SaveError) as raised:
        opened.save("00.practice.first_answer", "my text")
    assert "read-only" in raised.value.reason


def test_readonly_folder_with_existing_store_still_reads(readonly_folder: Path) -> None:  # noqa: F811
    opened = open_store(readonly_folder)
    assert opened.load("00.seeded") == "kept"
    with pytest.raises(SaveError) as raised:
        opened.save("00.seeded", "changed")
    assert "read-only" in raised.value.reason
    assert opened.load("00.seeded") == "kept"


def test_full_disk_fails_plainly_then_recovers(full_disk_folder: Path) -> None:  # noqa: F811
    opened = open_store(full_disk_folder)
    opened.save("a.small", "fits")
    filler = full_disk_folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    with pytest.raises(SaveError) as raised:
        opened.save("a.big", "z" * 200_000)
    assert "disk is full" in raised.value.reason
    assert opened.load("a.small") == "fits"
    filler.unlink()
    opened.save("a.big", "z" * 200_000)  # retried after space is freed
    assert len(opened.load("a.big")) == 200_000
    opened.close()


def test_readonly_open_for_tutors(coursework_dir: Path) -> None:
    with open_store(coursework_dir) as opened:
        opened.save("x.y.z", 1)
    with open_store(coursework_dir, readonly=True) as reader:
        assert reader.answers() == {"x.y.z": 1}
        with pytest.raises(SaveError):
            reader.save("x.y.z", 2)


def test_save_edit_keeps_a_version_saved_elsewhere_as_its_own_revision(store) -> None:  # type: ignore[no-untyped-def]
    _, kept = store.save_edit("05.plan.problem", "Too many letters.", seen=None)
    assert not kept
    _, kept = store.save_edit(
        "05.plan.problem", "Too many letters are posted.", seen="Too many letters."
    )
    assert not kept  # the same editor carrying on: coalesced into one revision
    assert len(store.history("05.plan.problem")) == 1
    # Another editor that loaded the first version saves over the newer one.
    _, kept = store.save_edit("05.plan.problem", "Letters cost too much.", seen="Too many letters.")
    assert kept
    assert [r.value for r in store.history("05.plan.problem")] == [
        "Too many letters are posted.",
        "Letters cost too much.",
    ]
    # An editor that saw nothing while an answer was saved elsewhere is told too.
    store.save("05.plan.owner", "Team leader")
    assert store.save_edit("05.plan.owner", "Me", seen=None)[1]
