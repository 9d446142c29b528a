"""``coursework where``: where answers are stored and how many there are."""

from __future__ import annotations

import argparse

from ..store import list_backups, open_store

HELP = "Show where your answers are saved and how many there are."
EXAMPLE = "coursework where --dir coursework"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir", default=None, help="working-area folder (default: $COURSEWORK_DIR or coursework/)"
    )


def run(args: argparse.Namespace) -> int:
    store = open_store(args.dir)
    for notice in store.notices.items:
        print(notice)
    answers = store.answers()
    print(f"Answers are saved in: {store.path}")
    print(f"Saved answers: {len(answers)}")
    backups = list_backups(store.area)
    print(f"Backups: {len(backups)} in {store.area / 'backups'}")
    if store.unavailable:
        print(f"Warning: {store.unavailable}")
    last = store.last_activity()
    if last:
        print(f"Last saved: {last}")
    store.close()
    return 0
