"""Incremental export: each notebook's run is kept with what it was made from, and reused.

Beside the pack, ``.build/<stem>.json`` records the inputs of a notebook's last clean run as
digests and ``.build/<stem>.ipynb`` holds the executed notebook. The next export runs a notebook
again only when one of its inputs differs (``--full`` runs every one); the pages are always
written afresh from the store, so a reused run gives the same pack as a new one.

What a notebook's run is made from (each one a digest in its record):

- ``notebook``: the notebook file;
- ``answers``: the answers it can read. Helpers read the answers of their own notebook's
  section only (``01.`` for ``01_...``: the forms, the assessor's checks, the PDCA plan), so a
  notebook reads its own section, the sections of the questions its cells name, and every answer
  outside the numbered sections (attachments, ...), except the data choices of tables it does
  not read;
- ``tables``: the file each table it reads comes from (the learner's or the sample), by
  content. A notebook reads the kinds of table its code cells name in quotes (each notebook
  offers ``data_choice("<kind>")`` before it uses a table);
- ``code``: every file of the ``helpers`` package; ``project``: the project version, Python and
  the libraries that run and draw the notebooks; ``data``: the sample and reference data and the
  criteria file; ``environment``: the working area's path and the ``COURSEWORK_*`` variables;
  ``attachments``: the attached files (name, size, time); ``pseudonyms``: the salt of the area's
  pseudonyms (a new salt numbers people afresh); ``date``: today (a plan's timeline marks it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..paths import REFERENCE_DIR, SAMPLE_DIR, attachments_dir, learner_data_dir

if TYPE_CHECKING:
    # nbformat is imported where used: a kernel asking which data a notebook reads
    # (helpers.provenance) need not load it.
    from nbformat import NotebookNode

    from ..store import AnswerStore
    from .execute import RunResult

BUILD_DIR = ".build"
RECORD_FORMAT = 1
HELPERS_DIR = Path(__file__).resolve().parent.parent
LIBRARIES = ("nbclient", "ipykernel", "ipywidgets", "numpy", "pandas", "matplotlib", "pillow")
_SECTION = re.compile(r"^(\d\d)\.")
_SECTION_IN_SOURCE = re.compile(r"""["'](\d\d)\.[A-Za-z_]""")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json_sha(value: Any) -> str:
    return _sha(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode())


def file_digest(path: Path) -> str:
    """SHA-256 of a file's content ("missing" when it cannot be read)."""
    try:
        return _sha(path.read_bytes())
    except OSError:
        return "missing"


def folder_digest(folder: Path, *, by_content: bool = True) -> str:
    """One digest over every file under ``folder`` (names and contents, or names, sizes and
    modification times), compiled Python caches left out."""
    entries = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        name = path.relative_to(folder).as_posix()
        if by_content:
            entries.append((name, file_digest(path)))
        else:
            with contextlib.suppress(OSError):
                stat = path.stat()
                entries.append((name, f"{stat.st_size}:{stat.st_mtime_ns}"))
    return _json_sha(entries)


@dataclass(frozen=True)
class Reads:
    """What a notebook's cells read from the store and the data folder (worked out statically)."""

    sections: frozenset[str]
    questions: frozenset[str]
    kinds: frozenset[str]

    def reads_answer(self, question: str) -> bool:
        """Whether this notebook's run can depend on the answer ``question``."""
        section = _SECTION.match(question)
        if section:
            return section.group(1) in self.sections or question in self.questions
        parts = question.split(".")
        if parts[0] == "data" and len(parts) > 2 and parts[2] in _kinds():
            return parts[2] in self.kinds  # data.choice.<kind>, data.redaction.<kind>.<column>
        return True  # outside the numbered sections: any helper may read it


def _kinds() -> tuple[str, ...]:
    from ..data.kinds import KINDS

    return tuple(KINDS)


