"""The evidence HTML exporter: nbconvert's HTMLExporter with our template and steps.

Steps, in order (nbconvert runs its own TagRemovePreprocessor first):
1. ``TagRemovePreprocessor`` drops cells tagged ``tutor-only``;
2. ``DropSetupAndNavigation`` drops the setup cell's output and the notebook links;
3. ``DropErrorOutputs`` drops tracebacks;
4. ``StaticAnswers`` turns widget views into the answers from the store, drops widget state;
5. ``ImageAltText`` gives each chart an ``<img>`` with alt text;
6. ``DemoteHeadings`` leaves the pack's cover title as the only H1;
7. ``EvidenceSanitizer`` (nbconvert's SanitizeHTML, configured) cleans every HTML output last.
Code inputs and prompts are excluded by the exporter's own options.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nbconvert.exporters import HTMLExporter
from traitlets import default
from traitlets.config import Config

from .preprocessors import (
    DemoteHeadings,
    DropErrorOutputs,
    DropSetupAndNavigation,
    EvidenceSanitizer,
    ImageAltText,
    StaticAnswers,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSS_FILE = TEMPLATES / "evidence" / "evidence.css"


class EvidenceExporter(HTMLExporter):
    """HTML with no scripts and no remote resources, answers shown statically."""

    export_from_notebook = "Evidence pack"

    @default("template_name")
    def _template_name_default(self) -> str:
        return "evidence"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]


def make_exporter(answers: dict[str, Any]) -> EvidenceExporter:
    """An exporter whose answer step shows ``answers`` (question id -> value)."""
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {"tutor-only", "no-export"}
    config.TemplateExporter.exclude_input = True
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    config.StaticAnswers.answers = answers
    exporter = EvidenceExporter(config=config)
    for step in (
        DropSetupAndNavigation,
        DropErrorOutputs,
        StaticAnswers,
        ImageAltText,
        DemoteHeadings,
        EvidenceSanitizer,
    ):
        exporter.register_preprocessor(step(config=config), enabled=True)
    return exporter
