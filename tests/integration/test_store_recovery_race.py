"""Two processes recovering one damaged store at the same moment, fifty times, lose nothing.

Each round the store is backed up, then damaged with bytes unique to the round, and two real
processes open it at the same instant and save an answer each. Afterwards the damaged bytes of
every round are kept aside exactly once (never overwritten by a second recovery), no kept-aside
file is a good store moved aside, and every answer in the newest backup and every answer the
two processes saved are still in the store.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from helpers.store import list_backups, open_store
from tests.paths import REPO

ROUNDS = 50

WORKER = """
    import sys, time
    from helpers.store import open_store
    area, name = sys.argv[1], sys.argv[2]
    for line in sys.stdin:
        round_number, start_at = line.split()
        while time.time() < float(start_at):
            pass  # spin, so that both processes start within microseconds of each other
        store = open_store(area)
        store.save(f"{name}.round.{round_number}", int(round_number))
        store.close()
        print("done", round_number, flush=True)
"""


def _worker(area: Path, name: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(WORKER), str(area), name],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def _damaged_copy(store: Path, number: int, rng: random.Random) -> bytes:
    """The store's bytes with pages in the middle overwritten: it takes SQLite's full check a
    moment to find the damage, which widens the window in which both processes see it."""
    data = bytearray(store.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = f"damaged copy {number} ".encode().ljust(8192, b"!")
    data[middle + 8192 : middle + 16384] = rng.randbytes(8192)
    return bytes(data)


def _filler(area: Path) -> None:
    """Answers enough to make the store about a megabyte, so a restore is not instant."""
    with open_store(area) as opened:
        opened.save("parent.start", "filled")
    conn = sqlite3.connect(area / "answers.sqlite")
    with conn:
        conn.executemany(
            "INSERT INTO answers VALUES (?, ?, '2025-01-01T09:00:00.000+00:00', "
            "'2025-01-01T09:00:00.000+00:00')",
            [(f"filler.{i}", json.dumps("f" * 2000)) for i in range(500)],
        )
    conn.close()


def _answers_in(area: Path) -> dict[str, object]:
    with open_store(area, readonly=True) as opened:
        return opened.answers()


def _answers_in_backup(backup: Path) -> dict[str, object]:
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        return {
            qid: json.loads(text)
            for qid, text in conn.execute("SELECT question_id, value FROM answers")
        }
    finally:
        conn.close()


def test_two_processes_recovering_one_damaged_store_lose_nothing(coursework_dir: Path) -> None:
    area = coursework_dir
    workers = [_worker(area, name) for name in ("p1", "p2")]
    damaged_copies: list[bytes] = []
    rng = random.Random(5)
    _filler(area)
    try:
        for number in range(ROUNDS):
            with open_store(area) as opened:
                opened.save(f"parent.round.{number}", number)
                backup = opened.backup()
            damaged = _damaged_copy(area / "answers.sqlite", number, rng)
            damaged_copies.append(damaged)
            (area / "answers.sqlite").write_bytes(damaged)
            start_at = time.time() + 0.15
            for worker in workers:
                assert worker.stdin is not None
                worker.stdin.write(f"{number} {start_at}\n")
                worker.stdin.flush()
            for worker in workers:
                assert worker.stdout is not None
                line = worker.stdout.readline()
                if line.split() != ["done", str(number)]:
                    assert worker.stderr is not None
                    worker.kill()
                    pytest.fail(f"round {number}: a process failed: {worker.stderr.read()}")
            answers = _answers_in(area)
            in_backup = _answers_in_backup(backup)
            lost = {k for k in in_backup if k not in answers}
            assert not lost, f"round {number}: answers in the newest backup were lost: {lost}"
            assert answers.get(f"p1.round.{number}") == number, f"round {number}: p1's answer lost"
            assert answers.get(f"p2.round.{number}") == number, f"round {number}: p2's answer lost"
    finally:
        for worker in workers:
            if worker.stdin is not None:
                worker.stdin.close()
            worker.wait(timeout=60)
    aside = sorted(area.glob("answers.damaged-*.sqlite"))
    contents = [path.read_bytes() for path in aside]
    assert len(set(contents)) == len(contents), "two kept-aside files hold the same bytes"
    for number, damaged in enumerate(damaged_copies):
        assert contents.count(damaged) == 1, f"round {number}: damaged copy not kept intact"
    assert len(aside) == ROUNDS, "a good store was moved aside as if it were damaged"
    assert len(list_backups(area)) >= 1
