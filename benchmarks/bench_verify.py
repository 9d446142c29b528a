"""``coursework verify`` on an exemplar pack and on a 1 GB-member zip: wall time, peak memory.

    .venv/bin/python benchmarks/bench_verify.py               # makes the exemplar pack (~1 min)
    .venv/bin/python benchmarks/bench_verify.py --pack P.zip  # or checks a pack you already have

Prints, for each zip, the wall time (including starting Python) and the peak resident memory of
the ``coursework verify`` process: the exemplar pack (``coursework demo`` then ``coursework
export``) without a key and, sealed with a fresh centre key, with ``--key``; then a 1 MB zip
holding a 1 GiB member of zeros (deflate at level 9, the slowest case to read). Goal: the
1 GiB member verified under 200 MB of memory (it is hashed in 1 MB blocks).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the zip builder and the measuring probe live beside the test

from tests.unit.export.test_verify_hostile import (  # noqa: E402
    VerifyRun,
    gigabyte_of_zeros_pack,
    measure_verify,
)


def exemplar_pack(work: Path) -> Path:
    """The exemplar learner's evidence.zip, made the way a learner makes theirs."""
    area, out = work / "exemplar", work / "pack"
    for argv in (["demo", str(area)], ["export", "--dir", str(area), "--out", str(out)]):
        subprocess.run([sys.executable, "-m", "helpers", *argv], check=True, capture_output=True)
    return out / "evidence.zip"


def sealed_copy(pack: Path, work: Path) -> tuple[Path, Path]:
    """A copy of ``pack`` sealed with a fresh key; returns the copy and the public key."""
    from helpers.export.seal import generate_keys, load_private_key, seal_bundle

    private, public = generate_keys(work / "centre")
    copy = work / "sealed.zip"
    copy.write_bytes(pack.read_bytes())
    seal_bundle(copy, load_private_key(private))
    return copy, public


def report(label: str, pack: Path, run: VerifyRun) -> None:
    size = pack.stat().st_size / (1 << 20)
    verdict = "intact" if run.code == 0 else f"exit {run.code}: {run.said.splitlines()[0]}"
    print(
        f"{label:<38} zip {size:6.1f} MB  wall {run.seconds:6.2f} s  "
        f"peak {run.peak_mb:6.0f} MB  ({verdict})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pack", type=Path, help="an evidence.zip to check instead of the exemplar"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        pack = args.pack or exemplar_pack(work)
        report("exemplar pack, no key", pack, measure_verify(pack))
        sealed, public = sealed_copy(pack, work)
        report("exemplar pack, sealed, --key", sealed, measure_verify(sealed, "--key", str(public)))
        bomb = gigabyte_of_zeros_pack(work / "zeros.zip", level=9)
        run = measure_verify(bomb)
        report("1 GiB member of zeros (level 9)", bomb, run)
        print(
            f"Goal: under 200 MB for the 1 GiB member: {'met' if run.peak_mb < 200 else 'MISSED'}."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
