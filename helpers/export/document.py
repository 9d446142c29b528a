"""Assemble executed notebooks into the combined pack and the one-notebook pages."""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Callable, Sequence
from typing import Any

from nbformat import NotebookNode
from nbformat.v4 import new_notebook, new_raw_cell

from . import pack
from .exporter import CSS_FILE, make_exporter, tidy_html

AnchorFor = Callable[[str], str | None]


def _section_cells(run: Any) -> list[NotebookNode]:
    """A notebook's cells between two empty marker cells that open and close its section."""
    anchor = section_anchor(run.stem)
    start = new_raw_cell("")
    start.id = _safe_id(f"start-{run.stem}")
    start.metadata["evidence_start"] = {
        "anchor": anchor,
        "title": run.title,
        "notice": pack.failed_notice(run.error) if run.error else "",
    }
    end = new_raw_cell("")
    end.id = _safe_id(f"end-{run.stem}")
    end.metadata["evidence_end"] = True
    cells = copy.deepcopy(run.notebook.cells)
    for index, cell in enumerate(cells):
        # ids unique across notebooks, so the pack's links from the matrix land in the right place
        cell.id = cell_id(run.stem, cell.get("id") or str(index))
    return [start, *cells, end]


def _safe_id(text: str) -> str:
    """Cell ids allow letters, digits, - and _ only, and at most 64 characters."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)[-64:]


def cell_id(stem: str, original: str) -> str:
    """A cell's id in the pack: the notebook's name plus its own id."""
    return _safe_id(f"{stem}--{original}")


def _entries(runs: Sequence[Any]) -> list[pack.NotebookEntry]:
    return [pack.NotebookEntry(r.stem, r.title, section_anchor(r.stem), r.error) for r in runs]


def section_anchor(stem: str) -> str:
    """The id of a notebook's section in the pack."""
    return _safe_id(f"notebook-{stem}")


def _render(cells: list[NotebookNode], title: str, front: str, back: str, answers: Any) -> str:
    nb = new_notebook()
    nb.metadata["title"] = title
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = cells
    resources = {
        "evidence": {
            "front": front,
            "back": back,
            "css": CSS_FILE.read_text(encoding="utf-8"),
            "generator": "customer-service-coursework evidence export",
        }
    }
    body, _ = make_exporter(dict(answers)).from_notebook_node(nb, resources=resources)
    return str(body)


_SECTION = re.compile(r"<!--cw-section:([^>]*?)-->(.*?)<!--/cw-section-->", re.DOTALL)
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)


def _finish(page: str) -> str:
    return tidy_html(re.sub(r"<!--/?cw-section[^>]*-->", "", page))


def _back(context: dict[str, Any], anchor_for: AnchorFor, only: set[str] | None = None) -> str:
    return "".join(
        [
            pack.coverage_html(
                context["coverage"], context["criteria"], anchor_for, context["problems"], only
            ),
            pack.attachments_html(context["attachments"], context["area"]),
            pack.edits_html(context["edit_times"], context["revisions"]),
            pack.declaration_html(context["answers"], context["declaration_saved"]),
            pack.signoff_html(),
        ]
    )


def render_pack(
    runs: Sequence[Any], anchors: dict[str, tuple[str, str]], context: dict[str, Any]
) -> tuple[str, dict[str, str]]:
    """The whole pack as one page, and one page per notebook (stem -> HTML).

    The notebooks go through the exporter once, together; each notebook's page reuses its
    section of that result with its own cover and a coverage matrix of its criteria.
    """

    def anchor_for(question: str) -> str | None:
        found = anchors.get(question)
        return f"#{found[1]}" if found else None

    front = pack.cover_html(
        context["profile"],
        generated=context["generated"],
        version=context["version"],
        criteria_title=context["criteria"].title,
    ) + pack.contents_html(_entries(runs))
    cells = [cell for run in runs for cell in _section_cells(run)]
    name = context["profile"].get("name") or "learner"
    whole = _render(
        cells, f"Evidence pack: {name}", front, _back(context, anchor_for), context["answers"]
    )
    sections = {m.group(1): m.group(0) for m in _SECTION.finditer(whole)}
    head = whole[: whole.index("<main>") + len("<main>")]
    pages = {}
    for run in runs:
        section = sections.get(section_anchor(run.stem), "")
        title = f"<title>{html.escape(run.title)}: evidence</title>"
        top = _TITLE.sub(title.replace("\\", "\\\\"), head, count=1)
        pages[run.stem] = _finish(
            top
            + _notebook_front(run, context)
            + section
            + _notebook_back(run, anchors, context)
            + "\n</main>\n</body>\n</html>\n"
        )
    return _finish(whole), pages


def _notebook_front(run: Any, context: dict[str, Any]) -> str:
    return pack.cover_html(
        context["profile"],
        generated=context["generated"],
        version=context["version"],
        criteria_title=context["criteria"].title,
        heading=run.title,
    ) + pack.contents_html(_entries([run]))


def _notebook_back(run: Any, anchors: dict[str, tuple[str, str]], context: dict[str, Any]) -> str:
    def anchor_for(question: str) -> str | None:
        found = anchors.get(question)
        if not found:
            return None
        stem, anchor = found
        return f"#{anchor}" if stem == run.stem else f"{stem}.html#{anchor}"

    only = {
        criterion
        for cell in run.notebook.cells
        for criterion in cell.get("metadata", {}).get("coursework", {}).get("criteria", [])
    }
    return _back(context, anchor_for, only)
