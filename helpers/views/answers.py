"""Static, escaped HTML for answers: used beside widgets and by the evidence export.

Everything a learner typed goes through :func:`html.escape` here, so no answer can inject markup.
"""

from __future__ import annotations

import html
from typing import Any


def escape(value: Any) -> str:
    """``value`` as text safe inside HTML (``None`` is empty). The only escape helper."""
    return html.escape("" if value is None else str(value))


def paragraphs(text: str) -> str:
    """Learner text as escaped paragraphs, keeping their line breaks."""
    blocks = [b for b in str(text).replace("\r\n", "\n").split("\n\n") if b.strip()]
    return "".join(f"<p>{escape(b).replace(chr(10), '<br>')}</p>" for b in blocks)


def answer_html(value: Any, depth: int = 0) -> str:
    """Render any stored answer (text, number, list, table rows, dict) as safe HTML.

    A store is untrusted input (it can be edited by hand): fields nested deeper than a person
    would type are summarised, and a number too long to write out is described, never raised.
    """
    if depth > MAX_DEPTH:
        return "<p><em>(more fields, nested too deeply to show)</em></p>"
    if value is None or value == "" or value == [] or value == {}:
        return '<p class="cw-unanswered"><em>Not answered yet.</em></p>'
    if isinstance(value, str):
        return paragraphs(value) or '<p class="cw-unanswered"><em>Not answered yet.</em></p>'
    if isinstance(value, bool):
        return f"<p>{'Yes' if value else 'No'}</p>"
    if isinstance(value, int | float):
        return f"<p>{escape(_number_text(value))}</p>"
    if isinstance(value, list) and value and all(isinstance(r, dict) for r in value):
        return table_html(value)
    if isinstance(value, list):
        return "<ul>" + "".join(f"<li>{answer_html(v, depth + 1)}</li>" for v in value) + "</ul>"
    if isinstance(value, dict):
        items = "".join(
            f"<dt>{escape(k)}</dt><dd>{answer_html(v, depth + 1)}</dd>" for k, v in value.items()
        )
        return f"<dl>{items}</dl>"
    return f"<p>{escape(value)}</p>"


MAX_DEPTH = 8
_SAVED_AS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "yes or no"),
    ((int, float), "a number"),
    (str, "text"),
    (list, "a list"),
    (dict, "a group of fields"),
)


def _number_text(value: int | float) -> str:
    try:
        return str(value)
    except ValueError:  # Python refuses to write out an int of more than 4,300 digits
        return "a number too long to show"


def saved_as(value: Any) -> str:
    """What kind of value was saved, in plain words ("text", "a number", "a list"...)."""
    return next((words for kind, words in _SAVED_AS if isinstance(value, kind)), "something else")


def unshowable_answer_html(
    label: str, value: Any, expected: str, question_id: str | None = None
) -> str:
    """A labelled block for an answer saved in a form its box cannot show (a store edited by
    hand, an older version): one plain sentence, then what was saved, escaped."""
    qid = f' data-question="{escape(question_id)}"' if question_id else ""
    note = f"This answer could not be shown as {expected}: it was saved as {saved_as(value)}."
    return (
        f'<div class="cw-answer"{qid}><p class="cw-answer-label"><strong>{escape(label)}</strong></p>'
        f'<p class="cw-unshowable"><em>{escape(note)}</em></p>{answer_html(value)}</div>'
    )


def table_html(
    rows: list[dict[str, Any]], columns: list[str] | None = None, *, align_left: bool = False
) -> str:
    """Rows of fields as an escaped HTML table with a header row.

    ``align_left`` aligns every cell left and top inline: notebook CSS right-aligns table cells
    (made for numbers), which reads badly for tables of words such as a plan's actions.
    """
    cols = columns or list(dict.fromkeys(k for r in rows for k in r))
    at = ' style="text-align:left;vertical-align:top"' if align_left else ""
    head = "".join(f'<th scope="col"{at}>{escape(c)}</th>' for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td{at}>{_cell(r.get(c, ''))}</td>" for c in cols) + "</tr>"
        for r in rows
    )
    return f'<table class="cw-answer-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _cell(value: Any) -> str:
    return escape(_number_text(value) if isinstance(value, int) else value)


def labelled_answer_html(label: str, value: Any, question_id: str | None = None) -> str:
    """A labelled block for one answer; ``data-question`` lets the export find it."""
    qid = f' data-question="{escape(question_id)}"' if question_id else ""
    return (
        f'<div class="cw-answer"{qid}><p class="cw-answer-label"><strong>{escape(label)}</strong></p>'
        f"{answer_html(value)}</div>"
    )


def image_html(src: str, alt: str) -> str:
    """An embedded picture (``src`` is a ``data:`` URI) with its alt text, escaped."""
    return f'<img src="{escape(src)}" alt="{escape(alt)}">'
