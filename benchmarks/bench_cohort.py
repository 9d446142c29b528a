"""Tutor tools at college scale: export-cohort against plain nbconvert, status over 2,000 learners.

    .venv/bin/python benchmarks/bench_cohort.py                 # 30 learners, baseline on 3
    .venv/bin/python benchmarks/bench_cohort.py --baseline-sample 30   # baseline on all 30
    .venv/bin/python benchmarks/bench_cohort.py --skip-export   # only status (about a minute)

Prints:
- export-cohort of a generated cohort (default 30 learners) with ``--jobs`` = the number of cores:
  wall time, learners per minute, and the ratio against exporting the same learners one after
  another with plain ``jupyter nbconvert --execute --to html`` (one process per notebook, the
  learner's working area in ``COURSEWORK_DIR``). The baseline runs on ``--baseline-sample``
  learners and is scaled to the whole cohort (it is the same work for every learner); pass
  ``--baseline-sample`` equal to ``--learners`` to measure it all. Goal: at least 3 times faster.
- a re-run of export-cohort with nothing changed (every learner skipped), and one after one
  answer changed for every learner: learners per minute.
- ``status`` over 2,000 learner folders, each read in a worker within the per-learner time and
  memory limits: cold (an empty status cache) and re-run (every learner remembered), then with
  one learner changed; in-process and for the ``coursework status`` command as a tutor runs it.
  Goals: under 5 s cold, under 1 s on a re-run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers import cohort
from helpers.cohort import status as status_module
from helpers.cohort.status_cache import StatusCache
from helpers.paths import NOTEBOOKS_DIR
from helpers.store import open_store

BIN = Path(sys.executable).parent
TEXT_FORM = re.compile(r"""(?:long_text|short_text)\(\s*["'](\d\d\.[\w.]+)["']""")


def text_questions(notebooks: Path) -> list[str]:
    """Question ids asked with a text box (safe to fill with a sentence)."""
    found: list[str] = []
    for path in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")):
        found += [q for q in TEXT_FORM.findall(path.read_text(encoding="utf-8")) if q not in found]
    return found


def exemplar_answers() -> dict[str, object]:
    """The exemplar learner's answers (``coursework demo``), else a sentence per text box."""
    try:
        from helpers.commands.demo import load_exemplar

        return dict(load_exemplar()["answers"])
    except Exception:
        sentence = "Paper bills fell by 40% after January 2025 and customers liked the emails."
        return {qid: sentence for qid in text_questions(NOTEBOOKS_DIR)}


def make_cohort(base: Path, learners: int, templates: Path) -> Path:
    """Release the notebooks to ``learners`` learners with a quarter to all of the exemplar."""
    roster = base / "roster.csv"
    rows = ["learner_id,name,centre"] + [
        f"L{i:03d},Learner {i:03d},Example College" for i in range(1, learners + 1)
    ]
    roster.write_text("\n".join(rows) + "\n", encoding="utf-8")
    to = base / "cohort"
    cohort.release(templates, to, roster)
    answers = list(exemplar_answers().items())
    for i in range(1, learners + 1):
        share = (i % 4 + 1) / 4
        with open_store(to / f"L{i:03d}" / "coursework") as store:
            for qid, value in answers[: int(len(answers) * share)]:
                store.save(qid, value)
    return to


def baseline(cohort_dir: Path, sample: int, out: Path, templates: Path) -> tuple[float, int]:
    """Plain nbconvert, one notebook at a time, for the first ``sample`` learners."""
    notebooks = sorted(templates.glob("[0-9][0-9]_*.ipynb"))
    failures = 0
    started = time.perf_counter()
    for folder in sorted(cohort_dir.iterdir())[:sample]:
        env = dict(os.environ, COURSEWORK_DIR=str(folder / "coursework"), MPLBACKEND="Agg")
        for path in notebooks:
            result = subprocess.run(
                [str(BIN / "jupyter"), "nbconvert", "--execute", "--to", "html"]
                + ["--output-dir", str(out / folder.name), str(path)],
                env=env,
                capture_output=True,
                check=False,
            )
            failures += result.returncode != 0
    return time.perf_counter() - started, failures


def status_cohort(base: Path, learners: int) -> Path:
    """``learners`` folders holding copies of four stores: a quarter to all of the exemplar."""
    to = base / "status-cohort"
    answers = list(exemplar_answers().items())
    seeds = []
    for part in range(1, 5):
        seed = base / f"seed-{part}"
        with open_store(seed) as store:
            store.save("00.profile.name", f"Learner {part}")
            for qid, value in answers[: len(answers) * part // 4]:
                store.save(qid, value)
        seeds.append(seed / "answers.sqlite")
    for i in range(1, learners + 1):
        area = to / f"L{i:04d}" / "coursework"
        area.mkdir(parents=True)
        shutil.copyfile(seeds[i % 4], area / "answers.sqlite")
    return to


def export_run(what: str, args: argparse.Namespace, cohort_dir: Path, templates: Path) -> float:
    """One export-cohort run into the same packs folder; prints and returns its seconds."""
    report = cohort.export_cohort(
        cohort_dir, cohort_dir.parent / "packs", jobs=args.jobs, notebooks_dir=templates
    )
    counts = {o: len(report.with_outcome(o)) for o in ("exported", "skipped", "failed")}
    print(
        f"export-cohort {what}, {args.learners} learners, --jobs {args.jobs}: "
        f"{report.seconds:.1f} s, {60 * args.learners / report.seconds:.1f} learners/min "
        f"({counts['exported']} exported, {counts['skipped']} skipped, {counts['failed']} failed)"
    )
    for result in report.with_outcome("failed")[:3]:
        print(f"  failed {result.learner_id}: {result.message[:200]}")
    return report.seconds


def change_one_answer(cohort_dir: Path, templates: Path) -> str:
    """Every learner rewrites the same one text answer; returns its question id."""
    questions = text_questions(templates)
    qid = questions[len(questions) // 2]
    for area in sorted(cohort_dir.glob("*/coursework")):
        with open_store(area) as store:
            store.save(qid, "Since March, customers get a reply within one working day.")
    return qid


def bench_export(args: argparse.Namespace, base: Path, templates: Path) -> None:
    cohort_dir = make_cohort(base, args.learners, templates)
    cold = export_run("cold", args, cohort_dir, templates)
    export_run("re-run, nothing changed", args, cohort_dir, templates)
    qid = change_one_answer(cohort_dir, templates)
    export_run(f"after one answer ({qid}) changed for each learner", args, cohort_dir, templates)
    if args.baseline_sample < 1:
        return
    sample = min(args.baseline_sample, args.learners)
    seconds, failures = baseline(cohort_dir, sample, base / "nbconvert", templates)
    whole = seconds * args.learners / sample
    scaled = "" if sample == args.learners else f", scaled from {sample} learners"
    print(
        f"plain nbconvert one after another: {seconds:.1f} s for {sample} learners "
        f"({failures} notebook runs failed); {whole:.1f} s for {args.learners}{scaled}"
    )
    print(f"ratio (nbconvert / export-cohort cold): {whole / cold:.2f}x (goal >= 3x)")


def status_run(what: str, folder: Path, jobs: int, cache: Path | None) -> None:
    """One in-process status run; prints wall and CPU time and how many learners were read."""
    remember = StatusCache.for_cohort(folder, folder=cache) if cache else None
    before, started = os.times(), time.perf_counter()
    status = cohort.cohort_status(folder, jobs=jobs, cache=remember)
    wall, after = time.perf_counter() - started, os.times()
    cpu = sum(after[:4]) - sum(before[:4])  # this process and its workers
    read = len(status.learners) - status.remembered
    print(
        f"status {what}, {len(status.learners)} learners, --jobs {jobs}: {wall:.2f} s wall, "
        f"{cpu:.2f} s CPU ({read} read, {status.remembered} remembered)"
    )


def status_command(what: str, folder: Path, jobs: int, cache: Path) -> None:
    """``coursework status`` as a tutor runs it (a fresh Python, imports included)."""
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "coursework"), "status", str(folder), "--jobs", str(jobs), "--cache", str(cache)]
        + ["--out", str(folder.parent / "status.html")],
        check=True,
        capture_output=True,
    )
    print(f"coursework status command {what}: {time.perf_counter() - started:.2f} s")


def bench_status(args: argparse.Namespace, base: Path) -> None:
    folder = status_cohort(base, args.status_learners)
    memory = f"{status_module.LEARNER_MEMORY / 1024**3:g} GB"
    print(f"limits per learner: {status_module.LEARNER_SECONDS:g} s, {memory} of address space")
    status_run("without a cache", folder, 1, None)
    cache = base / "status-cache"
    status_run("cold (goal < 5 s)", folder, args.jobs, cache)
    status_run("re-run, nothing changed (goal < 1 s)", folder, args.jobs, cache)
    with open_store(folder / "L0001" / "coursework") as store:
        store.save("00.profile.name", "Learner One")
    status_run("re-run, one learner changed", folder, args.jobs, cache)
    commands = base / "status-cache-command"
    status_command("cold (goal < 5 s)", folder, args.jobs, commands)
    status_command("re-run, nothing changed (goal < 1 s)", folder, args.jobs, commands)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--baseline-sample", type=int, default=3, help="0: no nbconvert baseline")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--status-learners", type=int, default=2000)
    parser.add_argument("--skip-export", action="store_true", help="only the status figure")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="bench-cohort-"))
    # A snapshot, so both sides export exactly the same notebooks even if the project changes.
    templates = base / "templates"
    shutil.copytree(NOTEBOOKS_DIR, templates, ignore=shutil.ignore_patterns(".*"))
    count = len(list(templates.glob("[0-9][0-9]_*.ipynb")))
    print(f"cores: {os.cpu_count()}, notebooks: {count}, load average: {os.getloadavg()[0]:.1f}")
    try:
        if not args.skip_export:
            bench_export(args, base, templates)
        bench_status(args, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (includes other work on the machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
