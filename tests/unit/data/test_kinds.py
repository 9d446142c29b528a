"""The kinds of table a learner's file can be, and their columns."""

from __future__ import annotations

from helpers.data import KINDS


def test_kinds_registry_covers_the_sample_files_and_contact_log() -> None:
    assert set(KINDS) == {
        "monthly_operations",
        "feedback",
        "complaints",
        "sla_response_times",
        "team_kpi",
        "promotion_survey",
        "contact_log",
    }
    assert KINDS["feedback"].column("customer_name").person == "customer"
    assert [c.name for c in KINDS["contact_log"].columns] == [
        "date",
        "channel",
        "duration_minutes",
        "pages",
        "km",
    ]
