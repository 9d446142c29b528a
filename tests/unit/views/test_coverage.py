"""One coverage matrix: each status shows its word and symbol, learner text escaped."""

from __future__ import annotations

from helpers.criteria import load_criteria
from helpers.feedback import CoverageEntry
from helpers.views import STATUSES
from helpers.views.coverage import coverage_groups, coverage_matrix_html


def test_each_status_shows_its_word_and_symbol_and_is_escaped() -> None:
    criteria = load_criteria()
    found = {c: CoverageEntry("not yet") for c in criteria.criteria}
    found["SUS.REVIEW.1"] = CoverageEntry("met", ["01.review.channels"])
    found["SUS.REVIEW.2"] = CoverageEntry("partly", [], ["<b>Say</b> what the impact is."])
    html = coverage_matrix_html(coverage_groups(found, criteria, href_for=lambda q: f"#{q}"))
    for key, status in STATUSES.items():
        assert f'class="cw-status-{status.css}"' in html, key
        assert f"{status.symbol} </span>{status.label}</td>" in html, key
    assert '<a href="#01.review.channels">01.review.channels</a>' in html
    assert "&lt;b&gt;Say&lt;/b&gt;" in html and "<b>Say" not in html
