"""Make docs/criteria.md: every examiner marking point, its criterion and where it is evidenced.

Reads data/reference/marking_points.yml, data/reference/criteria.yml and the "##" headings of the
notebook sources in tools/notebooks/. ``python tools/criteria_doc.py`` writes the page;
``--check`` exits 1 if the page is out of date or a point is unmapped or maps to something
that does not exist (tests/unit/test_marking_points.py runs the same checks).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
POINTS = ROOT / "data" / "reference" / "marking_points.yml"
DOC = ROOT / "docs" / "criteria.md"
SOURCES = ROOT / "tools" / "notebooks"
sys.path.insert(0, str(ROOT))

from helpers.criteria import CriteriaSet, load_criteria  # noqa: E402

HEADING = re.compile(r"^\s*##\s+(.+?)\s*$", re.MULTILINE)
# A point without a kind is an examiner marking point; the others come from other parts of a seed.
KINDS = ("article section", "key concept", "exam tip", "common mistake")


def load_points(path: Path = POINTS) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def notebook_headings(folder: Path = SOURCES) -> dict[str, set[str]]:
    """Notebook number ("04") -> the "##" headings written in its source."""
    return {
        source.stem[1:3]: set(HEADING.findall(source.read_text(encoding="utf-8")))
        for source in sorted(folder.glob("n[0-9][0-9]_*.py"))
    }


def split_section(section: str) -> tuple[str, str]:
    notebook, _, heading = section.partition(": ")
    return notebook.strip(), heading.strip()


def problems(
    data: dict[str, Any], criteria: CriteriaSet, headings: dict[str, set[str]]
) -> list[str]:
    """Each marking point that is unmapped or names an unknown criterion or section."""
    found = []
    for point in data.get("points", []):
        pid = point.get("id", "?")
        if not point.get("summary"):
            found.append(f"{pid} has no summary.")
        if str(point.get("seed")) not in data.get("seeds", {}):
            found.append(f"{pid} names seed {point.get('seed')}, which is not listed.")
        if point.get("kind") and point["kind"] not in KINDS:
            found.append(f"{pid} has kind {point['kind']}, which is not one of {', '.join(KINDS)}.")
        if not point.get("criteria"):
            found.append(f"{pid} is not mapped to any criterion.")
        for cid in point.get("criteria", []):
            if cid not in criteria.criteria:
                found.append(f"{pid} maps to {cid}, which is not in {criteria.path.name}.")
        if not point.get("sections"):
            found.append(f"{pid} names no notebook section.")
        for section in point.get("sections", []):
            notebook, heading = split_section(section)
            if heading not in headings.get(notebook, set()):
                found.append(f'{pid} names section "{section}", which no notebook has.')
    return found


def untraced(data: dict[str, Any], criteria: CriteriaSet) -> list[str]:
    """Criteria of ``criteria`` that no point of any seed leads to (each should come from one)."""
    traced = {cid for point in data.get("points", []) for cid in point.get("criteria", [])}
    return [cid for cid in criteria.criteria if cid not in traced]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render(data: dict[str, Any], criteria: CriteriaSet) -> str:
    lines = [
        "# Criteria and the seeds' marking points",
        "",
        "<!-- Made by python tools/criteria_doc.py from data/reference/marking_points.yml. -->",
        "",
        f"The course's criteria ({criteria.title}, version {criteria.version}) are our own. They",
        "are not a regulated unit's criteria and their ids follow no awarding body's numbering.",
        "They were written from the examiner marking points of the course seeds; this table shows",
        "each marking point (in our words), the criterion that covers it and the notebook section",
        "where the learner's evidence for it is. A test fails if a point is unmapped or names a",
        "criterion or a section that does not exist.",
        "",
        "Some criteria come from a seed's key concepts, exam tips or common mistakes rather than",
        "from a marking point (for example the seed topics of notebook 04: moments of truth,",
        "customer relationships, SLAs, communication and escalation). Those rows say so, so",
        "every criterion can be traced to the seed it comes from.",
        "",
        "Criteria marked *knowledge* are met by explanations or by a practice scenario (such as",
        "the invented complaint in notebook 04): they are knowledge evidence, not performance",
        "evidence. The declaration of authenticity is a requirement of the pack, not a criterion.",
        "",
        "A mapping to a real, public specification is kept apart, in",
        "`data/reference/criteria_inscs017.yml`; choose it with `--criteria` or",
        "`COURSEWORK_CRITERIA`.",
        "",
    ]
    for seed, title in data["seeds"].items():
        points = [p for p in data["points"] if str(p["seed"]) == str(seed)]
        lines += [f"## Seed {seed}: {title}", ""]
        if all(p.get("kind") == "article section" for p in points):
            lines += [
                "This seed has no examiner marking points. Its sections are listed instead.",
                "",
            ]
        lines += [
            "| Point | In our words | Criterion | Where the evidence is |",
            "|---|---|---|---|",
        ]
        for p in points:
            crits = "<br>".join(
                f"{cid} ({'knowledge' if criteria.criteria[cid].knowledge_only else 'performance'})"
                for cid in p["criteria"]
            )
            where = "<br>".join(
                f"Notebook {nb}, {heading}" for nb, heading in map(split_section, p["sections"])
            )
            kind = f" ({p['kind']})" if p.get("kind") and p["kind"] != "article section" else ""
            lines.append(f"| {p['id']}{kind} | {_cell(p['summary'])} | {crits} | {_cell(where)} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    data, criteria = load_points(), load_criteria(ROOT / "data" / "reference" / "criteria.yml")
    found = problems(data, criteria, notebook_headings())
    found += [f"{cid} comes from no seed point." for cid in untraced(data, criteria)]
    for problem in found:
        print(problem, file=sys.stderr)
    page = render(data, criteria)
    if "--check" in argv:
        stale = not DOC.is_file() or DOC.read_text(encoding="utf-8") != page
        if stale:
            print(
                "docs/criteria.md is out of date: run python tools/criteria_doc.py", file=sys.stderr
            )
        return 1 if found or stale else 0
    DOC.write_text(page, encoding="utf-8")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
