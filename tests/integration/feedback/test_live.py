"""The live "What your assessor will look for" views of one kernel: a re-run cell replaces its
own view, and a view shown by another notebook on the same kernel keeps updating."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session


@pytest.fixture
def kernel(tmp_path: Path) -> Iterator[KernelManager]:
    km = KernelManager(kernel_name="python3")
    env = dict(os.environ, COURSEWORK_DIR=str(tmp_path / "coursework"), MPLBACKEND="Agg")
    km.start_kernel(cwd=str(tmp_path), env=env, stderr=subprocess.DEVNULL)
    try:
        yield km
    finally:
        km.shutdown_kernel(now=True)


def notebook(km: KernelManager) -> BlockingKernelClient:
    """A client with its own session, as JupyterLab connects each open notebook."""
    client: BlockingKernelClient = km.client(session=Session(key=km.session.key))
    client.start_channels()
    client.wait_for_ready(timeout=60)
    return client


def run(client: BlockingKernelClient, cell: str, code: str) -> str:
    """Run ``code`` as the cell ``cell`` (JupyterLab sends the cell id); its printed output."""
    content = {"code": code, "silent": False, "store_history": True, "user_expressions": {}}
    message = client.session.msg("execute_request", content, metadata={"cellId": cell})
    client.shell_channel.send(message)
    printed = []
    while True:
        reply = client.get_iopub_msg(timeout=60)
        if reply["parent_header"].get("msg_id") != message["header"]["msg_id"]:
            continue
        if reply["msg_type"] == "stream":
            printed.append(reply["content"]["text"])
        if reply["msg_type"] == "error":
            raise AssertionError("\n".join(reply["content"]["traceback"]))
        if reply["msg_type"] == "status" and reply["content"]["execution_state"] == "idle":
            return "".join(printed)


def test_a_view_in_another_notebook_on_the_same_kernel_keeps_updating(
    kernel: KernelManager,
) -> None:
    first, second = notebook(kernel), notebook(kernel)
    try:
        run(first, "checks", 'import helpers.feedback as fb\nold = fb.assessor_checks("01")')
        run(second, "checks", 'other = fb.assessor_checks("01")')  # same cell id, same section
        run(first, "checks", 'rerun = fb.assessor_checks("01")')  # the first notebook re-runs it
        counts = run(
            first,
            "answer",
            "from helpers.forms import long_text\n"
            'box = long_text("01.review.channels", "Channels")\n'
            'box.value = "Printed bills and letters by post; email and live chat."\n'
            "ticks = [v.view.value.count('Evidence found:') for v in (old, other, rerun)]\n"
            "print(*ticks, len(fb.live._LIVE))",
        )
    finally:
        first.stop_channels()
        second.stop_channels()
    replaced, other, rerun, live = (int(n) for n in counts.split())
    assert other > 0 and rerun > 0  # both notebooks' views re-checked after the save
    assert replaced == 0  # the re-run cell's old view was replaced, not kept refreshing
    assert live == 2
