"""The evidence export's steps, one nbconvert preprocessor each (order is set in exporter.py).

Each works on a copy of the notebook, one cell at a time:

- :class:`DropErrorOutputs` removes tracebacks (the friendly message box stays);
- :class:`StaticAnswers` replaces widget views by the learner's answers rendered from the store;
- :class:`ImageAltText` gives every bare PNG/JPEG output an ``<img>`` with alt text;
- :class:`DemoteHeadings` moves notebook headings down a level (the document has one H1);
- :class:`EvidenceSanitizer` is nbconvert's ``SanitizeHTML`` configured to keep embedded
  images (``data:image/...`` only), alt text, tables and formatting.

Tutor-only cells are removed with nbconvert's own ``TagRemovePreprocessor``.
"""

from __future__ import annotations

import re
import secrets
from html import unescape
from pathlib import Path
from typing import Any

from bleach.css_sanitizer import CSSSanitizer
from nbconvert.preprocessors import Preprocessor
from nbconvert.preprocessors.sanitize import SanitizeHTML
from nbformat import NotebookNode
from nbformat.v4 import new_output
from traitlets import Bool, Dict

from ..labels import plain_name
from ..views import escape, labelled_answer_html
from ..views.answers import image_html
from ..views.pages import render

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
IMAGE_MIMES = ("image/png", "image/jpeg")
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_NOTICE_PART = "evidence/parts/provenance.html.j2"
# An answer block's question (helpers.views.labelled_answer_html); learners' text is escaped,
# so this attribute can come only from the block itself.
_ANSWER_BLOCK = re.compile(r'data-question="([^"]*)"')


class DropErrorOutputs(Preprocessor):
    """Remove error outputs (tracebacks); learners and assessors never see them."""

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if o.output_type != "error"]
        return cell, resources


def _html_of(output: NotebookNode) -> str:
    data = output.get("data", {})
    value = data.get("text/html", "")
    return "".join(value) if isinstance(value, list) else str(value)


class StaticAnswers(Preprocessor):
    """Answers from the store instead of widgets.

    ``answers`` (question id -> value) and ``labels`` come in through the exporter's config.
    A widget output keeps its escaped ``text/html`` copy (made from the store when the cell
    ran); a question of the cell that no output shows is added from the store, so an answer
    is never missing because a notebook failed or a helper forgot its HTML fallback.
    ``notices`` (question id -> words, from :func:`helpers.provenance.pack_notices`) puts the
    data-change notice above every block of those answers, however the block was made.
    """

    answers = Dict(help="question id -> saved answer").tag(config=True)
    labels = Dict(help="question id -> its label (helpers.criteria.question_labels)").tag(
        config=True
    )
    notices = Dict(help="question id -> why its data changed since (helpers.provenance)").tag(
        config=True
    )

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        nb.metadata.pop("widgets", None)  # saved widget state would hide the static answers
        return super().preprocess(nb, resources)

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        if cell.cell_type != "code":
            return cell, resources
        kept = []
        for output in cell.outputs:
            data = output.get("data")
            if data is not None and WIDGET_MIME in data:
                del data[WIDGET_MIME]
                if "text/html" not in data:
                    continue  # a control with no static copy (a button): nothing to show
            kept.append(output)
        cell.outputs = kept
        questions = cell.metadata.get("coursework", {}).get("questions", [])
        shown = "".join(_html_of(o) for o in cell.outputs)
        missing = [q for q in questions if f'data-question="{escape(q)}"' not in shown]
        if missing:
            block = "".join(
                labelled_answer_html(plain_name(q, self.labels), self.answers.get(q), q)
                for q in missing
            )
            cell.outputs.append(
                new_output("display_data", data={"text/html": block, "text/plain": ""})
            )
        if self.notices:
            for output in cell.outputs:
                if "text/html" in output.get("data", {}):
                    output.data["text/html"] = self._with_notices(_html_of(output))
        return cell, resources

    def _with_notices(self, html: str) -> str:
        """``html`` with the data-change notice (a template part) above each answer block
        whose data changed since it was written."""
        pieces, last = [], 0
        for found in _ANSWER_BLOCK.finditer(html):
            notice = self.notices.get(unescape(found.group(1)))
            start = html.rfind("<", last, found.start())  # the block's opening tag
            if not notice or start < 0:
                continue
            part = render(_NOTICE_PART, folders=(str(_TEMPLATES),), notice=notice)
            pieces += [html[last:start], str(part)]
            last = start
        return "".join(pieces) + html[last:]


class ImageAltText(Preprocessor):
    """Every image output becomes an ``<img>`` with alt text (from its text/plain)."""

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        if cell.cell_type != "code":
            return cell, resources
        for output in cell.outputs:
            data = output.get("data", {})
            mime = next((m for m in IMAGE_MIMES if m in data), None)
            if mime is None or "text/html" in data:
                continue
            alt = str(data.get("text/plain", "")).strip()
            if not alt or alt.startswith("<Figure"):
                alt = "A chart (no description was given)."
            payload = "".join(data[mime]) if isinstance(data[mime], list) else data[mime]
            data["text/html"] = image_html(f"data:{mime};base64,{payload.strip()}", alt)
        return cell, resources


