"""What the pages around the notebooks show, as data (pure: store contents in, values out).

The cover, contents, coverage matrix, attachments, edit summary, declaration and sign-off are
Jinja partials in ``templates/evidence/parts/``; this module only works out what they show.
:class:`PackContext` is everything read from the store, once per export; :class:`Page` is what
differs between the whole pack and a one-notebook page.
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..declaration import Declaration
from ..views.coverage import CoverageGroup, coverage_groups, status_counts

if TYPE_CHECKING:
    from ..attachments import Attachment
    from ..criteria import CriteriaSet
    from ..feedback import CoverageEntry

APPENDICES = [
    ("coverage", "Criteria coverage"),
    ("attachments", "Attachments"),
    ("edits", "When answers were written"),
    ("declaration", "Declaration of authenticity"),
    ("signoff", "Assessor and IQA sign-off"),
]
SIGNOFF_ROLES = ("Assessor", "Internal quality assurer (IQA)")


def when(stamp: str | None) -> str:
    """An ISO time as "02 Dec 2026 13:21 UTC" (kept as it is if it is not a time)."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).strftime("%d %b %Y %H:%M UTC")
    except ValueError:
        return stamp


@dataclass(frozen=True)
class NotebookEntry:
    """One notebook in the pack: its anchor, title and failure reason (if it failed)."""

    stem: str
    title: str
    anchor: str
    error: str | None = None


@dataclass(frozen=True)
class AttachmentRow:
    """One attached file as the pack lists it; ``thumbnail`` is a ``data:`` URI or empty."""

    href: str
    name: str
    kind: str
    size: str
    added: str
    caption: str
    sha256: str
    thumbnail: str = ""
    thumbnail_alt: str = ""


@dataclass(frozen=True)
class NotebookEdits:
    """When one notebook's answers were written: how many there are, their first and last
    edit, on how many different days any was saved, and how many answers were edited on how
    many days ("12 on 1 day, 3 on 2 days"). Each answer's full history is in answers.json."""

    notebook: str  # its title
    answers: int
    first: str
    last: str
    days: int
    spread: str


@dataclass(frozen=True)
class PackContext:
    """Everything the pages show that comes from the learner's store, read once per export."""

    profile: Mapping[str, str]
    generated: str
    version: str
    criteria: CriteriaSet
    coverage: Mapping[str, CoverageEntry]
    problems: Sequence[str]
    attachments: Sequence[AttachmentRow]
    edits: Sequence[NotebookEdits]
    declaration: Declaration
    work_span: tuple[str, str] | None = None  # first and last edit of any answer
    kept_personal: Sequence[tuple[str, str]] = ()  # (question's label, reason): kept as written
    labels: Mapping[str, str] = field(default_factory=dict)  # question id -> its label
    keep_guidance: bool = False  # keep the cells tagged learner-guidance (a before/after figure)

    @property
    def learner(self) -> str:
        return self.profile.get("name") or "learner"

    @property
    def requirements(self) -> list[RequirementRow]:
        """What the pack must hold that is not a criterion (the declaration), and if it does."""
        done = {"DECLARATION": self.declaration.signed}
        return [
            RequirementRow(r.id, r.title or r.id, done.get(r.id, False))
            for r in self.criteria.requirements.values()
        ]

    @property
    def cover_rows(self) -> list[tuple[str, str]]:
        return [
            ("Learner", self.profile.get("name", "")),
            ("Learner number", self.profile.get("learner_id", "")),
            ("Centre", self.profile.get("centre", "")),
            ("Organisation", self.profile.get("organisation", "")),
            ("Job role", self.profile.get("job_role", "")),
            ("Date generated", self.generated),
            ("Project version", self.version),
            ("Assessment criteria", self.criteria.title),
        ]


@dataclass(frozen=True)
class RequirementRow:
    id: str
    title: str
    met: bool


@dataclass(frozen=True)
class Page:
    """One page of the pack: the whole pack, or one notebook with its own criteria."""

    title: str
    heading: str
    entries: Sequence[NotebookEntry]
    coverage: Sequence[CoverageGroup]
    appendices: Sequence[tuple[str, str]] = field(default_factory=lambda: list(APPENDICES))

    @property
    def counts(self) -> dict[str, int]:
        return status_counts(self.coverage)


def attachment_rows(attachments: Sequence[Attachment], area: Path) -> list[AttachmentRow]:
    """The pack's list of attached files; picture thumbnails are embedded as ``data:`` URIs."""
    rows = []
    for a in attachments:
        thumb = a.thumbnail_path(area) if a.thumbnail else None
        src = ""
        if thumb is not None and thumb.is_file():
            src = "data:image/png;base64," + base64.b64encode(thumb.read_bytes()).decode("ascii")
        rows.append(
            AttachmentRow(
                href=f"attachments/{a.stored_name}",
                name=a.original_name,
                kind=a.kind,
                size=f"{a.size:,}",
                added=a.added[:10],
                caption=a.caption,
                sha256=a.sha256,
                thumbnail=src,
                thumbnail_alt=a.caption or a.original_name,
            )
        )
    return rows


OTHER_RECORDS = "Attached files and other records"
_NUMBER = re.compile(r"^(\d\d)\.")


def edit_summary(
    edit_times: Mapping[str, tuple[str, str]],
    days_saved: Mapping[str, set[str]],
    notebooks: Sequence[tuple[str, str]],
) -> list[NotebookEdits]:
    """One row per notebook with saved answers, in the notebooks' order: ``notebooks`` is
    (two-digit number, title) of each; an answer belongs to the notebook its id starts with,
    anything else (an attachment's record) to a last row. ``days_saved`` is the days (ISO
    dates) each answer was saved on, from its history; without it, its first and last edit."""
    titles = {number: title for number, title in notebooks}
    order = [title for _, title in notebooks] + [OTHER_RECORDS]
    rows: dict[str, list[str]] = {}
    for question in edit_times:
        found = _NUMBER.match(question)
        title = titles.get(found.group(1), OTHER_RECORDS) if found else OTHER_RECORDS
        rows.setdefault(title, []).append(question)
    summary = []
    for title in sorted(rows, key=order.index):
        questions = rows[title]
        days = {q: days_saved.get(q) or {t[:10] for t in edit_times[q]} for q in questions}
        spread = Counter(len(d) for d in days.values())
        summary.append(
            NotebookEdits(
                notebook=title,
                answers=len(questions),
                first=when(min(edit_times[q][0] for q in questions)),
                last=when(max(edit_times[q][1] for q in questions)),
                days=len(set().union(*days.values())),
                spread=", ".join(
                    f"{n} on {d} day{'s' if d > 1 else ''}" for d, n in sorted(spread.items())
                ),
            )
        )
    return summary


def work_span(edit_times: Mapping[str, tuple[str, str]]) -> tuple[str, str] | None:
    """When work on the answers began and when it last changed, if anything was saved."""
    if not edit_times:
        return None
    return when(min(f for f, _ in edit_times.values())), when(
        max(last for _, last in edit_times.values())
    )


def page_coverage(
    context: PackContext, href_for: Callable[[str], str | None], only: set[str] | None = None
) -> list[CoverageGroup]:
    """The coverage rows one page shows, linking each piece of evidence with ``href_for``."""
    return coverage_groups(
        context.coverage, context.criteria, only=only, href_for=href_for, labels=context.labels
    )
