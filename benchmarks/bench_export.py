"""Evidence export of the exemplar learner: cold, after one changed answer, and plain nbconvert.

    .venv/bin/python benchmarks/bench_export.py [--runs N]

Goals (issue 6): full export (every notebook executed) under 30 s on 2 cores, HTML under 3 MB.
Goals (issue 14): a cold export at most 0.25 of plain nbconvert's time, a re-export after one
changed answer (incremental: only the notebooks that read it run) at most 0.10, and writing the
pages under 1 s. The comparison runs `jupyter nbconvert --execute --to html` over the same
notebooks against the same working area, one notebook after another as nbconvert does. The machine may be shared, so each figure comes
with its CPU time (this process and its kernels, or nbconvert and its kernels) and the load
average: compare the CPU ratios too, and measure again when the load is high.
"""

from __future__ import annotations

import argparse
import os
import resource
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
from helpers.export import ExportResult, export_evidence  # noqa: E402
from helpers.paths import NOTEBOOKS_DIR  # noqa: E402
from helpers.store import open_store  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and of every child process it has waited for (the kernels,
    whose fork server reaps them, and nbconvert), user and system."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load() -> str:
    return f"load average {os.getloadavg()[0]:.1f}"


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


CHANGED_QUESTION = "03.reception.summary"  # read by notebook 03 only


def cold_exports(area: Path, runs: int) -> tuple[ExportResult, list[float], list[float]]:
    """``runs`` full exports (every notebook run); the last result, every wall and CPU time."""
    times, cpus = [], []
    for _ in range(runs):
        cpu = cpu_seconds()
        result = export_evidence(area, full=True)
        times.append(result.seconds)
        cpus.append(cpu_seconds() - cpu)
    return result, times, cpus


def changed_answer_export(area: Path) -> tuple[ExportResult, float]:
    """Change one answer, as a learner would, and export again (incremental, the default);
    the result and its CPU time."""
    with open_store(area) as store:
        before = store.load(CHANGED_QUESTION) or ""
        store.save(CHANGED_QUESTION, f"{before} (Edited after my assessor's feedback.)")
    cpu = cpu_seconds()
    result = export_evidence(area)
    return result, cpu_seconds() - cpu


def report_export(label: str, result: ExportResult) -> None:
    ran = [name[4:] for name in result.timings if name.startswith("run ")]
    print(f"{label}: {result.seconds:.1f} s; ran {len(ran)} ({', '.join(ran) or 'none'}), "
          f"reused {len(result.reused)}")  # fmt: skip
    for name, seconds in result.timings.items():
        print(f"  {name}: {seconds:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="repeat the cold export N times")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        area = work / "coursework"
        fill_area(area)
        notebooks = len(list(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")))
        print(f"notebooks: {notebooks}; cores: {os.cpu_count()}")
        print(f"before the cold export: {load()}")
        result, times, cpus = cold_exports(area, args.runs)
        cold, cold_cpu = statistics.median(times), statistics.median(cpus)
        report_export(f"cold export (median of {len(times)}; goal < 30 s)", result)
        print(f"  CPU: {cold_cpu:.1f} s; {load()}")
        size = result.html_path.stat().st_size
        print(f"evidence.html: {size / 1e6:.2f} MB (goal < 3 MB)")
        per_notebook = sum(p.stat().st_size for p in result.notebook_paths)
        print(f"per-notebook HTML files: {len(result.notebook_paths)}, {per_notebook / 1e6:.2f} MB")
        print(f"evidence.zip: {result.zip_path.stat().st_size / 1e6:.2f} MB")
        print(f"failed notebooks: {len(result.failed)}")
        again, again_cpu = changed_answer_export(area)
        report_export(f"re-export after one changed answer ({CHANGED_QUESTION})", again)
        print(f"  CPU: {again_cpu:.1f} s; {load()}")
        unchanged = export_evidence(area)
        report_export("re-export with nothing changed", unchanged)
        plain_out = work / "plain"
        cpu = cpu_seconds()
        plain = plain_nbconvert(area, plain_out)
        plain_cpu = cpu_seconds() - cpu
        plain_size = sum(p.stat().st_size for p in plain_out.glob("*.html"))
        print(f"plain `jupyter nbconvert --execute --to html`: {plain:.1f} s, "
              f"{plain_size / 1e6:.2f} MB in {notebooks} files")  # fmt: skip
        print(f"  CPU: {plain_cpu:.1f} s; {load()}")
        print(f"ratio cold export / plain nbconvert: {cold / plain:.2f} (goal <= 0.25); "
              f"CPU {cold_cpu / plain_cpu:.2f}")  # fmt: skip
        print(f"ratio re-export after one answer / plain nbconvert: {again.seconds / plain:.2f} "
              f"(goal <= 0.10); CPU {again_cpu / plain_cpu:.2f}")  # fmt: skip
        writing = {k: r.timings["writing the pack"] for k, r in
                   (("cold", result), ("one answer", again), ("nothing changed", unchanged))}  # fmt: skip
        print("writing the pages: " + ", ".join(f"{k} {v:.2f} s" for k, v in writing.items())
              + " (goal < 1 s)")  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
