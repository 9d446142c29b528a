"""Every picture a notebook shows has alt text, so a screen-reader user hears what it shows.

Notebooks 01-06 are run once each (a real python3 kernel, in a fresh working area) and every
output is read: each ``<img>`` in a text/html output needs a non-empty alt attribute, and an
image/png output must come with a text/html version carrying that alt text.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
import pytest

from helpers.paths import NOTEBOOKS_DIR

# The fewest pictures each notebook shows on the sample data, so a pass is not an empty one.
FEWEST_IMAGES = {
    "01_sustainability_review": 1,
    "02_before_and_after": 4,
    "03_promoting_sustainable_practice": 1,
    "04_service_environment": 2,
    "05_continuous_improvement": 6,
    "06_sustainable_team_environment": 1,
}


class ImageFinder(HTMLParser):
    """Collects the alt attribute of every <img> (None when it has none)."""

    def __init__(self) -> None:
        super().__init__()
        self.alts: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))


def image_alts(html: str) -> list[str | None]:
    finder = ImageFinder()
    finder.feed(html)
    finder.close()
    return finder.alts


def alt_problems(output: dict[str, Any]) -> tuple[int, list[str]]:
    """How many images an output shows, and what is wrong with their alt text."""
    data = output.get("data", {})
    html = data.get("text/html", "")
    if isinstance(html, list):
        html = "".join(html)
    alts = image_alts(html)
    problems = [f"<img> without alt text: {alt!r}" for alt in alts if not (alt or "").strip()]
    if "image/png" in data and not any((alt or "").strip() for alt in alts):
        problems.append("an image/png output with no text/html <img alt> beside it")
    return len(alts) + ("image/png" in data and not alts), problems


def test_image_finder_reads_alt_attributes() -> None:
    assert image_alts('<p><img src="a.png" alt="Bars fell 50 %"><img src=b.png alt=""><img>') == [
        "Bars fell 50 %",
        "",
        None,
    ]
    assert alt_problems({"data": {"image/png": "iVBOR"}}) == (
        1,
        ["an image/png output with no text/html <img alt> beside it"],
    )
    assert alt_problems({"data": {"text/html": '<img src="x" alt="A chart">'}}) == (1, [])


@pytest.fixture(scope="module", params=sorted(FEWEST_IMAGES))
def executed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, nbformat.NotebookNode]]:
    """The notebook run top to bottom on the sample data, in a working area of its own."""
    from nbclient import NotebookClient

    name = request.param
    notebook = nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COURSEWORK_DIR", str(tmp_path_factory.mktemp("coursework")))
        NotebookClient(
            notebook,
            timeout=120,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
        ).execute()
    yield name, notebook


@pytest.mark.slow
def test_every_image_a_notebook_shows_has_alt_text(
    executed: tuple[str, nbformat.NotebookNode],
) -> None:
    name, notebook = executed
    images, problems, errors = 0, [], []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                errors.append(f"{cell.source}: {output['ename']}")
            shown, wrong = alt_problems(output)
            images += shown
            problems += [f"{cell.source}: {p}" for p in wrong]
    assert errors == []
    assert problems == []
    assert images >= FEWEST_IMAGES[name]


def test_every_notebook_with_charts_is_covered() -> None:
    numbered = sorted(p.stem for p in Path(NOTEBOOKS_DIR).glob("0[1-6]_*.ipynb"))
    assert numbered == sorted(FEWEST_IMAGES)
