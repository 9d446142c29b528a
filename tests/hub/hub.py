"""The hub process, and talking to it as the admin service, a learner's browser and an account."""

from __future__ import annotations

import html
import json
import os
import signal
import socket
import subprocess
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin

import requests

from tests.hub.accounts import Account, alive, run
from tests.paths import REPO

CONFIG = REPO / "docs" / "hub" / "jupyterhub_config.py"
COURSE = "customer-service-coursework"
"""The folder the nbgitpuller link puts the course in (the last part of the repository URL)."""


def free_ports(count: int) -> list[int]:
    """Ports free on loopback now (held together, so the three differ)."""
    with ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


@dataclass
class Hub:
    """A running hub, its accounts and the course repository the links point at."""

    folder: Path
    venv: Path
    proxy: Path
    learners: list[Account]
    tutor: Account
    homes: Path
    upstream: Path
    group: str
    token: str = field(default_factory=lambda: os.urandom(16).hex())
    password: str = field(default_factory=lambda: os.urandom(12).hex())
    url: str = ""
    process: subprocess.Popen[bytes] | None = None
    proxy_pid: int | None = None

    # -- the process ----------------------------------------------------------------------
    def start(self, timeout: float = 60.0) -> None:
        """Start JupyterHub with the documented configuration and wait until it answers."""
        public, internal, proxy_api = free_ports(3)
        self.url = f"http://127.0.0.1:{public}"
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("COURSEWORK_", "JUPYTER", "VIRTUAL_ENV", "PYTHON"))
        }
        env.update(
            COURSEWORK_HUB_DIR=str(self.folder),
            COURSEWORK_HUB_IP="127.0.0.1",
            COURSEWORK_HUB_PORT=str(public),
            COURSEWORK_HUB_API_PORT=str(internal),
            COURSEWORK_PROXY_API_PORT=str(proxy_api),
            COURSEWORK_HUB_VENV=str(self.venv),
            COURSEWORK_HUB_PROXY=str(self.proxy),
            COURSEWORK_HUB_USERS=",".join(a.name for a in [*self.learners, self.tutor]),
            COURSEWORK_HUB_PASSWORD=self.password,
            COURSEWORK_HUB_SERVICE_TOKEN=self.token,
        )
        with (self.folder / "jupyterhub.log").open("wb") as log:
            self.process = subprocess.Popen(
                [str(self.venv / "bin" / "jupyterhub"), "-f", str(CONFIG)],
                cwd=self.folder,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_until_up(timeout)
        pid_file = self.folder / "jupyterhub-proxy.pid"
        self.proxy_pid = int(pid_file.read_text()) if pid_file.exists() else None

    def _wait_until_up(self, timeout: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub stopped while starting:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"JupyterHub did not answer in {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """Stop the hub (it stops every server and the proxy); end the proxy if it stayed."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.proxy_pid and alive(self.proxy_pid):
            os.kill(self.proxy_pid, signal.SIGTERM)
            deadline = time.monotonic() + 10
            while alive(self.proxy_pid) and time.monotonic() < deadline:
                time.sleep(0.2)

    def processes(self) -> dict[str, int]:
        """The hub's own processes, by what they are (for the leftover check)."""
        found = {"the hub": self.process.pid} if self.process else {}
        if self.proxy_pid:
            found["the proxy"] = self.proxy_pid
        return found

    def log_tail(self, lines: int = 60) -> str:
        log = self.folder / "jupyterhub.log"
        return (
            "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""
        )

    # -- the REST API, as the admin service ------------------------------------------------
    def api(self, method: str, path: str, **kwargs: object) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(
            method, f"{self.url}/hub/api{path}", headers=headers, timeout=60, **kwargs
        )  # type: ignore[arg-type]

    def start_servers(self, accounts: list[Account], timeout: float = 120.0) -> None:
        """Start the accounts' servers through the REST API (all at once); wait until ready."""
        for account in accounts:
            started = self.api("POST", f"/users/{account.name}/server")
            assert started.status_code in (201, 202), started.text
        waiting = {account.name for account in accounts}
        deadline = time.monotonic() + timeout
        while waiting and time.monotonic() < deadline:
            for name in sorted(waiting):
                user = self.api("GET", f"/users/{name}").json()
                server = user.get("servers", {}).get("")
                if server and server.get("ready"):
                    waiting.discard(name)
                elif not server and not user.get("pending"):
                    raise AssertionError(f"{name}'s server stopped:\n{self.log_tail()}")
            time.sleep(0.5)
        assert not waiting, f"{sorted(waiting)} did not start in time:\n{self.log_tail()}"

    # -- a learner's browser --------------------------------------------------------------
    def login(self, account: Account) -> requests.Session:
        """A browser session signed in as ``account`` through the hub's login form."""
        browser = requests.Session()
        browser.get(f"{self.url}/hub/login", timeout=60).raise_for_status()
        signed_in = browser.post(
            f"{self.url}/hub/login?next=/hub/home",
            data={
                "username": account.name,
                "password": self.password,
                "_xsrf": browser.cookies.get("_xsrf", ""),
            },
            timeout=60,
        )
        assert signed_in.status_code == 200 and signed_in.url.endswith("/hub/home"), signed_in.url
        return browser

    # -- an account's own commands --------------------------------------------------------
    def as_account(self, account: Account, *command: str) -> subprocess.CompletedProcess[str]:
        """Run ``command`` as ``account`` with a fresh login's environment (not root's)."""
        env = [
            f"HOME={account.home}",
            f"USER={account.name}",
            f"LOGNAME={account.name}",
            f"PATH={self.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "LANG=C.UTF-8",
        ]
        return run("runuser", "-u", account.name, "--", "env", "-i", *env, *command, check=False)

    def course(self, account: Account) -> Path:
        return account.home / COURSE


def click(browser: requests.Session, link: str, timeout: float = 120.0) -> tuple[str, int]:
    """Follow an nbgitpuller link as the learner's browser does; (path opened, its status).

    The link leads (through the hub and the learner's server) to nbgitpuller's page, whose
    script asks ``git-pull/api`` to pull, reads the progress events, then opens ``path``. This
    does the same requests, without the script.
    """
    page = browser.get(link, timeout=60)
    page.raise_for_status()
    data = {k: unquote(html.unescape(v)) for k, v in _data_attributes(page.text).items()}
    params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
    params.update({k: data[k] for k in ("depth", "branch") if k in data})
    api = urljoin(page.url, data["base-url"] + "git-pull/api")
    last: dict[str, object] = {}
    with browser.get(api, params=params, stream=True, timeout=timeout) as events:
        for line in events.iter_lines(decode_unicode=True):
            if line and line.startswith("data: "):
                last = json.loads(line.removeprefix("data: "))
                if last.get("phase") in ("finished", "error"):
                    break
    assert last.get("phase") == "finished", (
        f"nbgitpuller: {last.get('message')}\n{last.get('output')}"
    )
    opened = browser.get(urljoin(page.url, data["base-url"] + data["path"]), timeout=60)
    return data["path"], opened.status_code


def _data_attributes(page: str) -> dict[str, str]:
    import re

    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', page))
