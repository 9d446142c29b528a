"""Run the notebooks against a learner's working area, so charts and answers are current.

Each notebook runs in a kernel of its own, used for that notebook only and shut down after:
module-level state (a notice shown "once per kernel", live views, save listeners) never carries
from one notebook's section of the pack into the next. Starting Python and importing pandas and
matplotlib is most of a small notebook's run time, so that is done once per export: a fork
server (:mod:`.forkserver`) imports them, and each notebook's kernel is a new process forked
from it, started ahead while the notebook before runs. Where the fork server cannot run, each
kernel is started as its own Python and imports the heavy libraries while it waits.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning.local_provisioner import LocalProvisioner
from jupyter_core.utils import run_sync
from nbformat import NotebookNode

if TYPE_CHECKING:
    from jupyter_client.manager import AsyncKernelManager

DEFAULT_TIMEOUT = 180

# Imported by a kernel while it waits for its notebook. Only libraries the notebooks import
# anyway, and helpers modules whose import registers nothing (no store opened, no widget made,
# no listener added: tests/integration/test_export_kernels.py checks it), so a warmed kernel is
# in the same state as a new one, only sooner ready. Not nbformat: no notebook kernel imports it.
WARM_IMPORTS: tuple[str, ...] = (
    "numpy",
    "pandas",
    "pyarrow",
    "pandera.pandas",
    "pandera.backends.pandas.register",  # imported by a table's first check, else
    "pandera.backends.pandas.builtin_checks",
    "pandera.strategies.pandas_strategies",
    "matplotlib.figure",
    "matplotlib.patches",
    "matplotlib.ticker",
    "matplotlib.dates",
    "matplotlib.backends.backend_agg",
    "PIL.Image",
    "ipywidgets",
    "helpers.errors",
    "helpers.paths",
    "helpers.store",
    "helpers.notebook",
    "helpers.words",
    "helpers.views",
    "helpers.data",
    "helpers.datasource",
    "helpers.redact",
    "helpers.reference",
    "helpers.plots",
    "helpers.feedback",
)

# Run silently (no history, no execution count), leaving no name behind in the notebook's
# namespace. A module that fails to import is skipped: the notebook reports it if it needs it.
_WARM_UP = f"""
def _coursework_warm_up():
    import importlib
    for name in {WARM_IMPORTS!r}:
        try:
            importlib.import_module(name)
        except Exception:
            pass
