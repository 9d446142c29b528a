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
    examiner = [p for p in points if not p.get("kind")]  # the others: key concepts, tips...
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
        assert f"| {point['id']}" in page
    assert "| S003.K1 (key concept) |" in page and "| S004.1 |" in page


def test_every_criterion_comes_from_a_seed() -> None:
    data, criteria = criteria_doc.load_points(), load_criteria()
    assert criteria_doc.untraced(data, criteria) == []
    broken = copy.deepcopy(data)
    broken["points"] = [p for p in broken["points"] if "ENV.COMMUNICATION.1" not in p["criteria"]]
    assert criteria_doc.untraced(broken, criteria) == ["ENV.COMMUNICATION.1"]


def test_the_seed_topics_of_notebook_04_trace_to_the_seeds_key_concepts() -> None:
    points = {p["id"]: p for p in criteria_doc.load_points()["points"]}
    assert points["S002.K1"]["criteria"] == ["ENV.STRUCTURE.2"]  # moments of truth
    assert points["S003.K1"]["criteria"] == ["ENV.RELATIONSHIPS.1", "ENV.RELATIONSHIPS.2"]
    assert points["S003.K2"]["criteria"] == ["ENV.COMMUNICATION.1"]
    assert "ENV.COMPLAINTS.2" in points["S003.K3"]["criteria"]
    assert "ENV.STANDARDS.1" in points["S002.K3"]["criteria"]  # SLAs
    assert all(points[k]["kind"] == "key concept" for k in ("S002.K1", "S003.K1", "S003.K2"))


def test_an_unknown_kind_of_point_is_reported() -> None:
    data = criteria_doc.load_points()
    broken = copy.deepcopy(data)
    broken["points"][0]["kind"] = "rumour"
    found = criteria_doc.problems(broken, load_criteria(), criteria_doc.notebook_headings())
    assert found and found[0].startswith("S000.1 has kind rumour")
