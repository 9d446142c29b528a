"""The legislation reference file: the shipped file is valid; malformed rows are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.errors import ReferenceDataError
from helpers.legislation import (
    COLUMNS,
    LEGISLATION_FILE,
    find_law,
    legislation_problems,
    load_legislation,
)

DOMAIN_ITEMS = [
    "Environmental Protection Act 1990",
    "Consumer Rights Act 2015",
    "Equality Act 2010",
    "Data Protection Act 2018",
    "UK GDPR",
    "Climate Change Act 2008",
    "Energy and Carbon Report",
    "Waste Electrical and Electronic Equipment",
    "Packaging and Packaging Waste",
    "ISO 9001",
    "ISO 14001",
    "ISO 23592",
    "Customer Service Excellence",
    "AFS 2015:4",
]


def _header_and_rows() -> tuple[str, list[str]]:
    lines = LEGISLATION_FILE.read_text(encoding="utf-8").splitlines()
    return lines[0], lines[1:]


def test_shipped_file_loads_and_covers_every_law_in_the_domain_reference() -> None:
    laws = load_legislation()
    titles = " | ".join(law.title for law in laws)
    for item in DOMAIN_ITEMS:
        assert item in titles, item
    for law in laws:
        assert law.official_url.startswith("https://")
        assert any(
            site in law.official_url
            for site in (
                "legislation.gov.uk",
                "iso.org",
                "gov.uk",
                "av.se",
                "ofgem.gov.uk",
                "fca.org.uk",
            )
        )
        assert law.breach_cost_customer and law.breach_cost_business


def test_malformed_row_is_rejected_with_its_row_and_column_named(tmp_path: Path) -> None:
    header, rows = _header_and_rows()
    equality = next(row for row in rows if row.startswith("equality_2010,"))
    broken = equality.replace(",2010,", ",twenty ten,", 1)
    bad = tmp_path / "legislation.csv"
    bad.write_text("\n".join([header, rows[0], rows[1], broken]) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_legislation(bad)
    message = str(caught.value)
    assert (
        'legislation.csv, row 4, column "year": should be a number but says "twenty ten".'
        in message
    )


def test_empty_cell_and_bad_link_are_each_reported(tmp_path: Path) -> None:
    header, rows = _header_and_rows()
    bad = tmp_path / "legislation.csv"
    bad.write_text("\n".join([header, rows[1].replace("https://www.", "www.")]) + "\n")
    problems = legislation_problems(bad)
    assert [(p.row, p.column) for p in problems] == [(2, "official_url")]
    assert "is not a web address starting https://" in str(problems[0])
    cells = dict.fromkeys(COLUMNS, "text")
    cells.update(
        key="x_act", title="", year="2000", official_url="https://x.gov.uk", year_checked="2026"
    )
    bad.write_text(header + "\n" + ",".join(cells[c] for c in COLUMNS) + "\n")
    problems = legislation_problems(bad)
    assert [(p.row, p.column, p.message) for p in problems] == [
        (2, "title", "is empty; fill it in.")
    ]


def test_missing_column_and_duplicate_key_are_reported(tmp_path: Path) -> None:
    header, rows = _header_and_rows()
    bad = tmp_path / "legislation.csv"
    bad.write_text(header.replace(",official_url", "") + "\n" + rows[0] + "\n")
    problems = legislation_problems(bad)
    assert 'the header row has no column "official_url"' in str(problems[0])
    bad.write_text("\n".join([header, rows[0], rows[0]]) + "\n")
    with pytest.raises(
        ReferenceDataError, match=r'row 3, column "key": repeats "epa_1990_s34" from row 2'
    ):
        load_legislation(bad)


def test_learners_short_names_find_the_right_law() -> None:
    laws = load_legislation()
    assert find_law("GDPR", laws).key == "uk_gdpr"  # type: ignore[union-attr]
    assert find_law("equality act", laws).key == "equality_2010"  # type: ignore[union-attr]
    assert find_law("CRA 2015", laws).key == "consumer_rights_2015"  # type: ignore[union-attr]
    assert find_law("my manager's rules", laws) is None


def test_each_row_says_which_notebooks_show_it() -> None:
    from helpers.legislation import keys_for

    laws = load_legislation()
    in_03 = keys_for("03", laws)
    assert {"dmcc_2024", "cma_green_claims_code", "waste_regs_2011", "environment_act_2021"} <= set(
        in_03
    )
    assert {"ofgem_standards_of_conduct", "fca_consumer_duty", "consumer_rights_2015"} <= set(
        keys_for(4, laws)
    )
    assert "mhsw_1999" in keys_for("06", laws)
    assert all(law.notebook_numbers for law in laws), "every row is shown somewhere"


def test_corrected_facts_say_what_the_law_says() -> None:
    laws = {law.key: law for law in load_legislation()}
    climate = laws["climate_change_2008"].requires
    assert "at least 80 %" in climate and "2019/1056" in climate and "net zero" in climate
    for key in ("data_protection_2018", "uk_gdpr"):
        assert "whichever is higher" in laws[key].breach_cost_business
    assert "6 April 2025" in laws["dmcc_2024"].requires
    assert "31 March 2025" in laws["environment_act_2021"].requires
    assert "stress" in laws["mhsw_1999"].requires
    assert "31 July 2023" in laws["fca_consumer_duty"].requires
