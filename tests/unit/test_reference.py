"""Reference files load, and a bad row is named by file, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.errors import ReferenceDataError
from helpers.paths import REFERENCE_DIR
from helpers.reference import ReferenceRow, load_emission_factors, load_reference

HEADER = "key,activity,unit,low,central,high,scope,source,year,notes\n"
GOOD = "natural_gas,Gas,kWh,0.18,0.18,0.18,1,DESNZ,2025,\n"


def write(tmp_path: Path, text: str, name: str = "factors.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ReferenceDataError) as caught:
        load_emission_factors(path)
    return [str(problem) for problem in caught.value.problems]


def test_project_factors_load_with_every_key_the_issue_lists() -> None:
    factors = load_emission_factors()
    for key in [
        "electricity_generation",
        "electricity_td",
        "natural_gas",
        "car_petrol",
        "van_electric",
        "rail_national",
        "paper_virgin_sheet",
        "paper_recycled_sheet",
        "paper_waste_landfill",
        "water_supply",
        "homeworking",
        "printed_page",
        "letter_posted",
        "email_spam",
        "email_short",
        "email_long",
        "email_attachment",
        "phone_call_mobile_minute",
        "video_call_camera_on",
        "video_call_camera_off",
        "data_transfer_gb",
        "live_chat_session",
        "voip_call_minute",
    ]:
        assert key in factors.index, key
    assert factors.loc["natural_gas", "central"] == pytest.approx(0.18296)
    assert "estimate" in factors.loc["live_chat_session", "activity"].lower()


def test_sheet_factor_matches_the_working_in_its_notes() -> None:
    factors = load_emission_factors()
    per_tonne = factors.loc["paper_virgin_tonne", "central"]
    assert factors.loc["paper_virgin_sheet", "central"] == pytest.approx(per_tonne * 5 / 1_000_000)
    assert "5 g" in factors.loc["paper_virgin_sheet", "notes"]


def test_text_in_a_number_column_is_named_by_row_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + GOOD + "water,Water,m3,0.1,lots,0.2,3,DESNZ,2025,\n")
    assert problems_of(path) == [
        'factors.csv, row 3, column "central": should be a number but says "lots".'
    ]


def test_several_bad_rows_are_listed_together(tmp_path: Path) -> None:
    text = HEADER + "a,A,kWh,-1,0.1,0.2,2,S,2025,\n" + "b,B,kWh,0.1,0.1,0.1,4,S,2025,\n" + GOOD
    found = problems_of(write(tmp_path, text))
    assert (
        found[0]
        == 'factors.csv, row 2, column "low": is -1, which is too small (it must be at least 0).'
    )
    assert found[1].startswith('factors.csv, row 3, column "scope": says "4", but must be one of')


def test_range_out_of_order_is_reported(tmp_path: Path) -> None:
    found = problems_of(write(tmp_path, HEADER + "a,A,kWh,0.3,0.2,0.1,2,S,2025,\n"))
    assert found == [
        "factors.csv, row 2: low (0.3), central (0.2) and high (0.1) must be in that order, "
        "smallest first."
    ]


def test_empty_cell_and_repeated_key(tmp_path: Path) -> None:
    text = HEADER + GOOD + GOOD + "c,C,kWh,0.1,0.1,0.1,2,,2025,\n"
    found = problems_of(write(tmp_path, text))
    assert found == [
        'factors.csv, row 3, column "key": repeats "natural_gas" for 2025 from row 2.',
        'factors.csv, row 4, column "source": is empty; fill it in.',
    ]


def test_missing_column_names_the_header(tmp_path: Path) -> None:
    found = problems_of(write(tmp_path, "key,activity,unit,low,central,scope\nx,X,kWh,1,1,1\n"))
    assert found == [
        'factors.csv, row 1: the header row has no column "high", "source", "year". '
        "Add the column, spelt exactly like that."
    ]


def test_missing_and_empty_files_are_refused_plainly(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="was not found"):
        load_emission_factors(tmp_path / "nope.csv")
    with pytest.raises(ReferenceDataError, match="has no rows"):
        load_emission_factors(write(tmp_path, HEADER))


def test_environment_variable_points_at_a_tutors_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSEWORK_FACTORS", str(write(tmp_path, HEADER + GOOD)))
    assert list(load_emission_factors().index) == ["natural_gas"]


def test_windows_1252_file_with_bom_free_pound_sign_loads(tmp_path: Path) -> None:
    path = tmp_path / "factors.csv"
    path.write_bytes((HEADER + "gas,Gas \xa3,kWh,1,1,1,1,S,2025,\n").encode("cp1252"))
    assert load_emission_factors(path).loc["gas", "activity"] == "Gas £"


def test_generic_loader_takes_any_row_model(tmp_path: Path) -> None:
    class LawRow(ReferenceRow):
        key: str
        year: int

    path = write(tmp_path, "key,year,extra\nequality_act,2010,kept\n", "laws.csv")
    frame = load_reference(path, LawRow, unique="key")
    assert frame.to_dict("records") == [{"key": "equality_act", "year": 2010, "extra": "kept"}]


def test_reference_names_resolve_to_the_reference_folder() -> None:
    from helpers.reference import reference_path

    assert reference_path("emission_factors") == REFERENCE_DIR / "emission_factors.csv"


# --- Factor sets by year --------------------------------------------------------------------


def test_a_key_may_have_a_row_per_year_and_each_year_gets_its_own_set(tmp_path: Path) -> None:
    from helpers.reference import factor_set, load_factor_table

    text = (
        HEADER
        + "grid,Grid,kWh,0.2,0.2,0.2,2,DESNZ 2024,2024,\n"
        + "grid,Grid,kWh,0.17,0.17,0.17,2,DESNZ 2025,2025,\n"
        + "call,Call,minute,0.0036,0.0036,0.0036,3,O2,2012,\n"
    )
    path = write(tmp_path, text)
    table = load_factor_table(path)
    assert len(table) == 3
    assert load_emission_factors(path, year=2024).loc["grid", "central"] == 0.2
    assert load_emission_factors(path).loc["grid", "central"] == 0.17  # latest when no year
    chosen = factor_set(2019, path)
    assert (chosen.year, chosen.set_years, chosen.exact) == (2024, (2024, 2025), False)
    assert chosen.frame.loc["call", "central"] == 0.0036  # one figure for every year
    assert "no set for 2019, so the nearest one (2024) is used" in chosen.describe()
    assert factor_set(2030, path).year == 2025


def test_the_shipped_sets_hold_the_checked_figures() -> None:
    from helpers.reference import factor_set

    set_2024, set_2025 = factor_set(2024).frame, factor_set(2025).frame
    assert set_2024.loc["electricity_generation", "central"] == pytest.approx(0.20705)
    assert set_2025.loc["electricity_generation", "central"] == pytest.approx(0.177)
    assert set_2025.loc["electricity_td", "central"] == pytest.approx(0.01853)
    assert set_2024.loc["water_supply", "central"] == pytest.approx(0.15311)
    # About 0.196 kg per kWh used on site is generation plus the grid's losses (2025 set).
    per_kwh = set_2025.loc[["electricity_generation", "electricity_td"], "central"].sum()
    assert round(per_kwh, 3) == 0.196
    for frame in (set_2024, set_2025):
        assert frame.index.is_unique
        assert {"email_spam", "email_short", "email_long", "email_attachment"} <= set(frame.index)
    assert set_2025.loc["email_short", "central"] == pytest.approx(0.0003)  # 2020 edition
    assert "2010 edition" in set_2025.loc["email_short", "notes"]


def test_every_row_names_its_source_and_unconfirmed_figures_say_verify() -> None:
    from helpers.reference import load_factor_table

    table = load_factor_table()
    for row in table.to_dict("records"):
        assert row["source"] and row["year"], row["key"]
        if row["source"].startswith("UK Government") and "derived" not in row["source"]:
            assert " tab, " in row["source"], row["key"]  # the table and row are named
    water = table.loc[(table["key"] == "water_supply") & (table["year"] == 2025)].iloc[0]
    assert "verify" in water["notes"].lower() and "0.1913" in water["notes"]
