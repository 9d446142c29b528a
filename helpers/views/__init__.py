"""Display only: the one place that escapes, draws answers and the coverage matrix, and names
statuses. Forms, notebooks, the evidence export and the tutor's status page all use these, so a
fix here reaches every view at once.

- :mod:`.answers`: escaped HTML for any stored answer (text, lists, table rows);
- :mod:`.status`: the three coverage statuses with their labels, symbols and colours;
- :mod:`.pages`: the Jinja environment (autoescape on) that renders the shared templates;
- :mod:`.bundle`: the mixin that shows a widget live and its static HTML everywhere else.
"""

from __future__ import annotations

from .answers import answer_html, escape, labelled_answer_html, paragraphs, table_html
from .bundle import Block, ShowsStaticHtml
from .status import STATUSES, Status, status_of

__all__ = [
    "Block",
    "STATUSES",
    "ShowsStaticHtml",
    "Status",
    "answer_html",
    "escape",
    "labelled_answer_html",
    "paragraphs",
    "status_of",
    "table_html",
]
