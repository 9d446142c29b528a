"""The live "What your assessor will look for" views in real kernels: a re-run cell replaces its
own view, a view shown by another notebook on the same kernel keeps updating, and a view follows
answers saved by another notebook's kernel within seconds."""

from __future__ import annotations

import os
import subprocess
import time
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
            "import helpers.live\n"
            "print(*ticks, sum(key[-1] == 'checks' for key in helpers.live._REGISTRY))",
        )
    finally:
        first.stop_channels()
        second.stop_channels()
    replaced, other, rerun, live = (int(n) for n in counts.split())
    assert other > 0 and rerun > 0  # both notebooks' views re-checked after the save
    assert replaced == 0  # the re-run cell's old view was replaced, not kept refreshing
    assert live == 2  # one place for each notebook's cell: the re-run replaced the first


@pytest.fixture
def two_kernels(tmp_path: Path) -> Iterator[list[KernelManager]]:
    """Two kernels (two open notebooks) on one working area."""
    env = dict(os.environ, COURSEWORK_DIR=str(tmp_path / "coursework"), MPLBACKEND="Agg")
    managers = []
    try:
        for _ in range(2):
            km = KernelManager(kernel_name="python3")
            km.start_kernel(cwd=str(tmp_path), env=env, stderr=subprocess.DEVNULL)
            managers.append(km)
        yield managers
    finally:
        for km in managers:
            km.shutdown_kernel(now=True)


COUNT = (
    "print(view.view.value.count('Evidence found:'), view.view.value.count('Not yet:'), "
    "'Evidence found:</strong> You weigh the risks' in view.view.value)"
)


@pytest.mark.slow
def test_a_view_follows_answers_saved_by_another_notebooks_kernel(
    two_kernels: list[KernelManager],
) -> None:
    checks, other = notebook(two_kernels[0]), notebook(two_kernels[1])
    try:
        run(checks, "checks", 'import helpers.feedback as fb\nview = fb.assessor_checks("06")')
        found, not_yet, weighed = run(checks, "count", COUNT).split()
        assert (found, weighed) == ("0", "False") and int(not_yet) > 0
        run(
            other,
            "answer",
            "from helpers.forms import long_text\n"
            'box = long_text("06.results.competition", "Competition")\n'
            'other = long_text("01.review.channels", "Channels")',
        )
        saved = time.monotonic()
        run(
            other,
            "type",
            'box.value = ("We would compete as a team against a goal, because a ranking of '
            "names would put pressure on new advisers and tempt people to rush calls to game "
            'the measure.")',
        )
        seen = weighed
        while time.monotonic() - saved < 6 and seen == "False":
            seen = run(checks, "count", COUNT).split()[2]
            time.sleep(0.2)
        took = time.monotonic() - saved
        print(f"the other kernel's save was checked after {took:.2f} s")
        assert seen == "True", "the competition rule did not tick after the other save"
        assert took < 4, f"checked after {took:.1f} s"
        # a save in another notebook's section leaves the box as it is (no re-check needed)
        run(checks, "mark", "view.view.value += '<!-- unchanged -->'")
        run(other, "type", 'other.value = "Printed bills and email."')
        time.sleep(2.5)  # more than two polls
        assert run(checks, "look", "print(view.view.value.endswith('<!-- unchanged -->'))") == (
            "True\n"
        )
    finally:
        checks.stop_channels()
        other.stop_channels()
