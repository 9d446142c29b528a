"""Notebook 07: the Gibbs reflection, the coverage view, the declaration and the export button.

Each public function is one notebook cell. The logic lives elsewhere (``helpers.feedback`` for
coverage, ``helpers.export`` for the pack); this module only puts forms and buttons around it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import declaration
from .paths import lab_link
from .store import AnswerStore, shared_store
from .views import ShowsStaticHtml, escape

if TYPE_CHECKING:
    from .criteria import CriteriaSet
    from .forms import Form

__all__ = [
    "GIBBS_STAGES",
    "gibbs_stage",
    "action_links",
    "coverage_view",
    "coverage_table_html",
    "agreement_box",
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


def coverage_table_html(
    coverage: dict[str, Any], criteria: CriteriaSet, labels: dict[str, str] | None = None
) -> str:
    """Criterion by criterion: met, partly or not yet, and where the evidence is (escaped).

    The same matrix as the evidence pack's, without links (the learner is in the notebook);
    questions are named by their labels (default: the course notebooks'), never by id.
    """
    from .criteria import question_labels
    from .views.coverage import coverage_groups, coverage_matrix_html

    names = question_labels() if labels is None else labels
    return str(coverage_matrix_html(coverage_groups(coverage, criteria, labels=names), NOT_A_MARK))


# Every answer the learner writes lives under its notebook's number (or is an attachment), and
# the rules read the chosen data: the coverage and the button's summary follow all of them.
EVERY_ANSWER = (*(f"{n:02d}." for n in range(8)), "attachments.")


def _data_kinds() -> tuple[str, ...]:
    from .data import KINDS

    return tuple(KINDS)


class CoverageView(ShowsStaticHtml):
    """The coverage table for the learner's answers so far; it updates by itself whenever an
    answer is saved (in this notebook or another) or a data choice changes."""

    def __init__(self, store: AnswerStore) -> None:
        from .live import live

        self.store = store
        self.view = live(
            self.html, answers=EVERY_ANSWER, data=_data_kinds(), alt="Criteria coverage"
        )
        self.widget = self.view.widget

    def html(self) -> str:
        from .criteria import load_criteria, question_map
        from .feedback import coverage, data_lookup

        criteria = load_criteria()
        found = coverage(self.store.answers(), criteria, question_map(), data_lookup(self.store))
        return coverage_table_html(found, criteria)

    def refresh(self) -> None:
        self.view.refresh()

    def static_html(self) -> str:
        return self.view.static_html()

    def static_text(self) -> str:
        return "Criteria coverage: which criteria your saved answers show evidence for."


def coverage_view(store: AnswerStore | None = None) -> CoverageView:
    """Criterion by criterion: evidence found, partly or not yet, with where the evidence is."""
    return CoverageView(store or shared_store())


def agreement_box(question_id: str, store: AnswerStore | None = None) -> Form:
    """The declaration shown whole, with a tick box under it; the store holds the words ticked.

    The saved value is a list with the statement, as a checklist saves it, so the pack shows the
    very words the learner agreed to (:func:`helpers.declaration.read_declaration`).
    """
    import ipywidgets as w

    from .forms import Form

    shown = {"words": declaration.STATEMENT}
    words = w.HTML(layout=w.Layout(width="100%"))
    words.add_class("cw-declaration")
    tick = w.Checkbox(
        value=False,
        description="I agree with the declaration above",
        indent=False,
        layout=w.Layout(width="auto"),
    )

    def show(text: str) -> None:
        shown["words"] = text
        words.value = (
            '<blockquote style="white-space:normal;overflow-wrap:anywhere;margin:4px 0;'
            'padding:8px 12px;border-left:4px solid #0b3d6e;background:#f7fafd;color:#111">'
            f"{escape(text)}</blockquote>"
        )

    def read() -> list[str]:
        return [shown["words"]] if tick.value else []

    def write(value: Any) -> None:
        ticked = declaration.ticked_words(value)
        show(ticked or declaration.STATEMENT)
        tick.value = declaration.is_ticked(value)

    show(declaration.STATEMENT)
    form = Form(
        question_id,
        "Declaration of authenticity",
        w.VBox([words, tick], layout=w.Layout(width="100%")),
        help="Read it all, then tick the box to confirm.",
        read=read,
        write=write,
        store=store,
    )
    form.shows = "a tick box"

    def changed(_: Any) -> None:
        if not tick.value:
            show(declaration.STATEMENT)  # a new tick agrees to today's wording
        form.changed()

    tick.observe(changed, names="value")
    return form


def declaration_form(
    agree_id: str = declaration.AGREE_ID,
    name_id: str = declaration.NAME_ID,
    date_id: str = declaration.DATE_ID,
    store: AnswerStore | None = None,
) -> Any:
    """The declaration shown whole with its tick box, a typed name and a date; when all three
    are given the signing time is saved.

    The ids are the ones :mod:`helpers.declaration` owns (released notebooks pass them).
    """
    from .forms import FormGroup, date, short_text

    store = store or shared_store()
    agree = agreement_box(agree_id, store=store)
    name = short_text(name_id, "Type your full name", store=store)
    when = date(date_id, "Today's date (for example 14/04/2025)", store=store)

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


def _notebooks_named(numbers: list[str]) -> str:
    return ", ".join(numbers[:-1]) + f" and {numbers[-1]}" if len(numbers) > 1 else numbers[0]


def _pack_time(store: AnswerStore) -> dt.datetime | None:
    """When the pack in the learner's exports folder was last written (None: never)."""
    from .paths import exports_dir

    try:
        stamp = (exports_dir(store.path.parent) / "evidence.html").stat().st_mtime
    except OSError:
        return None
    return dt.datetime.fromtimestamp(stamp, dt.UTC)


def readiness_html(store: AnswerStore) -> str:
    """Before the button: is the declaration signed, which notebooks have answers, and whether
    answers changed since the last pack (escaped HTML; it updates by itself)."""
    answers = store.answers()
    lines: list[str] = []
    signed = declaration.read_declaration(answers)
    if signed.signed:
        lines.append("Your declaration is signed.")
    else:
        lines.append(
            f"Before you hand in, sign the declaration above: {', '.join(signed.missing)}."
        )
    numbers = [f"{n:02d}" for n in range(1, 8)]
    empty = [n for n in numbers if not any(q.startswith(f"{n}.") for q in answers)]
    if empty:
        lines.append(f"Notebooks with no answers saved yet: {_notebooks_named(empty)}.")
    else:
        lines.append("Every notebook from 01 to 07 has answers saved.")
    built = _pack_time(store)
    last = store.last_activity()
    if built is not None and last:
        changed = dt.datetime.fromisoformat(last).astimezone(dt.UTC) > built
        lines.append(
            "You have changed answers since your last pack was built: build it again before "
            "you hand it in."
            if changed
            else "Your last pack includes all your saved answers."
        )
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return (
        f'<div class="cw-readiness"><p><strong>Before you build</strong></p><ul>{items}</ul></div>'
    )


class ExportButton(ShowsStaticHtml):
    """A button that builds the evidence pack, with a progress bar and a link to the result.

    Above it, a summary (declaration, notebooks with answers, changes since the last pack)
    updates by itself whenever an answer is saved.
    """

    def __init__(self, notebook_dir: Path, store: AnswerStore | None = None) -> None:
        import ipywidgets as w

        from .live import live

        self.notebook_dir = notebook_dir
        self.store = store or shared_store()
        self.readiness = live(
            lambda: readiness_html(self.store), answers=EVERY_ANSWER, alt="Before you build"
        )
        self.button = w.Button(
            description="Build my evidence pack", icon="file", button_style="primary",
            layout=w.Layout(width="auto"),
        )  # fmt: skip
        self.bar = w.FloatProgress(value=0, min=0, max=1, description="Progress",
                                   layout=w.Layout(visibility="hidden"))  # fmt: skip
        self.message = w.HTML()
        self.button.on_click(self.build)
        self.widget = w.VBox([self.readiness.widget, self.button, self.bar, self.message])

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
        self.readiness.refresh()  # the pack is now up to date with the answers

    def result_html(self, result: Any) -> str:
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
        # links through the learner's Jupyter server (make lab, Binder, a hub), or words
        view, download = lab_link(result.html_path), lab_link(result.zip_path, download=True)
        reach = (
            f'<a href="{escape(view)}" target="_blank">Open your evidence pack</a> '
            f"({result.html_bytes / 1024:.0f} KB). Hand in this file: "
            f'<a href="{escape(download)}" download>{escape(result.zip_path.name)}</a>'
            " (the link saves it to your computer)."
            if view and download
            else "Your evidence pack is ready, but it is saved in a folder this page cannot open:"
            " ask your tutor for your evidence pack."
        )
        return f"<p>Done. {reach}{unchanged}</p>" + (
            f'<p role="alert">Some sections need attention:</p><ul>{failed}</ul>' if failed else ""
        )

    def static_html(self) -> str:
        return (
            "<p>Open this notebook in JupyterLab and press <strong>Build my evidence pack</strong>."
            " If that does not work, ask your tutor: they can build the pack for you.</p>"
        )

    def static_text(self) -> str:
        return "Build my evidence pack (button)"


def export_button() -> ExportButton:
    """The "Build my evidence pack" button (progress bar, then a link to the pack)."""
    return ExportButton(Path.cwd())
