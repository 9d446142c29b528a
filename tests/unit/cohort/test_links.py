"""An nbgitpuller link for this repository: its shape, and a folder name it must have."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from helpers.cohort import nbgitpuller_link
from helpers.errors import CourseworkError

COURSE = "customer-service-coursework"


def test_link_has_the_nbgitpuller_shape() -> None:
    link = nbgitpuller_link("https://hub.example.ac.uk/", f"https://git.example.ac.uk/fe/{COURSE}")
    parsed = urlparse(link)
    assert parsed.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parsed.query)
    assert query["repo"] == [f"https://git.example.ac.uk/fe/{COURSE}"]
    assert query["branch"] == ["main"]
    assert query["urlpath"] == [f"lab/tree/{COURSE}/notebooks/00_start_here.ipynb"]
    named = nbgitpuller_link("https://hub.example.ac.uk", "https://x/y.git", folder="course")
    assert parse_qs(urlparse(named).query)["targetpath"] == ["course"]
    with pytest.raises(CourseworkError):
        nbgitpuller_link("https://hub.example.ac.uk", "https://x/y/", folder=None)
