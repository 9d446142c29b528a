"""The criteria coverage matrix: one table for notebook 07 and the evidence pack.

:func:`coverage_groups` turns coverage (from :func:`helpers.feedback.coverage`) and the criteria
into rows; ``views/coverage.html.j2`` draws them. The pack passes ``href_for`` so each piece of
evidence links to its place; the notebook shows the same table without links.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from markupsafe import Markup

from ..labels import plain_name, plain_names
from .pages import environment
from .status import ASSESSOR_DECIDES, STATUSES, Status, status_of


class CoverageLike(Protocol):
    """What the matrix reads of one criterion's coverage (``feedback.CoverageEntry``)."""

    status: str
    evidence: list[str]
    reasons: list[str]
    unanswered: list[str]


@dataclass(frozen=True)
class EvidenceLink:
    """One piece of evidence: its question's label and where it is in the pack (``None``: no
    link)."""

    name: str
    href: str | None = None


@dataclass(frozen=True)
class CoverageRow:
    criterion_id: str
    text: str
    status: Status
    evidence: list[EvidenceLink] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    knowledge: bool = False  # knowledge evidence only (an explanation or a practice scenario)
    our_ids: list[str] = field(default_factory=list)  # a mapped real id: the course's ids behind it


@dataclass(frozen=True)
class CoverageGroup:
    """The criteria of one unit, under the unit's heading."""

    heading: str
    rows: list[CoverageRow]


def coverage_groups(
    coverage: Mapping[str, CoverageLike],
    criteria: Any,
    *,
    only: set[str] | None = None,
    href_for: Callable[[str], str | None] = lambda question: None,
    labels: Mapping[str, str] | None = None,
) -> list[CoverageGroup]:
    """Rows of the matrix, grouped by unit; ``only`` keeps some criteria (a one-notebook page).

    Questions are named by their ``labels`` (:func:`helpers.criteria.question_labels`), never
    by id."""
    groups = []
    names = labels or {}
    for unit in criteria.units:
        rows = [
            _row(criterion, coverage.get(criterion.id), href_for, names)
            for outcome in unit.outcomes
            for criterion in outcome.criteria
            if only is None or criterion.id in only
        ]
        if rows:
            groups.append(CoverageGroup(f"{unit.id}: {unit.title}", rows))
    return groups


def _row(
    criterion: Any,
    entry: CoverageLike | None,
    href_for: Callable[[str], str | None],
    labels: Mapping[str, str],
) -> CoverageRow:
    knowledge = getattr(criterion, "evidence", "performance") == "knowledge"
    ours = list(getattr(criterion, "maps_to", ()) or ())
    if entry is None:
        return CoverageRow(
            criterion.id, criterion.text, STATUSES["not yet"], knowledge=knowledge, our_ids=ours
        )
    links = [EvidenceLink(plain_name(q, labels), href_for(q)) for q in entry.evidence]
    reasons = list(entry.reasons)
    missing = plain_names(getattr(entry, "unanswered", []), labels)
    if missing:
        shown = "; ".join(missing[:6]) + (" and more" if len(missing) > 6 else "")
        reasons.append(f"Not answered yet: {shown}.")
    return CoverageRow(
        criterion.id,
        criterion.text,
        status_of(entry.status),
        links,
        reasons,
        knowledge,
        ours,
    )


def status_counts(groups: Iterable[CoverageGroup]) -> dict[str, int]:
    """How many criteria are at each status (keys as in :data:`STATUSES`)."""
    counts = dict.fromkeys(STATUSES, 0)
    for group in groups:
        for row in group.rows:
            counts[row.status.key] += 1
    return counts


def coverage_matrix_html(groups: list[CoverageGroup], note: str = "") -> Markup:
    """The matrix as escaped HTML, with a count of each status (and ``note``) above it."""
    table = environment().get_template("views/coverage.html.j2").module.coverage_table  # type: ignore[attr-defined]
    return Markup(table(groups, status_counts(groups), note, ASSESSOR_DECIDES))
