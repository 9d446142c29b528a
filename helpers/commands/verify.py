"""``coursework verify FILE.zip [--key centre.pub]``: check an evidence pack.

Without a key it finds accidental damage only (every file against the manifest's SHA-256); with
the centre's public key it also proves nothing changed since the centre sealed the pack.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CourseworkError

if TYPE_CHECKING:
    from ..export.seal import PackVerdict

HELP = (
    "Check an evidence.zip: with --key centre.pub, that nothing in it changed since the centre "
    "sealed it; without, only that no file was damaged (exit 1 naming any problem)."
)
EXAMPLE = "coursework verify evidence.zip --key centre.pub"
DAMAGE_ONLY = (
    "Without --key this checks only for accidental damage: anyone could change a file and "
    "rewrite the manifest to match."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bundle", metavar="PACK.zip", help="the evidence.zip to check")
    parser.add_argument(
        "--key",
        metavar="centre.pub",
        help="the centre's public key: proves the pack is exactly as the centre sealed it",
    )


def run(args: argparse.Namespace) -> int:
    from ..export.seal import load_public_key, verify_pack

    path = Path(args.bundle)
    if not path.is_file():
        raise CourseworkError(f"There is no file {path}. Check the name and folder.")
    key = load_public_key(Path(args.key).expanduser()) if args.key else None
    verdict = verify_pack(path, key)
    if verdict.check.refused:
        print(verdict.check.refused)
        return 1
    if not verdict.ok:
        _print_problems(path, verdict)
        return 1
    _print_intact(path, verdict, keyed=key is not None)
    return 0


def _print_problems(path: Path, verdict: PackVerdict) -> None:
    if verdict.check.problems:
        print(f"{path.name} has been altered:")
        for problem in verdict.check.problems:
            print(f"  - {problem}")
    if verdict.seal_problem:
        print(f"{path.name} cannot be trusted as sealed: {verdict.seal_problem}")


def _print_intact(path: Path, verdict: PackVerdict, *, keyed: bool) -> None:
    from ..export.seal import short_fingerprint

    seal = verdict.seal
    if keyed and seal is not None:
        print(
            f"{path.name} is sealed and intact: nothing in it has changed since it was sealed "
            f"on {seal.sealed_on} with the key you gave ({short_fingerprint(seal.fingerprint)})."
        )
        return
    print(f"{path.name} is intact: every file matches its SHA-256 in the manifest.")
    if seal is not None:
        print(
            f"It carries a seal made on {seal.sealed_on} by key "
            f"{short_fingerprint(seal.fingerprint)}, but only your centre's centre.pub can "
            "show that key is the centre's."
        )
    print(DAMAGE_ONLY)
    print(f"To prove more, run: coursework verify {path.name} --key centre.pub")
