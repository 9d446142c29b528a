"""A real Jupyter server with the project's setting saves a used course notebook as its template.

The server is started with ``helpers/jupyter_server_config.json`` (the file ``make lab`` and
the hub image install), and the notebook is saved through the contents API, as JupyterLab saves
it: with outputs, execution counts, widget state and JupyterLab's cell metadata. No kernel is
started.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.jupyter_servers import jupyter_server, request
from tests.paths import REPO
from tests.unit.test_presave import template, used_in_jupyterlab

TOKEN = "presave-test-token"


def _call(base: str, method: str, path: str, body: Any = None) -> Any:
    with urllib.request.urlopen(
        request(f"{base}{path}", TOKEN, method, body), timeout=30
    ) as response:
        return json.loads(response.read() or b"null")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``jupyter server`` on a free port, root ``tmp_path/root``, with the project's setting."""
    root, home = tmp_path / "root", tmp_path / "home"
    (root / "notebooks").mkdir(parents=True)
    (root / "coursework").mkdir()
    home.mkdir()
    env = {"HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter")}
    setting = f"--config={REPO / 'helpers' / 'jupyter_server_config.json'}"
    with jupyter_server(root, tmp_path / "server.log", TOKEN, [setting], env) as base:
        yield base, root


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
