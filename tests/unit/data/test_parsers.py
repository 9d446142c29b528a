"""Property tests for the pure parsers behind read_table (numbers, units, UK dates, months)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.data import (
    parse_month,
    parse_number,
    parse_quantity,
    parse_uk_date,
    slash_date_order,
)

counts = st.integers(min_value=0, max_value=10**12)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
EXCEL_EPOCH = dt.date(1899, 12, 30)


@given(counts)
def test_thousands_separators_are_read(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(counts, st.sampled_from(["kWh", "km", "m3", "mins", "%", "pages", " kWh", " miles"]))
def test_units_after_a_number_are_read_and_named(n: int, unit: str) -> None:
    value, found = parse_quantity(f"{n:,}{unit}")
    assert value == n
    assert found == unit.strip().lower()


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_pounds_and_decimals_are_read(amount: object) -> None:
    text = f"£{amount:,.2f}"
    value, unit = parse_quantity(text)
    assert value == pytest.approx(float(str(amount)))
    assert unit == "£"


@given(counts.filter(lambda n: n > 0))
def test_minus_signs_and_accounting_brackets_mean_negative(n: int) -> None:
    assert parse_number(f"-{n:,}") == -n
    assert parse_number(f"({n:,})") == -n


@pytest.mark.parametrize("blank", ["", "  ", "-", "n/a", "N/A", "none", None, "#N/A"])
def test_blank_like_cells_are_missing(blank: str | None) -> None:
    assert parse_number(blank) is None
    assert parse_uk_date(blank) is None
    assert parse_month(blank) is None


@pytest.mark.parametrize("text", ["twelve", "12 apples", "1,23,4", "£12 kWh", "12..5", "1e"])
def test_non_numbers_are_refused_with_the_value_in_the_reason(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number|both a currency"):
        parse_number(text)


@given(st.text(max_size=40))
@settings(max_examples=300)
def test_any_text_gives_a_number_none_or_a_value_error(text: str) -> None:
    try:
        result = parse_number(text)
    except ValueError as error:
        assert str(error)
    else:
        assert result is None or isinstance(result, float)


@given(dates)
def test_uk_date_spellings_all_give_the_same_date(day: dt.date) -> None:
    for text in (
        day.strftime("%d/%m/%Y"),
        f"{day.day}/{day.month}/{day.year}",
        day.strftime("%d-%m-%y"),
        day.strftime("%d.%m.%Y"),
        day.isoformat(),
        day.strftime("%d %B %Y"),
        day.strftime("%d %b %Y"),
        day.strftime("%d-%b-%y"),
        day.strftime("%d/%m/%Y 00:00"),
        str((day - EXCEL_EPOCH).days),
    ):
        assert parse_uk_date(text) == day, text
    assert parse_uk_date(dt.datetime(day.year, day.month, day.day, 13, 5)) == day
    assert parse_uk_date((day - EXCEL_EPOCH).days) == day


@given(dates.filter(lambda d: d.day > 12))
def test_month_first_dates_are_refused_as_us_style(day: dt.date) -> None:
    text = day.strftime("%m/%d/%Y")
    assert slash_date_order(text) == "month_first"
    with pytest.raises(ValueError, match="US-style date"):
        parse_uk_date(text)


@given(dates.filter(lambda d: d.day <= 12 and d.month <= 12))
def test_dates_that_read_both_ways_are_taken_day_first(day: dt.date) -> None:
    text = day.strftime("%d/%m/%Y")
    assert slash_date_order(text) == "either"
    assert parse_uk_date(text) == day


@given(st.integers(2000, 2099), st.sampled_from([(2, 30), (2, 31), (4, 31), (6, 31), (9, 31)]))
def test_impossible_dates_are_refused(year: int, month_day: tuple[int, int]) -> None:
    month, day = month_day
    with pytest.raises(ValueError, match="is not a real date"):
        parse_uk_date(f"{day:02d}/{month:02d}/{year}")


def test_a_29th_of_february_needs_a_leap_year() -> None:
    assert parse_uk_date("29/02/2024") == dt.date(2024, 2, 29)
    with pytest.raises(ValueError, match="February 2025 has no day 29"):
        parse_uk_date("29/02/2025")


@given(st.integers(2000, 2099), st.integers(1, 12))
def test_month_spellings_all_give_the_first_of_the_month(year: int, month: int) -> None:
    first = dt.date(year, month, 1)
    for text in (
        first.strftime("%b-%y"),
        first.strftime("%b %Y"),
        first.strftime("%B %Y"),
        first.strftime("%Y-%m"),
        first.strftime("%m/%Y"),
        f"{month}/{year}",
        first.strftime("%Y %b"),
        first.strftime("%d/%m/%Y"),
        first.strftime("%B").upper() + f" {year}",
        str((first - EXCEL_EPOCH).days),
    ):
        assert parse_month(text) == first, text


@given(st.text(max_size=30))
@settings(max_examples=300)
def test_any_text_gives_a_date_none_or_a_value_error(text: str) -> None:
    for parse in (parse_uk_date, parse_month):
        try:
            result = parse(text)
        except ValueError as error:
            assert str(error)
        else:
            assert result is None or isinstance(result, dt.date)


def test_a_month_without_a_year_is_refused() -> None:
    with pytest.raises(ValueError, match="has no year"):
        parse_month("March")
