"""The status cache: a learner whose answers are unchanged is not read again, and a changed
learner, criteria file or a damaged cache never gives a stale row.

Reads are counted outside the cache: the store reader ``with_store`` is wrapped to append the
learner's folder to a log file, which the forked worker processes that read learners inherit.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from helpers import cohort
from helpers.cli import main
from helpers.cohort import status as status_module
from helpers.cohort.status_cache import StatusCache, criteria_digest, criteria_files
from helpers.store import open_store
from tests.cohorts import ALL_QUESTIONS, CRITERIA, answer_for, tree_digest, write_roster
from tests.cohorts import write_templates as write_cohort_templates
from tests.paths import REPO, SAMPLE

LEARNERS = 5


@pytest.fixture
def small_cohort(tmp_path: Path) -> dict[str, Path]:
    """Five learners released, each with some answers (L003 answers nothing yet)."""
    templates = write_cohort_templates(tmp_path / "templates")
    cohort.release(templates, tmp_path / "cohort", write_roster(tmp_path / "roster.csv", LEARNERS))
    for n in range(1, LEARNERS + 1):
        with open_store(tmp_path / "cohort" / f"L{n:03d}" / "coursework") as store:
            for qid in ALL_QUESTIONS[: n % 3]:
                store.save(qid, answer_for(qid, n))
    criteria = tmp_path / "criteria.yml"
    shutil.copyfile(CRITERIA, criteria)
    return {"cohort": tmp_path / "cohort", "templates": templates, "criteria": criteria}


@pytest.fixture
def reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A log with one line per learner store read, from whichever process read it."""
    log = tmp_path / "reads.log"
    log.touch()
    real = status_module.with_store

    def counted(area: Path, use: Any) -> Any:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(area.parent.name + "\n")
        return real(area, use)

    monkeypatch.setattr(status_module, "with_store", counted)
    return log


def _run(found: dict[str, Path], cache: StatusCache) -> list[dict[str, Any]]:
    status = cohort.cohort_status(
        found["cohort"],
        notebooks_dir=found["templates"],
        criteria_path=found["criteria"],
        cache=cache,
    )
    return [asdict(lr) for lr in status.learners]


def _read_since(log: Path) -> list[str]:
    """The learners read since the last call (the log is emptied)."""
    names = sorted(log.read_text(encoding="utf-8").split())
    log.write_text("", encoding="utf-8")
    return names


def test_a_second_run_over_an_unchanged_cohort_reads_no_store_and_gives_the_same_rows(
    small_cohort: dict[str, Path], reads: Path, tmp_path: Path
) -> None:
    before = tree_digest(small_cohort["cohort"])
    cache = StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path / "cache")
    first = _run(small_cohort, cache)
    assert _read_since(reads) == [f"L{n:03d}" for n in range(1, LEARNERS + 1)]
    assert (cache.read, cache.remembered) == (LEARNERS, 0)

    again = StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path / "cache")
    second = _run(small_cohort, again)
    assert _read_since(reads) == []
    assert (again.read, again.remembered) == (0, LEARNERS)
    assert second == first
    assert tree_digest(small_cohort["cohort"]) == before  # nothing written into learner folders
    assert cache.path.parent == tmp_path / "cache" and not again.problem


def test_a_learner_saving_an_answer_is_the_only_learner_read_again(
    small_cohort: dict[str, Path], reads: Path, tmp_path: Path
) -> None:
    first = _run(small_cohort, StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path))
    _read_since(reads)
    with open_store(small_cohort["cohort"] / "L003" / "coursework") as store:
        store.save(ALL_QUESTIONS[0], "Customers now get a reply within one working day.")

    second = _run(small_cohort, StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path))
    assert _read_since(reads) == ["L003"]
    changed = [a["learner_id"] for a, b in zip(first, second, strict=True) if a != b]
    assert changed == ["L003"]
    assert (second[2]["answered"], first[2]["answered"]) == (1, 0)


def test_a_changed_criteria_file_reads_every_learner_again(
    small_cohort: dict[str, Path], reads: Path, tmp_path: Path
) -> None:
    _run(small_cohort, StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path))
    _read_since(reads)
    criteria = small_cohort["criteria"]
    criteria.write_text(criteria.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")

    _run(small_cohort, StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path))
    assert len(_read_since(reads)) == LEARNERS