_coursework_warm_up()
del _coursework_warm_up
"""


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
    def plain_error(self) -> str | None:
        """Why it failed, in words for a learner, tutor or assessor (no exception names)."""
        return plain_failure(self.error) if self.error else None

    @property
    def title(self) -> str:
        meta = self.notebook.metadata.get("coursework", {})
        return str(meta.get("title") or self.path.stem.replace("_", " ")[3:].capitalize())


# Why a notebook run failed, as nbclient names it, in words. The exception name and message stay
# in ``RunResult.error`` for the export log.
_PLAIN_REASONS = {
    "DeadKernelError": "its Python process stopped unexpectedly while it ran: out of memory, "
    "or a crash",
    "CellTimeoutError": "a cell ran for longer than the time allowed",
}
_ERROR_NAME = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit)\b:?\s*")


def plain_failure(why: str) -> str:
    """``why`` without a Python exception name (people read it; the log keeps the detail)."""
    name = _ERROR_NAME.match(why)
    if name is None:
        return why
    known = _PLAIN_REASONS.get(name.group(0).rstrip(": \t"))
    return known or f"a cell stopped with an error: {why[name.end() :] or 'no message'}"


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


class ForkServer:
    """The export's fork server (see :mod:`.forkserver`): one Python that imported
    :data:`WARM_IMPORTS`, of which each kernel is a fork. Unusable (``fork`` raises ``OSError``)
    once it has failed or stopped; the kernels are then started the ordinary way."""

    SCRIPT = Path(__file__).with_name("forkserver.py")

    def __init__(self, area: Path, folder: Path) -> None:
        self._lock = threading.Lock()
        self._ready = False
        self.process = subprocess.Popen(
            [sys.executable, str(self.SCRIPT), *WARM_IMPORTS],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=str(folder),
            env=_environment(area),
            start_new_session=True,  # Ctrl-C reaches the export, which stops the kernels
            text=True,
        )

    def fork(self, argv: list[str], cwd: str, env: dict[str, str]) -> int:
        """Start a kernel with ``argv`` (ipykernel's arguments) and return its process id."""
        with self._lock:
            stdin, stdout = self.process.stdin, self.process.stdout
            if stdin is None or stdout is None or self.process.poll() is not None:
                raise OSError("the fork server has stopped")
            if not self._ready and stdout.readline().strip() != "ready":
                raise OSError("the fork server did not start")
            self._ready = True
            stdin.write(json.dumps({"argv": argv, "cwd": cwd, "env": env}) + "\n")
            stdin.flush()
            answer = stdout.readline().strip()
            if not answer.isdigit():
                raise OSError("the fork server stopped")
            return int(answer)

    def close(self, *, now: bool = False) -> None:
        """Stop the server and wait until it has gone: when it has read every request (its
        kernels, watching it, stop too), or at once with ``now`` (say, if it was never used)."""
        if now:
            with contextlib.suppress(OSError):
                self.process.kill()
        with contextlib.suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def start_fork_server(area: Path, folder: Path) -> ForkServer | None:
    """A fork server for kernels pointed at ``area`` (it starts importing at once), or ``None``
    where kernels are started as new Pythons: no ``fork`` here, or ``COURSEWORK_EXPORT_FORK=0``
    (to compare the two, or where forking misbehaves)."""
    if not hasattr(os, "fork") or os.environ.get("COURSEWORK_EXPORT_FORK", "1").strip() == "0":
        return None
    try:
        return ForkServer(area, folder)
    except OSError:
        return None


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs (one that ended but is not yet reaped does not)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rpartition(b")")[2].split()[0] not in (b"Z", b"X")
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return not os.path.isdir("/proc/self")  # /proc is there but not this pid: gone


class _Forked:
    """A forked kernel, as much of ``subprocess.Popen`` as the kernel manager uses. The fork
    server, its parent, reaps it; its exit status is not known here."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and not _running(self.pid):
            self.returncode = -1
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.02)
        return code

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class _ForkedProvisioner(LocalProvisioner):
    """Launches the kernel as a fork of the export's fork server instead of a new Python."""

    server: ForkServer | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        assert self.server is not None
        argv = cmd[cmd.index("-f") :]  # [python, -m, ipykernel_launcher, -f, file, ...]
        env = dict(kwargs.get("env") or os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        forked = _Forked(self.server.fork(argv, cwd, env))
        self.process = forked  # type: ignore[assignment]  # all of Popen the manager uses
        self.pid = self.pgid = forked.pid  # a session of its own
        self.cwd = cwd
        return self.connection_info


class _Kernel:
    """One kernel for exactly one notebook, started in the notebook's folder and warmed up:
    forked from ``server`` (which imported the heavy libraries) when given and working, else
    a new Python that imports them before it is handed out.

    An asynchronous manager, as nbclient expects: with a blocking one, nbclient waits on the
    kernel's messages without checking that the kernel is alive, so a kernel that dies in a
    cell (out of memory, say) would hold up the export for ever.
    """

    def __init__(
        self, area: Path, folder: Path, timeout: int, server: ForkServer | None = None
    ) -> None:
        from jupyter_client.manager import AsyncKernelManager

        self.folder = folder
        self.km: AsyncKernelManager = AsyncKernelManager(kernel_name="python3")
        self.forked = False
        if server is not None:
            with contextlib.suppress(Exception):  # a failed fork: started the ordinary way
                self._start_forked(area, folder, server)
                self.forked = True
        if not self.forked:
            # the kernel's own log lines (a TCP warning) would only clutter the output
            run_sync(self.km.start_kernel)(
                cwd=str(folder), env=_environment(area), stderr=subprocess.DEVNULL
            )
        if not self.forked:  # a fork has the imports already; nbclient waits until it is ready
            with contextlib.suppress(Exception):  # a failed warm-up costs speed only
                self._warm_up(timeout)

    def _start_forked(self, area: Path, folder: Path, server: ForkServer) -> None:
        self.km.kernel_id = str(uuid.uuid4())
        provisioner = _ForkedProvisioner(
            kernel_id=self.km.kernel_id, kernel_spec=self.km.kernel_spec, parent=self.km
        )
        provisioner.server = server
        self.km.provisioner = provisioner
        try:
            run_sync(self.km.start_kernel)(cwd=str(folder), env=_environment(area))
        except BaseException:
            self.km.provisioner = None
            self.km.kernel_id = None
            raise

    def _warm_up(self, timeout: int) -> None:
        client = self.km.blocking_client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=timeout)
            request = client.execute(_WARM_UP, silent=True, store_history=False)
            deadline = time.monotonic() + timeout
            while client.get_shell_msg(timeout=timeout)["parent_header"].get("msg_id") != request:
                if time.monotonic() > deadline:
                    return
        finally:
            client.stop_channels()

    def alive(self) -> bool:
        return bool(run_sync(self.km.is_alive)())

    def shutdown(self) -> None:
        if self.km.has_kernel:
            run_sync(self.km.shutdown_kernel)(now=True)


def _in_background(job: Callable[[], _Kernel]) -> Future[_Kernel]:
    """Run ``job`` on a daemon thread (an interrupted export must not wait for a kernel start)."""
    future: Future[_Kernel] = Future()

    def run() -> None:
        try:
            future.set_result(job())
        except BaseException as error:  # handed to whoever waits for the kernel
            future.set_exception(error)

    threading.Thread(target=run, daemon=True).start()
    return future


class _Kernels:
    """Fresh kernels for a list of notebooks, in order: each notebook's kernel is started when
    a worker takes the notebook before it, ``ahead`` notebooks in advance, and shut down after.
    With ``fork``, the kernels are forks of one fork server, started here at once.
    """

    def __init__(
        self,
        paths: Sequence[Path],
        area: Path,
        timeout: int,
        ahead: int,
        *,
        server: ForkServer | None = None,
    ) -> None:
        self.paths, self.area, self.timeout, self.ahead = list(paths), area, timeout, ahead
        self.server = server
        if server is None and self.paths:
            self.server = start_fork_server(area, self.paths[0].parent)
        self._next = 0
        self._starting: dict[int, Future[_Kernel]] = {}
        self._live: set[_Kernel] = set()
        self._stopping: list[threading.Thread] = []
        self._closed = False
        self._lock = threading.Lock()

    def _start(self, folder: Path) -> _Kernel:
        kernel = _Kernel(self.area, folder, self.timeout, self.server)
        with self._lock:
            self._live.add(kernel)
        return kernel

    def take(self) -> tuple[Path, Future[_Kernel]] | None:
        """The next notebook and its kernel (maybe still starting); ``None`` when all are taken."""
        with self._lock:
            index = self._next
            if self._closed or index >= len(self.paths):
                return None
            self._next += 1
            for later in range(index, min(index + 1 + self.ahead, len(self.paths))):
                if later not in self._starting:
                    folder = self.paths[later].parent
                    self._starting[later] = _in_background(functools.partial(self._start, folder))
            return self.paths[index], self._starting.pop(index)

    def ready(self, path: Path, starting: Future[_Kernel]) -> _Kernel:
        """The started kernel if it is alive, else a new one (a kernel that died is replaced)."""
        with contextlib.suppress(Exception):  # a kernel that failed to start is tried again
            kernel = starting.result()
            if kernel.alive():
                return kernel
            self.retire(kernel)
        return self._start(path.parent)

    def retire(self, kernel: _Kernel) -> None:
        """Shut ``kernel`` down without holding up the next notebook."""
        stopping = threading.Thread(target=kernel.shutdown, daemon=True)
        stopping.start()
        with self._lock:
            self._live.discard(kernel)
            self._stopping.append(stopping)

    def close(self, *, interrupted: bool = False) -> None:
        """Shut every kernel down and wait until each has gone. After an interruption, kernels
        still running a notebook are stopped too, and kernels still starting are not waited
        for (each stops by itself when this process ends: it watches its parent)."""
        with self._lock:
            self._closed = True
            starting = list(self._starting.values())
            self._starting.clear()
            live = list(self._live) if interrupted else []
        for kernel in live:
            self.retire(kernel)
        for future in [] if interrupted else starting:
            with contextlib.suppress(Exception):
                self.retire(future.result())
        for stopping in list(self._stopping):
            stopping.join()
        if self.server is not None:
            self.server.close(now=interrupted)


def _execute(path: Path, kernel: _Kernel, timeout: int) -> RunResult:
    from nbclient import NotebookClient

    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError) as error:
        return RunResult(
            path, nbformat.v4.new_notebook(), f"the notebook file could not be read ({error})"
        )
    client = NotebookClient(
        nb,
        km=kernel.km,
        timeout=timeout,
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


def _run_one(kernels: _Kernels, path: Path, starting: Future[_Kernel]) -> RunResult:
    started = time.perf_counter()
    try:
        kernel = kernels.ready(path, starting)
    except Exception as error:
        result = RunResult(
            path, nbformat.v4.new_notebook(), f"no kernel could be started ({_reason(error)})"
        )
    else:
        try:
            result = _execute(path, kernel, kernels.timeout)
        finally:
            kernels.retire(kernel)
    result.seconds = time.perf_counter() - started
    return result


def run_notebook(path: Path, area: Path, timeout: int = DEFAULT_TIMEOUT) -> RunResult:
    """Execute one notebook with nbclient in a fresh kernel pointed at ``area``."""
    return run_notebooks([path], area, workers=1, timeout=timeout)[0]


def run_notebooks(
    paths: Sequence[Path],
    area: Path,
    *,
    workers: int | None = None,
    on_done: Callable[[RunResult], None] | None = None,
    timeout: int = DEFAULT_TIMEOUT,
    server: ForkServer | None = None,
) -> list[RunResult]:
    """Execute notebooks, each in a fresh kernel, ``workers`` at a time (two by default, one per
    core), in order. With two or more workers one kernel is started ahead of need; one worker
    (a cohort export runs one per learner, in parallel) starts each kernel when it is needed.
    The kernels are forks of ``server`` (one started here when not given: see
    :func:`start_fork_server`), which is stopped before this returns.
    """
    count = max(1, min(workers or min(2, os.cpu_count() or 1), len(paths) or 1))
    kernels = _Kernels(paths, area, timeout, ahead=1 if count > 1 else 0, server=server)
    results: dict[Path, RunResult] = {}
    lock = threading.Lock()

    def work() -> None:
        while (taken := kernels.take()) is not None:
            result = _run_one(kernels, *taken)
            with lock:
                results[taken[0]] = result
                if on_done:
                    on_done(result)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(count)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    except BaseException:  # Ctrl-C or SIGTERM (the command turns it into KeyboardInterrupt)
        kernels.close(interrupted=True)
        raise
    kernels.close()
    return [results[p] for p in paths]
