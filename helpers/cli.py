"""The ``coursework`` command: a thin dispatcher over one module per subcommand.

Each subcommand lives in ``helpers/commands/<name>.py`` and defines ``HELP`` (one line),
``EXAMPLE`` (shown under ``--help``), ``add_arguments(parser)`` and ``run(args) -> int``.
A module that does not exist yet is simply not offered. Errors never reach the user as a
traceback: a :class:`CourseworkError` prints its message; anything else prints a short note.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
import traceback
from collections.abc import Sequence
from types import ModuleType

from .errors import CourseworkError

# Order here is the order in ``coursework --help``.
COMMANDS: dict[str, str] = {
    "where": "helpers.commands.where",
    "check-data": "helpers.commands.check_data",
    "demo": "helpers.commands.demo",
    "export": "helpers.commands.export",
    "verify": "helpers.commands.verify",
    "keys": "helpers.commands.keys",
    "seal": "helpers.commands.seal",
    "release": "helpers.commands.release",
    "status": "helpers.commands.status",
    "export-cohort": "helpers.commands.export_cohort",
}


def _available() -> dict[str, ModuleType]:
    found = {}
    for name, module_name in COMMANDS.items():
        try:
            found[name] = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coursework",
        description="Customer Service Coursework: answers, data checks, evidence export and "
        "tutor tools.",
        epilog="Run 'coursework COMMAND --help' for what a command does, with an example.",
    )
    parser.add_argument("--debug", action="store_true", help="show full error details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in _available().items():
        example = getattr(module, "EXAMPLE", "")
        child = sub.add_parser(
            name,
            help=module.HELP,
            description=module.HELP,
            epilog=f"Example:\n  {example}" if example else None,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(child)
        child.set_defaults(_run=module.run)
    return parser


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 0
    if threading.current_thread() is threading.main_thread():
        # A service manager or a hub stops a command with SIGTERM: treat it like Ctrl-C, so
        # worker processes are stopped and the tutor sees "Stopped." rather than silence.
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        return int(args._run(args) or 0)
    except CourseworkError as error:
        print(str(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except Exception as error:  # never a traceback for a tutor or learner
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"Something went wrong: {error.__class__.__name__}: {error}\n"
                "Run the same command with --debug for details to pass on to support.",
                file=sys.stderr,
            )
        return 2
