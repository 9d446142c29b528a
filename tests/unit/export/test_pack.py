"""What the pack's pages around the notebooks show, as data: the edit summary per notebook."""

from __future__ import annotations

from helpers.export.pack import OTHER_RECORDS, edit_summary

NOTEBOOKS = [("00", "Start here"), ("01", "Review"), ("05", "Continuous improvement")]


def test_edit_summary_has_one_row_per_notebook_in_order_with_days_and_spread() -> None:
    times = {
        "05.pdca.cycle1.plan.problem": ("2025-03-01T09:00:00+00:00", "2025-04-02T10:00:00+00:00"),
        "01.review.period": ("2025-02-01T09:00:00+00:00", "2025-02-01T09:05:00+00:00"),
        "01.review.channels": ("2025-02-01T09:10:00+00:00", "2025-02-03T16:00:00+00:00"),
        "01.impacts.energy": ("2025-02-02T11:00:00+00:00", "2025-02-02T11:00:00+00:00"),
        "attachments.abc": ("2025-02-04T08:00:00+00:00", "2025-02-04T08:00:00+00:00"),
    }
    days = {
        "01.review.period": {"2025-02-01"},
        "01.review.channels": {"2025-02-01", "2025-02-02", "2025-02-03"},
        "01.impacts.energy": {"2025-02-02"},
        "05.pdca.cycle1.plan.problem": {"2025-03-01", "2025-04-02"},
    }
    rows = edit_summary(times, days, NOTEBOOKS)
    assert [r.notebook for r in rows] == ["Review", "Continuous improvement", OTHER_RECORDS]
    review = rows[0]
    assert review.answers == 3
    assert review.first == "01 Feb 2025 09:00 UTC" and review.last == "03 Feb 2025 16:00 UTC"
    assert review.days == 3  # 1, 2 and 3 February
    assert review.spread == "2 on 1 day, 1 on 3 days"
    assert rows[1].spread == "1 on 2 days" and rows[1].days == 2
    # no history for the attachment's record: its first and last edit give its days
    assert rows[2].answers == 1 and rows[2].spread == "1 on 1 day"


def test_edit_summary_of_nothing_saved_is_empty() -> None:
    assert edit_summary({}, {}, NOTEBOOKS) == []
