"""One mixin for "a live widget in JupyterLab, static HTML everywhere else"."""

from __future__ import annotations

from typing import Any


class ShowsStaticHtml:
    """Shows ``self.widget`` when a kernel is attached and :meth:`static_html` otherwise.

    Jupyter picks the richest view it can: JupyterLab draws the widget, while the saved notebook,
    nbconvert and a page with JavaScript off fall back to ``text/html``, so every answer shows in
    the evidence pack without widget state. Subclasses set ``widget`` and override
    :meth:`static_html` (and :meth:`static_text` for a plain-text twin).
    """

    widget: Any

    def static_html(self) -> str:
        raise NotImplementedError

    def static_text(self) -> str:
        return "(run the notebook to see this)"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = dict(self.widget._repr_mimebundle_() or {})
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = self.static_text()
        return bundle


class Block:
    """Static HTML with a plain-text twin: shows the same with JavaScript off and in exports."""

    def __init__(self, html: str, text: str) -> None:
        self.html = html
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Block) and (self.html, self.text) == (other.html, other.text)

    def __repr__(self) -> str:
        return f"Block({self.text!r})"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/html": self.html, "text/plain": self.text}
