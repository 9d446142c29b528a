"""Run the notebooks against a learner's working area, so charts and answers are current."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

DEFAULT_TIMEOUT = 180


@dataclass
class RunResult:
    """One executed notebook, with the reason it failed (``None`` when it ran cleanly)."""

    path: Path
    notebook: NotebookNode
    error: str | None = None

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


def run_notebook(path: Path, area: Path, timeout: int = DEFAULT_TIMEOUT) -> RunResult:
    """Execute one notebook with nbclient, its kernel pointed at ``area`` (``COURSEWORK_DIR``)."""
    from nbclient import NotebookClient

    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError) as error:
        return RunResult(
            path, nbformat.v4.new_notebook(), f"the notebook file could not be read ({error})"
        )
    env = dict(
        os.environ, COURSEWORK_DIR=str(area), MPLBACKEND="Agg", PYDEVD_DISABLE_FILE_VALIDATION="1"
    )
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        allow_errors=False,
        store_widget_state=False,
    )
    try:
        client.execute(env=env)
    except Exception as error:  # any failure is reported in the pack, never dropped
        return RunResult(path, nb, _reason(error))
    return RunResult(path, nb)


def run_notebooks(
    paths: Sequence[Path],
    area: Path,
    *,
    workers: int | None = None,
    on_done: Callable[[RunResult], None] | None = None,
    timeout: int = DEFAULT_TIMEOUT,
) -> list[RunResult]:
    """Execute notebooks in parallel (one kernel per core, at most two by default), in order."""
    count = workers or max(1, min(2, os.cpu_count() or 1))
    results: dict[Path, RunResult] = {}
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = {pool.submit(run_notebook, p, area, timeout): p for p in paths}
        for future in futures:
            result = future.result()
            results[futures[future]] = result
            if on_done:
                on_done(result)
    return [results[p] for p in paths]
