"""Build the bad-store corpus: each case is one way a learner's answers file goes wrong.

The cases are made on demand, never committed (``*.sqlite`` files stay out of the repository):
``build(case, area)`` writes case ``case`` into the working-area folder ``area``, byte for byte
the same every run. ``expected.yml`` beside this script says what a learner opening the folder
(read-write) and a tutor's tool (read-only) must see for each case.

Run: ``.venv/bin/python tests/data/bad_stores/make_bad_stores.py OUT_DIR`` to look at them.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

STORE = "answers.sqlite"
KEPT = {"01.review.kept": "post and email", "02.monitoring.note": "fewer letters"}
_TIME = "2025-01-01T09:00:00.000+00:00"


def _good_store(area: Path, answers: dict[str, object] | None = None) -> Path:
    """A store made by the real code, holding ``KEPT`` (plus ``answers``), with no backups."""
    from helpers.store import open_store

    with open_store(area) as store:
        for question_id, value in {**KEPT, **(answers or {})}.items():
            store.save(question_id, value)
    shutil.rmtree(area / "backups", ignore_errors=True)  # the first save makes one
    return area / STORE


def _sql(path: Path, *statements: tuple[str, tuple[object, ...]]) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for sql, params in statements:
            conn.execute(sql, params)
    conn.close()


def _with_raw_value(text: str) -> Callable[[Path], None]:
    """A good store plus one answer whose stored text is ``text`` (as an old version or a hand
    edit might leave it), in both the answers and the history tables."""

    def make(area: Path) -> None:
        path = _good_store(area)
        _sql(
            path,
            ("INSERT INTO answers VALUES ('01.review.bad', ?, ?, ?)", (text, _TIME, _TIME)),
            (
                "INSERT INTO history (question_id, started_at, saved_at, value) "
                "VALUES ('01.review.bad', ?, ?, ?)",
                (_TIME, _TIME, text),
            ),
        )

    return make


def garbage_bytes(area: Path) -> None:
    (area / STORE).write_bytes(random.Random(11).randbytes(40_000))


def truncated(area: Path) -> None:
    path = _good_store(area)
    _sql(
        path,
        *[
            (
                "INSERT INTO answers VALUES (?, ?, ?, ?)",
                (f"filler.{i}", '"' + "y" * 500 + '"', _TIME, _TIME),
            )
            for i in range(200)
        ],
    )
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def empty(area: Path) -> None:
    (area / STORE).write_bytes(b"")


def other_app(area: Path) -> None:
    _sql(
        area / STORE,
        ("CREATE TABLE contacts (name TEXT, phone TEXT)", ()),
        ("INSERT INTO contacts VALUES ('Jo', '07700 900123')", ()),
    )


def no_history(area: Path) -> None:
    _sql(_good_store(area), ("DROP TABLE history", ()))


def newer_schema(area: Path) -> None:
    _sql(_good_store(area), ("UPDATE meta SET value = '99' WHERE key = 'schema_version'", ()))


def directory(area: Path) -> None:
    (area / STORE).mkdir()
    (area / STORE / "notes.txt").write_text("not an answers file\n", encoding="utf-8")


def symlink(area: Path) -> None:
    other = area.parent / "someone-else"
    other.mkdir()
    _good_store(other, {"01.review.secret": "another learner's work"})
    (area / STORE).symlink_to(other / STORE)


CASES: dict[str, Callable[[Path], None]] = {
    "garbage_bytes": garbage_bytes,
    "truncated": truncated,
    "empty": empty,
    "other_app": other_app,
    "no_history": no_history,
    "newer_schema": newer_schema,
    "value_not_json": _with_raw_value("{not json"),
    "value_600_deep": _with_raw_value("[" * 600 + "]" * 600),
    "value_100000_deep": _with_raw_value("[" * 100_000 + "]" * 100_000),
    "value_huge": _with_raw_value(json.dumps("z" * 3_000_000)),
    "directory": directory,
    "symlink": symlink,
}


def build(case: str, area: Path) -> Path:
    """Write case ``case`` into the working area ``area`` (created); returns ``area``."""
    area.mkdir(parents=True, exist_ok=True)
    CASES[case](area)
    return area


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bad_stores_out")
    for name in CASES:
        print(build(name, out / name / "coursework"))
