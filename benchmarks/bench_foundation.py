"""Foundation figures: import time, save latency, store growth, and (optionally) set-up times.

    python benchmarks/bench_foundation.py            # quick figures (about 20 s)
    python benchmarks/bench_foundation.py --setup    # also `make lab` and `make test` on a fresh clone

Goals: `import helpers` under 0.3 s; median save of a 5,000-word answer under 5 ms; the store under
2 MB after 10,000 keystroke-sized saves of one growing answer.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def import_time(runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import helpers"], check=True)
        times.append(time.perf_counter() - start)
    baseline = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline.append(time.perf_counter() - start)
    print(
        f"python -c 'import helpers': median {statistics.median(times):.3f} s "
        f"(bare interpreter start {statistics.median(baseline):.3f} s; goal < 0.3 s)"
    )
    return statistics.median(times)


def save_latency(area: Path) -> float:
    from helpers.store import open_store

    words = " ".join(f"word{i % 97}" for i in range(5000))
    with open_store(area) as store:
        times = []
        for i in range(200):
            start = time.perf_counter()
            store.save("05.reflection.long", f"{words} {i}")
            times.append(time.perf_counter() - start)
    median = statistics.median(times) * 1000
    print(
        f"AnswerStore.save, 5,000-word answer: median {median:.2f} ms, "
        f"p95 {sorted(times)[int(len(times) * 0.95)] * 1000:.2f} ms over 200 saves (goal < 5 ms)"
    )
    return median


def growth(area: Path) -> float:
    from helpers.store import open_store

    text = ""
    start = time.perf_counter()
    with open_store(area) as store:
        for i in range(10_000):
            text += "abcdefghij "[i % 11]
            store.save("01.review.summary", text)
        revisions = len(store.history("01.review.summary"))
    elapsed = time.perf_counter() - start
    size = (area / "answers.sqlite").stat().st_size / 1_048_576
    print(
        f"10,000 keystroke saves of one answer ({len(text):,} characters): store {size:.3f} MB, "
        f"{revisions} revision(s), {elapsed:.1f} s in all (goal < 2 MB)"
    )
    return size


def _fresh_clone(where: Path) -> Path:
    target = where / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(target)], check=True)
    return target


def make_lab_until_url(clone: Path) -> float:
    port = 18000 + secrets.randbelow(2000)
    start = time.perf_counter()
    process = subprocess.Popen(
        ["make", "lab", f"PORT={port}"],
        cwd=clone,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while time.perf_counter() - start < 600:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2)
            except OSError as error:
                if getattr(error, "code", None) == 403:  # answering, just wants the token
                    break
                time.sleep(0.5)
                continue
            break
        elapsed = time.perf_counter() - start
    finally:
        os.killpg(process.pid, 15)
        process.wait()
    print(f"make lab on a fresh clone until the URL answers: {elapsed:.1f} s")
    return elapsed


def make_test(clone: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(["make", "test"], cwd=clone, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    status = "passed" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
    print(f"make test on a fresh clone (venv reused from make lab): {elapsed:.1f} s, {status}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", action="store_true", help="also time make lab and make test")
    args = parser.parse_args()
    import_time()
    with tempfile.TemporaryDirectory() as tmp:
        save_latency(Path(tmp) / "a")
        growth(Path(tmp) / "b")
        if args.setup:
            clone = _fresh_clone(Path(tmp))
            make_lab_until_url(clone)
            make_test(clone)
            shutil.rmtree(clone / ".venv", ignore_errors=True)


if __name__ == "__main__":
    main()
