"""Before and after a change: each comparison checked against figures worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.beforeafter import (
    Span,
    all_months_before_vs_after,
    first_and_latest_months_vs_a_year_earlier,
    monthly_means,
    months_just_before_vs_just_after,
    percent_change,
)
from helpers.pdca import Check, check_from_data


def frame(rows: list[tuple[str, object]], column: str = "bills") -> pd.DataFrame:
    return pd.DataFrame({"month": [m for m, _ in rows], column: [v for _, v in rows]})


def consecutive(values: list[float], start: str) -> pd.DataFrame:
    months = pd.period_range(start, periods=len(values), freq="M").astype(str)
    return frame(list(zip(months, values, strict=True)))


# Two rows in January (10 and 20: one per site), one blank row in March, April only "n/a".
SEVERAL_ROWS = frame(
    [
        ("2024-01", 10),
        ("2024-01", 20),
        ("2024-02", 60),
        ("2024-03", 30),
        ("2024-03", None),
        ("2024-04", "n/a"),
        ("2024-05", 40),
    ]
)


def test_monthly_means_average_each_months_rows_and_drop_months_without_figures() -> None:
    # January (10 + 20) / 2 = 15; March's blank row is ignored; April has no figure at all.
    means = monthly_means(SEVERAL_ROWS, "bills")
    assert means.to_dict() == {"2024-01": 15.0, "2024-02": 60.0, "2024-03": 30.0, "2024-05": 40.0}


def test_monthly_means_accept_dates_as_well_as_month_text() -> None:
    dated = SEVERAL_ROWS.assign(month=pd.to_datetime(SEVERAL_ROWS["month"] + "-15"))
    assert monthly_means(dated, "bills").equals(monthly_means(SEVERAL_ROWS, "bills"))


def test_all_months_before_vs_after_worked_by_hand() -> None:
    # Before April: (100 + 110 + 90) / 3 = 100. April to June: (50 + 40 + 60) / 3 = 50.
    numbers = all_months_before_vs_after(
        consecutive([100, 110, 90, 50, 40, 60], "2024-01"), "bills", "2024-04-15"
    )
    assert (numbers.months_before, numbers.months_after) == (3, 3)
    assert (numbers.mean_before, numbers.mean_after) == (100.0, 50.0)
    assert (numbers.first_month, numbers.change_month, numbers.last_month) == (
        "2024-01",
        "2024-04",
        "2024-06",
    )
    assert numbers.change_pct == -50.0


def test_all_months_before_vs_after_counts_months_not_rows() -> None:
    # Monthly figures 15, 60 | 30, 40: before (15 + 60) / 2 = 37.5 over 2 months, after 35.
    # The old copy averaged rows: (10 + 20 + 60) / 3 = 30 over "3 months".
    numbers = all_months_before_vs_after(SEVERAL_ROWS, "bills", "2024-03")
    assert (numbers.months_before, numbers.mean_before) == (2, 37.5)
    assert (numbers.months_after, numbers.mean_after) == (2, 35.0)


def test_all_months_before_vs_after_with_no_months_after() -> None:
    numbers = all_months_before_vs_after(consecutive([1, 2, 3], "2024-01"), "bills", "2030-01")
    assert numbers.months_after == 0 and math.isnan(numbers.mean_after)
    assert numbers.mean_before == 2.0


# Oct 70; Nov two agents 71 and 73 (72); Dec blank; Jan 60; Feb 74; Mar 75; Apr 76.
AROUND_A_CHANGE = frame(
    [
        ("2024-09", 50),
        ("2024-10", 70),
        ("2024-11", 71),
        ("2024-11", 73),
        ("2024-12", None),
        ("2025-01", 60),
        ("2025-02", 74),
        ("2025-03", 75),
        ("2025-04", 76),
    ]
)


def test_months_just_before_vs_just_after_skip_the_gap_and_months_without_figures() -> None:
    # Before: Oct to Dec, but Dec has no figure: (70 + 72) / 2 = 71. After, one month of
    # bedding in skipped: Feb to Apr, (74 + 75 + 76) / 3 = 75. September is outside both.
    before, after = months_just_before_vs_just_after(AROUND_A_CHANGE, "bills", "2025-01", gap=1)
    assert before == Span(("2024-10", "2024-11"), 71.0)
    assert after == Span(("2025-02", "2025-03", "2025-04"), 75.0)
    assert (before.label, after.label) == ("2024-10 to 2024-11", "2025-02 to 2025-04")


def test_months_just_after_start_at_the_change_without_a_gap() -> None:
    # Jan to Mar: (60 + 74 + 75) / 3 = 69.67; two months either side: Nov (72) only, then Jan-Feb.
    after = months_just_before_vs_just_after(AROUND_A_CHANGE, "bills", "2025-01")[1]
    assert after.months == ("2025-01", "2025-02", "2025-03")
    assert after.mean == pytest.approx(209 / 3)
    before, after = months_just_before_vs_just_after(AROUND_A_CHANGE, "bills", "2025-01", 2)
    assert (before.mean, after.mean) == (72.0, 67.0)


def test_check_from_data_says_no_data_when_the_months_before_are_all_blank() -> None:
    # The old copy kept blank months: the Check read "nan" for "2024-10 to 2024-12".
    blank_before = consecutive([None, None, None, 60, 62, 64], "2024-10")
    check = check_from_data(blank_before, "bills", "2025-01")
    assert check == Check("bills", None, 62.0, "no data", "2025-01 to 2025-03", "")


def test_check_from_data_rounds_the_means_to_one_decimal() -> None:
    check = check_from_data(AROUND_A_CHANGE, "bills", "2025-01")
    assert (check.before, check.after) == (71.0, 69.7)
    assert (check.before_period, check.after_period) == ("2024-10 to 2024-11", "2025-01 to 2025-03")


YEAR_BEFORE = [10.0 * m for m in range(1, 13)]  # Jan 2024 = 10 ... Dec 2024 = 120
TEN_PERCENT_LOWER = [9.0, 18.0, 27.0, 36.0, 45.0, 54.0]  # Jan to Jun 2025


def test_first_and_latest_months_each_against_the_same_months_a_year_earlier() -> None:
    # First: Jan-Mar 2025 (9 + 18 + 27) / 3 = 18 against Jan-Mar 2024 (10 + 20 + 30) / 3 = 20.
    # Latest: Apr-Jun 2025 (36 + 45 + 54) / 3 = 45 against Apr-Jun 2024 (40 + 50 + 60) / 3 = 50.
    data = consecutive(YEAR_BEFORE + TEN_PERCENT_LOWER, "2024-01")
    points = first_and_latest_months_vs_a_year_earlier(data, "bills", "2025-01-01")
    assert points is not None
    first, latest = points
    assert (first.months, first.value, first.baseline) == (("2025-01", "2025-03"), 18.0, 20.0)
    assert (latest.months, latest.value, latest.baseline) == (("2025-04", "2025-06"), 45.0, 50.0)
    assert first.same_months_last_year and latest.same_months_last_year
    assert first.change_pct == pytest.approx(-10.0) and latest.change_pct == pytest.approx(-10.0)


def test_without_a_year_of_history_the_baseline_is_every_month_before() -> None:
    # Only Oct-Dec 2024 before the change: (100 + 110 + 120) / 3 = 110.
    data = consecutive(YEAR_BEFORE[-3:] + TEN_PERCENT_LOWER, "2024-10")
    points = first_and_latest_months_vs_a_year_earlier(data, "bills", "2025-01")
    assert points is not None
    assert [(p.baseline, p.same_months_last_year) for p in points] == [(110.0, False)] * 2


def test_a_month_with_two_rows_counts_once_as_their_mean() -> None:
    # A second January row of 27: January is (9 + 27) / 2 = 18, so the first review is
    # (18 + 18 + 27) / 3 = 21 over Jan-Mar. The old copy kept the last January row only (24),
    # and its latest review ran "2025-05 to 2025-01".
    data = pd.concat(
        [consecutive(YEAR_BEFORE + TEN_PERCENT_LOWER, "2024-01"), frame([("2025-01", 27.0)])]
    )
    points = first_and_latest_months_vs_a_year_earlier(data, "bills", "2025-01")
    assert points is not None
    assert (points[0].months, points[0].value) == (("2025-01", "2025-03"), 21.0)
    assert points[1].months == ("2025-04", "2025-06")


def test_no_review_points_without_six_months_after_or_any_month_before() -> None:
    assert (
        first_and_latest_months_vs_a_year_earlier(
            consecutive([5, 5, 5, 4, 4], "2024-01"), "bills", "2024-03"
        )
        is None
    )
    assert (
        first_and_latest_months_vs_a_year_earlier(
            consecutive([5] * 8, "2024-01"), "bills", "2024-01"
        )
        is None
    )


def test_percent_change() -> None:
    assert percent_change(80, 60) == -25.0
    assert math.isnan(percent_change(0, 5))


# --- The change month the learner chose in notebook 02 ------------------------------------------


def test_split_month_takes_the_learners_date_else_the_sample_change_else_the_middle() -> None:
    from datetime import date

    from helpers.beforeafter import split_month

    months = [f"2024-{m:02d}" for m in range(1, 13)] + ["2025-01", "2025-02"]
    assert split_month(months, date(2025, 3, 1)) == "2025-03"
    assert split_month(months, "2024-06-14") == "2024-06"
    assert split_month(months) == "2025-01"  # the sample's change lies inside the data
    assert split_month(["2023-01", "2023-02", "2023-03", "2023-04"]) == "2023-03"
    assert split_month([]) == "2025-01"


def test_splits_use_the_change_date_saved_in_notebook_02_when_none_is_passed(store) -> None:  # type: ignore[no-untyped-def]
    from helpers.beforeafter import chosen_change_month
    from helpers.datasource import CHANGE_DATE_QUESTION

    data = consecutive([100, 100, 100, 50, 50, 50], "2024-11")  # 2024-11 to 2025-04
    assert chosen_change_month(data["month"], store) == "2025-01"  # nothing saved yet
    assert all_months_before_vs_after(data, "bills").change_month == "2025-01"

    store.save(CHANGE_DATE_QUESTION, "2025-02-01")
    assert chosen_change_month(data["month"], store) == "2025-02"
    numbers = all_months_before_vs_after(data, "bills")
    # November to January before (100 each), February to April after (50 each); split at
    # January 2025 it would have been 2 months before and 4 after.
    assert (numbers.change_month, numbers.months_before, numbers.months_after) == ("2025-02", 3, 3)
    assert (numbers.mean_before, numbers.mean_after) == (100, 50)
    before, after = months_just_before_vs_just_after(data, "bills", months=2)
    assert before.months == ("2024-12", "2025-01") and after.months == ("2025-02", "2025-03")
    # An explicit month still wins over the saved date.
    assert all_months_before_vs_after(data, "bills", "2025-01").change_month == "2025-01"
