"""The per-learner worker pool: real processes, a real address-space limit, a real clock."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from helpers.cohort.bounded import Limits, run_bounded

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods() or not Path("/proc").is_dir(),
    reason="forked workers and /proc",
)
FORK = multiprocessing.get_context("fork") if hasattr(os, "fork") else None


def learner_work(what: str) -> str:
    """Stand-ins for one learner's reading: ordinary, slow, greedy, crashing or raising."""
    if what == "slow":
        time.sleep(120)
    elif what == "greedy":
        hog = bytearray(6 * 1024**3)  # six gigabytes
        return str(len(hog))
    elif what == "crash":
        os._exit(1)
    elif what == "raise":
        raise ValueError("a bad value")
    return f"{what} read by {os.getpid()}"


def run(
    tasks: list[str], limits: Limits, batch: int = 1
) -> dict[str, tuple[object, str | None, str]]:
    outcomes = run_bounded(
        [(t,) for t in tasks], learner_work, jobs=2, limits=limits, context=FORK, batch=batch
    )
    found = {tasks[o.index]: (o.value, o.over, o.detail) for o in outcomes}
    assert len(found) == len(tasks)  # one outcome per task, none lost or repeated
    return found


@pytest.mark.parametrize("batch", [1, 4])
def test_each_limit_stops_only_its_own_learner(batch: int) -> None:
    # With batches, the learners after one a worker did not survive go to a fresh worker.
    tasks = ["a", "slow", "b", "greedy", "c", "crash", "d", "raise", "e"]
    tasks += [f"f{n}" for n in range(31)]  # enough tasks that batches of 4 are sent
    started = time.perf_counter()
    results = run(tasks, Limits(seconds=3, memory=1024**3), batch)
    assert time.perf_counter() - started < 30
    assert results["slow"][1] == "time"
    assert results["greedy"][1] == "memory"
    assert results["crash"][1] == "died"
    assert results["raise"][1:] == ("died", "ValueError")
    for ordinary in [*"abcde", *(f"f{n}" for n in range(31))]:
        assert results[ordinary][1] is None
        assert str(results[ordinary][0]).startswith(f"{ordinary} read by ")


def test_no_worker_is_left_behind() -> None:
    before = set(multiprocessing.active_children())
    results = run(["slow", "a"], Limits(seconds=1))
    assert results["slow"][1] == "time"
    assert set(multiprocessing.active_children()) == before
