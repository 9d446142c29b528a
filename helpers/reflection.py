"""Notebook 07: the Gibbs reflection, the coverage view, the declaration and the export button.

Each public function is one notebook cell. The logic lives elsewhere (``helpers.feedback`` for
coverage, ``helpers.export`` for the pack); this module only puts forms and buttons around it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import declaration
from .store import AnswerStore, shared_store
from .views import ShowsStaticHtml, escape

if TYPE_CHECKING:
    from .criteria import CriteriaSet

__all__ = [
    "GIBBS_STAGES",
    "gibbs_stage",
    "action_links",
    "coverage_view",
    "coverage_table_html",
    "declaration_form",
    "export_button",
]

# Question id suffix -> (label, prompt). Prompts point at law, policy and impact (REF.REFLECT.2).
GIBBS_STAGES: dict[str, tuple[str, str]] = {
    "description": (
        "1. Description: what happened?",
        "Say what you did, when, where and who was involved. Keep to the facts.",
    ),
    "feelings": (
        "2. Feelings: what were you thinking and feeling?",
        "How did you feel before, during and after? What did customers and colleagues seem to feel?",
    ),
    "evaluation": (
        "3. Evaluation: what went well and what did not?",
        "Give both sides. Use figures from your monitoring where you can.",
    ),
    "analysis": (
        "4. Analysis: why did it go that way?",
        "Link what happened to the law, your organisation's policy and the theory you used "
        "(for example PDCA). Say what impact your action had.",
    ),
    "conclusion": (
        "5. Conclusion: what did you learn?",
        "What could you have done differently? What would you keep?",
    ),
    "action_plan": (
        "6. Action plan: what will you do next time?",
        "Name the next step, who it involves and by when. This is the next cycle of improvement.",
    ),
}

DECLARATION = declaration.STATEMENT  # kept for released notebooks and tests
NOT_A_MARK = "This is guidance, not a mark."


def gibbs_stage(question_id: str) -> Any:
    """One long text box for one stage of the Gibbs cycle (``07.gibbs.<stage>``)."""
    from .forms import long_text

    label, prompt = GIBBS_STAGES[question_id.rsplit(".", 1)[-1]]
    return long_text(question_id, label, prompt, words=(60, 250), rows=7)


def action_links(question_id: str = "07.links.actions") -> Any:
    """A table linking each action to the law or policy behind it and its impact."""
    from .forms import table

    return table(
        question_id,
        "Your actions, the law or policy they connect to, and their impact",
        ["Action I took", "Law or policy it connects to", "Impact (with a figure)"],
        "One row per action. For example: paperless billing; UK GDPR and our data policy; "
        "printed bills down 70 %.",
    )


def coverage_table_html(coverage: dict[str, Any], criteria: CriteriaSet) -> str:
    """Criterion by criterion: met, partly or not yet, and where the evidence is (escaped).

    The same matrix as the evidence pack's, without links (the learner is in the notebook).
    """
    from .views.coverage import coverage_groups, coverage_matrix_html

    return str(coverage_matrix_html(coverage_groups(coverage, criteria), NOT_A_MARK))


class CoverageView(ShowsStaticHtml):
    """The coverage table for the learner's answers so far, with a button to refresh it."""

    def __init__(self, store: AnswerStore) -> None:
        import ipywidgets as w

        self.store = store
        self.table = w.HTML()
        refresh = w.Button(description="Check again", icon="refresh")
        refresh.on_click(lambda _: self.refresh())
        self.widget = w.VBox([refresh, self.table])
        self.refresh()

    def html(self) -> str:
        from .criteria import load_criteria, question_map
        from .feedback import coverage, data_lookup

        criteria = load_criteria()
        found = coverage(self.store.answers(), criteria, question_map(), data_lookup(self.store))
        return coverage_table_html(found, criteria)

    def refresh(self) -> None:
        self.table.value = self.html()

    def static_html(self) -> str:
        return str(self.table.value)

    def static_text(self) -> str:
        return "Criteria coverage (run the notebook to see it)."


