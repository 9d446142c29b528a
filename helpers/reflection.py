"""Notebook 07: the Gibbs reflection, the coverage view, the declaration and the export button.

Each public function is one notebook cell. The logic lives elsewhere (``helpers.feedback`` for
coverage, ``helpers.export`` for the pack); this module only puts forms and buttons around it.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path
from typing import Any

from .store import AnswerStore, shared_store

__all__ = [
    "GIBBS_STAGES",
    "gibbs_stage",
    "action_links",
    "coverage_view",
    "coverage_table_html",
    "declaration_form",
    "export_button",
]

# Question id suffix -> (label, prompt). Prompts point at law, policy and impact (REF.1.2).
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

DECLARATION = (
    "I confirm that the evidence in this pack is my own work, that I have said where I used "
    "other people's words or figures, and that data about people has been anonymised."
)


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


def _status_cell(status: str) -> str:
    symbol = {"met": "&#10004; Met", "partly": "&#9680; Partly", "not yet": "&#9675; Not yet"}
    return f'<td class="cw-status-{status.replace(" ", "-")}">{symbol.get(status, status)}</td>'


def coverage_table_html(coverage: dict[str, Any], criteria: Any) -> str:
    """Criterion by criterion: met, partly or not yet, and where the evidence is (escaped)."""
    rows = []
    for criterion_id, criterion in criteria.criteria.items():
        entry = coverage.get(criterion_id)
        status = entry.status if entry else "not yet"
        where = ", ".join(html.escape(q) for q in (entry.evidence if entry else [])[:5])
        hint = html.escape(entry.reasons[0]) if entry and entry.reasons else ""
        rows.append(
            f'<tr><th scope="row">{html.escape(criterion_id)}</th>'
            f"<td>{html.escape(criterion.text)}</td>{_status_cell(status)}"
            f"<td>{where or '<em>none yet</em>'}{'<br>' + hint if hint else ''}</td></tr>"
        )
    counts = {
        s: sum(e.status == s for e in coverage.values()) for s in ("met", "partly", "not yet")
    }
    summary = (
        f"<p><strong>{counts['met']}</strong> met, <strong>{counts['partly']}</strong> partly, "
        f"<strong>{counts['not yet']}</strong> not yet. This is guidance, not a mark.</p>"
    )
    return (
        f'<div class="cw-coverage">{summary}<table class="cw-matrix">'
        '<thead><tr><th scope="col">Criterion</th><th scope="col">What it asks</th>'
        '<th scope="col">Status</th><th scope="col">Where the evidence is</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


class CoverageView:
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

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = dict(self.widget._repr_mimebundle_() or {})
        bundle["text/html"] = self.table.value
        bundle["text/plain"] = "Criteria coverage (run the notebook to see it)."
        return bundle


def coverage_view(store: AnswerStore | None = None) -> CoverageView:
    """Criterion by criterion: met, partly or not yet, with where the evidence is."""
    return CoverageView(store or shared_store())


def declaration_form(
    agree_id: str = "07.declaration.agree",
    name_id: str = "07.declaration.name",
    date_id: str = "07.declaration.date",
    store: AnswerStore | None = None,
) -> Any:
    """Tick box, typed name and date; when all three are given the signing time is saved."""
    from .forms import FormGroup, checklist, date, short_text

    store = store or shared_store()
    agree = checklist(agree_id, "Declaration of authenticity", [DECLARATION],
                      "Tick the box to confirm.", store=store)  # fmt: skip
    name = short_text(name_id, "Type your full name", store=store)
    when = date(date_id, "Today's date", store=store)
    signed_id = agree_id.rsplit(".", 1)[0] + ".signed_at"

    def signed(_: Any = None) -> None:
        if agree.value and str(name.value).strip() and when.value:
            store.save(signed_id, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))

    for form in (agree, name, when):
        form.on_change(signed)
    return FormGroup([agree, name, when], title="Declaration")


class ExportButton:
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
        self.message.value = html.escape(text)

    def build(self, _: Any = None) -> None:
        from .errors import CourseworkError
        from .export import export_evidence

        self.button.disabled = True
        self.bar.layout.visibility = "visible"
        try:
            # the notebooks this kernel runs beside (a tutor's released copy), else the project's
            here = self.notebook_dir if any(self.notebook_dir.glob("[0-9][0-9]_*.ipynb")) else None
            result = export_evidence(notebooks_dir=here, progress=self._progress)
        except CourseworkError as error:
            self.message.value = f'<span role="alert">{html.escape(str(error))}</span>'
            return
        finally:
            self.button.disabled = False
        self.message.value = self.result_html(result)

    def result_html(self, result: Any) -> str:
        link = Path(os.path.relpath(result.html_path, self.notebook_dir)).as_posix()
        failed = "".join(
            f"<li>{html.escape(stem)}: this section could not be generated: "
            f"{html.escape(reason)}</li>"
            for stem, reason in result.failed.items()
        )
        return (
            f'<p>Done. <a href="{html.escape(link)}" target="_blank">Open your evidence pack</a> '
            f"({result.html_bytes / 1024:.0f} KB). Hand in <code>{html.escape(str(result.zip_path))}"
            "</code>.</p>"
            + (
                f'<p role="alert">Some sections need attention:</p><ul>{failed}</ul>'
                if failed
                else ""
            )
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = dict(self.widget._repr_mimebundle_() or {})
        bundle["text/html"] = (
            "<p>Run this notebook in JupyterLab and press <strong>Build my evidence pack</strong>,"
            " or run <code>coursework export</code>.</p>"
        )
        bundle["text/plain"] = "Build my evidence pack (button)"
        return bundle


def export_button() -> ExportButton:
    """The "Build my evidence pack" button (progress bar, then a link to the pack)."""
    return ExportButton(Path.cwd())
