"""``coursework check-data FILE --kind KIND``: the same checks the notebooks run on a data file."""

from __future__ import annotations

import argparse
import sys
import traceback

from ..data.kinds import KINDS

HELP = "Check a CSV or XLSX data file before using it in a notebook."
EXAMPLE = "coursework check-data coursework/data/my_figures.xlsx --kind monthly_operations"
# helpers.data loads only the standard library on import (pandas comes when a file is read).
KIND_NAMES = tuple(KINDS)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the CSV or XLSX file to check")
    parser.add_argument(
        "--kind",
        required=True,
        choices=KIND_NAMES,
        metavar="KIND",
        help="what the file holds: " + ", ".join(KIND_NAMES),
    )


def run(args: argparse.Namespace) -> int:
    """Exit 0 with a summary when the file can be used, 1 with numbered problems when not."""
    try:
        return _check(args.file, args.kind)
    except Exception as error:  # never a traceback, whatever the file
        if getattr(args, "debug", False):
            traceback.print_exc()
        print(
            f"The file {args.file} could not be checked ({error.__class__.__name__}: {error}).\n"
            "Open it in Excel, save it as CSV UTF-8 or .xlsx, and try again.",
            file=sys.stderr,
        )
        return 1


def _check(file: str, kind: str) -> int:
    from ..data import read_table
    from ..errors import DataError

    try:
        table = read_table(file, kind)
    except DataError as error:
        print(error.message)
        for number, problem in enumerate(error.problems, start=1):
            print(f"  {number}. {problem}")
        return 1
    print(f"Usable. {table.summary()}")
    for number, problem in enumerate(table.problems, start=1):
        print(f"  {number}. {problem}")
    return 0
