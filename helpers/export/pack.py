"""The parts of the evidence pack around the notebooks, as escaped HTML (pure: data in, HTML out).

Cover page, table of contents, criteria coverage matrix, attachments, the dated edit summary,
the declaration and the blank assessor / IQA sign-off block. Every learner-supplied string
passes through :func:`html.escape`; thumbnails are embedded as ``data:`` URIs so the pack
loads nothing from anywhere.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..views import answer_html

STATUS_TEXT = {"met": "Met", "partly": "Partly", "not yet": "Not yet"}


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _when(stamp: str | None) -> str:
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).strftime("%d %b %Y %H:%M UTC")
    except ValueError:
        return stamp


@dataclass
class NotebookEntry:
    """One notebook in the pack: its anchor, title and failure reason (if it failed)."""

    stem: str
    title: str
    anchor: str
    error: str | None = None


def cover_html(
    profile: Mapping[str, str],
    *,
    generated: str,
    version: str,
    criteria_title: str,
    heading: str = "Evidence pack",
) -> str:
    """The cover page: whose work, where, when generated and by which version."""
    rows = [
        ("Learner", profile.get("name")),
        ("Learner number", profile.get("learner_id")),
        ("Centre", profile.get("centre")),
        ("Organisation", profile.get("organisation")),
        ("Job role", profile.get("job_role")),
        ("Date generated", generated),
        ("Project version", version),
        ("Assessment criteria", criteria_title),
    ]
    items = "".join(
        f"<dt>{_e(k)}</dt><dd>{_e(v) if v else '<em>not given</em>'}</dd>" for k, v in rows
    )
    name = profile.get("name") or "learner"
    return (
        f'<header class="cw-cover"><h1>{_e(heading)}: {_e(name)}</h1>'
        "<p>Customer service coursework: sustainability, the service environment, "
        "continuous improvement and a sustainable team.</p>"
        f"<dl>{items}</dl></header>"
    )


APPENDICES = [
    ("coverage", "Criteria coverage"),
    ("attachments", "Attachments"),
    ("edits", "When answers were written"),
    ("declaration", "Declaration of authenticity"),
    ("signoff", "Assessor and IQA sign-off"),
]


def contents_html(notebooks: Sequence[NotebookEntry]) -> str:
    """Table of contents linking every notebook and appendix."""
    items = "".join(
        f'<li><a href="#{_e(n.anchor)}">{_e(n.title)}</a>'
        f"{' (could not be generated)' if n.error else ''}</li>"
        for n in notebooks
    )
    items += "".join(f'<li><a href="#{a}">{_e(t)}</a></li>' for a, t in APPENDICES)
    return f'<nav class="cw-contents" id="contents" aria-labelledby="contents-title"><h2 id="contents-title">Contents</h2><ol>{items}</ol></nav>'


def failed_notice(reason: str) -> str:
    """Shown in place of a notebook that could not be run."""
    return (
        '<div class="cw-failed" role="note"><p><strong>This section could not be generated: '
        f"{_e(reason)}</strong></p><p>The learner's saved answers for it are shown below; "
        "charts may be missing.</p></div>"
    )


def coverage_html(
    coverage: Mapping[str, Any],
    criteria: Any,
    anchor_for: Callable[[str], str | None],
    problems: Sequence[str] = (),
    only: set[str] | None = None,
) -> str:
    """The criteria coverage matrix: status per criterion with links to the evidence.

    ``only`` limits the rows to some criteria (a one-notebook page).
    """
    rows = []
    for unit in criteria.units:
        wanted = [c for o in unit.outcomes for c in o.criteria if only is None or c.id in only]
        if not wanted:
            continue
        rows.append(
            f'<tr><th scope="colgroup" colspan="4">{_e(unit.id)}: {_e(unit.title)}</th></tr>'
        )
        for outcome in unit.outcomes:
            for criterion in outcome.criteria:
                if only is not None and criterion.id not in only:
                    continue
                entry = coverage.get(criterion.id)
                status = entry.status if entry else "not yet"
                links = []
                for question in entry.evidence if entry else []:
                    target = anchor_for(question)
                    links.append(
                        f'<a href="{_e(target)}">{_e(question)}</a>' if target else _e(question)
                    )
                reasons = "".join(f"<li>{_e(r)}</li>" for r in (entry.reasons if entry else []))
                rows.append(
                    f'<tr><th scope="row">{_e(criterion.id)}</th><td>{_e(criterion.text)}</td>'
                    f'<td class="cw-status-{status.replace(" ", "-")}">{STATUS_TEXT.get(status, status)}</td>'
                    f"<td>{', '.join(links) or '<em>none yet</em>'}"
                    f"{f'<ul>{reasons}</ul>' if reasons else ''}</td></tr>"
                )
    notes = "".join(f"<li>{_e(p)}</li>" for p in problems)
    warning = (
        f'<div class="cw-failed" role="note"><p><strong>Problems with the criteria mapping:</strong></p><ul>{notes}</ul></div>'
        if notes
        else ""
    )
    return (
        '<section class="cw-appendix" id="coverage" aria-labelledby="coverage-title">'
        '<h2 id="coverage-title">Criteria coverage</h2>'
        "<p>Formative guidance made from the answers by fixed rules. It is not a mark: "
        "the assessor decides whether each criterion is met.</p>"
        f"{warning}"
        '<table class="cw-matrix"><caption>Each criterion, how far the evidence covers it, and '
        "where to find it</caption><thead><tr>"
        '<th scope="col">Criterion</th><th scope="col">What it asks</th>'
        '<th scope="col">Status</th><th scope="col">Evidence and what is missing</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _thumbnail(attachment: Any, area: Path) -> str:
    path = attachment.thumbnail_path(area) if attachment.thumbnail else None
    if not path or not path.is_file():
        return ""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    alt = attachment.caption or attachment.original_name
    return f'<img class="cw-thumb" src="data:image/png;base64,{data}" alt="{_e(alt)}">'


def attachments_html(attachments: Sequence[Any], area: Path) -> str:
    """Attached files: thumbnails for pictures, captions, size, date and SHA-256."""
    if attachments:
        rows = "".join(
            "<tr>"
            f"<td>{_thumbnail(a, area)}</td>"
            f'<td><a href="attachments/{_e(a.stored_name)}">{_e(a.original_name)}</a><br>'
            f"{_e(a.kind)}, {a.size:,} bytes, added {_e(a.added[:10])}</td>"
            f"<td>{_e(a.caption) if a.caption else '<em>no caption</em>'}</td>"
            f'<td><code class="cw-sha">{_e(a.sha256)}</code></td></tr>'
            for a in attachments
        )
        body = (
            '<table class="cw-attachments"><caption>Files attached as evidence (in the '
            "attachments folder of the zip)</caption><thead><tr>"
            '<th scope="col">Preview</th><th scope="col">File</th><th scope="col">Caption</th>'
            f'<th scope="col">SHA-256</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    else:
        body = "<p><em>No files were attached.</em></p>"
    return (
        '<section class="cw-appendix" id="attachments" aria-labelledby="attachments-title">'
        f'<h2 id="attachments-title">Attachments</h2>{body}</section>'
    )


def edits_html(
    edit_times: Mapping[str, tuple[str, str]],
    revisions: Mapping[str, int],
    labels: Mapping[str, str] | None = None,
) -> str:
    """When each answer was first and last edited (from the store), oldest first."""
    ordered = sorted(edit_times.items(), key=lambda item: (item[1][0], item[0]))
    rows = "".join(
        f'<tr><th scope="row">{_e(q)}</th><td>{_e(_when(first))}</td><td>{_e(_when(last))}</td>'
        f"<td>{revisions.get(q, 0)}</td></tr>"
        for q, (first, last) in ordered
    )
    if rows:
        first_all = _when(ordered[0][1][0])
        last_all = _when(max(last for _, (_, last) in ordered))
        body = (
            f"<p>Work on these answers ran from <strong>{_e(first_all)}</strong> to "
            f"<strong>{_e(last_all)}</strong>.</p>"
            '<table class="cw-edits"><caption>First and last edit of each answer, with the '
            "number of saved revisions</caption><thead><tr>"
            '<th scope="col">Question</th><th scope="col">First edited</th>'
            '<th scope="col">Last edited</th><th scope="col">Revisions</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    else:
        body = "<p><em>No answers have been saved yet.</em></p>"
    return (
        '<section class="cw-appendix" id="edits" aria-labelledby="edits-title">'
        f'<h2 id="edits-title">When answers were written</h2>{body}</section>'
    )


def declaration_html(answers: Mapping[str, Any], saved_at: str | None) -> str:
    """The learner's declaration of authenticity, as they signed it (or a clear "not signed")."""
    agreed = answers.get("07.declaration.agree")
    signed = agreed is True or (isinstance(agreed, list) and bool(agreed))
    name = answers.get("07.declaration.name")
    date = answers.get("07.declaration.date")
    text = answers.get("07.declaration.statement")
    if signed and name:
        body = (
            "<p>I confirm that the evidence in this pack is my own work, that I have said where "
            "I used other people's words or figures, and that the data about people has been "
            "anonymised.</p>"
            f"<p><strong>Signed (typed):</strong> {_e(name)}<br><strong>Date:</strong> {_e(date)}"
            f"<br><strong>Saved:</strong> {_e(_when(saved_at))}</p>"
            + (answer_html(text) if text else "")
        )
    else:
        body = '<p class="cw-unanswered"><strong>Not signed yet.</strong> The learner has not completed the declaration in notebook 07.</p>'
    return (
        '<section class="cw-appendix" id="declaration" aria-labelledby="declaration-title">'
        f'<h2 id="declaration-title">Declaration of authenticity</h2>{body}</section>'
    )


def signoff_html() -> str:
    """A blank block for the assessor's and the internal quality assurer's signatures."""
    rows = "".join(
        f'<tr><th scope="row">{_e(role)}</th><td></td><td></td><td></td></tr>'
        for role in ("Assessor", "Internal quality assurer (IQA)")
    )
    return (
        '<section class="cw-appendix" id="signoff" aria-labelledby="signoff-title">'
        '<h2 id="signoff-title">Assessor and IQA sign-off</h2>'
        '<table class="cw-signoff"><caption>To be completed by hand or in the centre\'s '
        "system</caption><thead><tr>"
        '<th scope="col">Role</th><th scope="col">Name</th><th scope="col">Signature</th>'
        '<th scope="col">Date</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        '<p>Comments:</p><div class="cw-answer" style="min-height:6rem"></div></section>'
    )
