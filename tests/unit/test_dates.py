"""helpers.dates: one UK date control. Many ways of typing a date are read; impossible and
US-order dates are refused with a message saying what to type; stored values are ISO text."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from helpers import forms
from helpers.dates import DateBox, DateProblem, as_typed, in_words, parse_date
from helpers.errors import CourseworkError

APRIL_14 = dt.date(2025, 4, 14)


@pytest.mark.parametrize(
    "typed",
    [
        "14/04/2025",
        "14/4/2025",
        "14/04/25",
        "14-04-2025",
        "14.04.2025",
        " 14/04/2025 ",
        "14 Apr 2025",
        "14 apr 2025",
        "14 April 2025",
        "14th April 2025",
        "14-Apr-2025",
        "14 Apr. 2025",
        "2025-04-14",
        "2025/04/14",
        "14\u00a0April\u00a02025",
    ],
)
def test_many_ways_of_typing_14_april_2025(typed: str) -> None:
    assert parse_date(typed) == APRIL_14


def test_a_day_and_month_both_12_or_under_is_read_day_first() -> None:
    assert parse_date("03/04/2025") == dt.date(2025, 4, 3)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31/02/2025", "February 2025 has no day 31"),
        ("29/02/2025", "February 2025 has no day 29"),
        ("2025-02-30", "no day 30"),
        ("13/13/2025", "no month 13"),
        ("00/04/2025", "no day 0"),
    ],
)
def test_impossible_dates_are_refused_with_what_to_type(typed: str, says: str) -> None:
    with pytest.raises(DateProblem) as caught:
        parse_date(typed)
    message = str(caught.value)
    assert says in message and "Type a real date, like 14/04/2025" in message


@pytest.mark.parametrize(
    ("typed", "fix"),
    [
        ("04/14/2025", "Type the day first: 14/04/2025."),
        ("12/25/2024", "Type the day first: 25/12/2024."),
        ("4/14/25", "Type the day first: 14/04/2025."),
        ("April 14, 2025", "Type the day first: 14 April 2025."),
        ("Apr 14th 2025", "Type the day first: 14 Apr 2025."),
    ],
)
def test_us_order_dates_are_refused_and_the_message_gives_the_uk_way(typed: str, fix: str) -> None:
    with pytest.raises(DateProblem, match="has the month first") as caught:
        parse_date(typed)
    assert str(caught.value).endswith(fix)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "There is no date yet"),
        ("next week", "is not a date. Type it like 14/04/2025"),
        ("n/a", "is not a date"),
        ("45761", "is a number, not a date"),
        ("April 2025", "is a month, not a date. Add the day"),
        ("14/04", "has no year"),
        ("Week 14 2025", "is not a date"),
    ],
)
def test_other_text_is_refused_with_a_plain_message(typed: str, says: str) -> None:
    with pytest.raises(DateProblem, match=says):
        parse_date(typed)


def test_a_date_problem_is_a_coursework_error_and_dates_pass_through() -> None:
    assert issubclass(DateProblem, CourseworkError)
    assert parse_date(APRIL_14) == APRIL_14
    assert parse_date(dt.datetime(2025, 4, 14, 9, 30)) == APRIL_14


def test_in_words_and_as_typed() -> None:
    assert in_words(APRIL_14) == "14 April 2025"
    assert in_words(dt.date(2025, 1, 1)) == "1 January 2025"
    assert as_typed(dt.date(2025, 1, 6)) == "06/01/2025"


def test_the_box_shows_the_date_back_in_words_and_keeps_iso_text() -> None:
    box = DateBox()
    heard: list[Any] = []
    box.on_change(lambda: heard.append(box.value))
    box.text.value = "14 Apr 2025"
    assert box.value == "2025-04-14" and box.problem == ""
    assert "14 April 2025" in box.words.value and box.message.value == ""
    box.text.value = "14/04/20"  # half typed (reads as 2020): still a date
    box.text.value = "31/02/2025"
    assert box.value == "2020-04-14"  # the last good date is kept, never the bad text
    assert "no day 31" in box.message.value and box.words.value == ""
    box.text.value = ""
    assert box.value is None and box.message.value == ""
    assert heard[0] == "2025-04-14" and heard[-1] is None


def test_the_box_never_uses_the_browsers_date_input() -> None:
    import ipywidgets as w

    box = DateBox("2025-04-14")
    assert box.text.value == "14/04/2025"
    assert not any(isinstance(c, w.DatePicker) for c in _descendants(box.widget))


def _descendants(widget: Any) -> list[Any]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += _descendants(child)
    return found


def test_the_box_escapes_what_it_quotes() -> None:
    box = DateBox()
    box.text.value = "<b>soon</b>"
    assert "<b>" not in box.message.value and "&lt;b&gt;" in box.message.value


def test_the_date_form_saves_iso_text_and_refuses_us_dates_without_saving(store: Any) -> None:
    form = forms.date("03.promotion.start", "Start date", store=store)
    form.control.value = "14/04/2025"
    assert store.load("03.promotion.start") == "2025-04-14"
    assert "Saved" in form.status.value
    form.control.value = "04/14/2025"
    assert store.load("03.promotion.start") == "2025-04-14"  # not replaced
    assert "Not saved yet" in form.status.value and "14/04/2025" in form.status.value
    again = forms.date("03.promotion.start", "Start date", store=store)
    assert again.control.value == "14/04/2025"
    assert "14 April 2025" in again.date_box.words.value  # type: ignore[attr-defined]


def test_a_table_with_date_columns_stores_iso_text(store: Any) -> None:
    columns = ["What will be done", "Start date", "End date"]
    form = forms.table(
        "05.pdca.cycle1.plan.actions",
        "Actions",
        columns,
        date_columns=["Start date", "End date"],
        store=store,
    )
    cells = form_cells(form)
    cells[0].value = "Make paperless billing the default for new customers"
    cells[1].text.value = "14/04/2025"
    cells[2].text.value = "30 May 2025"
    assert store.load("05.pdca.cycle1.plan.actions") == [
        {
            "What will be done": "Make paperless billing the default for new customers",
            "Start date": "2025-04-14",
            "End date": "2025-05-30",
        }
    ]
    cells[2].text.value = "05/30/2025"  # refused under the cell; the rest of the row still saves
    cells[0].value = "Paperless billing by default"
    saved = store.load("05.pdca.cycle1.plan.actions")[0]
    assert saved["End date"] == "2025-05-30" and saved["What will be done"].startswith("Paperless")
    assert "has the month first" in cells[2].message.value


def test_a_table_shows_older_date_text_and_keeps_what_it_cannot_read(store: Any) -> None:
    store.save("05.pdca.cycle1.do.log", [{"Date": "14/04/2025"}, {"Date": "next week"}])
    form = forms.table(
        "05.pdca.cycle1.do.log",
        "Log",
        ["Date", "What happened"],
        date_columns=["Date"],
        store=store,
    )
    first, second = (row[0] for row in form_editor(form).rows)
    assert first.value == "2025-04-14" and "14 April 2025" in first.words.value
    assert second.text.value == "next week" and "is not a date" in second.message.value
    assert form.value[1]["Date"] == "next week"  # never silently dropped


def form_editor(form: Any) -> Any:
    return form._read.__self__


def form_cells(form: Any) -> list[Any]:
    return list(form_editor(form).rows[0])
