"""The live "What your assessor will look for" views in real kernels: a re-run cell replaces its
own view, a view shown by another notebook on the same kernel keeps updating, and a view follows
answers saved by another notebook's kernel within seconds."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.manager import KernelManager

from tests.kernels import connect, printed_within, run, start_kernel


@pytest.fixture
def kernel(tmp_path: Path, coursework_dir: Path) -> Iterator[KernelManager]:
    km = start_kernel(coursework_dir, tmp_path)
    try:
        yield km
    finally:
        km.shutdown_kernel(now=True)


def notebook(km: KernelManager) -> BlockingKernelClient:
    """A client with its own session, as JupyterLab connects each open notebook."""
    return connect(km, own_session=True)


def test_a_view_in_another_notebook_on_the_same_kernel_keeps_updating(
    kernel: KernelManager,
) -> None:
    first, second = notebook(kernel), notebook(kernel)
    try:
        run(first, 'import helpers.feedback as fb\nold = fb.assessor_checks("01")', cell="checks")
        run(second, 'other = fb.assessor_checks("01")', cell="checks")  # same cell id, same section
        # the first notebook re-runs it
        run(first, 'rerun = fb.assessor_checks("01")', cell="checks")
        counts = run(
            first,
            "from helpers.forms import long_text\n"
            'box = long_text("01.review.channels", "Channels")\n'
            'box.value = "Printed bills and letters by post; email and live chat."\n'
            "ticks = [v.view.value.count('Evidence found:') for v in (old, other, rerun)]\n"
            "import helpers.live\n"
            "print(*ticks, sum(key[-1] == 'checks' for key in helpers.live._REGISTRY))",
            cell="answer",
        )
    finally:
        first.stop_channels()
        second.stop_channels()
    replaced, other, rerun, live = (int(n) for n in counts.split())
    assert other > 0 and rerun > 0  # both notebooks' views re-checked after the save
    assert replaced == 0  # the re-run cell's old view was replaced, not kept refreshing
    assert live == 2  # one place for each notebook's cell: the re-run replaced the first


@pytest.fixture
def two_kernels(tmp_path: Path, coursework_dir: Path) -> Iterator[list[KernelManager]]:
    """Two kernels (two open notebooks) on one working area."""
    managers = []
    try:
        for _ in range(2):
            managers.append(start_kernel(coursework_dir, tmp_path))
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
        run(checks, 'import helpers.feedback as fb\nview = fb.assessor_checks("06")', cell="checks")
        found, not_yet, weighed = run(checks, COUNT, cell="count").split()
        assert (found, weighed) == ("0", "False") and int(not_yet) > 0
        run(
            other,
            "from helpers.forms import long_text\n"
            'box = long_text("06.results.competition", "Competition")\n'
            'other = long_text("01.review.channels", "Channels")',
            cell="answer",
        )
        saved = time.monotonic()
        run(
            other,
            'box.value = ("We would compete as a team against a goal, because a ranking of '
            "names would put pressure on new advisers and tempt people to rush calls to game "
            'the measure.")',
            cell="type",
        )
        printed_within(checks, COUNT, " True", seconds=6, cell="count")  # the rule ticked
        took = time.monotonic() - saved
        print(f"the other kernel's save was checked after {took:.2f} s")
        assert took < 4, f"checked after {took:.1f} s"
        # a save in another notebook's section leaves the box as it is (no re-check needed)
        run(checks, "view.view.value += '<!-- unchanged -->'", cell="mark")
        run(other, 'other.value = "Printed bills and email."', cell="type")
        time.sleep(2.5)  # more than two polls
        look = run(checks, "print(view.view.value.endswith('<!-- unchanged -->'))", cell="look")
        assert look == "True\n"
    finally:
        checks.stop_channels()
        other.stop_channels()
