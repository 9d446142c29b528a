"""``coursework export-cohort``: every learner's evidence pack, in parallel, resumable."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HELP = "Build every learner's evidence pack in parallel; a re-run skips unchanged learners."
EXAMPLE = "coursework export-cohort cohort-2026 --out packs --jobs 2"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("cohort", metavar="COHORT_DIR", help="folder made by coursework release")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the packs")
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help=f"exports at once (default: the number of cores, {os.cpu_count()})",
    )
    parser.add_argument(
        "--force", action="store_true", help="export every learner, even when nothing changed"
    )
    parser.add_argument("--criteria", metavar="YAML", help="criteria file (default: the project's)")
    parser.add_argument(
        "--pattern",
        metavar="GLOB",
        help="where learner folders are inside COHORT_DIR, e.g. '*/customer-service-coursework' "
        "for hub home folders (default: each folder directly inside)",
    )
    parser.add_argument(
        "--notebooks", metavar="DIR", help="notebooks to export (default: the project's templates)"
    )


def run(args: argparse.Namespace) -> int:
    from ..cohort import TextProgress, export_cohort
    from ..errors import CourseworkError

    if args.jobs is not None and args.jobs < 1:
        raise CourseworkError("--jobs must be 1 or more.")
    print(f"Exporting evidence packs from {args.cohort} into {args.out} ...")
    try:
        report = export_cohort(
            args.cohort,
            args.out,
            args.jobs,
            TextProgress("Exporting"),
            notebooks_dir=Path(args.notebooks) if args.notebooks else None,
            criteria_path=Path(args.criteria) if args.criteria else None,
            force=args.force,
            pattern=args.pattern,
        )
    except KeyboardInterrupt:
        print(
            "\nStopped. The packs already finished are kept: run the same command again "
            "to carry on from where it stopped.",
            file=sys.stderr,
        )
        return 130
    print(report.summary())
    return 0 if report.ok else 1