def test_a_change_to_the_criteria_behind_a_mapping_file_reads_every_learner_again(
    small_cohort: dict[str, Path], reads: Path, tmp_path: Path
) -> None:
    # The mapping file selects the course criteria beside it (maps: criteria.yml); its real
    # ids' statuses come from them, so a change there must not leave stale rows.
    spec = tmp_path / "spec"
    spec.mkdir()
    for name in ("criteria.yml", "criteria_inscs017.yml"):
        shutil.copyfile(REPO / "data" / "reference" / name, spec / name)
    mapping, base = spec / "criteria_inscs017.yml", spec / "criteria.yml"
    found = dict(small_cohort, criteria=mapping)
    first = _run(found, StatusCache.for_cohort(found["cohort"], folder=tmp_path))
    assert any(lr["coverage"] for lr in first)
    assert all(cid.startswith("INSCS017.") for lr in first for cid in lr["coverage"])
    _read_since(reads)
    _run(found, StatusCache.for_cohort(found["cohort"], folder=tmp_path))
    assert _read_since(reads) == []

    base.write_text(base.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    again = StatusCache.for_cohort(found["cohort"], folder=tmp_path)
    _run(found, again)
    assert len(_read_since(reads)) == LEARNERS
    assert again.remembered == 0


def test_a_damaged_cache_file_is_ignored_and_rebuilt(
    small_cohort: dict[str, Path], reads: Path, tmp_path: Path
) -> None:
    cache = StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path / "cache")
    first = _run(small_cohort, cache)
    cache.path.write_bytes(b"this is not a database" * 50)
    _read_since(reads)

    damaged = StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path / "cache")
    assert _run(small_cohort, damaged) == first
    assert len(_read_since(reads)) == LEARNERS
    assert "could not be read" in damaged.problem

    rebuilt = StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path / "cache")
    assert _run(small_cohort, rebuilt) == first
    assert _read_since(reads) == [] and not rebuilt.problem


def test_a_changed_data_file_of_the_learners_own_is_read_again(
    small_cohort: dict[str, Path], reads: Path, tmp_path: Path
) -> None:
    area = small_cohort["cohort"] / "L002" / "coursework"
    mine = area / "data" / "my_complaints.csv"
    mine.parent.mkdir(exist_ok=True)
    shutil.copyfile(SAMPLE / "complaints.csv", mine)
    with open_store(area) as store:
        store.save(
            "data.choice.complaints",
            {"source": "upload", "path": "data/my_complaints.csv", "name": "my_complaints.csv"},
        )
    _run(small_cohort, StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path))
    _read_since(reads)
    # Just written, the file could change again within one tick of the file system's clock
    # and look the same: that learner is read again until the file has settled.
    _run(small_cohort, StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path))
    assert _read_since(reads) == ["L002"]

    settled = mine.stat().st_mtime_ns - 60 * 10**9
    os.utime(mine, ns=(settled, settled))
    _run(small_cohort, StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path))
    _read_since(reads)
    _run(small_cohort, StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path))
    assert _read_since(reads) == []

    mine.write_bytes(mine.read_bytes().replace(b"1", b"2", 1))  # same size, new content
    os.utime(mine, ns=(settled, settled))  # and its old time back: the change still shows
    _run(small_cohort, StatusCache.for_cohort(small_cohort["cohort"], folder=tmp_path))
    assert _read_since(reads) == ["L002"]


def test_status_command_remembers_unchanged_learners_in_the_tutors_cache(
    small_cohort: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["status", str(small_cohort["cohort"]), "--criteria", str(small_cohort["criteria"])]
    argv += ["--notebooks", str(small_cohort["templates"])]
    assert main(argv) == 0
    assert f"{LEARNERS} read, 0 unchanged" in capsys.readouterr().out
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert f"0 read, {LEARNERS} unchanged since the last run" in printed
    cache_dir = Path(os.environ["COURSEWORK_STATUS_CACHE"])
    assert [p.suffix for p in cache_dir.iterdir()] == [".sqlite"]
    assert oct(cache_dir.stat().st_mode & 0o777) == oct(0o700)
    assert main([*argv, "--no-cache"]) == 0
    assert "unchanged since the last run" not in capsys.readouterr().out


def test_the_criteria_files_behind_a_mapping_are_followed_and_a_loop_ends(tmp_path: Path) -> None:
    first, second = tmp_path / "first.yml", tmp_path / "second.yml"
    first.write_text("schema: 1\nmaps: second.yml\n", encoding="utf-8")
    second.write_text("schema: 1\nmaps: first.yml\n", encoding="utf-8")
    assert criteria_files(first) == [first, second]
    assert criteria_files(tmp_path / "missing.yml") == [tmp_path / "missing.yml"]
    before = criteria_digest(first)
    second.write_text("schema: 1\nmaps: first.yml\n# changed\n", encoding="utf-8")
    assert criteria_digest(first) != before
