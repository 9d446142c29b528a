"""The college-hub story of docs/deploy.md, run for real on a JupyterHub with system accounts.

Two learners start their servers through the hub's REST API and pull the course with the link
``nbgitpuller_link`` builds; each saves answers in a kernel of their own server; neither can read
or change the other's work; the tutor, in the ``tutors`` group, follows both read-only with
``coursework status`` and ``export-cohort``; a tutor's update reaches a learner with a second
click, the learner's answers untouched. The tests run in this order and share the hub.
"""

from __future__ import annotations

import hashlib
import json
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from helpers.cohort import nbgitpuller_link
from helpers.store import open_store
from tests.hub.accounts import Account
from tests.hub.hub import COURSE, Hub, click
from tests.hub.kernel import run_code

pytestmark = pytest.mark.hub

FIRST_NOTEBOOK = f"lab/tree/{COURSE}/notebooks/00_start_here.ipynb"
NAME_KEY, PRACTICE_KEY = "00.profile.name", "00.practice.first_answer"


@dataclass
class Learner:
    """A learner signed in to the hub, with the course pulled into their home."""

    account: Account
    browser: requests.Session
    opened: tuple[str, int]
    name: str
    answer: str


def fingerprint(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (read as root): what "untouched" means."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def learners(hub: Hub) -> list[Learner]:
    """Both learners' servers started through the REST API, the course pulled with the link."""
    link = nbgitpuller_link(hub.url, hub.upstream.as_uri())
    hub.start_servers(hub.learners)
    signed_in = []
    for number, account in enumerate(hub.learners, start=1):
        browser = hub.login(account)
        signed_in.append(
            Learner(
                account,
                browser,
                click(browser, link),
                f"Learner {number}",
                f"Learner {number} listens first and keeps every promise.",
            )
        )
    return signed_in


SAVE = """
import json, os
from helpers.attachments import add_attachment
from helpers.store import open_store
with open_store() as store:
    store.save({name_key!r}, {name!r})
    store.save({practice_key!r}, {answer!r})
    add_attachment(b"month,office_kwh\\n2025-01,1200\\n", name="energy.csv",
                   purpose="service-best-practice", store=store)
print(json.dumps({{"uid": os.getuid(), "area": os.environ["COURSEWORK_DIR"]}}))
"""


@pytest.fixture(scope="module")
def saved(hub: Hub, learners: list[Learner]) -> dict[str, dict[str, object]]:
    """Each learner saves their answers through ``helpers.store`` in a kernel of their server."""
    return {
        learner.account.name: json.loads(
            run_code(
                hub,
                learner.account,
                SAVE.format(
                    name_key=NAME_KEY,
                    name=learner.name,
                    practice_key=PRACTICE_KEY,
                    answer=learner.answer,
                ),
            )
        )
        for learner in learners
    }


def test_learners_start_servers_and_pull_the_course_with_the_link(
    hub: Hub, learners: list[Learner]
) -> None:
    for learner in learners:
        account = learner.account
        assert learner.opened == (FIRST_NOTEBOOK, 200)
        course = hub.course(account)
        assert (course / "notebooks" / "00_start_here.ipynb").is_file()
        assert course.stat().st_uid == account.uid
        home = account.home.stat()
        assert stat.S_IMODE(home.st_mode) == 0o2710, oct(home.st_mode)
        assert sorted(p.name for p in (course / "coursework").iterdir()) == [
            ".gitignore",
            "README.md",
        ]


def test_each_learner_saves_answers_in_a_kernel_of_their_own_server(
    hub: Hub, learners: list[Learner], saved: dict[str, dict[str, object]]
) -> None:
    for learner in learners:
        account = learner.account
        area = hub.course(account) / "coursework"
        assert saved[account.name] == {"uid": account.uid, "area": str(area)}
        assert (area / "answers.sqlite").stat().st_uid == account.uid
        with open_store(area, readonly=True) as store:
            assert store.load(PRACTICE_KEY) == learner.answer


PROBE = """
import json
from pathlib import Path
other = Path({course!r})
def attempt(action):
    try:
        action()
    except Exception as error:
        return type(error).__name__
    return "allowed"
print(json.dumps({{
    "read their answers": attempt(lambda: (other / "coursework" / "answers.sqlite").read_bytes()),
    "list their coursework": attempt(lambda: list((other / "coursework").iterdir())),
    "change their notebook": attempt(
        lambda: (other / "notebooks" / "00_start_here.ipynb").write_text("{{}}")),
    "add a notebook": attempt(lambda: (other / "notebooks" / "99_mine.ipynb").write_text("{{}}")),
    "list their home": attempt(lambda: list(other.parent.iterdir())),
}}))
"""


def test_a_learner_cannot_read_or_change_another_learners_work(
    hub: Hub, learners: list[Learner], saved: dict[str, dict[str, object]]
) -> None:
    first, second = (learner.account for learner in learners)
    for reader, owner in ((second, first), (first, second)):
        before = fingerprint(hub.course(owner))
        outcome = json.loads(run_code(hub, reader, PROBE.format(course=str(hub.course(owner)))))
        assert set(outcome.values()) == {"PermissionError"}, outcome
        assert fingerprint(hub.course(owner)) == before


TRY_TO_CHANGE = """
import json, sqlite3, sys
from pathlib import Path
course = Path(sys.argv[1])
def attempt(action):
    try:
        action()
    except Exception as error:
        return type(error).__name__
    return "allowed"
def write_answer():
    with sqlite3.connect(course / "coursework" / "answers.sqlite") as db:
        db.execute("DELETE FROM answers")
print(json.dumps({
    "change a notebook": attempt(lambda: (course / "notebooks" / "00_start_here.ipynb").write_text("{}")),
    "add a file to coursework": attempt(lambda: (course / "coursework" / "mine.txt").write_text("x")),
    "overwrite the answers": attempt(lambda: (course / "coursework" / "answers.sqlite").write_bytes(b"")),
    "change an answer": attempt(write_answer),
}))
"""


def test_tutor_follows_both_learners_read_only(
    hub: Hub, learners: list[Learner], saved: dict[str, dict[str, object]]
) -> None:
    tutor, pattern = hub.tutor, f"*/{COURSE}"
    before = {
        learner.account.name: fingerprint(hub.course(learner.account)) for learner in learners
    }
    coursework = str(hub.venv / "bin" / "coursework")
    page, packs = tutor.home / "progress.html", tutor.home / "packs"

    status = hub.as_account(
        tutor, coursework, "status", str(hub.homes), "--pattern", pattern, "--out", str(page)
    )
    assert status.returncode == 0, status.stdout + status.stderr
    assert "2 learner folder(s); 0 need attention." in status.stdout, status.stdout
    for learner in learners:
        assert learner.account.name in status.stdout and learner.account.name in page.read_text()

    exported = hub.as_account(
        tutor,
        coursework,
        "export-cohort",
        str(hub.homes),
        "--pattern",
        pattern,
        "--out",
        str(packs),
    )
    assert exported.returncode == 0, exported.stdout + exported.stderr
    for learner in learners:
        assert (packs / learner.account.name / "evidence.zip").is_file(), exported.stdout

    for learner in learners:
        course = str(hub.course(learner.account))
        tried = hub.as_account(tutor, str(hub.venv / "bin" / "python"), "-c", TRY_TO_CHANGE, course)
        assert tried.returncode == 0, tried.stderr
        outcome = json.loads(tried.stdout)
        assert "allowed" not in outcome.values(), outcome
    assert before == {
        learner.account.name: fingerprint(hub.course(learner.account)) for learner in learners
    }


def test_a_tutors_update_reaches_a_learner_with_a_second_click(
    hub: Hub, learners: list[Learner], saved: dict[str, dict[str, object]]
) -> None:
    tutor, learner = hub.tutor, learners[0]
    work = tutor.home / "course"
    git = ["git", "-c", "user.name=Tutor", "-c", "user.email=tutor@example.com", "-C", str(work)]
    assert (
        hub.as_account(tutor, "git", "clone", "-q", hub.upstream.as_uri(), str(work)).returncode
        == 0
    )
    first = work / "notebooks" / "00_start_here.ipynb"
    edit = f"p = {str(first)!r}; t = open(p).read(); open(p, 'w').write(t.replace('Start here', 'Start here (updated)', 1))"
    for step in (
        [str(hub.venv / "bin" / "python"), "-c", edit],
        [*git, "commit", "-q", "-am", "Tutor: clearer first notebook"],
        [*git, "push", "-q", "origin", "main"],
    ):
        done = hub.as_account(tutor, *step)
        assert done.returncode == 0, done.stdout + done.stderr
    course = hub.course(learner.account)
    answers = fingerprint(course / "coursework")

    assert click(learner.browser, nbgitpuller_link(hub.url, hub.upstream.as_uri())) == (
        FIRST_NOTEBOOK,
        200,
    )

    assert "Start here (updated)" in (course / "notebooks" / "00_start_here.ipynb").read_text()
    assert fingerprint(course / "coursework") == answers
    with open_store(course / "coursework", readonly=True) as store:
        assert store.load(PRACTICE_KEY) == learner.answer
