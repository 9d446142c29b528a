"""Promotion: plan hints, reception summary and chart, outcome changes worked by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.datasource import table as data_table
from helpers.promotion import (
    GREEN_CLAIMS_PRINCIPLES,
    OutcomeChange,
    awareness_chart,
    change_words,
    claim_hints,
    comments_html,
    green_claims_form,
    outcome_changes,
    outcome_table_html,
    plan_hints,
    promotion_plan_form,
    reception_summary,
    show_outcome_table,
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
    from helpers.live import forget_all
    from helpers.promotion import reception_comments

    survey = _survey()
    survey.loc[3, "comment"] = "Ring Jane Doe on 07700 900123 or email jane.doe@example.com"
    path = tmp_path / "my_survey.csv"
    survey.to_csv(path, index=False)
    assert use_path("promotion_survey", path).used
    view = reception_comments()
    page = view.static_html()
    assert "07700 900123" not in page and "jane.doe@example.com" not in page
    assert "[phone" in page and "[email" in page
    forget_all()


def test_outcome_table_splits_at_the_learners_change_date(store: AnswerStore) -> None:
    page = outcome_table_html(store)
    assert "Before and after January 2025" in page and "Brightwater" in page
    store.save("02.monitor.change_date", "2025-03-14")
    page = outcome_table_html(store)
    assert "Before and after March 2025" in page and "14 March 2025" in page
    frame = data_table("monthly_operations")
    march = {c.label: c for c in outcome_changes(frame, "2025-03")}
    january = {c.label: c for c in outcome_changes(frame, "2025-01")}
    assert march["Printed bills"].before != january["Printed bills"].before
    assert f"{march['Printed bills'].before:,.0f}" in page


def test_outcome_table_follows_a_new_change_date_without_a_rerun(store: AnswerStore) -> None:
    from helpers.forms import date
    from helpers.live import forget_all

    view = show_outcome_table(store)
    try:
        assert "January 2025" in view.static_html()
        date(
            "02.monitor.change_date", "When did the change start?", store=store
        ).value = "2025-03-01"
        assert "Before and after March 2025" in view.static_html()
    finally:
        forget_all()


def test_outcome_table_says_when_there_is_nothing_to_compare() -> None:
    from helpers.promotion import outcomes_html

    page = outcomes_html([], "Before and after <May 2030>")
    assert "nothing to compare" in page and "&lt;May 2030&gt;" in page


def test_claim_hints_follow_the_green_claims_code() -> None:
    good = {
        "claim": "With email bills, no paper bill or envelope is printed or posted for you",
        "checked": GREEN_CLAIMS_PRINCIPLES,
        "evidence": "Our records show 2,000 fewer printed bills a month since March.",
    }
    assert claim_hints(good) == []
    assert claim_hints({}) == ["Copy the main green claim from your promotion, word for word."]
    vague = claim_hints({**good, "claim": "Go paperless: it's greener!"})
    assert len(vague) == 1 and "vague" in vague[0]
    absolute = claim_hints({**good, "claim": "Our billing is now carbon neutral"})
    assert len(absolute) == 1 and "still use energy" in absolute[0]
    unticked = claim_hints({**good, "checked": GREEN_CLAIMS_PRINCIPLES[:2]})
    assert len(unticked) == 1 and "Tick a principle only" in unticked[0]
    no_proof = claim_hints({**good, "evidence": "I think it is true."})
    assert len(no_proof) == 1 and "evidence" in no_proof[0]


def test_green_claims_form_saves_and_hints_live(store: AnswerStore) -> None:
    panel = green_claims_form(store=store)
    assert [f.question_id for f in panel.forms] == [
        "03.claims.claim",
        "03.claims.checked",
        "03.claims.evidence",
    ]
    panel.forms[0].value = "Save the planet with e-bills"
    assert "vague" in panel.hint_box.value
    panel.forms[1].value = list(GREEN_CLAIMS_PRINCIPLES)
    assert store.load("03.claims.checked") == GREEN_CLAIMS_PRINCIPLES
