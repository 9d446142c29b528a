"""Column keys in words: every canonical column has a heading in words (no key, no
underscore) that the reader matches back to that column, and the data report uses it."""

from __future__ import annotations

import pytest

from helpers.data import KINDS
from helpers.data.headers import match_header
from helpers.data.kinds import column_words

COLUMNS = [(kind, col) for kind in KINDS.values() for col in kind.columns]


@pytest.mark.parametrize(("kind", "col"), COLUMNS, ids=[f"{k.name}-{c.name}" for k, c in COLUMNS])
def test_each_column_heading_is_in_words_and_reads_back(kind, col) -> None:  # type: ignore[no-untyped-def]
    assert "_" not in col.heading and not col.heading[:1].islower()
    assert match_header(col.heading, kind) == col.name


def test_units_and_short_forms_are_written_as_people_write_them() -> None:
    assert column_words("office_kwh") == "Office kWh"
    assert column_words("csat_pct") == "CSAT %"
    assert column_words("water_m3") == "Water m³"
    assert column_words("e_signatures") == "E-signatures"
    assert column_words("Electricity used") == "Electricity used"  # a learner's own heading
