"""The evidence pack in a real browser: inert learner content, no network, valid and accessible.

One export per module: the exemplar learner (every notebook, executed) with the XSS corpus
written over every text answer, a table, the profile, a caption and the declaration.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from helpers.export import ExportResult, export_evidence

REPO = Path(__file__).resolve().parents[2]
PAYLOADS = [
    line
    for line in (REPO / "tests" / "data" / "xss" / "payloads.txt").read_text().splitlines()
    if line.strip()
]
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# Answers that are not free text keep their value: a date box cannot hold a payload (its form
# would refuse the stored value), and choices only show their own options.
_NOT_TEXT = re.compile(
    r"date|period|decision|signed_at|security|agree|\.start$|\.end$|\.check\.(before|after)$"
)


def _poison(value: Any, counter: list[int]) -> Any:
    """The same shape of answer with payloads in place of its text."""
    if isinstance(value, str):
        counter[0] += 1
        return PAYLOADS[counter[0] % len(PAYLOADS)]
    if isinstance(value, dict):
        return {k: _poison(v, counter) for k, v in value.items()}
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return [_poison(v, counter) for v in value]
    return value


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    from helpers.attachments import list_attachments, set_caption
    from helpers.commands.demo import fill_area
    from helpers.store import open_store

    area = tmp_path_factory.mktemp("browser-pack") / "coursework"
    fill_area(area)
    store = open_store(area)
    counter = [0]
    for question, value in store.answers().items():
        if question.startswith("attachments.") or _NOT_TEXT.search(question):
            continue
        store.save(question, _poison(value, counter))
    store.save("00.profile.name", PAYLOADS[0])
    store.save("07.declaration.name", PAYLOADS[1])
    for attachment in list_attachments(store):
        set_caption(attachment.id, PAYLOADS[2], store=store)
    store.close()
    result = export_evidence(area)
    assert result.failed == {}, result.failed
    return result


def _open(page: Any, path: Path) -> list[str]:
    """Open the pack, recording dialogs, console messages and page errors."""
    events: list[str] = []
    page.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: events.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: events.append(f"error: {e}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)  # give any delayed handler (autofocus, timers) a chance
    return events


def test_xss_payloads_never_run_and_stay_visible(chromium_page: Any, pack: ExportResult) -> None:
    events = _open(chromium_page, pack.html_path)
    chromium_page.mouse.move(200, 200)
    chromium_page.keyboard.press("Tab")
    assert events == []
    assert chromium_page.evaluate("document.scripts.length") == 0
    text = chromium_page.inner_text("body")
    for payload in PAYLOADS:
        assert payload in text


def test_no_request_leaves_the_file(chromium: Any, pack: ExportResult) -> None:
    file_url = pack.html_path.as_uri()
    context = chromium.new_context()
    requested: list[str] = []

    def only_the_file(route: Any) -> None:
        requested.append(route.request.url)
        if route.request.url == file_url:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_the_file)
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.goto(file_url, wait_until="load")
    page.wait_for_timeout(500)
    context.close()
    assert file_url in requested  # the recording works
    others = {u for u in requested if u != file_url and not u.startswith("data:")}
    assert others == set()


def test_readable_with_javascript_off(chromium: Any, pack: ExportResult) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(pack.html_path.as_uri())
    text = page.inner_text("body")
    context.close()
    assert "Criteria coverage" in text and "Assessor and IQA sign-off" in text
    assert PAYLOADS[0] in text  # the learner's answers are there without any script


@pytest.mark.parametrize("which", ["pack", "one notebook"])
def test_nu_html_checker_finds_no_errors(pack: ExportResult, which: str) -> None:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("Needs Java and node_modules/vnu-jar: run `npm ci` (make browser does)")
    target = pack.html_path if which == "pack" else pack.notebook_paths[-1]
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(done.stderr or "{}").get("messages", [])
    errors = [f"{m.get('lastLine')}: {m.get('message')}" for m in messages]
    assert errors == []


def test_axe_finds_no_serious_or_critical_violations(
    chromium_page: Any, pack: ExportResult
) -> None:
    if not AXE.exists():
        pytest.fail("Needs node_modules/axe-core: run `npm ci` (make browser does)")
    chromium_page.goto(pack.html_path.as_uri())
    chromium_page.add_script_tag(path=str(AXE))
    result = chromium_page.evaluate("async () => await axe.run(document)")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} x{len(v['nodes'])}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []
