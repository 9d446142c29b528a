"""The status matrix as text for a terminal, CSV for a spreadsheet and one offline HTML page."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from markupsafe import Markup

from ..csv_cells import csv_text
from ..views import STATUSES, status_of
from ..views.pages import render
from ..views.status import ASSESSOR_DECIDES
from .status import CohortStatus


def _date(iso: str | None) -> str:
    return iso[:10] if iso else ""


def status_rows(status: CohortStatus) -> list[dict[str, str]]:
    """One flat row per learner (the CSV layout)."""
    rows = []
    for lr in status.learners:
        row = {
            "learner_id": lr.learner_id,
            "name": lr.name,
            "state": lr.state,
            "problem": lr.problem,
            "last_activity": _date(lr.last_activity),
            "answered": str(lr.answered),
            "words": str(lr.words),
            "met": str(lr.count("met")),
            "partly": str(lr.count("partly")),
            "not_yet": str(lr.count("not yet")) if lr.state == "ok" else "",
        }
        row.update({cid: lr.coverage.get(cid, "") for cid in status.criteria})
        rows.append(row)
    return rows


def status_csv(status: CohortStatus) -> str:
    """The matrix as CSV text (formulas in learner text and criterion ids are neutralised)."""
    rows = status_rows(status)
    columns = list(rows[0]) if rows else ["learner_id", *status.criteria]
    return csv_text(columns, ([row[column] for column in columns] for row in rows))


def _units(criteria: list[str]) -> dict[str, list[str]]:
    units: dict[str, list[str]] = {}
    for cid in criteria:
        units.setdefault(cid.split(".")[0], []).append(cid)
    return units


def status_text(status: CohortStatus) -> str:
    """The matrix for a terminal: one letter per criterion, grouped by unit."""
    units = _units(status.criteria)
    width = max([len(lr.learner_id) for lr in status.learners] + [7])
    head = f"{'Learner':<{width}}  {'Name':<20}  {'Last seen':<10}  {'Words':>6}  Found/Partly  "
    head += "  ".join(f"{u:<{len(c)}}" for u, c in units.items())
    lines = [head, "-" * len(head)]
    for lr in status.learners:
        start = f"{lr.learner_id:<{width}}  {lr.name[:20]:<20}  "
        if lr.state != "ok":
            lines.append(f"{start}{lr.state.upper()}: {lr.problem}")
            continue
        cells = "  ".join(
            "".join(status_of(lr.coverage.get(cid, "not yet")).letter for cid in ids).ljust(len(u))
            for u, ids in units.items()
        )
        counts = f"{lr.count('met'):>5}/{lr.count('partly'):<6}"
        lines.append(f"{start}{_date(lr.last_activity):<10}  {lr.words:>6}  {counts}  {cells}")
    lines.append("")
    legend = ", ".join(f"{s.letter} = {s.label.lower()}" for s in STATUSES.values())
    lines.append(f"{legend}. {ASSESSOR_DECIDES}")
    lines.append("Columns in each unit, in order:")
    lines.extend(f"  {u}: {' '.join(ids)}" for u, ids in units.items())
    return "\n".join(lines)


TEMPLATES = Path(__file__).resolve().parent / "templates"


def _when_generated(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d %B %Y, %H:%M UTC")
    except ValueError:
        return iso


def status_html(status: CohortStatus) -> str:
    """The matrix as one offline HTML page: no scripts, nothing remote, every text escaped."""
    return str(
        render(
            "cohort/status.html.j2",
            folders=(str(TEMPLATES),),
            cohort=status.cohort_dir.resolve().name,
            generated=_when_generated(status.generated_at),
            learners=status.learners,
            damaged=sum(1 for lr in status.learners if lr.state != "ok"),
            problems=status.problems,
            criteria=status.criteria,
            units=_units(status.criteria),
            statuses=STATUSES,
            css=Markup((TEMPLATES / "cohort" / "status.css").read_text(encoding="utf-8")),
        )
    )
