"""``coursework export-cohort``: every learner's evidence pack, in parallel, resumable."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import add_cohort_options

if TYPE_CHECKING:
    from ..cohort import CohortExportReport

HELP = "Build every learner's evidence pack in parallel; a re-run skips unchanged learners."
EXAMPLE = "coursework export-cohort cohort-2026 --out packs --jobs 2"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_cohort_options(
        parser, notebooks_help="notebooks to export (default: the project's templates)"
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the packs")
    parser.add_argument(
        "--force", action="store_true", help="export every learner, even when nothing changed"
    )
    parser.add_argument(
        "--key",
        metavar="centre.key",
        help="seal every pack with the centre's private key (made by coursework keys)",
    )


def run(args: argparse.Namespace) -> int:
    from ..cohort import TextProgress, export_cohort
    from ..errors import CourseworkError

    if args.jobs is not None and args.jobs < 1:
        raise CourseworkError("--jobs must be 1 or more.")
    key = _checked_key(args.key)
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
            key=key,
        )
    except KeyboardInterrupt:
        print(
            "\nStopped. The packs already finished are kept: run the same command again "
            "to carry on from where it stopped.",
            file=sys.stderr,
        )
        return 130
    print(report.summary())
    print(_speed(report))
    if key:
        print(
            f"Every pack's evidence.zip is sealed with {key.name}; assessors check one with "
            "coursework verify evidence.zip --key centre.pub"
        )
    return 0 if report.ok else 1


def _checked_key(name: str | None) -> Path | None:
    """The key file, loaded once here so a wrong file stops the run before any export."""
    if not name:
        return None
    from ..export.seal import load_private_key

    path = Path(name).expanduser().resolve()
    load_private_key(path)
    return path


def _speed(report: CohortExportReport) -> str:
    """Learners per minute over the whole run, saying how many were skipped as unchanged."""
    learners = len(report.results)
    per_minute = 60 * learners / report.seconds if report.seconds > 0 else 0.0
    skipped = len(report.with_outcome("skipped"))
    return f"{per_minute:.1f} learners per minute ({learners} learners, {skipped} unchanged)."
