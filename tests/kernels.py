"""Real kernels for integration tests: start one on a working area, run code in it as a notebook
cell runs, and wait until what it prints shows something (a live view following a save)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session


def start_kernel(area: Path, cwd: Path) -> KernelManager:
    """A python3 kernel on the working area ``area`` (its $COURSEWORK_DIR), drawing off screen."""
    km = KernelManager(kernel_name="python3")
    env = dict(os.environ, COURSEWORK_DIR=str(area), MPLBACKEND="Agg")
    km.start_kernel(cwd=str(cwd), env=env, stderr=subprocess.DEVNULL)
    return km


def connect(km: KernelManager, *, own_session: bool = False) -> BlockingKernelClient:
    """A client ready to run code. With ``own_session`` it has a session of its own, as
    JupyterLab connects each notebook open on one kernel."""
    session = Session(key=km.session.key) if own_session else km.session
    client: BlockingKernelClient = km.client(session=session)
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
    except BaseException:
        client.stop_channels()
        raise
    return client


def run(client: BlockingKernelClient, code: str, cell: str | None = None) -> str:
    """Run ``code`` in the kernel; what it printed (an error fails the test).

    With ``cell`` the request carries that cell id, as JupyterLab sends it.
    """
    if cell is None:
        msg_id = client.execute(code)
    else:
        content = {"code": code, "silent": False, "store_history": True, "user_expressions": {}}
        message = client.session.msg("execute_request", content, metadata={"cellId": cell})
        client.shell_channel.send(message)
        msg_id = message["header"]["msg_id"]
    printed = []
    while True:
        reply = client.get_iopub_msg(timeout=60)
        if reply["parent_header"].get("msg_id") != msg_id:
            continue
        if reply["msg_type"] == "stream":
            printed.append(reply["content"]["text"])
        if reply["msg_type"] == "error":
            raise AssertionError("\n".join(reply["content"]["traceback"]))
        if reply["msg_type"] == "status" and reply["content"]["execution_state"] == "idle":
            return "".join(printed)


def printed_within(
    client: BlockingKernelClient,
    code: str,
    wanted: str,
    seconds: float = 6,
    cell: str | None = None,
) -> float:
    """Seconds until what ``code`` prints contains ``wanted``, asked every 0.2 s; fails after
    ``seconds`` with what it printed last."""
    started = time.monotonic()
    seen = ""
    while time.monotonic() - started < seconds:
        seen = run(client, code, cell)
        if wanted in seen:
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"{wanted!r} not printed within {seconds} s: {seen[:400]!r}")
