"""A real ``jupyter server`` for integration tests: on a free local port, with a token, started
and stopped around a test, its output kept in a log file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    """A local port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def request(
    url: str, token: str, method: str = "GET", body: object = None
) -> urllib.request.Request:
    """A request to the server's API with its token, and ``body`` (if any) as JSON."""
    return urllib.request.Request(
        url,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )


@contextmanager
def jupyter_server(
    root: Path,
    log: Path,
    token: str,
    options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    base_url: str = "/",
) -> Iterator[str]:
    """``jupyter server`` serving ``root`` until the block ends; yields its address
    (``http://127.0.0.1:port``, without ``base_url``).

    The server sees none of this process's ``JUPYTER_*`` settings, only ``env`` on top of the
    rest; ``options`` are more command-line options. It is ready when its status answers.
    """
    port = free_port()
    server_env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER_")}
    server_env.update(env or {})
    args = [
        sys.executable, "-m", "jupyter_server", "--no-browser", "--allow-root",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        f"--ServerApp.base_url={base_url}", *options,
    ]  # fmt: skip
    site = f"http://127.0.0.1:{port}"
    with log.open("w") as output:
        process = subprocess.Popen(args, env=server_env, stdout=output, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    status = request(f"{site}{base_url}api/status", token)
                    urllib.request.urlopen(status, timeout=5).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise AssertionError(log.read_text()) from None
                    time.sleep(0.2)
            yield site
        finally:
            process.terminate()
            process.wait(timeout=30)
