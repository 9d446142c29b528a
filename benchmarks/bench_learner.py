"""What a learner waits for in JupyterLab (Debian's Chromium driven by Playwright).

    .venv/bin/python benchmarks/bench_learner.py            # every notebook once, 3 chart changes
    .venv/bin/python benchmarks/bench_learner.py --changes 5

Prints:
- for each notebook 00 to 07, opened by its address in a fresh workspace with a new kernel:
  seconds until the notebook is shown, until its first answer box can be typed in (ready to
  type), and until it has run itself to the end (the course extension's run is done);
- the time from changing an answer to its chart updating: the change date in notebook 02 is
  typed, and the clock stops when the before-and-after charts under it are redrawn (median and
  slowest of ``--changes`` changes).

JupyterLab serves a temporary copy of the notebooks with a temporary working area, as the
browser tests do (their fixtures are reused), so nothing in the project changes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

from conftest import CHROMIUM, CHROMIUM_ARGS, LabServer, LabSession, start_lab  # noqa: E402

NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("0*.ipynb"))
CHANGE_DATE = "When did the change start?"
DATES = ["01/05/2024", "14 Jun 2024", "2024-07-01", "01/08/2024", "02/09/2024"]


def _shut_down_kernels(server: LabServer) -> None:
    for session in server.api("/api/sessions"):
        request = urllib.request.Request(
            f"{server.url}/api/sessions/{session['id']}",
            headers={"Authorization": f"token {server.token}"},
            method="DELETE",
        )
        urllib.request.urlopen(request, timeout=30).close()


PROBE = """(name) => {
    const tab = [...document.querySelectorAll('.lm-TabBar-tab.lm-mod-current')]
        .some(t => t.textContent.includes(name));
    const panel = [...document.querySelectorAll('.jp-NotebookPanel')]
        .find(p => p.checkVisibility());
    const box = panel && [...panel.querySelectorAll(
        '.jp-OutputArea-output textarea, .jp-OutputArea-output input[type="text"]')]
        .some(b => b.checkVisibility() && !b.disabled);
    const ran = panel && panel.getAttribute('data-coursework-run') === 'done';
    return {shown: tab && !!panel, box: tab && !!box, ran: tab && !!ran};
}"""


def _open(lab: LabSession, index: int, name: str) -> dict[str, float]:
    """Seconds from the address to the notebook shown, its first answer box usable, and its
    run done (whichever comes first is timed on its own)."""
    server = lab.server
    started = time.perf_counter()
    lab.page.goto(
        f"{server.url}/lab/workspaces/bench{index}/tree/notebooks/{name}?token={server.token}",
        wait_until="commit",
    )
    seen: dict[str, float] = {}
    while len(seen) < 3:
        if time.perf_counter() - started > 180:
            raise AssertionError(f"{name} was not ready after 3 minutes: {seen}")
        state = lab.page.evaluate(PROBE, name)
        for key, value in state.items():
            if value and key not in seen:
                seen[key] = time.perf_counter() - started
        time.sleep(0.05)
    return seen


def _chart_images(lab: LabSession) -> list[str]:
    return list(
        lab.page.evaluate(
            """() => [...document.querySelectorAll('.jp-NotebookPanel')]
                .filter(p => p.checkVisibility())
                .flatMap(p => [...p.querySelectorAll('.jp-OutputArea-output img, '
                    + '.jp-OutputArea-output svg')])
                .map(e => e.getAttribute('src') || e.outerHTML.length.toString())"""
        )
    )


def _chart_update(lab: LabSession, date: str) -> float:
    """Seconds from typing a change date in 02 to the charts being redrawn."""
    before = _chart_images(lab)
    output = lab.page.locator(
        ".jp-NotebookPanel:visible .jp-OutputArea-output", has_text=CHANGE_DATE
    )
    box = output.first.locator("input[type='text']").first
    box.scroll_into_view_if_needed()
    box.click()
    started = time.perf_counter()
    box.fill(date)  # one input event, as a paste would be
    box.press("Enter")
    deadline = started + 60
    while _chart_images(lab) == before:
        if time.perf_counter() > deadline:
            raise AssertionError(f"the charts did not change after the change date {date}")
        time.sleep(0.02)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=3, help="chart changes to time")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temp, sync_playwright() as p:
        work = Path(temp)
        root, area = work / "lab", work / "coursework"
        (root / "notebooks").mkdir(parents=True)
        area.mkdir()
        for name in NOTEBOOKS:
            (root / "notebooks" / name).write_bytes((REPO / "notebooks" / name).read_bytes())
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        with start_lab(root, work, {"COURSEWORK_DIR": str(area)}, area) as server:
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            page.set_default_timeout(60_000)
            lab = LabSession(page, server)
            changes_line = "Notebook 02 was not found: no chart change was timed."
            print("Opening each notebook (a new kernel each time), seconds:")
            print(f"  {'notebook':<42} {'shown':>6} {'ready to type':>14} {'has run':>8}")
            for index, name in enumerate(NOTEBOOKS):
                seen = _open(lab, index, name)
                print(
                    f"  {name:<42} {seen['shown']:6.1f} {seen['box']:14.1f} {seen['ran']:8.1f}",
                    flush=True,
                )
                if not name.startswith("02"):
                    _shut_down_kernels(server)
                    continue
                lab.wait_for_kernel(stable=True)
                times = [_chart_update(lab, DATES[i % len(DATES)]) for i in range(args.changes)]
                _shut_down_kernels(server)
                changes_line = (
                    f"Change date typed in 02 until its charts are redrawn: median "
                    f"{statistics.median(times):.2f} s, slowest {max(times):.2f} s "
                    f"({len(times)} changes)"
                )
            print(changes_line)
        browser.close()


if __name__ == "__main__":
    main()
