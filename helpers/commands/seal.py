"""``coursework seal PACK.zip --key centre.key``: sign a pack with the centre's key."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import CourseworkError

HELP = (
    "Seal an evidence.zip with the centre's key, so any later change to it can be detected "
    "with centre.pub."
)
EXAMPLE = "coursework seal packs/L001/evidence.zip --key ~/centre-keys/centre.key"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bundle", metavar="PACK.zip", help="the evidence.zip to seal")
    parser.add_argument(
        "--key", required=True, metavar="centre.key", help="the centre's private key"
    )


def run(args: argparse.Namespace) -> int:
    from ..export.seal import load_private_key, seal_bundle, short_fingerprint

    path = Path(args.bundle)
    if not path.is_file():
        raise CourseworkError(f"There is no file {path}. Check the name and folder.")
    seal, changed = seal_bundle(path, load_private_key(Path(args.key).expanduser()))
    key = short_fingerprint(seal.fingerprint)
    if changed:
        print(f"{path.name} is sealed ({seal.sealed_on}, key {key}).")
    else:
        print(f"{path.name} was already sealed with this key on {seal.sealed_on}; nothing changed.")
    print(f"An assessor checks it with: coursework verify {path.name} --key centre.pub")
    return 0