_HEADING = re.compile(r"^(#{1,5})(?=\s)", re.MULTILINE)


class DemoteHeadings(Preprocessor):
    """Markdown headings one level down, so each notebook's title is an H2 of the document."""

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        if cell.cell_type == "markdown":
            cell.source = _HEADING.sub(lambda m: m.group(1) + "#", cell.source)
        return cell, resources


SAFE_TAGS = [
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
]  # fmt: skip
SAFE_CSS = [
    "color", "background-color", "border", "border-left", "border-radius", "border-collapse",
    "font-weight", "font-style", "font-size", "margin", "margin-left", "margin-top",
    "margin-bottom", "padding", "padding-left", "text-align", "vertical-align", "width",
    "max-width", "min-height", "list-style", "display",
]  # fmt: skip
_DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$")
_SAFE_HREF = re.compile(r"^(?:https?://|mailto:|#)", re.IGNORECASE)
_COMMON = {"class", "title", "role", "style", "data-question", "lang", "dir"}


def allowed_attribute(tag: str, name: str, value: str) -> bool:
    """Attributes kept by the sanitizer; images only from embedded data, links never script."""
    if name in _COMMON or name.startswith("aria-"):
        return True
    if tag == "img":
        if name == "src":
            return bool(_DATA_IMAGE.match(value))
        return name in {"alt", "width", "height"}
    if tag == "a":
        return name == "href" and bool(_SAFE_HREF.match(value.strip()))
    if tag in {"th", "td"}:
        return name in {"scope", "colspan", "rowspan", "headers"}
    return False


_QUOTE_MARK = re.compile(r"^(\s*)&gt;", re.MULTILINE)
_EMBEDDED_IMAGE = re.compile(r"(data:image/(?:png|jpeg|gif|webp);base64,)([A-Za-z0-9+/=]{64,})")
_STAND_IN = "cwImage" + secrets.token_hex(8)  # unguessable: a learner cannot type one in
_STAND_IN_FOUND = re.compile(_STAND_IN + r"(\d+)x")


class EvidenceSanitizer(SanitizeHTML):
    """``SanitizeHTML`` that keeps embedded images, alt text, tables and simple formatting."""

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        cell, resources = super().preprocess_cell(cell, resources, index)
        if cell.cell_type == "markdown":
            # bleach escapes a Markdown quote marker; a ">" opening a line is not HTML
            cell.source = _QUOTE_MARK.sub(lambda m: m.group(1) + ">", cell.source)
        return cell, resources

    def sanitize_html_tags(self, html_str: str) -> str:
        import bleach

        # An embedded image's base64 text cannot hold markup, and bleach reads it one character
        # at a time: each goes through as a short stand-in, put back after.
        images: list[str] = []

        def stand_in(match: re.Match[str]) -> str:
            images.append(match.group(2))
            return f"{match.group(1)}{_STAND_IN}{len(images) - 1}x"

        cleaned = bleach.clean(
            _EMBEDDED_IMAGE.sub(stand_in, html_str),
            tags=SAFE_TAGS,
            attributes=allowed_attribute,
            protocols=["http", "https", "mailto", "data"],
            strip=False,
            strip_comments=True,
            css_sanitizer=CSSSanitizer(allowed_css_properties=SAFE_CSS),
        )
        if not images:
            return cleaned
        return _STAND_IN_FOUND.sub(lambda m: images[int(m.group(1))], cleaned)


GUIDANCE_TAG = "learner-guidance"


class DropLearnerGuidance(Preprocessor):
    """Leave out the Markdown cells tagged ``learner-guidance`` (how to use the notebook: "type
    in the box", "choose a file"): the pack is the assessor's. Headings, the task wording,
    teaching text, answers, charts and checks stay. ``keep`` keeps them (a before/after figure).
    """

    keep = Bool(False, help="keep the learner-guidance cells").tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        if not self.keep:
            nb.cells = [cell for cell in nb.cells if not is_guidance(cell)]
        return nb, resources


def is_guidance(cell: NotebookNode) -> bool:
    """A Markdown cell of learner guidance (tagged ``learner-guidance``)."""
    tags = cell.get("metadata", {}).get("tags", [])
    return cell.get("cell_type") == "markdown" and GUIDANCE_TAG in tags


SETUP_SOURCE = "import helpers\nhelpers.start()"
_NAVIGATION = re.compile(r"^\s*(?:Previous|Next): \[")


class DropSetupAndNavigation(Preprocessor):
    """The setup cell's "Ready" note (a local path) and the notebook-to-notebook links go."""

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        if cell.cell_type == "code" and cell.source.strip() == SETUP_SOURCE:
            cell.outputs = []
        if cell.cell_type == "markdown" and _NAVIGATION.match(cell.source):
            cell.source = ""
        return cell, resources
