"""What the pages around the notebooks show, as data (pure: store contents in, values out).

The cover, contents, coverage matrix, attachments, edit summary, declaration and sign-off are
Jinja partials in ``templates/evidence/parts/``; this module only works out what they show.
:class:`PackContext` is everything read from the store, once per export; :class:`Page` is what
differs between the whole pack and a one-notebook page.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..declaration import Declaration
from ..labels import plain_name
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
class EditRow:
    question: str  # the question's label
    first: str
    last: str
    revisions: int


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
    edits: Sequence[EditRow]
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


def edit_rows(
    edit_times: Mapping[str, tuple[str, str]],
    revisions: Mapping[str, int],
    labels: Mapping[str, str] | None = None,
) -> list[EditRow]:
    """First and last edit of each answer, oldest first, with its number of revisions; each
    answer named by its question's label (never its id)."""
    ordered = sorted(edit_times.items(), key=lambda item: (item[1][0], item[0]))
    return [
        EditRow(plain_name(q, labels or {}), when(first), when(last), revisions.get(q, 0))
        for q, (first, last) in ordered
    ]


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
