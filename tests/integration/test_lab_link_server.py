"""A kernel started by a real Jupyter server links to the pack through that server.

The server runs as on a hub (prefix ``/user/asha/``), serving a project folder; a kernel is
started for notebooks/07 through the sessions API, as JupyterLab starts it, and asked for
``helpers.paths.lab_link`` of the pack and the zip. Both addresses are then fetched from the
server: the page opens, and the zip comes as a download.
"""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

from jupyter_client import BlockingKernelClient

from tests.jupyter_servers import jupyter_server, request

TOKEN = "lab-link-test-token"


def _request(url: str, method: str = "GET", body: object = None) -> urllib.request.Request:
    return request(url, TOKEN, method, body)


def _ask_kernel(connection_file: Path, code: str) -> str:
    client = BlockingKernelClient()
    client.load_connection_file(str(connection_file))
    client.start_channels()
    try:
        # The sessions API answers before the kernel's heartbeat beats; a client that checks it
        # then says the kernel died. Ask again (a kernel that really died fails every time).
        for attempt in range(5):
            try:
                client.wait_for_ready(timeout=60)
                break
            except RuntimeError:
                if attempt == 4:
                    raise
                time.sleep(1)
        out: list[str] = []
        reply = client.execute_interactive(
            code,
            timeout=60,
            output_hook=lambda m: (
                out.append(m["content"].get("text", "")) if m["msg_type"] == "stream" else None
            ),
        )
        assert reply["content"]["status"] == "ok", reply["content"]
        return "".join(out)
    finally:
        client.stop_channels()


def test_the_kernel_links_to_the_pack_under_the_servers_prefix(tmp_path: Path) -> None:
    root, runtime = tmp_path / "project", tmp_path / "runtime"
    exports = root / "coursework" / "exports"
    exports.mkdir(parents=True)
    (root / "notebooks").mkdir()
    (exports / "evidence.html").write_text("<h1>Evidence pack</h1>", encoding="utf-8")
    (exports / "evidence.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    env = {"HOME": str(tmp_path), "JUPYTER_RUNTIME_DIR": str(runtime)}
    log = tmp_path / "server.log"
    with jupyter_server(root, log, TOKEN, env=env, base_url="/user/asha/") as site:
        session = {"path": "notebooks/07.ipynb", "type": "notebook", "kernel": {"name": "python3"}}
        with urllib.request.urlopen(
            _request(f"{site}/user/asha/api/sessions", "POST", session), timeout=60
        ) as response:
            kernel_id = json.load(response)["kernel"]["id"]
        code = (
            "from pathlib import Path\n"
            "from helpers.paths import lab_link\n"
            "print(Path.cwd().name)\n"
            f"print(lab_link({str(exports / 'evidence.html')!r}))\n"
            f"print(lab_link({str(exports / 'evidence.zip')!r}, download=True))\n"
            f"print(lab_link({str(tmp_path / 'elsewhere' / 'evidence.html')!r}))\n"
        )
        cwd, page, download, outside = _ask_kernel(
            runtime / f"kernel-{kernel_id}.json", code
        ).split()
        assert cwd == "notebooks"  # the kernel runs beside the notebook, as under JupyterLab
        assert page == "/user/asha/files/coursework/exports/evidence.html"
        assert download == "/user/asha/files/coursework/exports/evidence.zip?download=1"
        assert outside == "None"
        with urllib.request.urlopen(_request(site + page), timeout=30) as response:
            assert response.read() == b"<h1>Evidence pack</h1>"
            assert response.headers["Content-Type"].startswith("text/html")
            assert "attachment" not in (response.headers["Content-Disposition"] or "")
        with urllib.request.urlopen(_request(site + download), timeout=30) as response:
            assert response.read() == (exports / "evidence.zip").read_bytes()
            disposition = response.headers["Content-Disposition"]
            assert disposition.startswith("attachment;") and "evidence.zip" in disposition
