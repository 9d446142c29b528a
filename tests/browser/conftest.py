"""Browser fixtures: JupyterLab on a free local port and Debian's Chromium driven by Playwright.

- ``chromium``: one headless Chromium per test session (never downloads a browser).
- ``chromium_page``: a fresh page; on failure a screenshot goes to ``test-artifacts/``.
- ``lab_server``: one JupyterLab for the session (its own HOME), seen by each test as a
  temporary copy of ``notebooks/`` beside the test's working area (so the browser never writes
  into the templates), in a workspace of its own; ``own_lab_server``: a server of its own.
- ``start_lab``: the same server over any folder, e.g. a git clone of the project served at its
  root as ``make lab`` does (tests/browser/test_journey.py).
- ``LabSession`` helpers: open a notebook and wait until it has run itself (the course
  extension runs every course notebook when it opens, so no test presses Run), restart.
"""

from __future__ import annotations

import hashlib
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
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
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
    root: Path  # the folder a test works in (its notebooks/ and coursework/)
    coursework: Path
    home: Path
    log: Path
    prefix: str = ""  # where ``root`` is under the server's own root ("" when it is that root)
    workspace: str = ""  # the JupyterLab workspace the test's pages use ("" the default one)

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(
            f"{self.url}{path}", headers={"Authorization": f"token {self.token}"}, method=method
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def notebook_url(self, name: str) -> str:
        """The address of ``name`` (a path under ``root``), in the test's own workspace."""
        path = f"{self.prefix}/{name}" if self.prefix else name
        workspace = f"/workspaces/{self.workspace}" if self.workspace else ""
        return f"{self.url}/lab{workspace}/tree/{path}?token={self.token}"

    def shut_down_kernels(self) -> None:
        for session in self.api("/api/sessions"):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")
        for kernel in self.api("/api/kernels"):
            self.api(f"/api/kernels/{kernel['id']}", method="DELETE")


def _write_settings(home: Path) -> None:
    """Silence JupyterLab's news and update pop-ups (they would cover the notebook)."""
    base = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
    notification = base / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True, exist_ok=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))


@contextmanager
def start_lab(
    root: Path,
    workdir: Path,
    env: dict[str, str | None],
    coursework: Path,
    extra_args: tuple[str, ...] = (),
) -> Iterator[LabServer]:
    """JupyterLab serving ``root`` on a free port, with a HOME of its own under ``workdir``.

    ``env`` changes this process's environment for the server (None: leave the name out);
    the server's log is printed if the block raises. The server reads the project's server
    setting (the pre-save hook, the upload limit) as ``make lab`` installs it, and finds the
    course extension where ``make lab`` links it.
    """
    home = workdir / "home"
    home.mkdir()
    _write_settings(home)
    port = _free_port()
    token = secrets.token_hex(16)
    environment = {
        **{k: v for k, v in os.environ.items() if k not in env},
        **{k: v for k, v in env.items() if v is not None},
        "HOME": str(home),
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
        # the server setting `make lab` installs into the venv, read from the project itself
        f"--config={REPO / 'helpers' / 'jupyter_server_config.json'}",
        *extra_args,
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log_path = workdir / "lab.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        command, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    server = LabServer(f"http://127.0.0.1:{port}", token, root, coursework, home, log_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                server.api("/api/status")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("JupyterLab did not start") from None
                time.sleep(0.25)
        yield server
    except BaseException:
        log.flush()
        print("JupyterLab log:\n" + log_path.read_text()[-6000:], file=sys.stderr)
        raise
    finally:
        with suppress(ProcessLookupError):  # a server that failed to start has gone already
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="session")
def shared_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """One JupyterLab for the session, serving the folder that holds every test's tmp_path.

    Starting and stopping a server for each test cost about 12 s of the 2 cores. No
    COURSEWORK_DIR: like ``make lab``, a kernel keeps answers in the coursework/ folder beside
    the notebooks/ folder it runs in, so each test's notebooks use that test's own area.
    """
    base = tmp_path_factory.getbasetemp()
    workdir = tmp_path_factory.mktemp("shared-lab")
    with start_lab(base, workdir, {"COURSEWORK_DIR": None}, base) as server:
        yield server


@pytest.fixture
def lab_server(
    tmp_path: Path, coursework_dir: Path, shared_lab: LabServer, request: pytest.FixtureRequest
) -> Iterator[LabServer]:
    """The shared JupyterLab seen from this test: a copy of the notebook templates in
    ``tmp_path/notebooks`` beside the test's working area, opened in a workspace of its own
    (so no tab of another test is restored); the test's kernels are shut down after it."""
    assert coursework_dir == tmp_path / "coursework"  # beside notebooks/, where kernels look
    shutil.copytree(REPO / "notebooks", tmp_path / "notebooks")
    server = replace(
        shared_lab,
        root=tmp_path,
        coursework=coursework_dir,
        prefix=tmp_path.relative_to(shared_lab.root).as_posix(),
        workspace="t" + hashlib.sha256(str(tmp_path).encode()).hexdigest()[:12],
    )
    yield server
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        print("JupyterLab log:\n" + shared_lab.log.read_text()[-6000:], file=sys.stderr)
    server.shut_down_kernels()


