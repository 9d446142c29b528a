"""Notebooks 01 and 02 in two real kernels: choosing an own file in 02 updates 01's table, chart
and channel rows by itself, and 02's change date splits its own charts at once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from jupyter_client.blocking.client import BlockingKernelClient

from tests.integration.test_live_kernel import two_kernels  # noqa: F401 (fixture)
from tests.kernels import printed_within, run

pytestmark = pytest.mark.slow

OWN_FILE = (
    "Month,Printed bills,kWh used,CSAT %\n"
    "Jan-24,1200,5000,80\nFeb-24,1100,5100,81\nMar-24,1000,5200,79\n"
    "Apr-24,900,6000,78\nMay-24,700,7000,82\nJun-24,650,7500,83\n"
)


def test_an_own_file_chosen_in_02_updates_01_by_itself(
    two_kernels: list[BlockingKernelClient],  # noqa: F811 (the fixture)
    coursework_dir: Path,
) -> None:
    notebook_01, notebook_02 = two_kernels
    run(
        notebook_01,
        "import helpers\n"
        "table = helpers.review.footprint_table()\n"
        "chart = helpers.review.hotspot_chart()\n"
        "channels = helpers.review.channels_form()\n"
        "print(table.html)",
    )
    assert "Carbon footprint for 2024" in run(notebook_01, "print(table.html)")
    mine = coursework_dir / "mine.csv"
    mine.write_text(OWN_FILE, encoding="utf-8")
    run(
        notebook_02,
        "import helpers\n"
        "charts = helpers.monitoring.before_after_charts()\n"
        f"helpers.datasource.use_path('monthly_operations', {str(mine)!r})",
    )
    took = printed_within(
        notebook_01, "print(table.html)", "Your file has electricity and post only"
    )
    print(f"01's footprint table followed 02's data choice in {took:.2f} s")
    assert took < 4
    assert "Carbon footprint for 2024 (6 months of data)" in run(notebook_01, "print(table.html)")
    assert "Office electricity" in run(notebook_01, "print(chart.html)")
    rows = run(notebook_01, "print([r['Where this row comes from'] for r in channels.value])")
    assert "From your file, not yet checked" in rows
    assert "Example from the sample organisation" not in rows


def test_the_change_date_typed_in_02_redraws_its_charts(
    two_kernels: list[BlockingKernelClient],  # noqa: F811 (the fixture)
) -> None:
    notebook_02, notebook_03 = two_kernels
    run(
        notebook_02,
        "import helpers\n"
        "charts = helpers.monitoring.before_after_charts()\n"
        "date = helpers.monitoring.change_date_form()\n",
    )
    started = time.monotonic()
    run(notebook_02, "date.control.value = '01/03/2025'")
    assert "Change date: 1 March 2025." in run(notebook_02, "print(charts.html[:300])")
    print(f"02's charts redrawn {time.monotonic() - started:.2f} s after the date was typed")
    # Every later split uses the same date: another notebook's kernel reads it back.
    said = run(notebook_03, "import helpers\nprint(helpers.datasource.change_date())")
    assert said.strip() == "2025-03-01"
