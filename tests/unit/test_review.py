"""Notebook 01's helpers: channels pre-filled from data, extra activities, footprint table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import review
from helpers.example_rows import (
    ADDED,
    CHANGED,
    CHECKED,
    FILE_UNCHECKED,
    SAMPLE_EXAMPLE,
    SOURCE_COLUMN,
)
from helpers.paths import SAMPLE_DIR
from helpers.reference import load_emission_factors

OWN_FILE = (
    "Month,Printed bills,kWh used,CSAT %\n"
    'Jul-23,"1,200",5000,80\nAug-23,1100,5100,81\nSep-23,1000,5200,79\n'
    "Oct-23,900,6000,78\nNov-23,700,7000,82\nDec-23,650,7500,83\n"
    "Jan-24,600,8000,84\nFeb-24,550,7600,85\n"
)


@pytest.fixture(autouse=True)
def _no_live_views() -> object:
    """Each test starts and ends with no live view registered (the registry is per kernel)."""
    from helpers import live

    live.forget_all()
    yield None
    live.forget_all()


def _own_file(coursework_dir: Path) -> None:
    from helpers import datasource

    mine = coursework_dir / "mine.csv"
    mine.write_text(OWN_FILE, encoding="utf-8")
    assert datasource.use_path("monthly_operations", str(mine)).used


def test_channel_rows_prefill_the_review_from_the_footprint() -> None:
    from helpers import footprint

    operations = pd.read_csv(SAMPLE_DIR / "monthly_operations.csv")
    result = footprint.footprint(
        footprint.inventory_from_operations(operations, "2024"), load_emission_factors()
    )
    rows = review.channel_rows(result)
    assert rows[0] == {
        "Channel or activity": "Printed bills posted",
        "Physical, digital or premises": "Physical channels",
        "What it uses": "paper, ink, printing energy, postal transport",
        "How much": f"{operations['printed_bills'][:12].sum():,} letters in 2024",
    }
    assert {row["Physical, digital or premises"] for row in rows} == {
        "Physical channels",
        "Digital channels",
        "Premises",
    }
    assert review.whole_years(operations) == ["2024", "2025"]
    assert review.chosen_period(operations, "1999") == "2024"
    marked = review.channel_rows(result, SAMPLE_EXAMPLE)
    assert {row[SOURCE_COLUMN] for row in marked} == {SAMPLE_EXAMPLE}


def test_extra_activities_join_the_footprint_by_factor_name_and_bad_rows_are_named() -> None:
    factors = load_emission_factors()
    rows = [
        {
            "Activity": "Leaflets",
            "Emission factor": "National rail",
            "Amount in the year": "20,000",
        },
        # An answer saved before factors were chosen from the list gave a key: still counted.
        {"Activity": "", "Factor key": "rail_national", "Amount in the year": "1200 km"},
        {"Activity": "Snacks", "Emission factor": "crisps", "Amount in the year": "lots"},
        {"Activity": "Train", "Emission factor": "", "Amount in the year": "5"},
        {"Activity": "", "Emission factor": "", "Amount in the year": ""},
    ]
    inventory, problems = review.extra_inventory(rows, factors, "2024", 12)
    assert inventory.to_dict("records") == [
        {
            "item": "Leaflets",
            "key": "rail_national",
            "quantity": 20000.0,
            "period": "2024",
            "months": 12,
        },
        {
            "item": "National rail",
            "key": "rail_national",
            "quantity": 1200.0,
            "period": "2024",
            "months": 12,
        },
    ]
    assert [str(p) for p in problems] == [
        'row 3, column "Emission factor": "crisps" is not in the list of emission factors. '
        "Choose a factor from the list.",
        'row 3, column "Amount in the year": "lots" is not an amount. '
        "Type a number of 0 or more, such as 1200.",
        'row 4, column "Emission factor": No emission factor is chosen. '
        "Choose a factor from the list.",
    ]


def test_the_factor_list_and_its_drop_down_speak_in_words_not_keys() -> None:
    factors = load_emission_factors()
    options = review.factor_options(factors)
    assert ("National rail (per passenger-km)", "National rail") in options
    shown = review.factor_list_block()
    for key in factors.index:
        assert f">{key}<" not in shown.html
        assert f"{key}:" not in shown.text
    assert "National rail: 0.0355 kg CO2e per passenger-km" in shown.text

    form = review.extra_activities_form()
    row = form.control.children[1].children[0]  # the first row of the table body
    factor_cell = row.children[1]
    assert factor_cell.__class__.__name__ == "Dropdown"
    factor_cell.value = "National rail"
    row.children[0].value = "Trips to head office"
    row.children[2].value = "1,200"
    assert form.store.load("01.review.extra_activities") == [
        {
            "Activity": "Trips to head office",
            "Emission factor": "National rail",
            "Amount in the year": "1,200",
        }
    ]


def test_an_answer_saved_with_a_factor_key_shows_the_factor_by_name(store) -> None:  # type: ignore[no-untyped-def]
    store.save(
        "01.review.extra_activities",
        [{"Activity": "Leaflets", "Factor key": "printed_page", "Amount in the year": "20000"}],
    )
    form = review.extra_activities_form()
    assert form.value == [
        {
            "Activity": "Leaflets",
            "Emission factor": str(load_emission_factors().loc["printed_page", "activity"]),
            "Amount in the year": "20000",
        }
    ]


def test_footprint_table_counts_saved_extra_activities(store) -> None:  # type: ignore[no-untyped-def]
    store.save(
        "01.review.extra_activities",
        [
            {
                "Activity": "Leaflets",
                "Emission factor": str(load_emission_factors().loc["printed_page", "activity"]),
                "Amount in the year": "20000",
            }
        ],
    )
    text = review.footprint_block().text
    # 20,000 pages x 0.0077 kg = 154 kg (range 20,000 x 0.0052504 = 105 to 20,000 x 0.0105 = 210)
    assert "Leaflets | 20,000 pages | 154 | 105 to 210 | under 1 %" in text
    assert text.splitlines()[-1].startswith("Sources of the factors: ")
    assert "UK Government GHG Conversion Factors for Company Reporting 2024 (DESNZ)" in text


def test_the_footprint_counts_calls_at_the_figure_for_the_centres_kind_of_call(store) -> None:  # type: ignore[no-untyped-def]
    factors = load_emission_factors(year=2024)  # the sample's first whole year
    minutes = float(pd.read_csv(SAMPLE_DIR / "monthly_operations.csv")["call_minutes"][:12].sum())

    def calls_kg() -> str:
        line = next(x for x in review.footprint_block().text.splitlines() if "Phone calls" in x)
        return line.split(" | ")[3]

    from helpers.footprint import CALL_CHOICES, INTERNET_CALLS, MOBILE_CALLS
    from helpers.plots import nice_number

    assert calls_kg() == nice_number(minutes * float(factors.loc[MOBILE_CALLS, "central"]))
    internet = next(label for label, key in CALL_CHOICES.items() if key == INTERNET_CALLS)
    store.save("01.review.call_type", internet)
    assert calls_kg() == nice_number(minutes * float(factors.loc[INTERNET_CALLS, "central"]))
    form = review.call_type_form()
    help_text = form.widget.children[1].value
    assert "3.6 g CO2e a minute" in help_text and "0.25 g CO2e a minute" in help_text
    assert "_minute" not in help_text


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_electricity_sentence_takes_its_figures_from_the_factor_set_of_the_year(
    year: int,
) -> None:
    factors = load_emission_factors(year=year)
    text = review.electricity_text(factors)
    generation = float(factors.loc["electricity_generation", "central"])
    losses = float(factors.loc["electricity_td", "central"])
    from helpers.plots import nice_number

    assert f"about {nice_number(generation + losses)} kg" in text
    assert f"{nice_number(generation)} kg for generating it" in text
    assert "transmission and distribution losses" in text
    assert f"with the {year} factors" in text
    assert f"Company Reporting {year} (DESNZ)" in text


def test_the_review_of_2025_counts_with_the_2025_factor_set(store) -> None:  # type: ignore[no-untyped-def]
    store.save("01.review.period", "2025")
    assert "with the 2025 factors" in review.factor_notes_block().text
    text = review.footprint_block().text
    assert "the UK Government's 2025 set, for data from 2025" in text


def test_email_figures_are_given_by_type_of_email() -> None:
    factors = load_emission_factors()
    text = review.email_text(factors)
    emails = factors.loc[[k for k in factors.index if str(k).startswith("email_")]]
    assert len(emails) >= 2
    for central in emails["central"]:
        assert f"{1000 * float(central):.2g} g" in text
    assert str(emails["source"].iloc[0]) in text


def test_example_rows_follow_the_data_and_the_learners_rows_stay() -> None:
    fresh = [
        {
            "Channel or activity": "Emails sent",
            "How much": "10 emails",
            SOURCE_COLUMN: FILE_UNCHECKED,
        },
        {
            "Channel or activity": "Office electricity",
            "How much": "5 kWh",
            SOURCE_COLUMN: FILE_UNCHECKED,
        },
    ]
    saved = [
        {
            "Channel or activity": "Emails sent",
            "How much": "99 emails",
            SOURCE_COLUMN: SAMPLE_EXAMPLE,
        },
        {
            "Channel or activity": "Printed bills posted",
            "How much": "9 letters",
            SOURCE_COLUMN: SAMPLE_EXAMPLE,
        },
        {"Channel or activity": "Office electricity", "How much": "7 kWh", SOURCE_COLUMN: CHECKED},
        {"Channel or activity": "Leaflets", "How much": "500", SOURCE_COLUMN: ADDED},
    ]
    shown = review.refresh_examples(saved, fresh, "Channel or activity")
    assert shown == [
        fresh[0],  # the sample's example became the own file's row
        # the sample's printed bills are gone: the own file has none
        saved[2],  # confirmed by the learner: kept as written
        saved[3],
    ]
    assert review.refresh_examples(None, fresh, "Channel or activity") == fresh
    # Rows saved before rows were marked: a row equal to the data's is still an example.
    old = [
        {"Channel or activity": "Emails sent", "How much": "10 emails"},
        {"Channel or activity": "Office electricity", "How much": "6 kWh"},
    ]
    assert review.refresh_examples(old, fresh, "Channel or activity") == [
        fresh[0],
        {**old[1], SOURCE_COLUMN: CHECKED},
    ]


def _rows(form):  # type: ignore[no-untyped-def]
    return form.control.children[1].children


def test_sample_rows_are_marked_until_confirmed_or_changed(store) -> None:  # type: ignore[no-untyped-def]
    form = review.channels_form()
    assert store.load("01.review.channels") is None  # showing the examples saves nothing
    assert {row[SOURCE_COLUMN] for row in form.value} == {SAMPLE_EXAMPLE}
    first, second = _rows(form)[0], _rows(form)[1]
    confirm = first.children[5]
    assert confirm.description == "Confirm"
    confirm.click()
    assert first.children[5].layout.display == "none"
    second.children[2].value = "paper and ink"
    saved = store.load("01.review.channels")
    assert [row[SOURCE_COLUMN] for row in saved[:3]] == [CHECKED, CHANGED, SAMPLE_EXAMPLE]
    form.control.children[2].click()  # Add a row
    assert store.load("01.review.channels")[-1][SOURCE_COLUMN] == ADDED


def test_choosing_an_own_file_replaces_the_sample_examples_live(
    store, coursework_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    from helpers import live

    form = review.channels_form()
    _rows(form)[0].children[5].click()  # confirm "Printed bills posted" as the learner's own
    _own_file(coursework_dir)
    live._dispatch({"data.choice.monthly_operations"})  # what the poller does within a second
    shown = form.value
    assert shown[0][SOURCE_COLUMN] == CHECKED
    assert shown[0]["How much"].endswith("in 2024")  # as the learner confirmed it
    assert [(r["Channel or activity"], r[SOURCE_COLUMN]) for r in shown[1:]] == [
        ("Office electricity", FILE_UNCHECKED)
    ]
    assert shown[1]["How much"] == "35,800 kWh in 2023"


def test_an_own_smaller_file_says_what_its_footprint_covers(coursework_dir: Path) -> None:
    assert "this footprint covers" not in review.footprint_block().text  # the sample: complete
    _own_file(coursework_dir)
    lines = review.footprint_block().text.splitlines()
    assert lines[0].startswith(
        "Your file has electricity and post only, so this footprint covers electricity and "
        "post, not gas heating, water, paper"
    )
    # 2023 has no factor set: the nearest, 2024, is used and named.
    # 35,800 kWh x (0.20705 + 0.0183) = 8,067.5; 5,550 letters x 0.021 (0.016 to 0.026) = 116.6
    assert lines[1] == (
        "Carbon footprint for 2023 (6 months of data): about 8,180 kg CO2e (range 8,160 to 8,210)."
    )
    assert "1 | Office electricity | 35,800 kWh | 8,070 | single figure (no range) | 99 %" in lines
    assert any("no set for 2023, so the nearest one (2024) is used" in line for line in lines)


def test_the_footprint_view_updates_when_the_year_is_chosen(store) -> None:  # type: ignore[no-untyped-def]
    from helpers import live

    view = review.footprint_table()
    assert "Carbon footprint for 2024" in view.html
    period = review.period_form()
    period.control.value = "2025"  # the learner picks 2025: saved, and the view follows
    assert store.load("01.review.period") == "2025"
    assert "Carbon footprint for 2025" in view.html
    assert view.renders >= 2
    live.forget_all()


def test_released_notebooks_data_choice_is_the_one_chooser() -> None:
    # Notebooks 01 and 02 as released call helpers.review.data_choice: a re-export, not a copy.
    from helpers import datasource

    assert review.data_choice is datasource.data_choice


def test_the_years_on_offer_follow_the_data_choice_without_saving(  # type: ignore[no-untyped-def]
    store, coursework_dir: Path
) -> None:
    from helpers import live

    form = review.period_form()
    assert list(form.control.options) == ["2024", "2025"]
    _own_file(coursework_dir)
    live._dispatch({"data.choice.monthly_operations"})  # what the poller does within a second
    assert list(form.control.options) == ["2023", "2024"]
    assert store.load("01.review.period") is None  # the data changed, not the learner's answer
