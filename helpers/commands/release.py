"""``coursework release``: learner copies of the notebooks, one folder per learner with a roster."""

from __future__ import annotations

import argparse

HELP = "Give learners their own copies of the notebooks (tutor-only cells removed)."
EXAMPLE = "coursework release --to cohort-2026 --roster roster.csv --only 01,02"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", required=True, metavar="DIR", help="folder to release into")
    parser.add_argument(
        "--roster",
        metavar="CSV",
        help="learners, one a row: learner_id,name[,centre,organisation,job_role]; "
        "each gets DIR/<learner_id>/ with their profile filled in",
    )
    parser.add_argument(
        "--only", metavar="NN,NN", help="release only these notebook numbers, e.g. 01,02"
    )
    parser.add_argument(
        "--templates",
        metavar="DIR",
        help="template notebooks to release (default: the project's notebooks/ folder)",
    )


def run(args: argparse.Namespace) -> int:
    from ..cohort import TextProgress, release

    print(f"Releasing notebooks into {args.to} ...")
    report = release(
        args.templates, args.to, args.roster, args.only, progress=TextProgress("Releasing")
    )
    print(f"Released {len(report.notebooks)} notebook(s) to {len(report.learners)} folder(s).")
    for kind in ("added", "updated"):
        names = report.names(kind)
        print(f"Notebooks {kind}: {', '.join(names) if names else 'none'}")
    filled = sum(1 for learner in report.learners if learner.profile_filled)
    if args.roster:
        print(f"Profiles filled in for {filled} new learner(s).")
    print("Learners' answers, data and attachments were not touched.")
    return 0
