"""A panel: some text, a few forms and live hints shown together, for any topic notebook.

Shown live in JupyterLab; its static ``text/html`` copy holds every answer for the export.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .views import ShowsStaticHtml, escape, labelled_answer_html

if TYPE_CHECKING:
    from .forms import Form

__all__ = ["Panel", "hints_html", "panel_with_hints"]


def hints_html(hints: Sequence[str]) -> str:
    """Formative hints as a friendly list (or a short "looks complete" note)."""
    if not hints:
        return '<p style="color:#2f6f3e">No hints for now: this looks complete.</p>'
    items = "".join(f"<li>{escape(h)}</li>" for h in hints)
    return (
        '<div style="background:#e8f1fb;border-left:4px solid #0b3d6e;padding:6px 10px">'
        f"<strong>Hints to strengthen your answer</strong><ul>{items}</ul></div>"
    )


class Panel(ShowsStaticHtml):
    """Forms and live hints shown together; its ``text/html`` copy holds every answer."""

    def __init__(
        self,
        forms: Sequence[Form],
        *,
        intro_html: str = "",
        hints: Callable[[], list[str]] | None = None,
    ) -> None:
        import ipywidgets as w

        self.forms = list(forms)
        self.intro_html = intro_html
        self._hints = hints
        self.hint_box = w.HTML()
        parts: list[Any] = [w.HTML(intro_html)] if intro_html else []
        parts += [f.widget for f in self.forms]
        if hints is not None:
            parts.append(self.hint_box)
            for form in self.forms:
                form.on_change(lambda _value: self.refresh())
            self.refresh()
        self.widget = w.VBox(parts, layout=w.Layout(width="100%"))

    def hints(self) -> list[str]:
        return self._hints() if self._hints else []

    def refresh(self) -> None:
        self.hint_box.value = hints_html(self.hints())

    def static_html(self) -> str:
        answers = "".join(labelled_answer_html(f.label, f.value, f.question_id) for f in self.forms)
        return self.intro_html + answers

    def static_text(self) -> str:
        return "\n".join(f"{f.label}: {f.value!r}" for f in self.forms)


def panel_with_hints(
    forms: Mapping[str, Form], hints: Callable[[dict[str, Any]], list[str]]
) -> Panel:
    """A panel of ``forms`` whose hints come from their answers, keyed as ``forms`` is.

    The topics' hint functions are pure (``plan_hints({"audience": ..., "message": ...})``);
    this binds one to the forms it reads, so each change re-runs it on the current answers.
    """
    return Panel(
        list(forms.values()),
        hints=lambda: hints({key: form.value for key, form in forms.items()}),
    )
