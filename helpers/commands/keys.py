"""``coursework keys --out DIR``: make the centre's signing keys for sealing evidence packs."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = (
    "Make the centre's keys for sealing packs: centre.key (keep it private) and centre.pub "
    "(give it to assessors and IQAs)."
)
EXAMPLE = "coursework keys --out ~/centre-keys"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", required=True, metavar="DIR", help="folder for centre.key and centre.pub"
    )


def run(args: argparse.Namespace) -> int:
    from ..export.seal import fingerprint, generate_keys, load_public_key, short_fingerprint

    private_path, public_path = generate_keys(Path(args.out).expanduser())
    key = short_fingerprint(fingerprint(load_public_key(public_path)))
    print(f"Private key: {private_path} (only you can read it; keep a backup somewhere safe).")
    print(f"Public key:  {public_path} (give this to your assessors and IQAs).")
    print(f"Key fingerprint: {key}")
    print(
        "Anyone who has centre.key can seal packs in your centre's name: never email it, never "
        "put it in a learner's folder or a shared drive."
    )
    return 0
