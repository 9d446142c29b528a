"""Work per learner in worker processes, each learner bounded in time and memory.

A learner folder is untrusted input to the tutor's tools, so no learner may stop the run: each
learner's work runs in a worker process with an address-space limit (``RLIMIT_AS``), and the
parent gives it a time limit. A worker that goes over the time limit, runs out of memory or dies
(a kernel killed by the system, say) is ended with everything it started, its learner is
reported, and a fresh worker takes the next learner.

Workers end with the command however it ends: Ctrl-C and SIGTERM reach the ``finally`` below;
SIGKILL cannot be caught, so each worker asks Linux to kill it when its parent dies
(``prctl(PR_SET_PDEATHSIG)``) and, everywhere, a thread in the worker watches its parent. Kernels
a worker started notice their parent has gone (ipykernel's parent poller) and exit.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@dataclass(frozen=True)
class Limits:
    """What one learner may use: wall-clock ``seconds``, and ``memory`` bytes of address space
    on top of what a worker holds when it starts (``None``: no memory limit)."""

    seconds: float
    memory: int | None = None

    def time_text(self) -> str:
        """The time limit in words: "20 seconds", "10 minutes"."""
        if self.seconds >= 60 and self.seconds % 60 == 0:
            minutes = int(self.seconds // 60)
            return f"{minutes} minute{'s' if minutes != 1 else ''}"
        return f"{self.seconds:g} seconds"

    def memory_text(self) -> str:
        """The memory limit in words: "2 GB"."""
        return f"{(self.memory or 0) / 1024**3:.1f}".removesuffix(".0") + " GB"


@dataclass
class Outcome:
    """One learner's result: ``value`` when the work finished, else ``over`` says which limit
    ended it ("time", "memory" or "died") and ``detail`` what the work raised, if anything."""

    index: int
    value: Any = None
    over: str | None = None
    detail: str = ""


# -- inside a worker ----------------------------------------------------------------------------
def _end_with_parent(parent: int) -> None:
    """Make this worker end when ``parent`` does, even when the parent is killed outright."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)

    def watch() -> None:  # other systems, and a worker whose parent thread has gone
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _address_space() -> int:
    """Bytes of address space this process holds now (0 when the system does not say)."""
    try:
        fields = Path("/proc/self/statm").read_text().split()
        return int(fields[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit_memory(extra: int) -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        limit = _address_space() + extra
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _worker(
    conn: Connection,
    parent: int,
    memory: int | None,
    work: Callable[..., Any],
    start: Callable[..., None] | None,
    start_args: tuple[Any, ...],
) -> None:
    """A worker's life: start, then one learner at a time until told to stop."""
    _end_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if start is not None:
        start(*start_args)
    if memory is not None:
        _limit_memory(memory)
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        for index, args in batch:  # one outcome per learner, as each finishes
            try:
                conn.send(Outcome(index, work(*args)))
            except MemoryError:
                conn.send(Outcome(index, over="memory"))
                return  # a fresh worker is safer than one that has just run out of memory
            except Exception as error:  # reported for this learner; the worker carries on
                conn.send(Outcome(index, over="died", detail=error.__class__.__name__))


# -- in the parent ------------------------------------------------------------------------------
def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (Linux's /proc; elsewhere none are found)."""
    found: list[int] = []
    waiting = [pid]
    while waiting:
        current = waiting.pop()
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError, ValueError):
                children = [int(c) for c in task.read_text().split()]
                found += children
                waiting += children
    return found


@dataclass
class _Slot:
    process: Any
    conn: Connection
    given: deque[int] = field(default_factory=deque)  # learners sent, not yet finished
    deadline: float = 0.0  # for the first of them: it started when the one before finished


class _Pool:
    def __init__(
        self,
        context: Any,
        jobs: int,
        work: Callable[..., Any],
        limits: Limits,
        start: Callable[..., None] | None,
        start_args: tuple[Any, ...],
    ) -> None:
        self.context, self.limits = context, limits
        self.target_args = (os.getpid(), limits.memory, work, start, start_args)
        self.slots = [self._new_slot() for _ in range(jobs)]

    def _new_slot(self) -> _Slot:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(
            target=_worker, args=(theirs, *self.target_args), daemon=True
        )
        process.start()
        theirs.close()
        return _Slot(process, ours)

    def give(self, slot: _Slot, batch: list[tuple[int, tuple[Any, ...]]]) -> None:
        if not slot.process.is_alive():  # died while idle: a fresh one takes the learners
            slot = self.replace(slot)
        slot.given = deque(index for index, _ in batch)
        slot.deadline = time.monotonic() + self.limits.seconds
        slot.conn.send(batch)

    def replace(self, slot: _Slot) -> _Slot:
        """End a worker and everything it started (its kernels), and start a fresh one."""
        _kill(slot)
        fresh = self._new_slot()
        self.slots[self.slots.index(slot)] = fresh
        return fresh

    def finished(self, timeout: float) -> Iterator[tuple[Outcome, list[int]]]:
        """Outcomes of the learners that finished, went over a limit or died, each with the
        learners of the same batch that its worker will not read now (to be given again)."""
        busy = [s for s in self.slots if s.given]
        wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout)
        for slot in busy:
            while slot.given:  # every outcome already sent
                found = self._outcome(slot)
                if found is None:
                    break
                yield found

    def _outcome(self, slot: _Slot) -> tuple[Outcome, list[int]] | None:
        index = slot.given[0]
        try:
            ready = slot.conn.poll()
            outcome = slot.conn.recv() if ready else None
        except (EOFError, OSError):
            outcome = Outcome(index, over="died")
        if outcome is None and not slot.process.is_alive():
            outcome = Outcome(index, over="died")
        elif outcome is None and time.monotonic() > slot.deadline:
            outcome = Outcome(index, over="time")
        if outcome is None:
            return None
        slot.given.popleft()
        slot.deadline = time.monotonic() + self.limits.seconds  # the next learner's turn
        if outcome.over in ("time", "memory") or not slot.process.is_alive():
            again = list(slot.given)
            slot.given.clear()
            self.replace(slot)
            return outcome, again
        return outcome, []

    def close(self) -> None:
        for slot in self.slots:
            with contextlib.suppress(OSError):
                slot.conn.send(None)
        for slot in self.slots:
            slot.process.join(timeout=2)
            if slot.process.is_alive():
                _kill(slot)

    def kill_all(self) -> None:
        for slot in self.slots:
            _kill(slot)


def _kill(slot: _Slot) -> None:
    """SIGKILL a worker and its descendants (kernels run in sessions of their own, so a
    process-group kill would miss them). A worker already reaped is left alone: its number
    may belong to another process by now."""
    if slot.process.pid is not None and slot.process.exitcode is None:
        freeze = getattr(signal, "SIGSTOP", None)
        if freeze is not None:  # frozen, it cannot start another kernel meanwhile
            with contextlib.suppress(OSError):
                os.kill(slot.process.pid, freeze)
        below = _descendants(slot.process.pid)
        slot.process.kill()
        for pid in below:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        slot.process.join(timeout=5)
    slot.conn.close()


def run_bounded(
    tasks: Sequence[tuple[Any, ...]],
    work: Callable[..., Any],
    *,
    jobs: int,
    limits: Limits,
    context: Any,
    start: Callable[..., None] | None = None,
    start_args: tuple[Any, ...] = (),
    batch: int = 1,
) -> Generator[Outcome, None, None]:
    """``work(*task)`` for every task on ``jobs`` workers, as each finishes (any order).

    ``work`` and ``start`` must be picklable (module-level functions) with a "spawn" context.
    Each task gets ``limits.seconds`` of wall time and ``limits.memory`` bytes; a task over a
    limit, or whose worker dies, gives an :class:`Outcome` with ``over`` set, never an exception.
    A worker is sent up to ``batch`` tasks at a time (fewer messages for many short tasks);
    each task's time starts when the one before it finished, and the tasks after one that a
    worker did not survive are given to a fresh worker.
    """
    waiting = deque(enumerate(tasks))
    pool = _Pool(context, max(1, min(jobs, len(tasks))), work, limits, start, start_args)
    # Small enough that the workers finish together: no worker is left with a long batch.
    size = max(1, min(batch, len(tasks) // (4 * len(pool.slots))))
    try:
        while waiting or any(s.given for s in pool.slots):
            for slot in pool.slots:
                if not slot.given and waiting:
                    pool.give(slot, [waiting.popleft() for _ in range(min(size, len(waiting)))])
            deadlines = [s.deadline for s in pool.slots if s.given]
            timeout = max(0.0, min(deadlines) - time.monotonic()) + 0.01
            for outcome, again in pool.finished(timeout):
                waiting.extendleft(reversed([(i, tasks[i]) for i in again]))
                yield outcome
        pool.close()
    finally:
        pool.kill_all()  # nothing is left running, whatever ended the loop
