"""Running code in a kernel of a learner's server, as JupyterLab does: REST to start it, then
the kernel's websocket (``/api/kernels/<id>/channels``) to execute.

Plain messages over the server's own websocket need nothing but the server: no terminal to
drive, no second client library, and a kernel runs as its learner exactly as Lab's would.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import requests
import websocket

from tests.hub.accounts import Account
from tests.hub.hub import COURSE, Hub


class KernelError(AssertionError):
    """The code raised in the kernel; the message is the kernel's traceback."""


def run_code(hub: Hub, account: Account, code: str, timeout: float = 120.0) -> str:
    """Run ``code`` in a new kernel of ``account``'s server (in the course's notebooks folder)
    and return what it printed; the kernel is shut down afterwards."""
    headers = {"Authorization": f"token {hub.token}"}
    kernels = f"{hub.url}/user/{account.name}/api/kernels"
    started = requests.post(
        kernels,
        json={"name": "python3", "path": f"{COURSE}/notebooks"},
        headers=headers,
        timeout=60,
    )
    assert started.status_code == 201, started.text
    kernel_id = started.json()["id"]
    try:
        channels = websocket.create_connection(
            kernels.replace("http", "ws", 1) + f"/{kernel_id}/channels",
            header=[f"Authorization: token {hub.token}"],
            timeout=timeout,
        )
        try:
            return _execute(channels, code, time.monotonic() + timeout)
        finally:
            channels.close()
    finally:
        requests.delete(f"{kernels}/{kernel_id}", headers=headers, timeout=60)


def _execute(channels: websocket.WebSocket, code: str, deadline: float) -> str:
    request = _execute_request(code)
    channels.send(json.dumps(request))
    printed: list[str] = []
    replied = idle = False
    error: dict[str, Any] | None = None
    while not (replied and idle):
        if time.monotonic() > deadline:
            raise TimeoutError(f"The kernel did not finish in time; it printed: {''.join(printed)}")
        message = json.loads(channels.recv())
        if message.get("parent_header", {}).get("msg_id") != request["header"]["msg_id"]:
            continue
        kind, content = message["msg_type"], message["content"]
        if kind == "stream":
            printed.append(content["text"])
        elif kind == "error":
            error = content
        elif kind == "execute_reply":
            replied = True
        elif kind == "status" and content["execution_state"] == "idle":
            idle = True
    if error:
        raise KernelError("\n".join(error["traceback"]))
    return "".join(printed)


def _execute_request(code: str) -> dict[str, Any]:
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "msg_type": "execute_request",
            "username": "hub-test",
            "session": uuid.uuid4().hex,
            "date": datetime.now(UTC).isoformat(),
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": {},
        "content": {
            "code": code,
            "silent": False,
            "store_history": False,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        },
        "channel": "shell",
        "buffers": [],
    }
