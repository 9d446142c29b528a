"""``coursework demo DIR``: fill a working area with the exemplar learner's portfolio.

The answers and attachments are data in ``data/exemplar/`` (not code), so they can be read,
checked and improved like any other course content.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import CourseworkError
from ..paths import DATA_DIR

HELP = "Fill a working area with a complete example portfolio (a merit-level exemplar)."
EXAMPLE = "coursework demo /tmp/exemplar && coursework export --dir /tmp/exemplar"
EXEMPLAR_DIR = DATA_DIR / "exemplar"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="working-area folder to fill (made if missing)")


def _plain(value: Any) -> Any:
    """YAML reads 2025-03-03 as a date; answers hold dates as text, as the forms save them."""
    import datetime as dt

    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_exemplar(folder: Path = EXEMPLAR_DIR) -> dict[str, Any]:
    """The exemplar as data: ``profile``, ``answers``, ``deliberately_blank``, ``attachments``."""
    import yaml

    try:
        data = yaml.safe_load((folder / "answers.yaml").read_text(encoding="utf-8"))
        files = yaml.safe_load((folder / "attachments.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CourseworkError(f"The exemplar in {folder} could not be read: {error}") from error
    data = _plain(data)
    data["attachments"] = files or []
    return dict(data)


def fill_area(area: Path, folder: Path = EXEMPLAR_DIR) -> tuple[int, int]:
    """Save the exemplar into ``area``; returns (answers saved, files attached)."""
    from ..attachments import add_attachment
    from ..store import open_store

    exemplar = load_exemplar(folder)
    store = open_store(area)
    try:
        if store.unavailable:
            raise CourseworkError(f"Cannot save in {area}: {store.unavailable}")
        answers = {**exemplar.get("profile", {}), **exemplar.get("answers", {})}
        for question_id, value in answers.items():
            store.save(question_id, value)
        for item in exemplar["attachments"]:
            add_attachment(
                folder / item["file"],
                caption=item.get("caption", ""),
                purpose=item.get("purpose", ""),
                store=store,
            )
    finally:
        store.close()
    return len(answers), len(exemplar["attachments"])


def run(args: argparse.Namespace) -> int:
    area = Path(args.dir).expanduser()
    saved, attached = fill_area(area)
    print(f"Filled {area} with the exemplar: {saved} answers and {attached} attachments.")
    print(f"Open the notebooks with COURSEWORK_DIR={area}, or run: coursework export --dir {area}")
    return 0
