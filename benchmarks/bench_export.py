"""Evidence export of the exemplar learner: wall time, sizes, and plain nbconvert for comparison.

    .venv/bin/python benchmarks/bench_export.py [--runs N]

Goals (issue 6): full export (every notebook executed) under 30 s on 2 cores, HTML under 3 MB.
The comparison runs `jupyter nbconvert --execute --to html` over the same notebooks against
the same working area, one notebook after another as nbconvert does, and prints the ratio.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.commands.demo import fill_area  # noqa: E402
from helpers.export import export_evidence  # noqa: E402
from helpers.paths import NOTEBOOKS_DIR  # noqa: E402


def plain_nbconvert(area: Path, out: Path) -> float:
    notebooks = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    jupyter = Path(sys.executable).parent / "jupyter"
    env = dict(os.environ, COURSEWORK_DIR=str(area), MPLBACKEND="Agg")
    started = time.perf_counter()
    subprocess.run(
        [str(jupyter), "nbconvert", "--execute", "--to", "html", "--output-dir", str(out),
         *map(str, notebooks)],
        env=env, check=False, capture_output=True, cwd=NOTEBOOKS_DIR,
    )  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="repeat the export N times")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        area = work / "coursework"
        fill_area(area)
        notebooks = len(list(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")))
        print(f"notebooks: {notebooks}; cores: {os.cpu_count()}")
        times = []
        for _ in range(args.runs):
            result = export_evidence(area)
            times.append(result.seconds)
        print(f"export wall time: {statistics.median(times):.1f} s (median of {len(times)}; "
              f"goal < 30 s)")  # fmt: skip
        for name, seconds in result.timings.items():
            print(f"  {name}: {seconds:.1f} s")
        size = result.html_path.stat().st_size
        print(f"evidence.html: {size / 1e6:.2f} MB (goal < 3 MB)")
        per_notebook = sum(p.stat().st_size for p in result.notebook_paths)
        print(f"per-notebook HTML files: {len(result.notebook_paths)}, {per_notebook / 1e6:.2f} MB")
        print(f"evidence.zip: {result.zip_path.stat().st_size / 1e6:.2f} MB")
        print(f"failed notebooks: {len(result.failed)}")
        plain_out = work / "plain"
        plain = plain_nbconvert(area, plain_out)
        plain_size = sum(p.stat().st_size for p in plain_out.glob("*.html"))
        print(f"plain `jupyter nbconvert --execute --to html`: {plain:.1f} s, "
              f"{plain_size / 1e6:.2f} MB in {notebooks} files")  # fmt: skip
        print(f"ratio export / plain nbconvert: {statistics.median(times) / plain:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
