"""Check figures from data: the mean of the months before and after a change."""

from __future__ import annotations

import pandas as pd

from helpers.pdca import Check, check_from_data


def test_check_from_data_averages_months_before_and_after() -> None:
    frame = pd.DataFrame(
        {
            "month": ["2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03", "2025-04"],
            "fcr": [70.0, 71.0, 72.0, 60.0, 74.0, 75.0, 76.0],
        }
    )
    check = check_from_data(frame, "fcr", "2025-01", months=3, gap=1)
    assert check == Check("fcr", 71.0, 75.0, "2024-10 to 2024-12", "2025-02 to 2025-04", "")
