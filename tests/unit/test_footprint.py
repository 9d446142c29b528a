"""Footprint arithmetic checked against hand-worked, spreadsheet-style sums written out here."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import footprint as fp
from helpers.errors import DataError
from helpers.paths import SAMPLE_DIR
from helpers.reference import load_emission_factors


@pytest.fixture(scope="module")
def factors() -> pd.DataFrame:
    return load_emission_factors()


def inventory(rows: list[tuple[str, str, float, str]], months: int = 1) -> pd.DataFrame:
    return pd.DataFrame(
        [{"item": i, "key": k, "quantity": q, "period": p, "months": months} for i, k, q, p in rows]
    )


def test_small_inventory_matches_hand_worked_sums(factors: pd.DataFrame) -> None:
    # | item          | quantity    | factor (low / central / high) | kg CO2e central |
    # | Gas           | 1,000 kWh   | 0.18296                       | 182.96          |
    # | Letters       | 2,000       | 0.016 / 0.021 / 0.026         | 42.00           |
    # | Emails        | 10,000      | 0.0003 / 0.0003 / 0.017       | 3.00            |
    # | Diesel van    | 500 km      | 0.25561                       | 127.805         |
    result = fp.footprint(
        inventory(
            [
                ("Gas", "natural_gas", 1000, "Q1"),
                ("Letters", "letter_posted", 2000, "Q1"),
                ("Emails", "email_short", 10000, "Q1"),
                ("Diesel van", "van_diesel", 500, "Q1"),
            ]
        ),
        factors,
    )
    assert list(result["kg_central"]) == pytest.approx([182.96, 42.0, 3.0, 127.805])
    assert list(result["kg_low"]) == pytest.approx([182.96, 32.0, 3.0, 127.805])
    assert list(result["kg_high"]) == pytest.approx([182.96, 52.0, 170.0, 127.805])
    assert list(result["group"]) == ["premises", "physical", "digital", "physical"]
    assert fp.total(result) == pytest.approx(
        {"kg_low": 345.765, "kg_central": 355.765, "kg_high": 532.765}
    )


def test_hotspots_are_ranked_with_shares(factors: pd.DataFrame) -> None:
    result = fp.footprint(
        inventory(
            [
                ("Emails", "email_long", 2000, "Q1"),  # 34 kg
                ("Gas", "natural_gas", 1000, "Q1"),  # 182.96 kg
                ("Letters", "letter_posted", 2000, "Q1"),  # 42 kg
            ]
        ),
        factors,
    )
    spots = fp.hotspots(result)
    assert list(spots["item"]) == ["Gas", "Letters", "Emails"]
    assert list(spots["rank"]) == [1, 2, 3]
    assert spots["share_pct"].tolist() == pytest.approx(
        [100 * 182.96 / 258.96, 100 * 42 / 258.96, 100 * 34 / 258.96]
    )
    assert list(fp.hotspots(result, top=1)["item"]) == ["Gas"]


def test_group_totals_split_physical_digital_and_premises(factors: pd.DataFrame) -> None:
    result = fp.footprint(
        inventory(
            [
                ("Letters", "letter_posted", 1000, "Y"),  # 21 kg physical
                ("Chat", "live_chat_session", 2000, "Y"),  # 5 kg digital
                ("Calls", "phone_call_mobile_minute", 1000, "Y"),  # 3.6 kg digital
            ]
        ),
        factors,
    )
    groups = fp.by_group(result).set_index("group")
    assert groups.loc["physical", "kg_central"] == pytest.approx(21.0)
    assert groups.loc["digital", "kg_central"] == pytest.approx(8.6)
    assert groups.loc["digital", "share_pct"] == pytest.approx(100 * 8.6 / 29.6)


def test_change_between_periods_is_per_month(factors: pd.DataFrame) -> None:
    # Before: 12 months, 12,000 letters = 252 kg, 21 kg a month.
    # After: 3 months, 1,500 letters = 31.5 kg, 10.5 kg a month: down 10.5 kg, -50 %.
    rows = pd.concat(
        [
            inventory([("Letters", "letter_posted", 12000, "2024")], months=12),
            inventory([("Letters", "letter_posted", 1500, "2025 Q1")], months=3),
        ]
    )
    change = fp.change_between(fp.footprint(rows, factors), "2024", "2025 Q1")
    row = change.iloc[0]
    assert row["kg_per_month_before"] == pytest.approx(21.0)
    assert row["kg_per_month_after"] == pytest.approx(10.5)
    assert row["change_kg"] == pytest.approx(-10.5)
    assert row["change_pct"] == pytest.approx(-50.0)


def test_sample_january_2024_matches_a_hand_worked_spreadsheet(factors: pd.DataFrame) -> None:
    # Quantities copied from data/sample/monthly_operations.csv, row 2024-01, counted with the
    # 2025 set given explicitly (the next tests check that 2024 data gets the 2024 set).
    operations = pd.read_csv(SAMPLE_DIR / "monthly_operations.csv")
    result = fp.footprint(fp.inventory_from_operations(operations, "2024-01"), factors)
    per_item = fp.by_item(result).set_index("item")["kg_central"]
    hand_worked = {
        "Printed bills posted": 38968 * 0.021,  # 818.328
        "Letters posted": 8998 * 0.021,  # 188.958
        "Paper bought (reams)": 223 * 3.3627,  # 749.8821
        "Office electricity": 46157 * (0.177 + 0.01853),  # 9025.07821
        "Office gas heating": 61804 * 0.18296,  # 11307.65984
        "Water": 351 * 0.17088,  # 59.97888
        "Emails sent": 99078 * 0.0003,  # 29.7234
        "Live chat sessions": 5325 * 0.0025,  # 13.3125
        "Phone calls": 480549 * 0.0036,  # 1729.9764
        "Video calls": 14048 * 0.0095833,  # 134.6261984
        "Petrol car visits": 5352 * 0.16272,  # 870.87744
        "Diesel car visits": 6927 * 0.17304,  # 1198.64808
        "Electric car visits": 917 * 0.04047,  # 37.11099
        "Diesel van visits": 11776 * 0.25561,  # 3010.06336
        "Electric van visits": 1200 * 0.06976,  # 83.712
    }
    assert per_item.to_dict() == pytest.approx(hand_worked)
    assert fp.total(result)["kg_central"] == pytest.approx(29257.93538, abs=0.001)
    assert fp.hotspots(result)["item"].tolist()[:3] == [
        "Office gas heating",
        "Office electricity",
        "Diesel van visits",
    ]


def test_inventory_from_operations_sums_a_period_and_skips_missing_columns() -> None:
    operations = pd.DataFrame(
        {"month": ["2024-12", "2025-01", "2025-02"], "letters_posted": [10, 20, 30]}
    )
    rows = fp.inventory_from_operations(operations, ("2025-01", "2025-02"))
    assert rows.to_dict("records") == [
        {
            "item": "Letters posted",
            "key": "letter_posted",
            "quantity": 50.0,
            "period": "2025-01 to 2025-02",
            "months": 2,
        }
    ]
    with pytest.raises(DataError, match="no months in 2023"):
        fp.inventory_from_operations(operations, "2023")


def test_bad_inventory_rows_are_all_reported(factors: pd.DataFrame) -> None:
    bad = inventory([("Gas", "natural_gas", -5, "Y"), ("Crisps", "crisps", "lots", "Y")])
    problems = [str(problem) for problem in fp.check_inventory(bad, factors)]
    assert problems == [
        'row 1, column "quantity": -5 is below zero. Use 0 or more.',
        'row 2, column "key": "crisps" is not in the emission factors list. Choose an activity '
        "from the list.",
        'row 2, column "quantity": "lots" is not a number.',
    ]
    with pytest.raises(DataError):
        fp.footprint(bad, factors)


def test_monthly_footprint_matches_the_period_footprint(factors: pd.DataFrame) -> None:
    operations = pd.read_csv(SAMPLE_DIR / "monthly_operations.csv")
    per_month = fp.monthly_footprint(operations, factors)
    assert per_month.iloc[0] == pytest.approx(29257.93538, abs=0.001)  # January 2024, as above
    whole_2024 = fp.total(fp.footprint(fp.inventory_from_operations(operations, "2024"), factors))
    assert per_month.iloc[:12].sum() == pytest.approx(whole_2024["kg_central"])


def test_contact_log_becomes_an_inventory_per_channel(factors: pd.DataFrame) -> None:
    log = pd.DataFrame(
        {
            "date": ["2024-01-03", "2024-01-04", "2024-02-01", "2024-02-02", "2024-02-03", None],
            "channel": ["Phone", "phone", "letter", "email", "carrier pigeon", None],
            "duration_minutes": [10.0, 5.0, None, 0.0, 3.0, 99.0],
            "pages": [0, 0, 3, 0, 0, 0],
            "km": [0, 0, 0, 0, 0, 0],
        }
    )
    rows = fp.inventory_from_contact_log(log)
    quantities = {(r["item"], r["key"]): r["quantity"] for r in rows.to_dict("records")}
    assert quantities == {
        ("Phone calls", "phone_call_mobile_minute"): 15.0,
        ("Emails sent", "email_short"): 1.0,
        ("Letters posted", "letter_posted"): 1.0,
        ("Printed pages", "printed_page"): 3.0,
    }
    assert set(rows["months"]) == {2}
    result = fp.footprint(rows, factors)
    # 15 x 0.0036 + 1 x 0.0003 + 1 x 0.021 + 3 x 0.0077 = 0.054 + 0.0003 + 0.021 + 0.0231
    assert fp.total(result)["kg_central"] == pytest.approx(0.0984)
    january = fp.inventory_from_contact_log(log, "2024-01")
    assert january["item"].tolist() == ["Phone calls"] and january["months"].tolist() == [1]


# --- The factor set follows the year of the data -------------------------------------------------


def test_data_year_reads_the_year_of_a_period() -> None:
    assert fp.data_year("2024") == 2024
    assert fp.data_year("2025-03") == 2025
    assert fp.data_year("2025 Q1") == 2025
    assert fp.data_year("2024-07 to 2025-09") == 2025  # 6 months in 2024, 9 in 2025
    assert fp.data_year("2024-07 to 2025-06") == 2024  # a tie: the earlier year
    assert fp.data_year("the whole log") is None


def test_data_from_2024_is_counted_with_the_2024_set_and_says_so() -> None:
    rows = pd.concat(
        [
            inventory([("Office electricity", "electricity_generation", 1000, "2024")]),
            inventory([("Office electricity", "electricity_generation", 1000, "2025")]),
            inventory([("Office electricity", "electricity_generation", 1000, "2023")]),
        ]
    )
    result = fp.footprint(rows)  # no factors given: each period gets its own year's set
    # 2024: 1,000 x 0.20705; 2025: 1,000 x 0.177; 2023 has no set: the nearest (2024).
    assert result["kg_central"].tolist() == pytest.approx([207.05, 177.0, 207.05])
    assert result["factor_set"].tolist() == [2024, 2025, 2024]
    note = fp.factor_set_note(result)
    assert "the UK Government's 2024 set, for data from 2024." in note
    assert "the UK Government's 2025 set, for data from 2025." in note
    assert "no set for 2023, so the nearest one (2024) is used" in note


def test_monthly_footprint_counts_each_month_with_its_own_years_set() -> None:
    operations = pd.DataFrame({"month": ["2024-12", "2025-01"], "office_kwh": [1000, 1000]})
    kg = fp.monthly_footprint(operations)
    # Generation plus losses: 2024 0.20705 + 0.0183; 2025 0.177 + 0.01853.
    assert kg.tolist() == pytest.approx([225.35, 195.53])


def test_the_learner_chooses_how_calls_travel() -> None:
    operations = pd.DataFrame({"month": ["2025-01"], "call_minutes": [1000]})
    mobile = fp.inventory_from_operations(operations, "2025")
    internet = fp.inventory_from_operations(
        operations, "2025", calls=fp.call_factor_key(list(fp.CALL_CHOICES)[1])
    )
    assert mobile["key"].tolist() == ["phone_call_mobile_minute"]
    assert internet["key"].tolist() == ["voip_call_minute"]
    assert fp.total(fp.footprint(mobile))["kg_central"] == pytest.approx(3.6)
    assert fp.total(fp.footprint(internet))["kg_central"] == pytest.approx(0.25)
    assert fp.call_factor_key(None) == "phone_call_mobile_minute"
    assert fp.monthly_footprint(operations, calls="voip_call_minute").tolist() == [0.25]


def test_a_smaller_file_says_what_the_footprint_covers() -> None:
    note = fp.coverage_note(["month", "office_kwh"])
    assert note.startswith(
        "Your file has electricity only, so this footprint covers electricity, not gas "
        "heating, water, paper, post, travel, email, live chat, phone calls and video calls."
    )
    sample = pd.read_csv(SAMPLE_DIR / "monthly_operations.csv")
    assert fp.coverage_note(sample.columns) == ""
    assert "no footprint" in fp.coverage_note(["month", "csat_pct"])
