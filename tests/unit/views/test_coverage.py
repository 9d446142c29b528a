"""One coverage matrix: each status shows its word and symbol, learner text escaped."""

from __future__ import annotations

import re

from helpers.criteria import load_criteria
from helpers.feedback import CoverageEntry
from helpers.views import STATUSES
from helpers.views.coverage import coverage_groups, coverage_matrix_html


def test_each_status_shows_its_word_and_symbol_and_is_escaped() -> None:
    criteria = load_criteria()
    found = {c: CoverageEntry("not yet") for c in criteria.criteria}
    found["SUS.REVIEW.1"] = CoverageEntry("met", ["01.review.channels"])
    found["SUS.REVIEW.2"] = CoverageEntry("partly", [], ["<b>Say</b> what the impact is."])
    labels = {"01.review.channels": "Your review of channels"}
    groups = coverage_groups(found, criteria, href_for=lambda q: f"#{q}", labels=labels)
    html = coverage_matrix_html(groups)
    for key, status in STATUSES.items():
        assert f'class="cw-status-{status.css}"' in html, key
        assert f"{status.symbol} </span>{status.label}</td>" in html, key
    assert '<a href="#01.review.channels">Your review of channels</a>' in html
    assert "&lt;b&gt;Say&lt;/b&gt;" in html and "<b>Say" not in html


def test_statuses_do_not_claim_a_criterion_is_met() -> None:
    labels = [s.label for s in STATUSES.values()]
    assert labels == ["Evidence found", "Partly", "Not yet"]
    assert not any(label.lower() == "met" for label in labels)


def test_matrix_says_the_checks_are_automatic_and_the_assessor_decides() -> None:
    criteria = load_criteria()
    html = coverage_matrix_html(coverage_groups({}, criteria))
    assert "automatic checks" in html and "The assessor decides." in html
    assert "0</strong> with evidence found" in html


def test_matrix_marks_knowledge_evidence_rows_only() -> None:
    criteria = load_criteria()
    groups = coverage_groups({}, criteria)
    rows = {row.criterion_id: row for group in groups for row in group.rows}
    assert rows["ENV.COMPLAINTS.1"].knowledge and not rows["IMP.CHANGE.1"].knowledge
    html = coverage_matrix_html(groups)
    marked = html.count("Knowledge evidence:")
    assert marked == sum(c.knowledge_only for c in criteria.criteria.values())
    complaint_row = html.split('<th scope="row">ENV.COMPLAINTS.1</th>')[1].split("</tr>")[0]
    assert "Knowledge evidence:" in complaint_row


def test_questions_are_named_by_their_labels_never_by_id() -> None:
    criteria = load_criteria()
    found = {c: CoverageEntry("not yet") for c in criteria.criteria}
    found["SUS.REVIEW.1"] = CoverageEntry(
        "partly",
        ["01.review.channels"],
        unanswered=["01.review.period", "01.improvements.proposals"],
    )
    labels = {
        "01.review.channels": "Your review of channels",
        "01.review.period": "Which year will you review?",
    }
    html = coverage_matrix_html(coverage_groups(found, criteria, labels=labels))
    row = html.split('<th scope="row">SUS.REVIEW.1</th>')[1].split("</tr>")[0]
    assert "Your review of channels" in row
    assert "Not answered yet: Which year will you review?; an answer in notebook 01." in row
    assert not re.search(r"\d\d\.[a-z_]+\.[a-z_]+", html)
