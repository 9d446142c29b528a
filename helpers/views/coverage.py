"""The criteria coverage matrix: one set of rows for notebook 07 and the evidence pack.

:func:`coverage_groups` turns coverage (from :func:`helpers.feedback.coverage`) and the criteria
into rows. Notebook 07 draws them with ``views/coverage.html.j2``; the pack, which an assessor
prints, with ``views/coverage_pack.html.j2``: a count per unit first, then one compact row per
criterion (its kind of evidence as a word, the evidence grouped by the part of the notebook it
belongs to). The pack passes ``href_for`` so each piece of evidence links to its place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
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
class EvidenceGroup:
    """Evidence links that belong to one part of a notebook (``title``, such as "Cycle 1:
    Plan"), each named without that part; ``title`` is empty for a link on its own."""

    title: str
    links: list[EvidenceLink]


_PART = re.compile(r"^(?P<name>.+?) \((?P<part>[^()]*(?:\([^()]*\))?[^()]*)\)$")


def _part(name: str) -> tuple[str, str]:
    """A label split into its own words and the part in brackets at its end ("" if none)."""
    found = _PART.match(name)
    return (found.group("name"), found.group("part")) if found else (name, "")


def group_evidence(links: Sequence[EvidenceLink]) -> list[EvidenceGroup]:
    """Links in order, runs of two or more whose labels end in the same part in brackets
    ("The problem (Cycle 1: Plan)", "Root cause (Cycle 1: Plan)") gathered under that part,
    so a long list does not repeat it on every link; the links between such runs stay
    together in an untitled group."""
    split = [_part(link.name) for link in links]
    groups: list[EvidenceGroup] = []
    index = 0
    while index < len(links):
        part = split[index][1]
        end = index + 1
        while part and end < len(links) and split[end][1] == part:
            end += 1
        if end - index > 1:
            names = [EvidenceLink(split[n][0], links[n].href) for n in range(index, end)]
            groups.append(EvidenceGroup(part, names))
        elif groups and not groups[-1].title:
            groups[-1].links.append(links[index])
        else:
            groups.append(EvidenceGroup("", [links[index]]))
        index = end
    return groups


@dataclass(frozen=True)
class CoverageRow:
    criterion_id: str
    text: str
    status: Status
    evidence: list[EvidenceLink] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    knowledge: bool = False  # knowledge evidence only (an explanation or a practice scenario)
    our_ids: list[str] = field(default_factory=list)  # a mapped real id: the course's ids behind it

    @property
    def kind(self) -> str:
        """The kind of evidence the criterion asks for, in a word."""
        return "Knowledge" if self.knowledge else "Performance"

    @property
    def evidence_groups(self) -> list[EvidenceGroup]:
        return group_evidence(self.evidence)


@dataclass(frozen=True)
class CoverageGroup:
    """The criteria of one unit, under the unit's heading."""

    heading: str
    rows: list[CoverageRow]

    @property
    def anchor(self) -> str:
        """The id of the unit's rows in a page ("coverage-SUS")."""
        unit = self.heading.split(":", 1)[0]
        return "coverage-" + re.sub(r"[^A-Za-z0-9_-]", "-", unit)

    @property
    def counts(self) -> dict[str, int]:
        return status_counts([self])


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
