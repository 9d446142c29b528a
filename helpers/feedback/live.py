"""The notebook edge: a live "What your assessor will look for" box for one section.

:func:`assessor_checks` shows the ticks for a section and re-checks whenever an answer of its
notebook is saved, by this notebook or by another one (another kernel), through
:func:`helpers.live.on_change`. helpers.live keys each reaction by where it was shown (the
notebook's connection and the cell), so re-running a cell replaces that cell's view and never
one shown by another notebook on the same kernel.
"""

from __future__ import annotations

from typing import Any

from ..views import STATUSES, ShowsStaticHtml, escape
from .answers import Result, in_section
from .checks import DATA_READ
from .coverage import data_lookup
from .rules import Rule, evaluate


def checks_html(results: list[tuple[Rule, Result]], criteria_note: str = "") -> str:
    """Escaped HTML list of ticks and "not yet" with reasons."""
    met, not_yet = STATUSES["met"], STATUSES["not yet"]
    items = []
    for rule, result in results:
        if result.met:
            mark = (
                f'<span aria-hidden="true" style="color:#1b6e3a">{met.symbol}</span> '
                f"<strong>{met.label}:</strong>"
            )
            extra = ""
        else:
            mark = (
                f'<span aria-hidden="true" style="color:#8a4b00">{not_yet.symbol}</span> '
                f"<strong>{not_yet.label}:</strong>"
            )
            extra = f'<br><span style="color:#333">{escape(result.why_not)}</span>'
        items.append(f"<li>{mark} {escape(rule.looks_for)}{extra}</li>")
    body = f'<ul style="list-style:none;padding-left:0">{"".join(items)}</ul>' if items else ""
    note = f"<p>{criteria_note}</p>" if criteria_note else ""
    if not items and not note:
        note = "<p>There are no checks for this part: it is practice, not assessed.</p>"
    return (
        '<div class="cw-feedback" style="border:1px solid #0b3d6e;border-radius:4px;'
        'padding:8px 12px;margin:6px 0;background:#f7fafd;color:#111">'
        "<p><strong>What your assessor will look for</strong> "
        "(guidance to help you, not a mark)</p>"
        f"{body}{note}</div>"
    )


def _criteria_note(section: str) -> str:
    """For a section without rules: the criteria its questions evidence."""
    try:
        from ..criteria import load_criteria, question_map

        qmap = question_map()
        wanted = sorted({c for q, crits in qmap.items() if in_section(q, section) for c in crits})
        known = load_criteria().criteria
    except Exception:  # criteria are guidance here; the export reports problems properly
        return ""
    lines = [
        f"<li><strong>{escape(c)}</strong> {escape(known[c].text)}</li>"
        for c in wanted
        if c in known
    ]
    return ("This part is assessed against:<ul>" + "".join(lines) + "</ul>") if lines else ""


class AssessorChecks(ShowsStaticHtml):
    """A live "What your assessor will look for" box for one section of a notebook."""

    def __init__(self, section: str, store: Any = None) -> None:
        import ipywidgets as w

        from ..store import shared_store

        self.section = section
        self.store = store or shared_store()
        self.view = w.HTML()
        self._tables: dict[str, Any] = {}  # data read once, not on every keystroke
        self.refresh()

    @property
    def widget(self) -> Any:
        """The live view JupyterLab draws (the mixin shows :meth:`static_html` elsewhere)."""
        return self.view

    def _data(self, kind: str) -> Any:
        if kind not in self._tables:
            lookup = data_lookup(self.store)
            self._tables[kind] = lookup(kind) if lookup else None
        return self._tables[kind]

    def html(self) -> str:
        """The checks for the learner's saved answers, as escaped HTML."""
        results = evaluate(self.store.answers(), self.section, self._data)
        return checks_html(results, "" if results else _criteria_note(self.section))

    def static_html(self) -> str:
        return str(self.view.value)

    def static_text(self) -> str:
        return "What your assessor will look for (run the notebook to see it)."

    def refresh(self) -> None:
        """Re-check the saved answers (after a save in this notebook, or on demand)."""
        html = self.html()
        if html != self.view.value:
            self.view.value = html

    def data_changed(self) -> None:
        """The learner chose other data (or uploaded a new copy): read it again, re-check."""
        self._tables.clear()
        self.refresh()


def assessor_checks(section: str) -> AssessorChecks:
    """Show "What your assessor will look for" for ``section`` ("01" or "01.review"), live.

    The ticks update whenever an answer of the section's notebook is saved, in this notebook or
    in another one (another kernel), and when the learner chooses other data. Guidance only,
    never a mark. Re-running the cell replaces its view (see :mod:`helpers.live`).
    """
    from .. import live

    checks = AssessorChecks(section)
    live.on_change(checks.refresh, answers=[section.split(".")[0] + "."])
    live.on_change(checks.data_changed, data=DATA_READ)
    return checks