def notebook_reads(path: Path, notebook: NotebookNode) -> Reads:
    """The sections, questions and kinds of table ``notebook`` (the file ``path``) reads."""
    sections = {path.stem[:2]} if path.stem[:2].isdigit() else set()
    named = str(notebook.metadata.get("coursework", {}).get("notebook", ""))
    sections |= {named[:2]} if named[:2].isdigit() else set()
    questions: set[str] = set()
    kinds: set[str] = set()
    for cell in notebook.cells:
        asked = cell.get("metadata", {}).get("coursework", {}).get("questions", [])
        questions |= {str(q) for q in asked}
        if cell.get("cell_type") == "code":
            source = str(cell.get("source", ""))
            sections |= set(_SECTION_IN_SOURCE.findall(source))
            kinds |= {k for k in _kinds() if re.search(rf"""["']{k}["']""", source)}
    sections |= {m.group(1) for q in questions if (m := _SECTION.match(q))}
    return Reads(frozenset(sections), frozenset(questions), frozenset(kinds))


@dataclass
class AreaState:
    """The working area as the notebooks see it, read once per export."""

    area: Path
    answers: dict[str, Any]
    shared: dict[str, str]  # the inputs every notebook has in common
    tables: dict[str, str] = field(default_factory=dict)  # kind -> digest of the file read

    @classmethod
    def read(cls, store: AnswerStore, area: Path, criteria_file: Path | None) -> AreaState:
        """Answers, chosen data files and the shared inputs of ``area``, read now."""
        from ..datasource import current_choice

        state = cls(area, store.answers(), shared_inputs(area, criteria_file))
        for kind in _kinds():
            state.tables[kind] = file_digest(current_choice(kind, store).path)
        return state

    def inputs(self, path: Path, notebook: NotebookNode, source: bytes) -> dict[str, str]:
        """Every input of one notebook's run, as a digest each (see the module's docstring)."""
        reads = notebook_reads(path, notebook)
        answers = {q: v for q, v in self.answers.items() if reads.reads_answer(q)}
        return {
            "notebook": _sha(source),
            "answers": _json_sha(answers),
            "tables": _json_sha({k: self.tables[k] for k in sorted(reads.kinds)}),
            **self.shared,
        }


def pseudonyms_digest(area: Path) -> str:
    """The salt of the area's pseudonyms file ("none" while there is none)."""
    from ..redact import KEY_FILE

    try:
        salt = json.loads((learner_data_dir(area) / KEY_FILE).read_text("utf-8"))["salt"]
    except (OSError, ValueError, KeyError, TypeError):
        return "none"
    return _sha(str(salt).encode())


def _versions() -> dict[str, str]:
    from .. import __version__

    found = {"project": __version__, "python": sys.version}
    for name in LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[name] = metadata.version(name)
    return found


def shared_inputs(area: Path, criteria_file: Path | None) -> dict[str, str]:
    """The inputs every notebook's run has in common."""
    data = {"sample": folder_digest(SAMPLE_DIR), "reference": folder_digest(REFERENCE_DIR)}
    if criteria_file is not None:
        data["criteria"] = file_digest(criteria_file)
    # the kernels' COURSEWORK_DIR is always the area, whatever this process has
    environment = {
        k: v for k, v in os.environ.items() if k.startswith("COURSEWORK_") and k != "COURSEWORK_DIR"
    }
    environment["area"] = str(area.resolve())
    return {
        "code": folder_digest(HELPERS_DIR),
        "project": _json_sha(_versions()),
        "data": _json_sha(data),
        "environment": _json_sha(environment),
        "attachments": folder_digest(attachments_dir(area), by_content=False),
        "pseudonyms": pseudonyms_digest(area),
        "date": dt.date.today().isoformat(),
    }


@dataclass
class Plan:
    """Which notebooks run again (with why) and which earlier runs are reused."""

    inputs: dict[Path, dict[str, str]]
    reused: dict[Path, RunResult] = field(default_factory=dict)
    why: dict[str, list[str]] = field(default_factory=dict)  # stem -> inputs that changed

    @property
    def to_run(self) -> list[Path]:
        return [path for path in self.inputs if path not in self.reused]


