"""Browser fixtures: JupyterLab on a free local port and Debian's Chromium driven by Playwright.

- ``chromium``: one headless Chromium per test session (never downloads a browser).
- ``chromium_page``: a fresh page; on failure a screenshot goes to ``test-artifacts/``.
- ``lab_server``: JupyterLab serving a temporary copy of ``notebooks/`` (so the browser never
  writes outputs into the templates), with its own HOME and ``COURSEWORK_DIR``.
- ``LabSession`` helpers: open a notebook, wait for its kernel, run all, restart.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Chromium (Debian's package) controlled by Playwright."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def chromium_page(chromium: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A new page; a screenshot is saved to test-artifacts/ when the test fails."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = request.node.name.replace("/", "_")
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception as error:  # the screenshot must not hide the real failure
            print(f"screenshot failed: {error}", file=sys.stderr)
    context.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LabServer:
    url: str
    token: str
    root: Path
    coursework: Path
    home: Path

    def api(self, path: str) -> Any:
        request = urllib.request.Request(
            f"{self.url}{path}", headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?token={self.token}"


def _write_settings(home: Path) -> None:
    """Silence JupyterLab's news and update pop-ups (they would cover the notebook)."""
    base = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
    notification = base / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True, exist_ok=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))


@pytest.fixture
def lab_server(
    tmp_path: Path, coursework_dir: Path, request: pytest.FixtureRequest
) -> Iterator[LabServer]:
    """JupyterLab on a free port serving a temporary copy of the notebook templates."""
    root = tmp_path / "lab"
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    home = tmp_path / "home"
    home.mkdir()
    _write_settings(home)
    port = _free_port()
    token = secrets.token_hex(16)
    env = {
        **os.environ,
        "HOME": str(home),
        "COURSEWORK_DIR": str(coursework_dir),
        "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / ".jupyter" / "lab" / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / ".jupyter" / "lab" / "workspaces"),
    }
    command = [
        str(Path(sys.executable).parent / "jupyter"),
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (tmp_path / "lab.log").open("w")
    process = subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    server = LabServer(f"http://127.0.0.1:{port}", token, root, coursework_dir, home)
    deadline = time.monotonic() + 60
    while True:
        try:
            server.api("/api/status")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail("JupyterLab did not start:\n" + (tmp_path / "lab.log").read_text())
            time.sleep(0.25)
    yield server
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        log.flush()
        print("JupyterLab log:\n" + (tmp_path / "lab.log").read_text()[-6000:], file=sys.stderr)
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    log.close()


class LabSession:
    """Drives one notebook in JupyterLab: open, wait for the kernel, run all, restart."""

    def __init__(self, page: Any, server: LabServer) -> None:
        self.page = page
        self.server = server

    def open(self, name: str) -> None:
        self.page.goto(self.server.notebook_url(f"notebooks/{name}"))
        self.page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        self.wait_for_kernel()

    def wait_for_kernel(self, timeout: float = 60, stable: bool = False) -> None:
        """The status bar says idle before the kernel exists: ask the server instead.

        ``stable`` waits for three idle readings in a row, because a queued "Run All" flips
        between busy and idle from one cell to the next.
        """
        deadline = time.monotonic() + timeout
        idle_in_a_row = 0
        while time.monotonic() < deadline:
            try:
                kernels = self.server.api("/api/kernels")
            except urllib.error.HTTPError as error:
                # jupyter_server lists a kernel whose manager has no ``last_activity`` yet for a
                # few milliseconds while it starts, and answers 500: that kernel is not ready.
                if error.code < 500:
                    raise
                kernels = []
            idle = any(
                k.get("connections", 0) >= 1 and k.get("execution_state") == "idle" for k in kernels
            )
            idle_in_a_row = idle_in_a_row + 1 if idle else 0
            if idle_in_a_row >= (3 if stable else 1):
                return
            time.sleep(0.5)
        raise AssertionError(f"kernel never became idle: {self.server.api('/api/kernels')}")

    def command(self, menu: str, command: str) -> None:
        self.page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
        self.page.locator(f'li[data-command="{command}"]').first.click()

    def _executed_count(self) -> int:
        """How many code cells show an execution number (inputs are hidden, so look at outputs)."""
        return int(
            self.page.evaluate(
                """() => [...document.querySelectorAll('.jp-CodeCell .jp-OutputPrompt')]
                    .filter(p => /\\[\\d+\\]/.test(p.textContent)).length"""
            )
        )

    def run_all(self) -> None:
        """Run all cells; return when cells have run and the kernel stays idle."""
        for attempt in range(2):
            self.command("Run", "runmenu:run-all")
            try:
                self.page.wait_for_function(
                    """() => [...document.querySelectorAll('.jp-CodeCell .jp-OutputPrompt')]
                        .some(p => /\\[\\d+\\]/.test(p.textContent))""",
                    timeout=20_000,
                )
                break
            except Exception:
                if attempt:
                    raise
        self.wait_for_kernel(timeout=120, stable=True)

    def restart_kernel(self) -> None:
        """Restart the kernel and clear outputs, as a learner would after a crash."""
        self.command("Kernel", "kernelmenu:restart-and-clear")
        self.page.locator(".jp-Dialog .jp-mod-accept").click()
        self.page.wait_for_function(
            """() => document.querySelectorAll('.jp-CodeCell .jp-OutputPrompt').length === 0
                || [...document.querySelectorAll('.jp-CodeCell .jp-OutputPrompt')]
                    .every(p => !/\\[\\d+\\]/.test(p.textContent))""",
            timeout=30_000,
        )
        self.wait_for_kernel()


@pytest.fixture
def lab(chromium_page: Any, lab_server: LabServer) -> LabSession:
    """A page in JupyterLab ready to open a notebook."""
    return LabSession(chromium_page, lab_server)
