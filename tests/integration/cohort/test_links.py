"""An nbgitpuller link for this repository pulls the notebooks and never touches learner work.

The pulls use nbgitpuller's own ``GitPuller`` (what the hub runs when a learner clicks the link)
against a local clone of this repository standing in for the college's git server.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import nbformat
import pytest

from helpers.cohort import nbgitpuller_link
from helpers.store import open_store
from tests.paths import REPO

COURSE = "customer-service-coursework"
PRACTICE = "00.practice.first_answer"
SENTENCE = "Good service means listening first and keeping every promise."


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(
        ["git", "-c", "user.email=tutor@example.com", "-c", "user.name=Tutor", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def pull(link: str, home: Path) -> Path:
    """Do what the hub does for the link: nbgitpuller clones or updates the course."""
    from nbgitpuller.pull import GitPuller

    query = {k: v[0] for k, v in parse_qs(urlparse(link).query).items()}
    target = query.get("targetpath", query["repo"].split("/")[-1])
    puller = GitPuller(query["repo"], str(home / target), branch=query["branch"], depth=1)
    for _line in puller.pull():
        pass
    return home / query["urlpath"].removeprefix("lab/tree/")


def learner_files(course: Path) -> dict[str, str]:
    """Every file in coursework/ except the README the repository ships."""
    area = course / "coursework"
    return {
        p.relative_to(area).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(area.rglob("*"))
        if p.is_file() and p.name not in {"README.md", ".gitignore"}
    }


def add_learner_work(area: Path) -> None:
    with open_store(area) as store:
        store.save("00.profile.name", "Asha Patel")
        store.save(PRACTICE, SENTENCE)
    (area / "data").mkdir(parents=True, exist_ok=True)
    (area / "data" / "our_energy.csv").write_text("month,office_kwh\n2025-01,1200\n")
    (area / "attachments").mkdir(parents=True, exist_ok=True)
    (area / "attachments" / "poster.png").write_bytes(b"\x89PNG learner poster")


@pytest.fixture
def upstream(tmp_path: Path) -> Path:
    """The college's copy of the course: a clone of this repository on branch main."""
    server = tmp_path / "server" / COURSE
    subprocess.run(["git", "clone", "-q", str(REPO), str(server)], check=True)
    git("checkout", "-q", "-B", "main", cwd=server)
    return server


def tutor_updates_notebooks(server: Path) -> None:
    extra = nbformat.v4.new_notebook()
    extra.cells.append(nbformat.v4.new_markdown_cell("# Extra practice\n\nA new notebook."))
    nbformat.write(extra, server / "notebooks" / "98_extra_practice.ipynb")
    first = server / "notebooks" / "00_start_here.ipynb"
    first.write_text(first.read_text().replace("Start here", "Start here (updated)", 1))
    git("add", "notebooks", cwd=server)
    git("commit", "-q", "-m", "Tutor: update the notebooks", cwd=server)


def open_notebook(path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a notebook the way Lab does (kernel in its folder, no COURSEWORK_DIR); its outputs."""
    from nbclient import NotebookClient

    monkeypatch.delenv("COURSEWORK_DIR", raising=False)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(path.parent)}}).execute()
    return "\n".join(
        str(output.get("data", {}).get("text/html", "")) + str(output.get("text", ""))
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


@pytest.mark.slow
def test_second_click_updates_notebooks_and_keeps_learner_work(
    upstream: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    link = nbgitpuller_link("https://hub.example.ac.uk", upstream.as_uri())

    opened = pull(link, home)
    course = home / COURSE
    assert opened == course / "notebooks" / "00_start_here.ipynb" and opened.exists()
    add_learner_work(course / "coursework")
    # The learner ran the first notebook and Lab saved it with outputs.
    opened.write_text(opened.read_text().replace('"outputs": []', '"outputs": [ ]', 1))
    before = learner_files(course)
    assert "answers.sqlite" in before and "data/our_energy.csv" in before
    assert "coursework" not in git("status", "--porcelain", cwd=course)

    tutor_updates_notebooks(upstream)
    assert pull(link, home) == opened

    assert (course / "notebooks" / "98_extra_practice.ipynb").exists()
    assert learner_files(course) == before
    assert SENTENCE in open_notebook(opened, monkeypatch)


@pytest.mark.slow
def test_clone_into_a_folder_that_already_holds_learner_work(
    upstream: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A learner's coursework/ restored from a backup before the course was ever pulled."""
    home = tmp_path / "home"
    course = home / COURSE
    add_learner_work(course / "coursework")
    (course / "coursework" / "README.md").write_text("the learner's own copy\n")
    before = learner_files(course)
    link = nbgitpuller_link("https://hub.example.ac.uk", upstream.as_uri())

    # nbgitpuller will not clone into a folder that exists: it fails and changes nothing.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(subprocess.CalledProcessError):
        pull(link, home)
    assert learner_files(course) == before

    # The recipe in docs/deploy.md: fetch the course into the folder without checking out.
    git("init", "-q", "-b", "main", cwd=course)
    git("remote", "add", "origin", upstream.as_uri(), cwd=course)
    git("fetch", "-q", "--depth", "1", "origin", "main", cwd=course)
    git("reset", "-q", "origin/main", cwd=course)
    git("checkout", "-q", "--", ".", cwd=course)
    git("branch", "-q", "--set-upstream-to", "origin/main", cwd=course)
    assert learner_files(course) == before
    assert "coursework" not in git("status", "--porcelain", cwd=course)

    # From now on the link works as usual, and the notebooks open with the learner's answers.
    tutor_updates_notebooks(upstream)
    opened = pull(link, home)
    assert (course / "notebooks" / "98_extra_practice.ipynb").exists()
    assert learner_files(course) == before
    assert SENTENCE in open_notebook(opened, monkeypatch)
    assert os.environ.get("COURSEWORK_DIR") is None
