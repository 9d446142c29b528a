"""One module per ``coursework`` subcommand (see ``helpers.cli``), and the options they share."""

from __future__ import annotations

import argparse
import os


def add_cohort_options(parser: argparse.ArgumentParser, *, notebooks_help: str) -> None:
    """The options every command that reads a whole cohort takes, worded the same everywhere."""
    parser.add_argument("cohort", metavar="COHORT_DIR", help="folder made by coursework release")
    parser.add_argument("--criteria", metavar="YAML", help="criteria file (default: the project's)")
    parser.add_argument(
        "--pattern",
        metavar="GLOB",
        help="where learner folders are inside COHORT_DIR, e.g. '*/customer-service-coursework' "
        "for hub home folders (default: each folder directly inside)",
    )
    parser.add_argument("--notebooks", metavar="DIR", help=notebooks_help)
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help=f"processes at once (default: the number of cores, {os.cpu_count()})",
    )