@pytest.fixture
def own_lab_server(
    tmp_path: Path, coursework_dir: Path, request: pytest.FixtureRequest
) -> Iterator[LabServer]:
    """A JupyterLab of its own serving a copy of the notebook templates (for pictures whose
    file browser must show only the course's folders)."""
    root = tmp_path / "lab"
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    with start_lab(root, tmp_path, {"COURSEWORK_DIR": str(coursework_dir)}, coursework_dir) as lab:
        yield lab
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            print("JupyterLab log:\n" + lab.log.read_text()[-6000:], file=sys.stderr)


# The notebook on screen (a Playwright selector): JupyterLab keeps other tabs' panels in the
# page, hidden.
CURRENT_PANEL = ".jp-NotebookPanel:visible"
# Anything that would show a learner code: an input area or its collapsed first line, a prompt.
CODE_SELECTORS = (
    ".jp-CodeCell .jp-Cell-inputWrapper, .jp-CodeCell .jp-InputPlaceholder, "
    ".jp-CodeCell .jp-InputPrompt, .jp-CodeCell .jp-OutputPrompt"
)


class LabSession:
    """Drives course notebooks in JupyterLab: open one, wait until it has run itself, restart."""

    def __init__(self, page: Any, server: LabServer) -> None:
        self.page = page
        self.server = server

    def open(self, name: str) -> None:
        """Open ``notebooks/<name>`` by its address; return once it has run itself."""
        self.page.goto(self.server.notebook_url(f"notebooks/{name}"))
        self.wait_until_run(name)

    def current_runs(self) -> int:
        """How many times the notebook on screen has started running itself."""
        runs = self.page.locator(CURRENT_PANEL).first.get_attribute("data-coursework-runs")
        return int(runs or 0)

    def wait_until_run(self, name: str, after: int = 0, timeout: float = 120) -> None:
        """Wait until the notebook ``name`` (on screen) has finished a run started after
        ``after`` runs: the course extension runs it when its kernel is ready, no Run press."""
        tab = self.page.locator(".lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel")
        tab.filter(has_text=name).first.wait_for(timeout=60_000)
        state = self.page.wait_for_function(
            """(after) => {
                const panel = [...document.querySelectorAll('.jp-NotebookPanel')]
                    .find(p => p.checkVisibility());
                if (!panel) return false;
                const runs = Number(panel.getAttribute('data-coursework-runs') || 0);
                const state = panel.getAttribute('data-coursework-run');
                return runs > after && (state === 'done' || state === 'stopped') ? state : false;
            }""",
            arg=after,
            timeout=timeout * 1000,
        ).json_value()
        assert state == "done", f"{name} did not run to the end by itself"
        self.wait_for_kernel(stable=True)

    def wait_for_kernel(self, timeout: float = 60, stable: bool = False) -> None:
        """The status bar says idle before the kernel exists: ask the server instead.

        ``stable`` waits for three idle readings in a row (widgets still talk to the kernel
        for a moment after the last cell ran).
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
            connected = [k for k in kernels if k.get("connections", 0) >= 1]
            idle = bool(connected) and all(k.get("execution_state") == "idle" for k in connected)
            idle_in_a_row = idle_in_a_row + 1 if idle else 0
            if idle_in_a_row >= (3 if stable else 1):
                return
            time.sleep(0.5)
        raise AssertionError(f"kernel never became idle: {self.server.api('/api/kernels')}")

    def command(self, menu: str, command: str) -> None:
        self.page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
        self.page.locator(f'li[data-command="{command}"]').first.click()

    def visible_code(self) -> int:
        """How many code inputs, collapsed first lines or prompts the learner can see."""
        return int(
            self.page.evaluate(
                "(selector) => [...document.querySelectorAll(selector)]"
                ".filter(e => e.checkVisibility()).length",
                CODE_SELECTORS,
            )
        )

    def restart_kernel(self, name: str) -> None:
        """Restart the kernel and clear outputs, as a learner would after a crash; return once
        the notebook has run itself again."""
        runs = self.current_runs()
        self.command("Kernel", "kernelmenu:restart-and-clear")
        self.page.locator(".jp-Dialog .jp-mod-accept").click()
        self.wait_until_run(name, after=runs)


@pytest.fixture
def lab(chromium_page: Any, lab_server: LabServer) -> LabSession:
    """A page in JupyterLab ready to open a notebook."""
    return LabSession(chromium_page, lab_server)


@pytest.fixture
def own_lab(chromium_page: Any, own_lab_server: LabServer) -> LabSession:
    """A page in a JupyterLab of its own, ready to open a notebook."""
    return LabSession(chromium_page, own_lab_server)
