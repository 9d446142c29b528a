"""Assemble executed notebooks into the combined pack and the one-notebook pages.

Each notebook goes through the evidence exporter once (its steps, then the cell markup of the
lab template); ``templates/evidence/page.html.j2`` then builds every page from those sections
and the data in :class:`~helpers.export.pack.PackContext`, with autoescape on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from ..views.pages import render
from ..views.tidy import tidy_html
from . import pack
from .execute import RunResult
from .exporter import CSS_FILE, TEMPLATES, EvidenceExporter, exporter_for

Anchors = Mapping[str, tuple[str, str]]
"""Question id -> (notebook stem, cell anchor), for links from the coverage matrix."""


def _safe_id(text: str) -> str:
    """Cell ids allow letters, digits, - and _ only, and at most 64 characters."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)[-64:]


def cell_id(stem: str, original: str) -> str:
    """A cell's id in the pack: the notebook's name plus its own id."""
    return _safe_id(f"{stem}--{original}")


def section_anchor(stem: str) -> str:
    """The id of a notebook's section in the pack."""
    return _safe_id(f"notebook-{stem}")


@dataclass(frozen=True)
class Section:
    """One notebook's part of a page: its anchor, title, failure reason and sanitised cells."""

    anchor: str
    title: str
    error: str | None
    cells: Markup


def render_section(run: RunResult, exporter: EvidenceExporter) -> Section:
    """The notebook's cells through the evidence steps and the lab cell markup, once."""
    nb = new_notebook()
    nb.metadata["language_info"] = {"name": "python"}
    # ids unique across notebooks, so the pack's links from the matrix land in the right place;
    # each cell copied one level deep only: nbconvert deep-copies the notebook before its steps
    nb.cells = [
        NotebookNode(cell, id=cell_id(run.stem, cell.get("id") or str(index)))
        for index, cell in enumerate(run.notebook.cells)
    ]
    body, _ = exporter.from_notebook_node(nb)
    return Section(section_anchor(run.stem), run.title, run.plain_error, Markup(body))


def warm_up() -> None:
    """Compile the exporter's templates and load its steps' libraries (Markdown, the
    sanitizer, the highlighter) by rendering a small notebook, so the first pack is quick."""
    cells = [
        new_markdown_cell("# Warm-up\n\nSome *text*."),
        new_code_cell("print(1)", outputs=[new_output("stream", text="1\n")]),
        new_code_cell("1", outputs=[
            new_output("execute_result", data={"text/html": "1 &lt; 2", "text/plain": "1 < 2"})
        ]),
    ]  # fmt: skip
    render_section(RunResult(Path("00_warm_up.ipynb"), new_notebook(cells=cells)), exporter_for({}))


def _entries(runs: Sequence[RunResult]) -> list[pack.NotebookEntry]:
    return [
        pack.NotebookEntry(r.stem, r.title, section_anchor(r.stem), r.plain_error) for r in runs
    ]


def _page(context: pack.PackContext, page: pack.Page, sections: Sequence[Section]) -> str:
    html = render(
        "evidence/page.html.j2",
        folders=(str(TEMPLATES),),
        pack=context,
        page=page,
        sections=sections,
        css=Markup(CSS_FILE.read_text(encoding="utf-8")),
        signed_at=pack.when(context.declaration.signed_at),
        signoff_roles=pack.SIGNOFF_ROLES,
    )
    return tidy_html(str(html))


def _criteria_of(run: RunResult) -> set[str]:
    return {
        criterion
        for cell in run.notebook.cells
        for criterion in cell.get("metadata", {}).get("coursework", {}).get("criteria", [])
    }


def render_pack(
    runs: Sequence[RunResult],
    anchors: Anchors,
    context: pack.PackContext,
    answers: Mapping[str, Any],
    notices: Mapping[str, str] | None = None,
) -> tuple[str, dict[str, str]]:
    """The whole pack as one page, and one page per notebook (stem -> HTML); ``notices``
    (question id -> words) says which answers' data changed since they were written."""
    exporter = exporter_for(dict(answers), dict(notices or {}))
    if exporter.answers_step is not None:  # an answer no box showed is named by its label
        exporter.answers_step.labels = dict(context.labels)
    if exporter.guidance_step is not None:  # the assessor's pack leaves learner guidance out
        exporter.guidance_step.keep = context.keep_guidance
    sections = {run.stem: render_section(run, exporter) for run in runs}

    def in_pack(question: str) -> str | None:
        found = anchors.get(question)
        return f"#{found[1]}" if found else None

    whole = pack.Page(
        title=f"Evidence pack: {context.learner}",
        heading="Evidence pack",
        entries=_entries(runs),
        coverage=pack.page_coverage(context, in_pack),
    )
    pages = {}
    for run in runs:

        def on_page(question: str, stem: str = run.stem) -> str | None:
            found = anchors.get(question)
            if not found:
                return None
            return f"#{found[1]}" if found[0] == stem else f"{found[0]}.html#{found[1]}"

        page = pack.Page(
            title=f"{run.title}: evidence",
            heading=run.title,
            entries=_entries([run]),
            coverage=pack.page_coverage(context, on_page, _criteria_of(run)),
        )
        pages[run.stem] = _page(context, page, [sections[run.stem]])
    return _page(context, whole, list(sections.values())), pages
