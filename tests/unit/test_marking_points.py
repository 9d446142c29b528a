"""Every examiner marking point of every seed is covered by a criterion and a notebook section.

The marking points are kept in our own words in data/reference/marking_points.yml (the tests read
nothing outside the repository); docs/criteria.md is made from them by tools/criteria_doc.py.
"""

from __future__ import annotations

import copy
import sys

from helpers.criteria import load_criteria
from tests.paths import REPO

sys.path.insert(0, str(REPO / "tools"))
import criteria_doc  # noqa: E402

# Examiner marking points per seed, counted in the seeds themselves (seed 004 is an article).
EXAMINER_POINTS = {"000": 7, "001": 3, "002": 3, "003": 6, "004": 0}


def test_every_marking_point_maps_to_a_known_criterion_and_section() -> None:
    data = criteria_doc.load_points()
    found = criteria_doc.problems(data, load_criteria(), criteria_doc.notebook_headings())
    assert found == []


def test_every_seeds_marking_points_are_all_there() -> None:
    points = criteria_doc.load_points()["points"]
    examiner = [p for p in points if p.get("kind") != "article section"]
    counts = {seed: sum(str(p["seed"]) == seed for p in examiner) for seed in EXAMINER_POINTS}
    assert counts == EXAMINER_POINTS
    assert len({p["id"] for p in points}) == len(points)


def test_an_unmapped_point_or_unknown_criterion_or_section_is_reported() -> None:
    data = criteria_doc.load_points()
    broken = copy.deepcopy(data)
    broken["points"][0]["criteria"] = []
    broken["points"][1]["criteria"] = ["CI.1.4"]
    broken["points"][2]["sections"] = ["03: Step 9: Nowhere"]
    found = criteria_doc.problems(broken, load_criteria(), criteria_doc.notebook_headings())
    assert found == [
        "S000.1 is not mapped to any criterion.",
        "S000.2 maps to CI.1.4, which is not in criteria.yml.",
        'S000.3 names section "03: Step 9: Nowhere", which no notebook has.',
    ]


def test_the_criteria_page_is_up_to_date() -> None:
    data = criteria_doc.load_points()
    page = criteria_doc.render(data, load_criteria())
    assert criteria_doc.DOC.read_text(encoding="utf-8") == page, "run python tools/criteria_doc.py"
    for point in data["points"]:
        assert f"| {point['id']} |" in page
