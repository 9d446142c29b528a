"""The status matrix as a page and a spreadsheet: learner text escaped, formulas defused."""

from __future__ import annotations

from pathlib import Path

from helpers import cohort


def test_status_html_escapes_learner_text_and_csv_defuses_formulas(tmp_path: Path) -> None:
    learner = cohort.LearnerStatus(
        "L1", tmp_path, "ok", name="<script>alert(1)</script><img src=x onerror=alert(2)>"
    )
    formula = cohort.LearnerStatus("L2", tmp_path, "ok", name='=HYPERLINK("http://x")')
    status = cohort.CohortStatus(tmp_path, ["T.1.1"], [learner, formula])
    page = cohort.status_html(status)
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "'=HYPERLINK" in cohort.status_csv(status)
