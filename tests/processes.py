"""The process table (from /proc), for tests that check nothing is left running."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


def descendants(pid: int) -> dict[int, str]:
    """Every process below ``pid`` (from /proc), with its command line."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            commands[int(entry.name)] = (
                (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            )
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: dict[int, str] = {}
    todo = [pid]
    while todo:
        current = todo.pop()
        for child, parent in parents.items():
            if parent == current and child not in found:
                found[child] = commands.get(child, "")
                todo.append(child)
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has finished; only its parent's bookkeeping is left


@dataclass
class Stopped:
    """What was left after a command was stopped: its exit code and any process still running."""

    returncode: int | None
    left: dict[int, str]


def stop_once_two_kernels_run(command: list[str], folder: Path, signum: int) -> Stopped:
    """Run ``command``, wait until two kernels run below it, send ``signum``, see what is left.

    Output goes to ``folder/stdout.txt`` and ``stderr.txt``: files, not pipes, because a worker
    left behind would hold a pipe open and hang the test. Anything left is killed afterwards.
    """
    out, err = (folder / "stdout.txt").open("w"), (folder / "stderr.txt").open("w")
    process = subprocess.Popen(command, stdout=out, stderr=err)
    kernels: dict[int, str] = {}
    deadline = time.monotonic() + 90
    while len(kernels) < 2 and time.monotonic() < deadline and process.poll() is None:
        below = descendants(process.pid)
        kernels = {pid: cmd for pid, cmd in below.items() if "ipykernel" in cmd}
        time.sleep(0.3)
    assert len(kernels) == 2, f"two kernels never started: {descendants(process.pid)}"
    below = descendants(process.pid)
    os.kill(process.pid, signum)
    try:
        process.wait(timeout=30)
    finally:
        deadline = time.monotonic() + 20
        while any(running(pid) for pid in below) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = {pid: cmd for pid, cmd in below.items() if running(pid)}
        for pid in [process.pid, *left]:  # never leave them running after a failure either
            with contextlib.suppress(OSError):
                os.kill(pid, 9)
        out.close()
        err.close()
    return Stopped(process.returncode, left)
