"""Charts: numbers, alt text from the data, labelled axes, palette, and an <img> with alt text."""

from __future__ import annotations

import base64
import re

import pandas as pd
import pytest

from helpers import plots
from helpers.beforeafter import all_months_before_vs_after


def monthly(values: list[float], start: str = "2024-01") -> pd.DataFrame:
    months = pd.period_range(start, periods=len(values), freq="M").astype(str)
    return pd.DataFrame({"month": months, "printed_bills": values})


def test_before_after_means_and_change() -> None:
    frame = monthly([100, 110, 90, 50, 40, 60])
    numbers = all_months_before_vs_after(frame, "printed_bills", "2024-04")
    assert (numbers.months_before, numbers.months_after) == (3, 3)
    assert numbers.mean_before == pytest.approx(100.0)
    assert numbers.mean_after == pytest.approx(50.0)
    assert numbers.change_pct == pytest.approx(-50.0)


def test_change_date_may_be_a_full_date() -> None:
    frame = monthly([100, 110, 90, 50, 40, 60])
    assert all_months_before_vs_after(frame, "printed_bills", "2024-04-15").months_before == 3


def test_alt_text_names_years_when_the_split_is_by_calendar_year() -> None:
    frame = monthly([41_200] * 12 + [9_800] * 12)
    chart = plots.before_after_chart(frame, "printed_bills", "2025-01", label="Printed bills")
    assert chart.alt_text == (
        "Printed bills fell from a monthly mean of 41,200 in 2024 to 9,800 in 2025, down 76 %."
    )


def test_alt_text_for_a_mid_year_change_and_a_rise() -> None:
    frame = monthly([10, 10, 10, 15, 15, 15])
    chart = plots.before_after_chart(frame, "printed_bills", "2024-04", label="Chats")
    assert chart.alt_text == (
        "Chats rose from a monthly mean of 10 before April 2024 to 15 from April 2024, up 50 %."
    )


def test_percentage_metrics_change_in_points() -> None:
    frame = monthly([80, 80, 82, 82]).rename(columns={"printed_bills": "csat_pct"})
    chart = plots.before_after_chart(frame, "csat_pct", "2024-03", label="CSAT", unit="%")
    assert chart.alt_text.endswith("to 82 % from March 2024, up 2.0 percentage points.")


def test_no_months_after_the_change_is_said_plainly() -> None:
    chart = plots.before_after_chart(monthly([1, 2, 3]), "printed_bills", "2030-01", label="X")
    assert "no months after January 2030" in chart.alt_text


def test_before_after_chart_axes_are_labelled_with_units_and_use_the_palette() -> None:
    chart = plots.before_after_chart(
        monthly([5, 6, 7, 8]), "printed_bills", "2024-03", label="Printed bills", unit="bills"
    )
    axes = chart.figure.axes[0]
    assert axes.get_xlabel() == "Month"
    assert axes.get_ylabel() == "Printed bills (bills)"
    assert axes.lines[0].get_color() == plots.OKABE_ITO["blue"]
    legend = [text.get_text() for text in axes.get_legend().get_texts()]
    assert legend == ["Printed bills", "Change made", "Mean before", "Mean after"]


def test_hotspot_chart_alt_text_and_order() -> None:
    spots = pd.DataFrame(
        {
            "item": ["Gas", "Electricity", "Post"],
            "kg_low": [900.0, 400.0, 80.0],
            "kg_central": [1000.0, 500.0, 100.0],
            "kg_high": [1100.0, 600.0, 120.0],
            "share_pct": [62.5, 31.25, 6.25],
        }
    )
    chart = plots.hotspot_chart(spots, "2024")
    assert chart.alt_text == (
        "Bar chart of the 3 biggest sources of emissions in 2024, out of 1,600 kg CO2e in all. "
        "Largest: Gas 1,000 kg CO2e (62 %); Electricity 500 kg CO2e (31 %); Post 100 kg CO2e (6 %)."
    )
    axes = chart.figure.axes[0]
    assert "kg CO2e" in axes.get_xlabel()
    assert [label.get_text() for label in axes.get_yticklabels()] == ["Post", "Electricity", "Gas"]


def test_chart_displays_as_png_img_with_escaped_alt_text() -> None:
    chart = plots.before_after_chart(
        monthly([1, 2, 3, 4]), "printed_bills", "2024-03", label="A<b>"
    )
    bundle = chart._repr_mimebundle_()
    assert bundle["text/plain"] == chart.alt_text
    match = re.search(
        r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)"', bundle["text/html"]
    )
    assert match is not None
    assert base64.b64decode(match.group(1)).startswith(b"\x89PNG")
    assert match.group(2).startswith("A&lt;b&gt; rose")
    assert "<b>" not in bundle["text/html"]


def test_nice_number_keeps_three_significant_figures() -> None:
    assert plots.nice_number(41_234) == "41,200"
    assert plots.nice_number(9_849.9) == "9,850"
    assert plots.nice_number(82.46) == "82.5"
    assert plots.nice_number(float("nan")) == "no data"


def test_chart_titles_give_the_change_in_the_right_units() -> None:
    frame = monthly([80, 80, 82, 82]).rename(columns={"printed_bills": "csat_pct"})
    chart = plots.before_after_chart(frame, "csat_pct", "2024-03", label="CSAT", unit="%")
    assert chart.figure.axes[0].get_title() == "CSAT: +2.0 percentage points after the change"
    chart = plots.before_after_chart(monthly([10, 10, 5, 5]), "printed_bills", "2024-03", label="B")
    assert chart.figure.axes[0].get_title() == "B: -50 % after the change"
