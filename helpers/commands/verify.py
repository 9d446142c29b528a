"""``coursework verify FILE.zip``: check an evidence bundle has not been changed since it was made."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import CourseworkError

HELP = "Check that an evidence.zip is exactly as it was exported (exit 1 naming any changed file)."
EXAMPLE = "coursework verify coursework/exports/evidence.zip"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bundle", help="the evidence.zip to check")


def run(args: argparse.Namespace) -> int:
    from ..export.bundle import verify_bundle

    path = Path(args.bundle)
    if not path.is_file():
        raise CourseworkError(f"There is no file {path}. Check the name and folder.")
    problems = verify_bundle(path)
    if problems:
        print(f"{path.name} has been altered:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(f"{path.name} is intact: every file matches its SHA-256 in the manifest.")
    return 0
