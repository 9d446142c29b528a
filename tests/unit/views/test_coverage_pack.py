"""The coverage matrix as the pack prints it: a count per unit, one compact row per criterion
with its kind of evidence in a word, evidence grouped by the part of the notebook it belongs to,
every label escaped and no question id."""

from __future__ import annotations

import re

from helpers.criteria import load_criteria
from helpers.feedback import CoverageEntry
from helpers.views.coverage import (
    EvidenceLink,
    coverage_groups,
    group_evidence,
    status_counts,
)
from helpers.views.pages import environment


def pack_matrix(groups: list) -> str:  # type: ignore[type-arg]
    module = environment().get_template("views/coverage_pack.html.j2").module
    return str(module.coverage_pack(groups, status_counts(groups)))  # type: ignore[attr-defined]


def test_links_that_share_a_part_in_brackets_are_grouped_under_it() -> None:
    links = [
        EvidenceLink("Which year will you review?", "#a"),
        EvidenceLink("The problem (Cycle 1: Plan)", "#b"),
        EvidenceLink("Root cause (Cycle 1: Plan)", "#c"),
        EvidenceLink("When did the change start? (for example 14/04/2025)", "#d"),
        EvidenceLink("What changed on that date?", "#e"),
        EvidenceLink("The effect (the problem) (Fishbone (cause and effect))"),
        EvidenceLink("People (Fishbone (cause and effect))"),
    ]
    groups = group_evidence(links)
    assert [(g.title, [link.name for link in g.links]) for g in groups] == [
        ("", ["Which year will you review?"]),
        ("Cycle 1: Plan", ["The problem", "Root cause"]),
        ("", ["When did the change start? (for example 14/04/2025)", "What changed on that date?"]),
        ("Fishbone (cause and effect)", ["The effect (the problem)", "People"]),
    ]
    assert [link.href for link in groups[1].links] == ["#b", "#c"]  # links keep their place
    assert group_evidence([]) == []


def test_pack_matrix_counts_each_unit_then_lists_every_criterion_once() -> None:
    criteria = load_criteria()
    found = {c: CoverageEntry("not yet") for c in criteria.criteria}
    found["SUS.REVIEW.1"] = CoverageEntry("met", ["01.review.channels"])
    found["SUS.REVIEW.2"] = CoverageEntry("partly", [], ["<b>Say</b> what the impact is."])
    groups = coverage_groups(found, criteria, href_for=lambda q: f"#cell-{q}")
    html = pack_matrix(groups)
    summary, rows = html.split('<table class="cw-matrix cw-matrix-pack">')
    sus = re.search(r'<a href="#coverage-SUS">SUS: [^<]+</a></th>((?:<td>\d+</td>){4})', summary)
    assert sus and re.findall(r"\d+", sus.group(1)) == ["13", "1", "1", "11"]
    assert f"<td>{len(criteria.criteria)}</td><td>1</td><td>1</td>" in summary  # all units
    assert rows.count('<th scope="row"><span class="cw-criterion-id">') == len(criteria.criteria)
    assert '<tbody id="coverage-SUS">' in rows
    assert "&lt;b&gt;Say&lt;/b&gt;" in rows and "<b>Say" not in rows
    assert "<script" not in html


def test_pack_matrix_names_the_kind_of_evidence_in_a_word_not_a_sentence_per_row() -> None:
    criteria = load_criteria()
    groups = coverage_groups({}, criteria)
    html = pack_matrix(groups)
    knowledge = sum(c.knowledge_only for c in criteria.criteria.values())
    assert html.count("</th><td>Knowledge</td>") == knowledge
    assert html.count("</th><td>Performance</td>") == len(criteria.criteria) - knowledge
    assert html.count("not work done") == 1  # said once, in the key above the table
    complaint = html.split('<span class="cw-criterion-id">ENV.COMPLAINTS.1</span>')[1]
    assert complaint.split("</tr>")[0].count("<td>Knowledge</td>") == 1


def test_pack_matrix_names_evidence_by_label_grouped_and_linked() -> None:
    criteria = load_criteria()
    found = {
        "IMP.PLAN.4": CoverageEntry(
            "partly",
            ["05.pdca.cycle1.plan.problem", "05.pdca.cycle1.plan.root_cause"],
            unanswered=["05.pdca.cycle1.plan.actions"],
        )
    }
    labels = {
        "05.pdca.cycle1.plan.problem": "The problem (Cycle 1: Plan)",
        "05.pdca.cycle1.plan.root_cause": "Root cause (Cycle 1: Plan)",
        "05.pdca.cycle1.plan.actions": "Actions (Cycle 1: Plan)",
    }
    groups = coverage_groups(found, criteria, href_for=lambda q: "#here", labels=labels)
    row = pack_matrix(groups).split('"cw-criterion-id">IMP.PLAN.4</span>')[1].split("</tr>")[0]
    assert '<span class="cw-evidence-part">Cycle 1: Plan:</span>' in row
    assert '<a href="#here">The problem</a>; <a href="#here">Root cause</a>' in row
    assert "Not answered yet: Actions (Cycle 1: Plan)." in row
    assert not re.search(r"\d\d\.[a-z_]+\.[a-z_]+", row)


def test_a_page_with_no_criteria_says_so() -> None:
    assert "No criteria are linked to this part." in pack_matrix([])
