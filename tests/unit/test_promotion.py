"""Promotion: plan hints, reception summary and chart, outcome changes worked by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.datasource import table as data_table
from helpers.promotion import (
    OutcomeChange,
    awareness_chart,
    change_words,
    comments_html,
    outcome_changes,
    plan_hints,
    promotion_plan_form,
    reception_summary,
)
from helpers.store import AnswerStore


def _survey() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "respondent_id": ["R1", "R2", "R3", "R4", "R5", "R6"],
            "audience": ["customer", "customer", "customer", "customer", "colleague", "colleague"],
            "stage": ["before", "before", "after", "after", "before", "after"],
            "date": ["2025-02-01"] * 6,
            "awareness_score": [2, 3, 4, 5, 3, 4],
            "uses_paperless": ["no", "yes", "yes", "yes", "no", "yes"],
            "comment": [None, None, "<script>x</script>", "Switched", None, "Switched"],
        }
    )


def test_reception_summary_worked_by_hand() -> None:
    summary = {(r.audience, r.stage): r for r in reception_summary(_survey())}
    before, after = summary[("customer", "before")], summary[("customer", "after")]
    assert (before.respondents, before.mean_awareness, before.pct_paperless) == (2, 2.5, 50.0)
    assert (after.respondents, after.mean_awareness, after.pct_paperless) == (2, 4.5, 100.0)


def test_awareness_chart_alt_text_and_axes() -> None:
    chart = awareness_chart(_survey())
    assert chart.alt_text == (
        "Bar chart of average awareness of paperless options (1 to 5), before and after. "
        "Colleagues: awareness rose from 3.0 to 4.0 (1 and 1 people asked); using paperless "
        "went from 0 % to 100 %. Customers: awareness rose from 2.5 to 4.5 (2 and 2 people "
        "asked); using paperless went from 50 % to 100 %."
    )
    ax = chart.figure.axes[0]
    assert ax.get_xlabel() == "Who was asked" and "awareness score" in ax.get_ylabel()


def test_sample_survey_shows_a_rise_for_both_audiences() -> None:
    summary = {
        (r.audience, r.stage): r.mean_awareness
        for r in reception_summary(data_table("promotion_survey"))
    }
    assert summary[("customer", "after")] > summary[("customer", "before")]
    assert summary[("colleague", "after")] > summary[("colleague", "before")]


def test_comments_are_escaped_and_counted() -> None:
    page = comments_html(_survey())
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert "Customers: “Switched” (1 person)" in page


def test_outcome_changes_worked_by_hand() -> None:
    ops = pd.DataFrame(
        {
            "month": ["2024-11", "2024-12", "2025-01", "2025-02"],
            "printed_bills": [100, 300, 50, 150],
            "csat_pct": [80, 82, 83, 85],
        }
    )
    csat, bills = outcome_changes(ops, "2025-01")
    assert (bills.before, bills.after, round(bills.change_pct)) == (200.0, 100.0, -50)
    assert change_words(bills) == "down 50 %"
    assert change_words(csat) == "up 3.0 percentage points"
    assert change_words(OutcomeChange("x", "X", "per month", 10, 10)) == "no change"


def test_plan_hints_and_form(store: AnswerStore) -> None:
    assert (
        plan_hints(
            {
                "audience": "Customers",
                "message": "Switch to email bills: they arrive sooner and save paper for everyone",
                "channels": ["Email"],
                "start": "2025-02-01",
                "end": "2025-03-01",
                "materials": "Poster",
            }
        )
        == []
    )
    assert (
        plan_hints({"start": "2025-03-01", "end": "2025-02-01"})[3]
        == "The end date is before the start date: check them."
    )
    panel = promotion_plan_form(store=store)
    panel.forms[0].value = "Colleagues"
    assert store.load("03.promotion.audience") == "Colleagues"
    assert "Choose who the promotion is for" not in panel.hint_box.value


def test_learners_survey_comments_are_pseudonymised_before_display(tmp_path: Path) -> None:
    from helpers.datasource import use_path
    from helpers.promotion import reception_comments

    survey = _survey()
    survey.loc[3, "comment"] = "Ring Jane Doe on 07700 900123 or email jane.doe@example.com"
    path = tmp_path / "my_survey.csv"
    survey.to_csv(path, index=False)
    assert use_path("promotion_survey", path).used
    page = reception_comments().data
    assert "07700 900123" not in page and "jane.doe@example.com" not in page
    assert "[phone" in page and "[email" in page
