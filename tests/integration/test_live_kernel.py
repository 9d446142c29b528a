"""helpers.live in real kernels: a view in one notebook's kernel re-renders after another
notebook's kernel saves the answer it depends on, and a live view keeps no run waiting."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from jupyter_client.blocking.client import BlockingKernelClient

from tests.kernels import connect, printed_within, run, start_kernel

pytestmark = pytest.mark.slow


@pytest.fixture
def two_kernels(tmp_path: Path, coursework_dir: Path) -> Iterator[list[BlockingKernelClient]]:
    """Two kernels (two notebooks) on one working area."""
    managers = [start_kernel(coursework_dir, tmp_path) for _ in range(2)]
    clients = []
    try:
        for km in managers:
            clients.append(connect(km))
        yield clients
    finally:
        for client in clients:
            client.stop_channels()
        for km in managers:
            km.shutdown_kernel(now=True)


def test_a_view_rerenders_after_another_kernel_saves_its_answer(
    two_kernels: list[BlockingKernelClient],
) -> None:
    first, second = two_kernels
    run(
        first,
        "import helpers\nfrom helpers.store import shared_store\n"
        "view = helpers.live.live(lambda: '<p>' + str(shared_store().load('02.monitor.change_date'))"
        " + '</p>', answers=['02.monitor.'])\nprint(view.html)",
    )
    run(
        second,
        "from helpers.forms import date\nbox = date('02.monitor.change_date', 'Change')",
    )
    saved = time.monotonic()
    run(second, "box.control.value = '14/04/2025'")  # typed the UK way, saved as ISO text
    # the widget's value, read in the kernel
    printed_within(first, "print(view.widget.value)", "<p>2025-04-14</p>", seconds=5)
    took = time.monotonic() - saved
    print(f"re-rendered {took:.2f} s after the other kernel saved")
    assert took < 3, f"re-rendered after {took:.1f} s"


def test_a_notebook_with_live_views_runs_and_shuts_down_promptly(
    tmp_path: Path, coursework_dir: Path
) -> None:
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import helpers\nfrom helpers.store import shared_store\n"
            "shared_store().save('01.review.year', '2024')\n"
            "helpers.live.live(lambda: '<p>Year ' + str(shared_store().load('01.review.year'))"
            " + '</p>', answers='01.review.year')"
        ),
        nbformat.v4.new_code_cell("import time\ntime.sleep(1.5)"),  # the poller ticks meanwhile
    ]
    km = start_kernel(coursework_dir, tmp_path)
    started = time.monotonic()
    try:
        NotebookClient(nb, km=km, timeout=60, store_widget_state=False).execute()
        ran = time.monotonic() - started
    finally:
        stopping = time.monotonic()
        km.shutdown_kernel(now=False)
        stopped = time.monotonic() - stopping
    html = nb.cells[0].outputs[0]["data"]["text/html"]
    assert html == "<p>Year 2024</p>"
    assert ran < 30 and stopped < 5, (ran, stopped)
