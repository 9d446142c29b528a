"""``coursework status``: a learner-by-criterion progress matrix for a cohort folder."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from . import add_cohort_options

if TYPE_CHECKING:
    from ..cohort.status_cache import StatusCache

HELP = "Show every learner's progress: criteria met, partly or not yet, last activity, words."
EXAMPLE = "coursework status cohort-2026 --out progress.html --csv progress.csv"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_cohort_options(parser, notebooks_help="notebooks that map questions to criteria")
    parser.add_argument("--out", metavar="HTML", help="also write the matrix as an offline page")
    parser.add_argument("--csv", metavar="CSV", help="also write the matrix as a spreadsheet file")
    parser.add_argument(
        "--cache",
        metavar="DIR",
        help="folder of your own where rows of unchanged learners are remembered between runs "
        "(default: $COURSEWORK_STATUS_CACHE, else ~/.cache/customer-service-coursework/status); "
        "nothing is ever written into learners' folders",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="read every learner, and remember nothing"
    )


def _write(path: str, text: str) -> None:
    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Written: {target}")


def run(args: argparse.Namespace) -> int:
    from ..cohort import TextProgress, cohort_status, status_csv, status_html, status_text
    from ..cohort.status_cache import StatusCache

    print(f"Reading answers in {args.cohort} (read-only; learners can keep working) ...")
    cache = None if args.no_cache else StatusCache.for_cohort(args.cohort, args.pattern, args.cache)
    status = cohort_status(
        args.cohort,
        notebooks_dir=Path(args.notebooks) if args.notebooks else None,
        criteria_path=Path(args.criteria) if args.criteria else None,
        progress=TextProgress("Reading"),
        pattern=args.pattern,
        jobs=args.jobs,
        cache=cache,
    )
    print()
    if status.problems:
        print("The criteria file does not have every criterion the notebooks use:")
        for problem in status.problems:
            print(f"  {problem}")
        print()
    print(status_text(status))
    problems = [lr for lr in status.learners if lr.state != "ok"]
    print(f"\n{len(status.learners)} learner folder(s); {len(problems)} need attention.")
    if cache is not None:
        print(_cache_sentence(cache))
    for learner in problems:
        print(f"  {learner.learner_id}: {learner.state}: {learner.problem}")
    if args.out:
        _write(args.out, status_html(status))
    if args.csv:
        _write(args.csv, status_csv(status))
    return 0


def _cache_sentence(cache: StatusCache) -> str:
    """How many learners were read and how many remembered (unchanged since the last run)."""
    said = (
        f"{cache.read} read, {cache.remembered} unchanged since the last run (remembered in "
        f"{cache.path.parent})."
    )
    return said + (f" Note: {cache.problem}." if cache.problem else "")
