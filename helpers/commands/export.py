"""``coursework export``: build the evidence pack (HTML and a checked zip) for a working area."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "Build your evidence pack (one HTML file, one per notebook, and evidence.zip)."
EXAMPLE = "coursework export --dir coursework"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir", default=None, help="working-area folder (default: $COURSEWORK_DIR or coursework/)"
    )
    parser.add_argument(
        "--criteria",
        default=None,
        help="criteria file to use instead of data/reference/criteria.yml "
        "(or set COURSEWORK_CRITERIA)",
    )
    parser.add_argument("--notebooks", default=None, help="folder of notebooks to export")
    parser.add_argument("--out", default=None, help="folder to write into (default: AREA/exports)")
    parser.add_argument(
        "--key", metavar="centre.key", help="seal evidence.zip with the centre's private key"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="run every notebook again (by default a notebook whose answers, data and code "
        "are unchanged since the last export is not run again)",
    )


def run(args: argparse.Namespace) -> int:
    from ..export import export_evidence
    from ..export.seal import load_private_key, seal_bundle

    key = load_private_key(Path(args.key).expanduser()) if args.key else None  # before the work

    def progress(fraction: float, message: str) -> None:
        print(f"[{fraction:4.0%}] {message}", file=sys.stderr)

    result = export_evidence(
        args.dir,
        notebooks_dir=args.notebooks,
        criteria_path=args.criteria,
        out_dir=args.out,
        progress=progress,
        full=args.full,
    )
    for problem in result.problems:
        print(f"Warning: {problem}", file=sys.stderr)
    for stem, reason in result.failed.items():
        print(f"{stem}: this section could not be generated: {reason}", file=sys.stderr)
    print(f"Evidence pack: {result.html_path}")
    print(f"Bundle for your assessor: {result.zip_path}")
    if key:
        seal_bundle(result.zip_path, key)
        print("The bundle is sealed with the centre's key.")
    reused = f" ({len(result.reused)} notebooks unchanged, not run again)" if result.reused else ""
    print(f"Took {result.seconds:.1f} s{reused}; HTML {result.html_bytes / 1024:.0f} KB.")
    return 1 if result.failed else 0
