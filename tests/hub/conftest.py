"""A real JupyterHub on loopback, with system accounts made for the test and removed after it.

The hub runs ``docs/hub/jupyterhub_config.py`` (the configuration ``docs/deploy.md`` gives a
college) from ``.venv-hub`` (``make hub``) with configurable-http-proxy from ``node_modules``.
Two learners and a tutor are real accounts; each learner's home is private (``2710``, group
``tutors``) exactly as ``docs/deploy.md`` says, so the tutor can read the course folders and
change nothing. The course comes from a bare clone of this repository (``file://``, no network).

Whatever happens, the fixture stops the hub (which stops every server and the proxy), ends any
process still running as a test account, removes the accounts, their homes and the group, and
then asserts that nothing is left behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hub.accounts import (
    Account,
    end_processes,
    leftovers,
    make_account,
    make_group,
    remove_account,
    remove_group,
    run,
)
from tests.hub.hub import COURSE, Hub
from tests.paths import REPO

VENV = Path(os.environ.get("COURSEWORK_HUB_VENV", REPO / ".venv-hub"))
PROXY = REPO / "node_modules" / ".bin" / "configurable-http-proxy"


def _cannot_run() -> str | None:
    """Why this machine cannot run the hub test, or None when it can."""
    if os.geteuid() != 0:
        return "the hub test makes system accounts, so it runs as root (CI does)"
    missing = [
        t
        for t in ("useradd", "userdel", "groupadd", "groupdel", "runuser", "git")
        if not shutil.which(t)
    ]
    if missing:
        return f"the hub test needs {', '.join(missing)} to make accounts and run as them"
    if not (VENV / "bin" / "jupyterhub-singleuser").exists():
        return f"no hub environment at {VENV}: `make hub` builds it"
    if not PROXY.exists():
        return "no configurable-http-proxy in node_modules: `make hub` installs it (npm ci)"
    return None


def _unreadable_software(learner: Account) -> str | None:
    """Why a learner's account cannot run the course's software, or None when it can."""
    probe = run(
        "runuser",
        "-u",
        learner.name,
        "--",
        str(VENV / "bin" / "python"),
        "-c",
        "import helpers, jupyterhub",
        check=False,
    )
    if probe.returncode == 0:
        return None
    said = (probe.stderr.strip().splitlines() or ["no message"])[-1]
    return (
        f"a learner account cannot run {VENV} ({said}): every folder above the repository "
        "must be readable by other accounts"
    )


def _make_upstream(shared: Path, tutor: Account) -> Path:
    """The college's copy of the course: a bare repository whose main is this checkout's HEAD."""
    upstream = shared / "course" / COURSE
    upstream.parent.mkdir(mode=0o755)
    run("git", "init", "-q", "--bare", "-b", "main", str(upstream))
    run("git", "-C", str(upstream), "fetch", "-q", str(REPO), "HEAD:refs/heads/main")
    run("chown", "-R", f"{tutor.name}:{tutor.name}", str(upstream))  # the tutor pushes updates
    return upstream


def _private_home(learner: Account, tutors: str, upstream: Path) -> None:
    """The learner's home as docs/deploy.md sets it up: theirs, tutors may only pass through.

    ``2710``: the learner reads and writes, the ``tutors`` group may only traverse (not list),
    others nothing; the setgid bit gives everything the learner makes the ``tutors`` group, so
    tutors read the course folder (files are ``644`` under the usual umask ``022``) and write
    nothing. The course repository is a folder on this machine, so git must be told it is safe.
    """
    run("chgrp", tutors, str(learner.home))
    learner.home.chmod(0o2710)
    gitconfig = learner.home / ".gitconfig"
    gitconfig.write_text(f"[safe]\n\tdirectory = {upstream}\n")
    os.chown(gitconfig, learner.uid, learner.gid)


@pytest.fixture(scope="session")
def hub() -> Iterator[Hub]:
    """JupyterHub with two learners and a tutor, torn down with nothing left behind."""
    reason = _cannot_run()
    if reason:
        pytest.skip(reason)
    tag = secrets.token_hex(3)
    shared = Path(tempfile.mkdtemp(prefix="coursework-hub-"))
    shared.chmod(0o755)  # learners reach the course repository; their homes stay private
    accounts: list[Account] = []
    group = f"cwtutors{tag}"
    processes: dict[str, int] = {}
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, shared, True)
        make_group(group)
        stack.callback(remove_group, group)
        homes = shared / "homes"
        for name, base, groups in (
            (f"cwa{tag}", homes, ()),
            (f"cwb{tag}", homes, ()),
            (f"cwt{tag}", shared / "staff", (group,)),
        ):
            accounts.append(make_account(name, base, groups))
            stack.callback(remove_account, accounts[-1])
        stack.callback(end_processes, accounts)
        *learners, tutor = accounts
        upstream = _make_upstream(shared, tutor)
        for learner in learners:
            _private_home(learner, group, upstream)
        reason = _unreadable_software(learners[0])
        if reason:
            pytest.skip(reason)
        own = shared / "hub"  # the hub's database, cookie secret, proxy pid and log: root's only
        own.mkdir(mode=0o700)
        site = Hub(own, VENV, PROXY, learners, tutor, homes, upstream, group)
        stack.callback(site.stop)
        site.start()
        processes.update(site.processes())
        yield site
    left = leftovers(accounts, group, processes)
    assert not left, "The hub test left things behind: " + "; ".join(left)
