"""The evidence HTML exporter: nbconvert's HTMLExporter with our template and steps.

Steps, in order (nbconvert runs its own TagRemovePreprocessor first):
1. ``TagRemovePreprocessor`` drops cells tagged ``tutor-only``;
2. ``DropSetupAndNavigation`` drops the setup cell's output and the notebook links, and
   ``DropLearnerGuidance`` the Markdown cells tagged ``learner-guidance``;
3. ``DropErrorOutputs`` drops tracebacks;
4. ``StaticAnswers`` turns widget views into the answers from the store, drops widget state;
5. ``ImageAltText`` gives each chart an ``<img>`` with alt text;
6. ``DemoteHeadings`` leaves the pack's cover title as the only H1;
7. ``EvidenceSanitizer`` (nbconvert's SanitizeHTML, configured) cleans every HTML output last.
Code inputs and prompts are excluded by the exporter's own options.

nbconvert validates the notebook once, after the last step (not after each one), and its
HTMLExporter's last pass (BeautifulSoup over the whole page, to add alt text and make outputs
focusable) is replaced by :func:`helpers.views.tidy.nbconvert_touches`, which does the same on
the page's text: that pass was a third of the time spent writing a pack.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbformat import NotebookNode
from traitlets import default
from traitlets.config import Config

from ..views.tidy import nbconvert_touches
from .preprocessors import (
    DemoteHeadings,
    DropErrorOutputs,
    DropLearnerGuidance,
    DropSetupAndNavigation,
    EvidenceSanitizer,
    ImageAltText,
    StaticAnswers,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSS_FILE = TEMPLATES / "evidence" / "evidence.css"


class _TemplateOutput(TemplateExporter):
    """Sets the template's output aside, and hands HTMLExporter an empty page instead.

    It sits between HTMLExporter and TemplateExporter (see :class:`EvidenceExporter`'s bases),
    so HTMLExporter's setup (filters, resources) runs as usual and its BeautifulSoup pass runs
    on nothing; :meth:`EvidenceExporter.from_notebook_node` takes the page back.
    """

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        page, resources = super().from_notebook_node(nb, resources, **kw)
        resources["evidence_page"] = page
        return "", resources


class EvidenceExporter(HTMLExporter, _TemplateOutput):
    """HTML with no scripts and no remote resources, answers shown statically."""

    export_from_notebook = "Evidence pack"
    answers_step: StaticAnswers | None = None  # set by make_exporter
    guidance_step: DropLearnerGuidance | None = None  # set by make_exporter

    @default("template_name")
    def _template_name_default(self) -> str:
        return "evidence"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        _, resources = super().from_notebook_node(nb, resources, **kw)
        return nbconvert_touches(resources.pop("evidence_page")), resources


def make_exporter(answers: dict[str, Any]) -> EvidenceExporter:
    """An exporter whose answer step shows ``answers`` (question id -> value)."""
    config = Config()
    config.Exporter.optimistic_validation = True  # validate once, after the last step
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {"tutor-only", "no-export"}
    config.TemplateExporter.exclude_input = True
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    config.HTMLExporter.exclude_anchor_links = True  # no heading permalinks ("¶") in a pack
    config.StaticAnswers.answers = answers
    exporter = EvidenceExporter(config=config)
    for step in (
        DropSetupAndNavigation,
        DropLearnerGuidance,
        DropErrorOutputs,
        StaticAnswers,
        ImageAltText,
        DemoteHeadings,
        EvidenceSanitizer,
    ):
        made = step(config=config)
        if isinstance(made, StaticAnswers):
            exporter.answers_step = made
        if isinstance(made, DropLearnerGuidance):
            exporter.guidance_step = made
        exporter.register_preprocessor(made, enabled=True)
    return exporter


@cache
def _shared_exporter() -> EvidenceExporter:
    return make_exporter({})


def exporter_for(
    answers: dict[str, Any], notices: dict[str, str] | None = None
) -> EvidenceExporter:
    """The process's one exporter (its templates compiled once), showing ``answers`` now
    (and ``notices``, question id -> data-change notice, beside them).

    Exports in one process run one after another (the 07 button waits for its export; a
    cohort worker exports one learner at a time).
    """
    exporter = _shared_exporter()
    if exporter.answers_step is not None:
        exporter.answers_step.answers = answers
        exporter.answers_step.notices = notices or {}
    return exporter