def _read_notebook(path: Path) -> tuple[NotebookNode, bytes]:
    import nbformat

    try:
        source = path.read_bytes()
        return nbformat.reads(source.decode("utf-8"), as_version=4), source
    except (OSError, ValueError):  # the run reports an unreadable notebook in the pack
        return nbformat.v4.new_notebook(), b""


def plan_runs(paths: Sequence[Path], state: AreaState, build: Path, *, full: bool = False) -> Plan:
    """Compare each notebook's inputs with its last clean run's record in ``build``."""
    plan = Plan({})
    for path in paths:
        notebook, source = _read_notebook(path)
        plan.inputs[path] = state.inputs(path, notebook, source)
        if full:
            plan.why[path.stem] = ["a full export was asked for"]
            continue
        record = _load_record(build, path.stem)
        if record is None:
            plan.why[path.stem] = ["no earlier run to reuse"]
            continue
        changed = changed_inputs(record.get("inputs", {}), plan.inputs[path])
        reused = None if changed else _load_run(build, path)
        if reused is None:
            plan.why[path.stem] = changed or ["its earlier run could not be read"]
        else:
            plan.reused[path] = reused
    return plan


def changed_inputs(before: Mapping[str, str], now: Mapping[str, str]) -> list[str]:
    """Names of the inputs that differ (added or missing ones included), sorted."""
    return sorted(name for name in set(before) | set(now) if before.get(name) != now.get(name))


def _load_record(build: Path, stem: str) -> dict[str, Any] | None:
    try:
        record = json.loads((build / f"{stem}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(record, dict) and record.get("format") == RECORD_FORMAT
    return record if ok else None


def _load_run(build: Path, path: Path) -> RunResult | None:
    import nbformat

    from .execute import RunResult

    try:
        data = json.loads((build / f"{path.stem}.ipynb").read_text("utf-8"))
        notebook = nbformat.from_dict(data)
    except (OSError, ValueError):
        return None
    if not isinstance(notebook.get("cells"), list):
        return None
    return RunResult(path, notebook)


def _write_atomically(target: Path, text: str) -> None:
    partial = target.with_name(target.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)


def save_runs(build: Path, runs: Iterable[RunResult], plan: Plan, area: Path) -> None:
    """Record each notebook that ran cleanly, for the next export (failed runs are never kept:
    a dead kernel or a cell over time may not happen again). The pseudonyms' salt is read after
    the runs, which make the file when it is missing."""
    salt = pseudonyms_digest(area)
    try:
        build.mkdir(parents=True, exist_ok=True)
        for run in runs:
            if run.path in plan.reused:
                continue
            record = build / f"{run.stem}.json"
            record.unlink(missing_ok=True)  # the old record must not vouch for a new run
            if run.error is not None:
                continue
            inputs = {**plan.inputs[run.path], "pseudonyms": salt}
            _write_atomically(build / f"{run.stem}.ipynb", json.dumps(run.notebook))
            made = {"format": RECORD_FORMAT, "notebook": run.stem, "inputs": inputs,
                    "seconds": round(run.seconds, 3)}  # fmt: skip
            _write_atomically(record, json.dumps(made, indent=1, sort_keys=True) + "\n")
    except OSError:  # a folder that cannot be written: the next export runs everything
        return


def forget_missing(build: Path, stems: Iterable[str]) -> None:
    """Drop the records of notebooks that are no longer exported."""
    keep = set(stems)
    for path in build.glob("*.json") if build.is_dir() else []:
        if path.stem not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                (build / f"{path.stem}.ipynb").unlink(missing_ok=True)


__all__ = [
    "AreaState",
    "BUILD_DIR",
    "Plan",
    "Reads",
    "changed_inputs",
    "folder_digest",
    "notebook_reads",
    "plan_runs",
    "save_runs",
]
