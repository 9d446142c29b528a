"""Run the notebooks against a learner's working area, so charts and answers are current."""

from __future__ import annotations

import os
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

DEFAULT_TIMEOUT = 180


@dataclass
class RunResult:
    """One executed notebook, with the reason it failed (``None`` when it ran cleanly)."""

    path: Path
    notebook: NotebookNode
    error: str | None = None
    seconds: float = 0.0

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def title(self) -> str:
        meta = self.notebook.metadata.get("coursework", {})
        return str(meta.get("title") or self.path.stem.replace("_", " ")[3:].capitalize())


def _reason(error: BaseException) -> str:
    ename = getattr(error, "ename", "") or error.__class__.__name__
    evalue = str(getattr(error, "evalue", "") or "").strip()
    if not evalue:
        lines = [line for line in str(error).splitlines() if line.strip()]
        evalue = lines[-1] if lines else ""
    return f"{ename}: {evalue}"[:300] if evalue else ename


def _environment(area: Path) -> dict[str, str]:
    return dict(
        os.environ, COURSEWORK_DIR=str(area), MPLBACKEND="Agg", PYDEVD_DISABLE_FILE_VALIDATION="1"
    )


class _Kernel:
    """One kernel reused for several notebooks: starting Python and importing pandas and
    matplotlib is most of a small notebook's run time. A kernel that dies is replaced."""

    def __init__(self, area: Path, timeout: int) -> None:
        self.area = area
        self.timeout = timeout
        self.km: Any = None

    def _manager(self, folder: Path) -> Any:
        from jupyter_client.manager import KernelManager

        if self.km is not None and self.km.is_alive():
            return self.km
        self.km = KernelManager(kernel_name="python3")
        # the kernel's own log lines (a TCP warning) would only clutter the command's output
        self.km.start_kernel(
            cwd=str(folder), env=_environment(self.area), stderr=subprocess.DEVNULL
        )
        return self.km

    def run(self, path: Path) -> RunResult:
        started = time.perf_counter()
        result = self._run(path)
        result.seconds = time.perf_counter() - started
        return result

    def _run(self, path: Path) -> RunResult:
        from nbclient import NotebookClient

        try:
            nb = nbformat.read(path, as_version=4)
        except (OSError, ValueError) as error:
            return RunResult(
                path, nbformat.v4.new_notebook(), f"the notebook file could not be read ({error})"
            )
        client = NotebookClient(
            nb,
            km=self._manager(path.parent),
            timeout=self.timeout,
            resources={"metadata": {"path": str(path.parent)}},
            allow_errors=False,
            store_widget_state=False,
        )
        try:
            client.execute()
        except Exception as error:  # any failure is reported in the pack, never dropped
            return RunResult(path, nb, _reason(error))
        finally:
            if client.kc is not None:
                client.kc.stop_channels()
        return RunResult(path, nb)

    def shutdown(self) -> None:
        if self.km is not None and self.km.has_kernel:
            self.km.shutdown_kernel(now=True)


def run_notebook(path: Path, area: Path, timeout: int = DEFAULT_TIMEOUT) -> RunResult:
    """Execute one notebook with nbclient in a fresh kernel pointed at ``area``."""
    kernel = _Kernel(area, timeout)
    try:
        return kernel.run(path)
    finally:
        kernel.shutdown()


def run_notebooks(
    paths: Sequence[Path],
    area: Path,
    *,
    workers: int | None = None,
    on_done: Callable[[RunResult], None] | None = None,
    timeout: int = DEFAULT_TIMEOUT,
) -> list[RunResult]:
    """Execute notebooks on one kernel per worker (two by default, one per core), in order."""
    count = max(1, min(workers or min(2, os.cpu_count() or 1), len(paths) or 1))
    waiting: queue.SimpleQueue[Path] = queue.SimpleQueue()
    for path in paths:
        waiting.put(path)
    results: dict[Path, RunResult] = {}
    lock = threading.Lock()

    def work() -> None:
        kernel = _Kernel(area, timeout)
        try:
            while True:
                try:
                    path = waiting.get_nowait()
                except queue.Empty:
                    return
                result = kernel.run(path)
                with lock:
                    results[path] = result
                    if on_done:
                        on_done(result)
        finally:
            kernel.shutdown()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [results[p] for p in paths]
