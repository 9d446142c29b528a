"""The exemplar's figures agree with its data: each key figure its answers quote is recomputed
from the sample organisation's data with the helpers the notebooks use, and the answer must
state it as the notebook shows it (rounded as the answer rounds it). Issue 13: answers and
figures never contradict each other."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pytest

from helpers import monitoring, promotion, rootcause, team
from helpers.beforeafter import all_months_before_vs_after
from helpers.commands.demo import load_exemplar
from helpers.datasource import sample_table
from helpers.footprint import call_factor_key
from helpers.reference import factor_set
from helpers.service.levels import sla_summary


@pytest.fixture(scope="module")
def answers() -> dict[str, Any]:
    return dict(load_exemplar()["answers"])


def said(answer: Any) -> str:
    """An answer's text on one line (table rows joined), so a figure split by YAML folding or
    spread over cells is still found."""
    if isinstance(answer, list):
        answer = " ".join(" ".join(str(v) for v in row.values()) for row in answer)
    return re.sub(r"\s+", " ", str(answer))


def months_of(frame: pd.DataFrame, column: str, first: str, last: str) -> pd.Series:
    text = frame[column].astype(str).str[:7]
    return (text >= first) & (text <= last)


@pytest.fixture(scope="module")
def figures(answers: dict[str, Any]) -> pd.DataFrame:
    """Notebook 02's figures for the exemplar: each month's footprint with the factor set of its
    year and calls counted the way the exemplar said they travel in 01."""
    calls = call_factor_key(answers["01.review.call_type"])
    return monitoring.metric_frame(sample_table("monthly_operations"), footprint=True, calls=calls)


@pytest.fixture(scope="module")
def complaints() -> pd.DataFrame:
    frame = sample_table("complaints")
    return frame.assign(month=frame["date_received"].astype(str).str[:7])


# --- 02: before and after -------------------------------------------------------------------


def test_02_footprint_change_is_the_one_the_notebook_shows(
    answers: dict[str, Any], figures: pd.DataFrame
) -> None:
    change = monitoring.chosen_change_date(figures, answers["02.monitor.change_date"])
    rows = monitoring.summary_rows(figures, ["Carbon footprint"], change)
    shown = rows[0]  # each year counted with its own year's factor set, as 02 shows it
    text = said(answers["02.monitor.interpretation"])
    assert f"fell by {shown['Change'].lstrip('-')}" in text
    assert f"({shown['Mean before']} to {shown['Mean after']} kg CO2e a month)" in text


def test_02_says_how_much_of_the_fall_is_the_change_of_factor_set(
    answers: dict[str, Any], figures: pd.DataFrame
) -> None:
    """With the same (2025) factors for both years the fall is smaller: the rest is the 2025
    electricity factor. The answer gives both, so an assessor knows which comparison it is."""
    calls = call_factor_key(answers["01.review.call_type"])
    same = monitoring.metric_frame(
        sample_table("monthly_operations"), factor_set(2025).frame, calls=calls
    )
    change = monitoring.chosen_change_date(figures, answers["02.monitor.change_date"])
    by_year = all_months_before_vs_after(figures, monitoring.FOOTPRINT_COLUMN, change)
    one_set = all_months_before_vs_after(same, monitoring.FOOTPRINT_COLUMN, change)
    assert abs(one_set.change_pct) < abs(by_year.change_pct)
    text = said(answers["02.monitor.interpretation"])
    assert (
        f"same 2025 factors for both years, the fall is about {-one_set.change_pct:.0f} %" in text
    )
    assert "electricity is lower than the 2024 one" in text.replace("factor for grid ", "")


def test_02_other_before_and_after_figures(answers: dict[str, Any], figures: pd.DataFrame) -> None:
    change = monitoring.chosen_change_date(figures, answers["02.monitor.change_date"])
    rows = {
        row["Metric"].split(" (")[0]: row
        for row in monitoring.summary_rows(
            figures, ["Printed bills", "Letters posted", "E-signatures"], change
        )
    }
    text = said(answers["02.monitor.interpretation"])
    bills, letters = rows["Printed bills"], rows["Letters posted"]
    assert f"{bills['Mean before']} in 2024 to {bills['Mean after']} in 2025, down 53 %" in text
    assert bills["Change"] == "-53 %"
    assert f"fell by {letters['Change'].lstrip('-')} ({letters['Mean before']} to" in text
    assert f"{letters['Mean after']} a month" in text
    assert f"about {rows['E-signatures']['Mean after']} a month" in text
    csat = figures.set_index("month")["csat_pct"]
    assert f"dipped to {csat['2025-01']:.1f} % in January 2025" in text
    assert f"recovered to {csat['2025-05']:.1f} % by May" in text


def test_02_second_review_figures(answers: dict[str, Any], figures: pd.DataFrame) -> None:
    change = monitoring.chosen_change_date(figures, answers["02.monitor.change_date"])
    rows = {
        row["Metric"]: list(row.values())
        for row in monitoring.review_rows(
            figures, ["Printed bills", "Customer satisfaction"], change
        )
    }
    text = said(answers["02.monitor.second_review_notes"])
    _, first, second, _ = rows["Printed bills"]  # such as "25,700 (-35 %)", "11,300 (-71 %)"
    value, pct = point(second)
    assert f"{pct.lstrip('-')} % lower ({value} a month)" in text
    assert f"{point(first)[1].lstrip('-')} % lower at the first review" in text
    _, _, csat, _ = rows["Customer satisfaction"]
    value, pct = point(csat)
    assert f"at {value} %, {pct.lstrip('+')} % higher than a year earlier" in text


def point(cell: str) -> tuple[str, str]:
    """A review point as the notebook shows it, "11,300 (-71 %)", split into value and change."""
    found = re.fullmatch(r"(\S+) \(([-+]\d+) %\)", cell)
    assert found, cell
    return found.group(1), found.group(2)


def test_02_comment_scores_before_and_after(answers: dict[str, Any], figures: pd.DataFrame) -> None:
    change = monitoring.chosen_change_date(figures, answers["02.monitor.change_date"])
    before, after = monitoring.feedback_by_stage(sample_table("feedback"), change)
    text = said(answers["02.monitor.qualitative"])
    assert (
        f"averaged {after['Mean score (1 to 5)']} out of 5 against "
        f"{before['Mean score (1 to 5)']} before" in text
    )
    assert before["Scores of 4 or 5"] == after["Scores of 4 or 5"]
    assert f"{after['Scores of 4 or 5']} of scores were 4 or 5 both times" in text


# --- 03: promoting sustainable practice -----------------------------------------------------


def test_03_survey_awareness_and_paperless_shares(answers: dict[str, Any]) -> None:
    found = {
        (r.audience, r.stage): r
        for r in promotion.reception_summary(sample_table("promotion_survey"))
    }
    text = said(answers["03.reception.summary"])
    colleague = (found["colleague", "before"], found["colleague", "after"])
    customer = (found["customer", "before"], found["customer", "after"])
    assert (
        f"({colleague[0].respondents} colleagues and {customer[0].respondents} customers each time)"
        in text
    )
    assert colleague[0].respondents == colleague[1].respondents
    assert customer[0].respondents == customer[1].respondents
    assert (
        f"rose from {colleague[0].mean_awareness:.1f} to {colleague[1].mean_awareness:.1f} out of 5"
        in text
    )
    assert (
        f"customers' from {customer[0].mean_awareness:.1f} to {customer[1].mean_awareness:.1f}"
        in text
    )
    assert (
        f"from {colleague[0].pct_paperless:.0f} % to {colleague[1].pct_paperless:.0f} % of colleagues"
        in text
    )
    assert (
        f"from {customer[0].pct_paperless:.0f} % to {customer[1].pct_paperless:.0f} % of customers"
        in text
    )
    evaluation = said(answers["07.gibbs.evaluation"])
    assert (
        f"awareness scores from {colleague[0].mean_awareness:.1f} to "
        f"{colleague[1].mean_awareness:.1f} out of 5" in evaluation
    )


def test_03_outcome_table_figures(answers: dict[str, Any]) -> None:
    changes = {
        c.measure: c
        for c in promotion.outcome_changes(sample_table("monthly_operations"), "2025-01")
    }
    text = said(answers["03.outcomes.link"])
    complaints = changes["complaints"]
    assert promotion.change_words(complaints) == "up 17 %"
    assert (
        f"complaints rose 17 % ({complaints.before:.1f} to {complaints.after:.1f} a month)" in text
    )
    fcr = changes["first_contact_resolution_pct"]
    assert promotion.change_words(fcr) == "down 0.8 percentage points"
    assert f"fell 0.8 points ({fcr.before:.1f} % to {fcr.after:.1f} %)" in text


# --- 04 and 05: complaints, root cause, PDCA ------------------------------------------------


def _switch(complaints: pd.DataFrame) -> pd.DataFrame:
    return complaints[complaints["category"] == "paperless switch problem"]


def test_05_root_cause_counts_the_sample_switch_complaints(
    answers: dict[str, Any], complaints: pd.DataFrame
) -> None:
    switch = _switch(complaints)
    in_2025 = switch[switch["month"].str.startswith("2025")]
    first_quarter = switch[months_of(switch, "month", "2025-01", "2025-03")]
    text = said(answers["05.rootcause.whys.root_cause"])
    assert len(in_2025) == len(switch)  # every one came in 2025, as the answer says
    assert f"all {len(switch)} paperless-switch complaints came in 2025" in text
    assert f"{len(first_quarter)} of them in January to March" in text
    assert set(switch["summary"]) == {"The customer could not open the bill sent by email."}
    assert "could not open the bill" in text
    assert "31 of 52" not in text


def test_05_complaint_counts_before_and_after_the_checklist(
    answers: dict[str, Any], complaints: pd.DataFrame
) -> None:
    switch = _switch(complaints)
    quarters = {
        name: int(months_of(switch, "month", first, last).sum())
        for name, first, last in (
            ("January to March", "2025-01", "2025-03"),
            ("April to June", "2025-04", "2025-06"),
            ("October to December", "2025-10", "2025-12"),
        )
    }
    assert quarters == {"January to March": 11, "April to June": 4, "October to December": 0}
    stated = (
        f"from {quarters['January to March']} in January to March to "
        f"{quarters['April to June']} in April to June"
    )
    for question in ("05.check.criteria_met", "07.gibbs.feelings", "05.pdca.cycle1.check.comments"):
        assert stated.replace("from ", "") in said(answers[question]).replace(
            "(about 4 a month) ", ""
        )
    assert f"{quarters['January to March']} complaints were about paperless switches" in said(
        answers["04.journey.moment"]
    )
    baseline = answers["05.pdca.cycle1.plan.success_criteria"][1]["Baseline (now)"]
    assert baseline == f"{quarters['January to March'] / 3:.1f}"


def test_05_pareto_and_first_contact_resolution(
    answers: dict[str, Any], complaints: pd.DataFrame
) -> None:
    rows = rootcause.pareto_rows(complaints, "category")
    top, switch = rows[0], next(r for r in rows if r.category == "paperless switch problem")
    text = said(answers["05.area.evidence"])
    assert f"all {sum(r.count for r in rows)} complaints" in text
    assert f"{top.category}s as the largest category ({top.count}, {top.percent:.0f} %)" in text
    assert f"were only {switch.count} ({switch.percent:.0f} %)" in text
    operations = sample_table("monthly_operations")
    frame = monitoring.metric_frame(operations)
    fcr = frame.set_index("month")["first_contact_resolution_pct"]
    # The whole years either side of January 2025, as notebook 03's outcome table gives them.
    years = all_months_before_vs_after(frame, "first_contact_resolution_pct", "2025-01")
    assert f"{years.mean_before:.1f} % in 2024 and {years.mean_after:.1f} % in 2025" in text
    assert f"a low of {fcr.min():.1f} % in February 2025" in text and fcr.idxmin() == "2025-02"


def test_05_cycle_one_check_uses_the_data(answers: dict[str, Any]) -> None:
    fcr = monitoring.metric_frame(sample_table("monthly_operations")).set_index("month")[
        "first_contact_resolution_pct"
    ]
    before = round(float(fcr["2025-01":"2025-03"].mean()), 1)
    after = round(float(fcr["2025-04":"2025-06"].mean()), 1)
    assert float(answers["05.pdca.cycle1.check.before"]) == before
    assert float(answers["05.pdca.cycle1.check.after"]) == after
    assert f"from {before} % to {after} %" in said(answers["05.check.criteria_met"])
    assert f"from {before} % to {after} %" in said(answers["05.pdca.cycle1.act.reasons"])


def test_04_escalation_figures(answers: dict[str, Any], complaints: pd.DataFrame) -> None:
    year = complaints[complaints["month"].str.startswith("2025")]
    days = (pd.to_datetime(year["date_resolved"]) - pd.to_datetime(year["date_received"])).dt.days
    escalated = year["escalated"].astype(bool)
    text = said(answers["04.escalation.own"])
    share = 100 * escalated.sum() / len(year)
    assert f"{escalated.sum()} of {len(year)} complaints ({share:.0f} %) were escalated" in text
    assert f"median of {days[escalated].median():.0f} days" in text
    assert f"against {days[~escalated].median():.0f} days for the rest" in text


def test_04_sla_reading(answers: dict[str, Any]) -> None:
    levels = {level.channel: level for level in sla_summary(sample_table("sla_response_times"))}
    text = said(answers["04.sla.reading"])
    means = sorted(f"{level.mean_pct:.0f}" for level in levels.values())
    assert f"average {means[0]} to {means[-1]} % within target" in text
    assert f"Email recovered to {levels['email'].latest_pct:.1f} %" in text
    assert f"letters fell to {levels['letter'].latest_pct:.1f} %" in text
    assert all(level.months_below_goal > level.months / 2 for level in levels.values())


# --- 06: team --------------------------------------------------------------------------------


def test_06_team_dashboard_figures(answers: dict[str, Any]) -> None:
    medians = team.team_medians(sample_table("team_kpi"))
    fcr, wellbeing = medians["first_contact_resolution_pct"], medians["wellbeing_score"]
    reading = said(answers["06.results.reading"])
    assert f"a dip to {fcr.min():.1f} % in February 2025" in reading and fcr.idxmin() == "2025-02"
    assert f"recovery to {fcr.iloc[-1]:.1f} % by December 2025" in reading
    assert f"fell from 7 to {wellbeing.min():g} in February 2025" in reading
    assert wellbeing.idxmin() == "2025-02"
    competition = said(answers["06.results.competition"])
    assert f"wellbeing fell to {wellbeing.min():g} out of 10" in competition
    assert f"first-contact resolution fell to {fcr.min():.1f} %" in competition
    happy = medians[medians["wellbeing_score"] >= 8]
    assert (happy["csat_pct"] >= 83).all()
    assert "wellbeing of 8 or more had team satisfaction of 83 % or more" in said(
        answers["06.environment.quality"]
    )


# --- 01 and 07: totals and shares ------------------------------------------------------------


def test_01_yearly_totals(answers: dict[str, Any]) -> None:
    operations = monitoring.metric_frame(sample_table("monthly_operations"))
    year = operations[operations["month"].str.startswith("2024")]
    channels = said(answers["01.review.channels"])
    for column in ("printed_bills", "letters_posted", "office_kwh", "emails_sent", "chat_sessions"):
        assert f"{int(year[column].sum()):,}" in channels, column
    assert f"{int(year['call_minutes'].sum()):,} call minutes" in channels
    km = year[[c for c in year.columns if c.endswith("_km")]].sum().sum()
    assert f"about {round(km, -3):,.0f} km in 2024" in channels
    assert f"about {round(km / 12, -2):,.0f} km of field travel a month" in said(
        answers["01.impacts.resources"]
    )


def test_07_paperless_shares(answers: dict[str, Any]) -> None:
    paperless = monitoring.metric_frame(sample_table("monthly_operations")).set_index("month")[
        "paperless_accounts_pct"
    ]
    latest = paperless["2025-12"]
    assert f"{latest:.1f} % by December 2025" in said(answers["07.gibbs.evaluation"])
    assert f"The {100 - latest:.1f} % of accounts still on paper" in said(
        answers["07.links.actions"]
    )


def test_quoted_customer_comments_are_in_the_feedback_file(answers: dict[str, Any]) -> None:
    comments = " ".join(sample_table("feedback")["comment"].astype(str))
    questions = (
        "02.monitor.qualitative",
        "05.area.evidence",
        "05.pdca.cycle1.check.comments",
        "05.pdca.cycle2.plan.root_cause",
    )
    quoted = [
        q for question in questions for q in re.findall(r'"([^"]+)"', said(answers[question]))
    ]
    assert len(quoted) >= 5
    for quote in quoted:
        assert quote.rstrip(".") in comments, quote
