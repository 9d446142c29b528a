"""Notebook 01's helpers: channels pre-filled from data, extra activities, footprint table."""

from __future__ import annotations

import pandas as pd

from helpers import review
from helpers.paths import SAMPLE_DIR
from helpers.reference import load_emission_factors


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


def test_extra_activities_join_the_footprint_and_bad_rows_are_named() -> None:
    factors = load_emission_factors()
    rows = [
        {"Activity": "Leaflets", "Factor key": "printed_page", "Amount in the year": "20,000"},
        {"Activity": "", "Factor key": "National rail", "Amount in the year": "1200 km"},
        {"Activity": "Snacks", "Factor key": "crisps", "Amount in the year": "lots"},
        {"Activity": "", "Factor key": "", "Amount in the year": ""},
    ]
    inventory, problems = review.extra_inventory(rows, factors, "2024", 12)
    assert inventory.to_dict("records") == [
        {
            "item": "Leaflets",
            "key": "printed_page",
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
        'row 3, column "Factor key": "crisps" is not in the list of emission factors. '
        "Copy a key from the list of factors above.",
        'row 3, column "Amount in the year": "lots" is not an amount. '
        "Type a number of 0 or more, such as 1200.",
    ]


def test_footprint_table_counts_saved_extra_activities(store) -> None:  # type: ignore[no-untyped-def]
    store.save(
        "01.review.extra_activities",
        [{"Activity": "Leaflets", "Factor key": "printed_page", "Amount in the year": "20000"}],
    )
    text = review.footprint_table().text
    # 20,000 pages x 0.0077 kg = 154 kg (range 20,000 x 0.0052504 = 105 to 20,000 x 0.0105 = 210)
    assert "Leaflets | 20,000 pages | 154 | 105 to 210 | under 1 %" in text


def test_released_notebooks_data_choice_is_the_one_chooser() -> None:
    # Notebooks 01 and 02 as released call helpers.review.data_choice: a re-export, not a copy.
    from helpers import datasource

    assert review.data_choice is datasource.data_choice
