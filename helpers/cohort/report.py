"""The status matrix as text for a terminal, CSV for a spreadsheet and one offline HTML page."""

from __future__ import annotations

import csv
import html
import io
from datetime import datetime

from .status import CohortStatus, LearnerStatus

_LETTER = {"met": "M", "partly": "P", "not yet": "-"}


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


def _csv_safe(text: str) -> str:
    # A cell starting with = + - @ runs as a formula in a spreadsheet: make it plain text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def status_csv(status: CohortStatus) -> str:
    """The matrix as CSV text (spreadsheet formulas in learner text are neutralised)."""
    rows = status_rows(status)
    out = io.StringIO()
    columns = list(rows[0]) if rows else ["learner_id", *status.criteria]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_safe(v) for k, v in row.items()})
    return out.getvalue()


def _units(criteria: list[str]) -> dict[str, list[str]]:
    units: dict[str, list[str]] = {}
    for cid in criteria:
        units.setdefault(cid.split(".")[0], []).append(cid)
    return units


def status_text(status: CohortStatus) -> str:
    """The matrix for a terminal: one letter per criterion, grouped by unit."""
    units = _units(status.criteria)
    width = max([len(lr.learner_id) for lr in status.learners] + [7])
    head = f"{'Learner':<{width}}  {'Name':<20}  {'Last seen':<10}  {'Words':>6}  Met/Partly  "
    head += "  ".join(f"{u:<{len(c)}}" for u, c in units.items())
    lines = [head, "-" * len(head)]
    for lr in status.learners:
        start = f"{lr.learner_id:<{width}}  {lr.name[:20]:<20}  "
        if lr.state != "ok":
            lines.append(f"{start}{lr.state.upper()}: {lr.problem}")
            continue
        cells = "  ".join(
            "".join(_LETTER[lr.coverage.get(cid, "not yet")] for cid in ids).ljust(len(u))
            for u, ids in units.items()
        )
        counts = f"{lr.count('met'):>3}/{lr.count('partly'):<6}"
        lines.append(f"{start}{_date(lr.last_activity):<10}  {lr.words:>6}  {counts}  {cells}")
    lines.append("")
    lines.append("M = met, P = partly, - = not yet. Columns in each unit, in order:")
    lines.extend(f"  {u}: {' '.join(ids)}" for u, ids in units.items())
    return "\n".join(lines)


_STATUS_CSS = """
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;color:#1a1a1a;margin:1.5rem;line-height:1.4}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #8a8a8a;padding:.2rem .35rem}
th{background:#eee;text-align:left;font-weight:600}th.unit{text-align:center}
th.criterion{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;padding:.35rem .1rem}
td.status{text-align:center;min-width:1.3rem;padding:.2rem .1rem;font-weight:600}
.met{background:#cde8c8}.partly{background:#fbe0a1}.not-yet{background:#fff;color:#595959}
td.problem{background:#f6d5d5}td.number{text-align:right}td,th{white-space:nowrap}
.legend span{display:inline-block;padding:0 .5rem;margin-right:.5rem;border:1px solid #8a8a8a}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{body{margin:0;font-size:9pt}}
"""
_SHORT = {"met": "M", "partly": "P", "not yet": "\u2013"}


def _when_generated(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d %B %Y, %H:%M UTC")
    except ValueError:
        return iso


def _status_cell(label: str, criterion: str) -> str:
    css = label.replace(" ", "-")
    return (
        f'<td class="status {css}" title="{html.escape(criterion)}: {label}">'
        f'<span aria-hidden="true">{_SHORT[label]}</span><span class="sr">{label}</span></td>'
    )


def _status_table_head(criteria: list[str]) -> str:
    e = html.escape
    units = "".join(
        f'<th scope="colgroup" class="unit" colspan="{len(ids)}">{e(unit)}</th>'
        for unit, ids in _units(criteria).items()
    )
    fixed = ["Learner", "Name", "Last activity", "Words", "Met", "Partly"]
    first = "".join(f'<th scope="col" rowspan="2">{e(name)}</th>' for name in fixed)
    crits = "".join(f'<th scope="col" class="criterion">{e(cid)}</th>' for cid in criteria)
    return f"<tr>{first}{units}</tr><tr>{crits}</tr>"


def _status_table_row(lr: LearnerStatus, criteria: list[str]) -> str:
    e = html.escape
    first = f'<th scope="row">{e(lr.learner_id)}</th><td>{e(lr.name)}</td>'
    if lr.state != "ok":
        return (
            f'<tr>{first}<td class="problem" colspan="{len(criteria) + 4}"><strong>'
            f"{e(lr.state.capitalize())}</strong>: {e(lr.problem)}</td></tr>"
        )
    cells = "".join(_status_cell(lr.coverage.get(cid, "not yet"), cid) for cid in criteria)
    numbers = "".join(
        f'<td class="number">{n}</td>' for n in (lr.words, lr.count("met"), lr.count("partly"))
    )
    return f"<tr>{first}<td>{e(_date(lr.last_activity))}</td>{numbers}{cells}</tr>"


def status_html(status: CohortStatus) -> str:
    """The matrix as one offline HTML page: no scripts, nothing remote, every text escaped."""
    e = html.escape
    rows = "\n".join(_status_table_row(lr, status.criteria) for lr in status.learners)
    problems = sum(1 for lr in status.learners if lr.state != "ok")
    name = e(status.cohort_dir.resolve().name)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cohort progress: {name}</title>
<style>{_STATUS_CSS}</style>
</head>
<body>
<main>
<h1>Cohort progress: {name}</h1>
<p>Made on {e(_when_generated(status.generated_at))} from {len(status.learners)} learner
folders ({problems} with a missing or damaged answers file). Each criterion's status comes from
the checks learners see under "What your assessor will look for": guidance, not a mark.</p>
<p class="legend"><span class="met">M = met</span><span class="partly">P = partly</span>
<span class="not-yet">\u2013 = not yet</span></p>
<table>
<caption class="sr">Learners by assessment criterion</caption>
<thead>{_status_table_head(status.criteria)}</thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>
"""
