"""How fast is ``read_table`` on a big file? Prints figures; it is not a timed test.

Generates a 1,000,000-row contact log (date, channel, duration_minutes, pages, km) in a temporary
folder, then times ``read_table`` + validation + a footprint-style summary by channel, and the bare
``pandas.read_csv(engine="pyarrow")`` of the same file. Goals: under 10 s, under 2 GB peak memory,
and no more than 3 times the bare read.

Run: ``.venv/bin/python benchmarks/bench_read_table.py [rows]``
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data import read_table

CHANNELS = ["phone", "email", "chat", "letter", "video", "field visit"]


def make_contact_log(path: Path, rows: int, seed: int = 3) -> None:
    """A plausible contact log: ISO dates over two years, one row per contact."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2024-01-01", "2025-12-31", freq="D").strftime("%Y-%m-%d")
    channel = rng.choice(CHANNELS, size=rows, p=[0.4, 0.25, 0.2, 0.08, 0.05, 0.02])
    frame = pd.DataFrame(
        {
            "date": rng.choice(np.asarray(days), size=rows),
            "channel": channel,
            "duration_minutes": rng.gamma(2.0, 4.0, size=rows).round(1),
            "pages": np.where(channel == "letter", rng.integers(1, 4, size=rows), 0),
            "km": np.where(channel == "field visit", rng.gamma(2.0, 12.0, size=rows).round(1), 0),
        }
    )
    frame.to_csv(path, index=False)


def summarise(frame: pd.DataFrame) -> pd.DataFrame:
    """kg CO2e per channel with helpers.footprint (else plain per-channel totals)."""
    try:
        from helpers import footprint
        from helpers.reference import load_emission_factors
    except ImportError:
        return frame.groupby("channel", observed=True)[["duration_minutes", "pages", "km"]].sum()
    inventory = footprint.inventory_from_contact_log(frame)
    result = footprint.footprint(inventory, load_emission_factors())
    return result.groupby("item")[["quantity", "kg_low", "kg_central", "kg_high"]].sum()


REPEATS = 3  # best of three: the machine is shared, so single timings are noisy


def best_of(times: int, work: Callable[[], object]) -> float:
    """The fastest of ``times`` runs of ``work``, in seconds."""
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(rows: int = 1_000_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contact_log.csv"
        make_contact_log(path, rows)
        size_mb = path.stat().st_size / 1e6
        # Warm up: a notebook kernel has pandera and pyarrow imported after its first table.
        warm = Path(folder) / "warm.csv"
        make_contact_log(warm, 100)
        read_table(warm, "contact_log")
        before = peak_mb()
        bare_seconds = best_of(REPEATS, lambda: pd.read_csv(path, engine="pyarrow"))
        read_seconds = best_of(REPEATS, lambda: read_table(path, "contact_log"))
        start = time.perf_counter()
        table = read_table(path, "contact_log")
        summary = summarise(table.frame)
        total_seconds = time.perf_counter() - start
        total_seconds = min(
            total_seconds,
            best_of(REPEATS - 1, lambda: summarise(read_table(path, "contact_log").frame)),
        )
        # The same file with a blank line near the top (learners' files often have them).
        blank = Path(folder) / "contact_log_blank_line.csv"
        header, body = path.read_bytes().split(b"\n", 1)
        blank.write_bytes(header + b"\n\n" + body)
        blank_seconds = best_of(REPEATS, lambda: read_table(blank, "contact_log"))
    print(f"rows: {rows:,} ({size_mb:.1f} MB CSV)")
    print(f"rows used: {len(table.frame):,}; problems: {len(table.problems)}")
    print(f"timings are the best of {REPEATS} runs")
    print(f"bare pandas.read_csv(engine='pyarrow'): {bare_seconds:.2f} s")
    print(f"read_table + validation: {read_seconds:.2f} s")
    print(f"read_table + validation + summary: {total_seconds:.2f} s (goal < 10 s)")
    print(f"ratio to bare read: {total_seconds / bare_seconds:.1f}x (goal <= 3)")
    print(f"read_table of the same file with a blank line: {blank_seconds:.2f} s")
    print(
        f"peak memory (max RSS): {peak_mb():,.0f} MB (before reading: {before:,.0f} MB; goal < 2048)"
    )
    print(summary.round(1).to_string())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
