"""A learner's column names matched to the canonical columns of a kind."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.data import KINDS, match_header, normalise_header


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("kWh used", "office_kwh"),
        ("  Office KWH ", "office_kwh"),
        ("CSAT (%)", "csat_pct"),
        ("Customer satisfaction %", "csat_pct"),
        ("E-signatures", "e_signatures"),
        ("Number of complaints", "complaints"),
        ("Month", "month"),
        ("Water (m³)", "water_m3"),
        ("Notes", None),
    ],
)
def test_header_variants_match_canonical_columns(header: str, column: str | None) -> None:
    assert match_header(header, KINDS["monthly_operations"]) == column


@given(st.text(max_size=30))
def test_normalising_a_header_twice_changes_nothing(text: str) -> None:
    once = normalise_header(text)
    assert normalise_header(once) == once
    assert once == once.lower()