def coverage_view(store: AnswerStore | None = None) -> CoverageView:
    """Criterion by criterion: met, partly or not yet, with where the evidence is."""
    return CoverageView(store or shared_store())


def declaration_form(
    agree_id: str = declaration.AGREE_ID,
    name_id: str = declaration.NAME_ID,
    date_id: str = declaration.DATE_ID,
    store: AnswerStore | None = None,
) -> Any:
    """Tick box, typed name and date; when all three are given the signing time is saved.

    The ids are the ones :mod:`helpers.declaration` owns (released notebooks pass them).
    """
    from .forms import FormGroup, checklist, date, short_text

    store = store or shared_store()
    agree = checklist(agree_id, "Declaration of authenticity", [declaration.STATEMENT],
                      "Tick the box to confirm.", store=store)  # fmt: skip
    name = short_text(name_id, "Type your full name", store=store)
    when = date(date_id, "Today's date", store=store)

    def signed(_: Any = None) -> None:
        parts = {declaration.AGREE_ID: agree.value, declaration.NAME_ID: name.value,
                 declaration.DATE_ID: when.value}  # fmt: skip
        if declaration.read_declaration(parts).signed:
            store.save(
                declaration.SIGNED_AT_ID, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            )

    for form in (agree, name, when):
        form.on_change(signed)
    return FormGroup([agree, name, when], title="Declaration")


class ExportButton(ShowsStaticHtml):
    """A button that builds the evidence pack, with a progress bar and a link to the result."""

    def __init__(self, notebook_dir: Path) -> None:
        import ipywidgets as w

        self.notebook_dir = notebook_dir
        self.button = w.Button(
            description="Build my evidence pack", icon="file", button_style="primary",
            layout=w.Layout(width="auto"),
        )  # fmt: skip
        self.bar = w.FloatProgress(value=0, min=0, max=1, description="Progress",
                                   layout=w.Layout(visibility="hidden"))  # fmt: skip
        self.message = w.HTML()
        self.button.on_click(self.build)
        self.widget = w.VBox([self.button, self.bar, self.message])

    def _progress(self, fraction: float, text: str) -> None:
        self.bar.value = fraction
        self.message.value = escape(text)

    def build(self, _: Any = None) -> None:
        """Export incrementally: only notebooks whose answers, data or code changed run again."""
        from .errors import CourseworkError
        from .export import export_evidence

        self.button.disabled = True
        self.bar.layout.visibility = "visible"
        try:
            # the notebooks this kernel runs beside (a tutor's released copy), else the project's
            here = self.notebook_dir if any(self.notebook_dir.glob("[0-9][0-9]_*.ipynb")) else None
            result = export_evidence(notebooks_dir=here, progress=self._progress)
        except CourseworkError as error:
            self.message.value = f'<span role="alert">{escape(str(error))}</span>'
            return
        finally:
            self.button.disabled = False
        self.message.value = self.result_html(result)

    def result_html(self, result: Any) -> str:
        link = Path(os.path.relpath(result.html_path, self.notebook_dir)).as_posix()
        failed = "".join(
            f"<li>{escape(stem)}: this section could not be generated: {escape(reason)}</li>"
            for stem, reason in result.failed.items()
        )
        reused = len(result.reused)
        unchanged = (
            f" {reused} notebooks had not changed since your last pack, so they were not run again."
            if reused
            else ""
        )
        return (
            f'<p>Done. <a href="{escape(link)}" target="_blank">Open your evidence pack</a> '
            f"({result.html_bytes / 1024:.0f} KB). Hand in <code>{escape(str(result.zip_path))}"
            f"</code>.{unchanged}</p>"
            + (
                f'<p role="alert">Some sections need attention:</p><ul>{failed}</ul>'
                if failed
                else ""
            )
        )

    def static_html(self) -> str:
        return (
            "<p>Run this notebook in JupyterLab and press <strong>Build my evidence pack</strong>,"
            " or run <code>coursework export</code>.</p>"
        )

    def static_text(self) -> str:
        return "Build my evidence pack (button)"


def export_button() -> ExportButton:
    """The "Build my evidence pack" button (progress bar, then a link to the pack)."""
    return ExportButton(Path.cwd())
