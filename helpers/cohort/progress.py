"""Progress for long tutor commands: a callback type and a plain-text progress bar."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

Progress = Callable[[int, int, str, str], None]
"""``progress(done, total, learner_id, what_happened)``."""


class TextProgress:
    """A progress bar in plain text: redrawn in place on a terminal, one line per step otherwise.

    Without a terminal (a log file, a notebook, CI) long runs print about every tenth step.
    """

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stdout
        self.width = width
        self.started = time.perf_counter()
        self._last_tenth = -1

    def __call__(self, done: int, total: int, item: str, what: str) -> None:
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        bar = "#" * filled + "." * (self.width - filled)
        elapsed = time.perf_counter() - self.started
        line = f"{self.label} [{bar}] {done}/{total} {item}: {what} ({elapsed:.0f} s)"
        if self.stream.isatty():
            self.stream.write("\r\033[K" + line + ("\n" if done == total else ""))
        else:
            tenth = int(fraction * 10)
            if total > 40 and tenth == self._last_tenth and done != total:
                return
            self._last_tenth = tenth
            self.stream.write(line + "\n")
        self.stream.flush()
