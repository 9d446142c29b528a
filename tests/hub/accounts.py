"""System accounts for the hub test: made with the system's tools, removed with nothing left."""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import signal
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Account:
    """A system account made for the test."""

    name: str
    home: Path
    uid: int
    gid: int


def run(*command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a command; on failure, raise with what it printed."""
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stdout}{result.stderr}")
    return result


def make_group(name: str) -> None:
    run("groupadd", name)


def remove_group(name: str) -> None:
    run("groupdel", name, check=False)


def make_account(name: str, base: Path, groups: Iterable[str] = ()) -> Account:
    """``useradd --create-home`` under ``base`` (made ``755`` so homes can be found)."""
    base.mkdir(mode=0o755, exist_ok=True)
    extra = ["--groups", ",".join(groups)] if groups else []
    run(
        "useradd", "--create-home", "--base-dir", str(base), "--user-group",
        "--shell", "/bin/bash", *extra, name,
    )  # fmt: skip
    entry = pwd.getpwnam(name)
    return Account(name, Path(entry.pw_dir), entry.pw_uid, entry.pw_gid)


def remove_account(account: Account) -> None:
    """``userdel --remove``, then make sure the home is gone even if userdel kept it."""
    run("userdel", "--remove", account.name, check=False)
    if account.home.exists():
        subprocess.run(["rm", "-rf", "--one-file-system", str(account.home)], check=False)


def processes_of(uids: set[int]) -> dict[int, str]:
    """``{pid: command line}`` of every process running as one of ``uids``."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid in uids:
                found[int(entry.name)] = (
                    (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                )
        except OSError:
            continue  # it ended while we looked
    return found


def end_processes(accounts: Iterable[Account], grace: float = 10.0) -> None:
    """End every process still running as a test account, each by its id."""
    uids = {a.uid for a in accounts}
    for pid in processes_of(uids):
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while processes_of(uids) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in processes_of(uids):
        _signal(pid, signal.SIGKILL)


def alive(pid: int) -> bool:
    """Whether ``pid`` is a running (not zombie) process."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def leftovers(accounts: Iterable[Account], group: str, processes: dict[str, int]) -> list[str]:
    """What the test left behind: processes, accounts, homes, the group (empty when clean)."""
    accounts = list(accounts)
    left = [f"{what} (pid {pid})" for what, pid in processes.items() if alive(pid)]
    left += [
        f"process {pid} of a test account: {cmd}"
        for pid, cmd in processes_of({a.uid for a in accounts}).items()
    ]
    for account in accounts:
        try:
            pwd.getpwnam(account.name)
            left.append(f"account {account.name}")
        except KeyError:
            pass
        if account.home.exists():
            left.append(f"home {account.home}")
    try:
        grp.getgrnam(group)
        left.append(f"group {group}")
    except KeyError:
        pass
    return left
