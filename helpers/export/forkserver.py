"""A fork server for the export's kernels: import the heavy libraries once, then fork a kernel.

Run as a script by :mod:`helpers.export.execute` (``python forkserver.py MODULE...``), never
imported. It imports ipykernel and the listed modules (the same ones a warmed kernel imports:
``execute.WARM_IMPORTS``), prints ``ready`` and then reads one request a line on its standard
input: ``{"argv": [...], "cwd": "...", "env": {...}}``. For each it forks a child that starts an
ipykernel with those arguments, in that folder, with that environment, in a session of its own,
and prints the child's process id. So every notebook still gets a new process of its own, in the
state of a new kernel that imported those modules, without paying for Python, pandas and
matplotlib again.

It opens no file, store or socket before forking and starts no thread, so a child inherits
nothing but imported modules. It reaps its children as they end and stops when its standard
input closes (the export finished or died); each kernel watches it as its parent and stops too.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import sys

# What a kernel imports while it starts (its shell, debugger support, event loop), measured
# by comparing a forked kernel's modules with the server's: imported once here, not each time.
KERNEL_MODULES = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",
    "IPython.core.debugger",
    "IPython.core.completerlib",
    "IPython.core.oinspect",
    "tornado.platform.asyncio",
    "tornado.queues",
    "psutil",
)


def _reap(_signum: int, _frame: object) -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _silence_comms() -> None:
    """Widgets' messages to a front end go nowhere: an export has no front end (its pages show
    each widget's HTML, never a live view) and nbclient does not keep widget state for it. A
    widget still gets its comm and id, so its outputs are the same; only the thousands of
    messages the kernel would send, and nbclient read and drop, are saved. Such a comm has no
    kernel, so a widget does not even work out the state it would send when a value changes."""
    import comm
    from ipykernel.comm.comm import BaseComm

    class SilentComm(BaseComm):
        kernel = None  # never set: publishing is what sets it

        def publish_msg(self, msg_type: str, *args: object, **keys: object) -> None:
            return None

    comm.create_comm = SilentComm
    _open_widgets_silently(SilentComm)


def _open_widgets_silently(silent: type) -> None:
    """A widget opens its comm without working out its whole state first (the state goes to
    a front end, and there is none; working it out also made each widget's layout and style
    widgets). Only where ipywidgets' ``Widget.open`` is the one this was measured with."""
    try:
        from ipywidgets.widgets import widget
    except ImportError:
        return
    usual = widget.Widget.open

    def open_silently(self: widget.Widget) -> None:
        if self.comm is not None:
            return
        if comm_factory() is not silent:  # comms made live again: the usual way
            usual(self)
            return
        args: dict[str, object] = {
            "target_name": "jupyter.widget",
            "data": {"state": {}, "buffer_paths": []},
            "metadata": {"version": widget.__protocol_version__},
        }
        if self._model_id is not None:
            args["comm_id"] = self._model_id
        self.comm = silent(**args)

    def comm_factory() -> object:
        import comm

        return comm.create_comm

    if getattr(widget, "__protocol_version__", None) and hasattr(widget, "_remove_buffers"):
        widget.Widget.open = open_silently


def _retitle(words: list[str]) -> None:
    """Show this process with a kernel's command line (to ``ps``, and to whatever looks for
    kernels below a process), not the server's it was forked with: the server's arguments
    are overwritten in place (Linux), as long as they leave room."""
    with open("/proc/self/stat", "rb") as stat:
        fields = stat.read().rpartition(b")")[2].split()
    start, end = int(fields[45]), int(fields[46])  # arg_start and arg_end (fields 48 and 49)
    title = "\0".join(words).encode()[: end - start - 1]
    with open("/proc/self/mem", "r+b", buffering=0) as memory:
        memory.seek(start)
        memory.write(title + b"\0" * (end - start - len(title)))


def _kernel(request: dict[str, object], server: int) -> None:
    """In the child: become a new kernel process (never returns)."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.close(null)
        os.chdir(str(request["cwd"]))
        env = {str(k): str(v) for k, v in dict(request["env"]).items()}  # type: ignore[call-overload]
        env["JPY_PARENT_PID"] = str(server)  # the kernel stops when the server goes
        os.environ.clear()
        os.environ.update(env)
        import random

        random.seed()  # a new process draws new random numbers
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        _silence_comms()
        from ipykernel import kernelapp

        argv = [str(arg) for arg in request["argv"]]  # type: ignore[attr-defined]
        # ipykernel read JPY_PARENT_PID when the server imported it: say it again
        argv.append(f"--IPKernelApp.parent_handle={server}")
        with contextlib.suppress(OSError, ValueError, IndexError):
            _retitle([sys.executable, "-m", "ipykernel_launcher", *argv])
        sys.argv = [sys.argv[0], *argv]
        kernelapp.launch_new_instance(argv=argv)
        code = 0
    finally:
        os._exit(code)


def main(modules: list[str]) -> None:
    # This script's folder is not a package folder for the kernels: import nothing from it.
    if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
        del sys.path[0]
    for name in [*KERNEL_MODULES, *modules]:
        with contextlib.suppress(Exception):  # the notebook reports a module it cannot import
            importlib.import_module(name)
    signal.signal(signal.SIGCHLD, _reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the export's to handle
    server = os.getpid()
    print("ready", flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _kernel(request, server)
        print(pid, flush=True)
    os._exit(0)  # nothing to clean up: skip tearing the imported modules down


if __name__ == "__main__":
    main(sys.argv[1:])
