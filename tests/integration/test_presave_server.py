"""A real Jupyter server with the project's setting saves a used course notebook as its template.

The server is started with ``helpers/jupyter_server_config.json`` (the file ``make lab`` and
the hub image install), and the notebook is saved through the contents API, as JupyterLab saves
it: with outputs, execution counts, widget state and JupyterLab's cell metadata. No kernel is
started.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.paths import REPO
from tests.unit.test_presave import template, used_in_jupyterlab

TOKEN = "presave-test-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _call(base: str, method: str, path: str, body: Any = None) -> Any:
    request = urllib.request.Request(
        f"{base}{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``jupyter server`` on a free port, root ``tmp_path/root``, with the project's setting."""
    root, home = tmp_path / "root", tmp_path / "home"
    (root / "notebooks").mkdir(parents=True)
    (root / "coursework").mkdir()
    home.mkdir()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER_")}
    env.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"))
    args = [
        sys.executable, "-m", "jupyter_server", "--no-browser",
        f"--config={REPO / 'helpers' / 'jupyter_server_config.json'}",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}", "--allow-root",
    ]  # fmt: skip
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _call(base, "GET", "/api/status")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((tmp_path / "server.log").read_text()) from None
                time.sleep(0.2)
        yield base, root
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_a_course_notebook_saved_after_use_is_its_template_byte_for_byte(
    server: tuple[str, Path],
) -> None:
    base, root = server
    text = template("n02_before_and_after")
    target = root / "notebooks" / "02_before_and_after.ipynb"
    target.write_text(text, encoding="utf-8")
    used = used_in_jupyterlab(text)
    _call(base, "PUT", "/api/contents/notebooks/02_before_and_after.ipynb",
          {"type": "notebook", "format": "json", "content": used})  # fmt: skip
    assert target.read_bytes() == text.encode("utf-8")
    # and the server still hands the notebook back as a notebook JupyterLab can open
    model = _call(base, "GET", "/api/contents/notebooks/02_before_and_after.ipynb")
    assert model["content"]["metadata"]["coursework"]["notebook"] == "02_before_and_after"


def test_a_learner_notebook_outside_notebooks_keeps_its_outputs(
    server: tuple[str, Path],
) -> None:
    base, root = server
    used = used_in_jupyterlab(template())
    _call(base, "PUT", "/api/contents/coursework/my_copy.ipynb",
          {"type": "notebook", "format": "json", "content": used})  # fmt: skip
    saved = json.loads((root / "coursework" / "my_copy.ipynb").read_text())
    outputs = [c["outputs"] for c in saved["cells"] if c["cell_type"] == "code"]
    assert any(outputs)
    assert "widgets" in saved["metadata"]
