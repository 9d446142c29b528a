"""How many A4 pages the exemplar learner's evidence pack prints to: with the learner guidance
left in (before) and left out (after, the assessor's pack as exported).

    .venv/bin/python benchmarks/bench_pack_pages.py [--keep DIR]

The exemplar's answers (data/exemplar) are saved into a new working area and the pack is
exported twice from the same notebook runs: once with ``keep_guidance=True`` (the Markdown cells
tagged ``learner-guidance`` stay, as every pack had them before) and once as the export does by
default. Each ``evidence.html`` is printed to PDF by Chromium (Playwright, Debian's chromium; no
browser is downloaded) on A4 with the page's own print styles, and the PDF's pages are counted.
Also printed: how many guidance cells the notebooks have and the page count of each one-notebook
page. ``--keep DIR`` keeps the two PDFs there to look at.

Measured on this machine (exemplar, guidance left out): 109 pages with the pack's first print
layout (a coverage matrix of about 18 pages, a table of every answer's edits of about 10, 16 px
type); 75 to 77 (as the notebooks grew the same day) with the assessor's layout (a count per unit and one compact row per criterion, the
edits summed up per notebook, 10 pt type and 8.5 pt tables on A4, no blank pages).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.commands.demo import fill_area  # noqa: E402
from helpers.export import ExportResult, export_evidence  # noqa: E402
from helpers.paths import NOTEBOOKS_DIR  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF made by Chromium (each page object says ``/Type /Page``)."""
    return len(_PAGE.findall(pdf))


def print_a4(browser: object, html: Path) -> bytes:
    """``html`` printed to PDF on A4 by Chromium, as "Save as PDF" would (print media)."""
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(html.as_uri(), wait_until="load")
        page.emulate_media(media="print")
        return page.pdf(format="A4", print_background=True, prefer_css_page_size=True)  # type: ignore[no-any-return]
    finally:
        page.close()


def guidance_cells() -> int:
    """Markdown cells tagged learner-guidance in the course notebooks."""
    count = 0
    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            tags = cell.get("metadata", {}).get("tags", [])
            count += cell["cell_type"] == "markdown" and "learner-guidance" in tags
    return count


def export(area: Path, out: Path, keep_guidance: bool, copy_to: Path) -> list[Path]:
    """Export into ``out`` and copy the pages to ``copy_to``: the combined pack first, then one
    page per notebook."""
    result: ExportResult = export_evidence(area, out_dir=out, keep_guidance=keep_guidance)
    if result.failed:
        print(f"  notebooks that failed to run: {', '.join(result.failed)}")
    copy_to.mkdir(parents=True)
    pages = [result.html_path, *result.notebook_paths]
    return [Path(shutil.copy2(page, copy_to / page.name)) for page in pages]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="keep the two PDFs in DIR")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-pack-pages-"))
    try:
        area = work / "coursework"
        fill_area(area)
        print(f"learner-guidance cells in the notebooks: {guidance_cells()}")
        started = time.perf_counter()
        out = work / "exports"
        before = export(area, out, keep_guidance=True, copy_to=work / "before")
        # the same notebook runs are reused (nothing changed): only the pages are written again
        after = export(area, out, keep_guidance=False, copy_to=work / "after")
        print(f"two exports: {time.perf_counter() - started:.1f} s")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                counts = {}
                for name, pages in (("before", before), ("after", after)):
                    pdf = print_a4(browser, pages[0])
                    counts[name] = pdf_pages(pdf)
                    if args.keep:
                        Path(args.keep).mkdir(parents=True, exist_ok=True)
                        (Path(args.keep) / f"evidence-{name}.pdf").write_bytes(pdf)
                print(
                    f"evidence pack, A4, with learner guidance (before): {counts['before']} pages"
                )
                print(f"evidence pack, A4, guidance left out (after):      {counts['after']} pages")
                print(f"pages saved: {counts['before'] - counts['after']}")
                print("one-notebook pages, A4 (before -> after):")
                for old, new in zip(before[1:], after[1:], strict=True):
                    a, b = pdf_pages(print_a4(browser, old)), pdf_pages(print_a4(browser, new))
                    print(f"  {new.stem}: {a} -> {b}")
            finally:
                browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
