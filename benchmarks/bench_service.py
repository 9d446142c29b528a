"""Figures for notebooks 03 and 04: attaching files and drawing the journey and SLA charts.

    .venv/bin/python benchmarks/bench_service.py

Prints the wall time of: attaching a 19 MB PDF (copy, SHA-256, store record), attaching the same
file again (duplicate detected, stored once), attaching a 4000 x 3000 photo (with thumbnail), and
drawing the journey diagram for 6 and 12 steps and the SLA chart for the sample (figure built and
rendered to PNG), with the PNG sizes.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit"))


def timed(label: str, action: Callable[[], Any], repeat: int = 3) -> Any:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<48} {best * 1000:8.0f} ms (best of {repeat})")
    return result


def main() -> None:
    from PIL import Image
    from test_journey import twelve_step_journey

    from helpers.attachments import add_attachment
    from helpers.datasource import table as data_table
    from helpers.journey import SAMPLE_JOURNEY, journey_diagram
    from helpers.service import sla_chart
    from helpers.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        area = Path(folder) / "coursework"
        os.environ["COURSEWORK_DIR"] = str(area)
        store = open_store(area)
        big = Path(folder) / "minutes.pdf"
        big.write_bytes(b"%PDF-1.4\n" + os.urandom(19 * 1024 * 1024))
        start = time.perf_counter()
        add_attachment(big, store=store)
        print(
            f"{'attach a 19 MB PDF (first time)':<48} {(time.perf_counter() - start) * 1000:8.0f} ms"
        )
        timed(
            "attach the same 19 MB PDF again (duplicate)", lambda: add_attachment(big, store=store)
        )
        photo = Path(folder) / "poster.jpg"
        Image.new("RGB", (4000, 3000), (0, 114, 178)).save(photo, quality=90)
        start = time.perf_counter()
        add_attachment(photo, store=store)
        print(
            f"{'attach a 4000 x 3000 JPEG with thumbnail':<48} {(time.perf_counter() - start) * 1000:8.0f} ms"
        )
        store.close()

        def render(chart: Any) -> int:
            buffer = io.BytesIO()
            chart.figure.savefig(buffer, format="png", dpi=100)
            return len(buffer.getvalue())

        for label, rows in (("6-step", SAMPLE_JOURNEY), ("12-step", twelve_step_journey())):
            size = timed(
                f"journey diagram, {label}, build + PNG",
                lambda rows=rows: render(journey_diagram(rows)),
            )
            print(f"{'':<48} PNG {size / 1024:.0f} KB")
        frame = data_table("sla_response_times")
        size = timed("SLA chart, sample (96 rows), build + PNG", lambda: render(sla_chart(frame)))
        print(f"{'':<48} PNG {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
