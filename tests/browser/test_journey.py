"""A learner's whole journey on a fresh clone, served at its root as `make lab` serves it.

Notebooks 00 to 07 are opened in order (the address opens 00; each next one through its
"Next" link) and never run by hand: each runs itself and shows no code. One answer is typed in
each (in 07 its check ticks while it is typed). In 02 the learner chooses their own monthly
figures, and both 02 and 01 (still open in its tab) change by themselves. 07 builds the pack,
whose link opens it through the server and whose download link gives the zip; every typed
answer is in the pack. At the end, with every notebook saved, `git status` of the clone is
clean: the server's pre-save hook keeps outputs and widget state out of the templates, so a
tutor's update still arrives.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CURRENT_PANEL, REPO, LabServer, LabSession, start_lab

from helpers.views.status import STATUSES

NOTEBOOKS = [
    "00_start_here.ipynb",
    "01_sustainability_review.ipynb",
    "02_before_and_after.ipynb",
    "03_promoting_sustainable_practice.ipynb",
    "04_service_environment.ipynb",
    "05_continuous_improvement.ipynb",
    "06_sustainable_team_environment.ipynb",
    "07_reflection_and_evidence.ipynb",
]
TEXTAREA = ".jp-OutputArea-output .widget-textarea textarea"
OWN_FILE = "Northfield branch figures.csv"
LINKS = "Your reflection names the policy or law and the impact of your action."
ANALYSIS = "Our environmental policy shaped the change, and printed bills fell by 53 %."


def _answer(index: int) -> str:
    """A distinct answer of about 30 words for notebook ``index`` (long enough for any box)."""
    return (
        f"Journey answer {index:02d}: our team cut printed letters by moving customers to "
        "paperless billing, checked the monthly figures with the manager, and shared what we "
        "learned with colleagues at the weekly huddle meeting."
    )


def _own_figures() -> bytes:
    """The sample's monthly figures with every paper and energy count halved: a small valid
    file of the monthly operations kind whose totals differ from the sample's."""
    sample = REPO / "data" / "sample" / "monthly_operations.csv"
    rows = list(csv.DictReader(sample.open(encoding="utf-8", newline="")))
    halved = {"printed_bills", "letters_posted", "paper_reams", "office_kwh", "gas_kwh"}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (str(int(v) // 2) if k in halved else v) for k, v in row.items()})
    return out.getvalue().encode("utf-8")


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A fresh clone of the committed project (so `git status` means something)."""
    target = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(target)], check=True)
    return target


@pytest.fixture
def journey_lab(clone: Path, tmp_path: Path, chromium_page: Any) -> Iterator[LabSession]:
    """`make lab` on the clone: its root served, the address opening notebook 00, and the
    learner's work in the clone's own coursework/ folder (no COURSEWORK_DIR)."""
    workdir = tmp_path / "server"
    workdir.mkdir()
    args = ("--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb",)
    area = clone / "coursework"
    with start_lab(clone, workdir, {"COURSEWORK_DIR": None}, area, args) as server:
        yield LabSession(chromium_page, server)


def _panel(lab: LabSession) -> Any:
    return lab.page.locator(CURRENT_PANEL).first


def _show_tab(lab: LabSession, name: str) -> None:
    lab.page.locator(".lm-TabBar-tab .lm-TabBar-tabLabel", has_text=name).first.click()
    lab.page.locator(".lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel", has_text=name).wait_for()


def _type_answer(lab: LabSession, text: str, nth: int = 0) -> None:
    box = _panel(lab).locator(TEXTAREA).nth(nth)
    box.scroll_into_view_if_needed()
    box.click()
    box.fill(text)
    _panel(lab).locator(".cw-status", has_text=re.compile(r"^Saved \d\d:\d\d$")).first.wait_for(
        timeout=20_000
    )


def _analysis_ticks_its_check(lab: LabSession, answer: str) -> None:
    """07's checks tick while the learner types: the analysis names the law and the impact."""
    item = _panel(lab).locator(".cw-feedback li", has_text=LINKS).first
    item.wait_for(state="attached")
    assert STATUSES["not yet"].label in (item.text_content() or "")
    # the boxes: description, feelings, evaluation, analysis
    _type_answer(lab, f"{answer} {ANALYSIS}", nth=3)
    item.filter(has_text=STATUSES["met"].label).wait_for(state="attached", timeout=20_000)


def _choose_own_figures(lab: LabSession, tmp_path: Path) -> None:
    own = tmp_path / OWN_FILE
    own.write_bytes(_own_figures())
    chooser_box = _panel(lab).locator(".jp-OutputArea-output", has_text="Upload a file").first
    chooser_box.scroll_into_view_if_needed()
    with lab.page.expect_file_chooser() as chooser:
        chooser_box.locator("button", has_text="Upload a file").first.click()
    chooser.value.set_files(str(own))
    chooser_box.get_by_text(OWN_FILE).first.wait_for(timeout=30_000)


def _text(lab: LabSession) -> str:
    # textContent, not innerText: JupyterLab skips drawing cells out of view (content-visibility)
    return str(_panel(lab).text_content())


def _footprint(text: str) -> str:
    """01's headline: "Carbon footprint for <year>: about <n> kg CO2e (range ...)"."""
    found = re.search(r"Carbon footprint for [^:]*: about [^)]*\)", text)
    assert found, "01 shows no carbon footprint"
    return found.group(0)


def _wait_for_change(
    lab: LabSession, before: str, must_show: str, footprint: bool = False, timeout: float = 30
) -> None:
    """Wait until the notebook on screen shows ``must_show`` and its text has changed (with
    ``footprint``: its carbon footprint headline too)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = _text(lab)
        changed = now != before and (not footprint or _footprint(now) != _footprint(before))
        if must_show in now and changed:
            return
        time.sleep(0.5)
    raise AssertionError(f"the notebook did not update by itself to show {must_show!r}")


def _open_next(lab: LabSession, name: str) -> None:
    """Follow the notebook's own "Next" link, as a learner would."""
    link = _panel(lab).locator("a", has_text=re.compile(f"^{name.removesuffix('.ipynb')}$")).first
    link.scroll_into_view_if_needed()
    link.click()
    lab.wait_until_run(name)


def _build_pack(lab: LabSession, server: LabServer) -> tuple[str, bytes]:
    """Press the 07 button, open the pack through its link, download the zip by its link."""
    button = _panel(lab).locator("button", has_text="Build my evidence pack")
    button.scroll_into_view_if_needed()
    button.click()
    link = _panel(lab).locator("a", has_text="Open your evidence pack")
    link.wait_for(state="attached", timeout=240_000)
    with lab.page.context.expect_page() as opened:
        link.click()
    pack = opened.value
    pack.wait_for_load_state()
    pack_text = pack.inner_text("body")
    pack.close()
    download = _panel(lab).locator("a[download]").first.get_attribute("href") or ""
    assert download.endswith("evidence.zip?download=1")
    request = urllib.request.Request(
        f"{server.url}{download}", headers={"Authorization": f"token {server.token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert "attachment" in response.headers.get("Content-Disposition", "")
        return pack_text, response.read()


def _save_all(lab: LabSession) -> None:
    lab.command("File", "docmanager:save-all")
    lab.page.wait_for_function(
        "() => !document.querySelector('.lm-TabBar-tab.jp-mod-dirty')", timeout=30_000
    )


def test_whole_journey_on_a_fresh_clone(
    journey_lab: LabSession, clone: Path, tmp_path: Path
) -> None:
    lab, server = journey_lab, journey_lab.server
    lab.page.goto(f"{server.url}/?token={server.token}")  # the address make lab prints
    lab.wait_until_run(NOTEBOOKS[0])
    before_01 = ""
    for index, name in enumerate(NOTEBOOKS):
        if index:
            _open_next(lab, name)
        assert lab.visible_code() == 0, f"{name} shows code"
        if name.startswith("01"):
            before_01 = _text(lab)
        if name.startswith("02"):
            before_02 = _text(lab)
            _choose_own_figures(lab, tmp_path)
            _wait_for_change(lab, before_02, OWN_FILE)
            _show_tab(lab, NOTEBOOKS[1])
            # 01 names the learner's file and its footprint follows the halved figures
            _wait_for_change(lab, before_01, OWN_FILE, footprint=True)
            assert lab.visible_code() == 0
            _show_tab(lab, name)
        if name.startswith("07"):
            _analysis_ticks_its_check(lab, _answer(index))
        else:
            _type_answer(lab, _answer(index))

    pack_text, bundle = _build_pack(lab, server)
    for index in range(len(NOTEBOOKS)):
        assert _answer(index) in pack_text, f"the answer typed in {NOTEBOOKS[index]} is missing"
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        assert any(n.endswith("evidence.html") for n in archive.namelist())
    assert lab.visible_code() == 0

    _save_all(lab)
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True
    )
    assert status.stdout == "", f"the learner's day changed tracked files:\n{status.stdout}"
