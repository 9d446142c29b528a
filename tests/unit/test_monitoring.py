"""Notebooks 01 and 02: the pure pieces behind the cells (their runs are integration tests)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import monitoring
from helpers.beforeafter import first_and_latest_months_vs_a_year_earlier
from helpers.paths import SAMPLE_DIR
from helpers.reference import load_emission_factors


def months(values: dict[str, list[float]], start: str = "2024-01") -> pd.DataFrame:
    length = len(next(iter(values.values())))
    frame = pd.DataFrame(values)
    frame.insert(0, "month", pd.period_range(start, periods=length, freq="M").astype(str))
    return frame


def test_summary_rows_give_means_and_change_per_metric() -> None:
    frame = months({"printed_bills": [100, 100, 50, 50], "csat_pct": [80, 80, 83, 83]})
    rows = monitoring.summary_rows(
        frame, ["Printed bills", "Customer satisfaction", "Emails sent"], "2024-03-01"
    )
    assert rows == [
        {
            "Metric": "Printed bills (bills per month)",
            "Months before": "2",
            "Mean before": "100",
            "Months after": "2",
            "Mean after": "50",
            "Change": "-50 %",
        },
        {
            "Metric": "Customer satisfaction (%)",
            "Months before": "2",
            "Mean before": "80",
            "Months after": "2",
            "Mean after": "83",
            "Change": "+3.0 points",
        },
    ]


def test_choices_fall_back_to_defaults_and_the_sample_change_date() -> None:
    frame = monitoring.metric_frame(
        pd.read_csv(SAMPLE_DIR / "monthly_operations.csv"), load_emission_factors()
    )
    assert monitoring.chosen_labels(frame, None) == monitoring.DEFAULT_METRICS
    assert monitoring.chosen_labels(frame, ["Complaints", "Nonsense"]) == ["Complaints"]
    assert monitoring.chosen_change_date(frame, None) == "2025-01-01"
    assert monitoring.chosen_change_date(frame, "2025-03-15") == "2025-03-15"
    other = months({"printed_bills": [1, 2, 3, 4]}, start="2020-01")
    assert monitoring.chosen_change_date(other, None) == "2020-03-01"
    footprinted = monitoring.metric_frame(
        pd.read_csv(SAMPLE_DIR / "monthly_operations.csv"), footprint=True
    )
    # Each month counted with its own year's set: 2024 months with 2024, 2025 with 2025.
    assert footprinted["kg_co2e"].iloc[0] != frame["kg_co2e"].iloc[0]
    assert footprinted["kg_co2e"].iloc[-1] == pytest.approx(frame["kg_co2e"].iloc[-1])


def test_review_points_compare_like_months_a_year_earlier() -> None:
    # Gas: winter 100, summer 20, in both years; after the change every month is 10 % lower.
    season = [100, 100, 100, 60, 20, 20, 20, 20, 20, 60, 100, 100]
    frame = months({"gas_kwh": season + [v * 0.9 for v in season]})
    first, second = first_and_latest_months_vs_a_year_earlier(frame, "gas_kwh", "2025-01-01")
    assert first.months == ("2025-01", "2025-03")
    assert first.value == pytest.approx(90.0) and first.baseline == pytest.approx(100.0)
    assert second.months == ("2025-10", "2025-12")
    assert second.value == pytest.approx(234 / 3) and second.baseline == pytest.approx(260 / 3)
    assert first.change_pct == pytest.approx(-10.0)
    assert monitoring.verdict(first, second, "gas_kwh") == "holding steady"


def test_verdicts_name_fading_gains_and_dips() -> None:
    point = monitoring.ReviewPoint
    early, late = point(("a", "b"), 80, 100, True), point(("c", "d"), 95, 100, True)
    assert monitoring.verdict(early, late, "printed_bills") == "improved, but slipping back"
    assert monitoring.verdict(late, early, "printed_bills") == "still improving"
    dip, recovered = point(("a", "b"), 78, 82, True), point(("c", "d"), 84, 82, True)
    assert monitoring.verdict(dip, recovered, "csat_pct") == "better now, after a dip at first"
    worse = point(("c", "d"), 105, 100, False)
    assert monitoring.verdict(early, worse, "printed_bills") == "no better than before the change"
    assert monitoring.verdict(early, worse, "emails_sent") == "up 5 % on before the change"


def test_review_points_name_their_months_in_words() -> None:
    season = [100, 100, 100, 60, 20, 20, 20, 20, 20, 60, 100, 100]
    frame = months({"gas_kwh": season + [v * 0.9 for v in season]})
    (row,) = monitoring.review_rows(frame, ["Gas for heating"], "2025-01-01")
    assert list(row) == [
        "Metric",
        "First review (January to March 2025)",
        "Second review (October to December 2025)",
        "So far",
    ]
    assert monitoring.months_in_words("2024-11", "2025-01") == "November 2024 to January 2025"


def test_no_second_review_without_six_months_after() -> None:
    frame = months({"printed_bills": [5, 5, 5, 4, 4]})
    assert first_and_latest_months_vs_a_year_earlier(frame, "printed_bills", "2024-03-01") is None


def test_feedback_by_stage_counts_and_scores() -> None:
    feedback = pd.DataFrame(
        {"date": ["2024-12-01", "2024-12-02", "2025-01-05", "2025-02-01"], "score": [2, 4, 5, 5]}
    )
    assert monitoring.feedback_by_stage(feedback, "2025-01-01") == [
        {
            "When": "Before",
            "Comments": "2",
            "Mean score (1 to 5)": "3.0",
            "Scores of 4 or 5": "50 %",
        },
        {
            "When": "After",
            "Comments": "2",
            "Mean score (1 to 5)": "5.0",
            "Scores of 4 or 5": "100 %",
        },
    ]


def test_example_comments_pick_lowest_and_highest_after_the_change() -> None:
    feedback = pd.DataFrame(
        {
            "date": ["2024-06-01", "2025-02-01", "2025-03-01", "2025-04-01"],
            "score": [1, 2, 5, 4],
            "comment": ["old", "slow", "great", "good"],
        }
    )
    found = monitoring.example_comments(feedback, "2025-01-01", each=1)
    assert found == {"Lowest scores": ["2/5: slow"], "Highest scores": ["5/5: great"]}


def test_feedback_summary_of_the_sample_shows_no_raw_personal_data() -> None:
    from helpers.redact import personal_values

    raw = pd.read_csv(SAMPLE_DIR / "feedback.csv")
    secrets = personal_values(raw, "feedback") | set(raw["customer_name"])
    assert any("@example.com" in value for value in secrets)
    shown = monitoring.feedback_summary_block()
    for output in (shown.html, shown.text):
        leaked = [value for value in secrets if value in output]
        assert leaked == []
    assert "Lowest scores after the change" in shown.text


def test_notebook_helpers_use_the_learners_own_smaller_file(coursework_dir: Path) -> None:
    from helpers import datasource

    mine = coursework_dir / "mine.csv"
    mine.write_text(
        "Month,Printed bills,kWh used,CSAT %\n"
        'Jul-23,"1,200",5000,80\nAug-23,1100,5100,81\nSep-23,1000,5200,79\n'
        "Oct-23,900,6000,78\nNov-23,700,7000,82\nDec-23,650,7500,83\n"
        "Jan-24,600,8000,84\nFeb-24,550,7600,85\n",
        encoding="utf-8",
    )
    assert datasource.use_path("monthly_operations", str(mine)).used
    summary = monitoring.summary_block().text
    assert "Printed bills (bills per month) | 4 | 1,050 | 4 | 625 | -40 %" in summary
    assert "not yet six months" in monitoring.second_review_block().text
    charts = monitoring.charts_block().text
    assert charts.startswith("Change date: 1 November 2023 (the middle month of the data)")
    # The ticks on offer are the figures the file has (no sample-only figures such as emails).
    form = monitoring.metrics_form()
    options = [box.description for box in form.form.control.children]
    assert options == [
        "Printed bills",
        "Office electricity",
        "Customer satisfaction",
        "Carbon footprint",
    ]
    assert "Printed bills" not in form.form.widget.children[1].value  # the hint names none


@pytest.fixture
def _fresh_live() -> object:
    from helpers import live

    live.forget_all()
    yield None
    live.forget_all()


def test_the_change_date_chosen_here_splits_the_charts_live(store, _fresh_live) -> None:  # type: ignore[no-untyped-def]
    charts = monitoring.before_after_charts()
    table = monitoring.summary_table()
    assert "Change date: 1 January 2025 (when the sample organisation" in charts.html
    before = table.html
    date = monitoring.change_date_form()
    date.control.value = "01/03/2025"  # the learner types a UK date: saved, and the views follow
    assert store.load("02.monitor.change_date") == "2025-03-01"
    assert "Change date: 1 March 2025." in charts.html
    assert table.html != before
    from helpers import datasource

    assert datasource.change_date(store).isoformat() == "2025-03-01"


def test_ticking_a_figure_redraws_the_charts_live(store, _fresh_live) -> None:  # type: ignore[no-untyped-def]
    charts = monitoring.before_after_charts()
    assert "Complaints" not in charts.html
    form = monitoring.metrics_form()
    box = next(b for b in form.form.control.children if b.description == "Complaints")
    box.value = True
    assert store.load("02.monitor.metrics") == ["Complaints"]
    assert "Complaints" in charts.html


def test_choosing_an_own_file_rebuilds_the_ticks_and_charts(  # type: ignore[no-untyped-def]
    store, coursework_dir: Path, _fresh_live
) -> None:
    from helpers import datasource, live

    form = monitoring.metrics_form()
    charts = monitoring.before_after_charts()
    assert "Emails sent" in [b.description for b in form.form.control.children]
    mine = coursework_dir / "mine.csv"
    mine.write_text(
        "Month,Printed bills\nJan-24,10\nFeb-24,9\nMar-24,8\nApr-24,7\n", encoding="utf-8"
    )
    assert datasource.use_path("monthly_operations", str(mine)).used
    live._dispatch({"data.choice.monthly_operations"})  # what the poller does within a second
    assert [b.description for b in form.form.control.children] == [
        "Printed bills",
        "Carbon footprint",
    ]
    assert "middle month of the data" in charts.html
