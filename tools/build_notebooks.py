"""Build the notebook templates in ``notebooks/`` from their sources in ``tools/notebooks/``.

Each source module ``tools/notebooks/nNN_name.py`` defines ``TITLE`` and ``CELLS``, a list made
with :func:`md` and :func:`code`. The builder adds the fixed first setup cell, hides every code
input (learners never edit code), adds "previous / next" navigation, and saves clean notebooks.

    python tools/build_notebooks.py          # rebuild all
    python tools/build_notebooks.py --check  # exit 1 if a committed notebook is out of date
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tools" / "notebooks"
OUT = ROOT / "notebooks"

SETUP = "import helpers\nhelpers.start()"


def md(text: str, **metadata: Any) -> dict[str, Any]:
    """A Markdown cell (text is dedented and stripped)."""
    import textwrap

    return {"type": "markdown", "source": textwrap.dedent(text).strip(), "metadata": metadata}


QUESTION_ID = re.compile(r"""["'](\d\d\.[a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")


def code(
    source: str,
    *,
    tags: list[str] | None = None,
    criteria: list[str] | None = None,
    questions: list[str] | None = None,
    requirements: list[str] | None = None,
    **metadata: Any,
) -> dict[str, Any]:
    """A code cell: one short helper call.

    ``tags`` e.g. ["tutor-only"]. ``criteria`` lists the assessment criteria ids (see
    data/reference/criteria.yml) that the answers made in this cell evidence. Question ids
    written in the source (string literals like "01.review.channels") are recorded in the
    cell's metadata, so the mapping from question to criteria lives in the notebook only;
    ``questions`` adds the ids a helper makes inside itself (a form of several boxes).
    ``requirements`` names requirements of the pack that are not criteria (the declaration of
    authenticity: "DECLARATION", listed under ``requirements:`` in the criteria file).
    """
    import textwrap

    text = textwrap.dedent(source).strip()
    meta = dict(metadata)
    if tags:
        meta["tags"] = tags
    questions = list(dict.fromkeys([*QUESTION_ID.findall(text), *(questions or [])]))
    if questions or criteria or requirements:
        meta["coursework"] = {"questions": questions, "criteria": list(criteria or [])}
        labels = {q: label for q, label in _literal_labels(text).items() if q in questions}
        if labels:
            meta["coursework"]["labels"] = labels
        if requirements:
            meta["coursework"]["requirements"] = list(requirements)
    return {"type": "code", "source": text, "metadata": meta}


def _literal_labels(source: str) -> dict[str, str]:
    """Question id -> label written in the cell: the label argument of each ``helpers.forms``
    call (``helpers.forms.long_text("05.intro.cycle", "In your own words: ...")``) or a
    ``label=`` keyword of any call."""
    import ast

    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        label = next((k.value for k in node.keywords if k.arg == "label"), None)
        if (
            label is None
            and ast.unparse(node.func).startswith("helpers.forms.")
            and len(node.args) > 1
        ):
            label = node.args[1]
        if isinstance(label, ast.Constant) and isinstance(label.value, str) and label.value.strip():
            found[first.value] = label.value.strip()
    return found


def _helper_labels(source: str) -> dict[str, str]:
    """Question id -> label for the boxes a helper makes itself (``helpers.pdca.plan_form(1)``):
    the cell's helper call is made, against an empty working area and the sample data, and
    :func:`helpers.labels.labels_of` reads the labels the helper gave its boxes."""
    import contextlib
    import io
    import os
    import tempfile

    import helpers
    from helpers.labels import labels_of
    from helpers.store import reset_shared_stores

    before = {name: os.environ.get(name) for name in ("COURSEWORK_DIR", "MPLBACKEND")}
    with tempfile.TemporaryDirectory(prefix="labels-") as area:
        os.environ.update(COURSEWORK_DIR=area, MPLBACKEND="Agg")
        reset_shared_stores()
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                shown = _last_value(source, {"helpers": helpers})
            return labels_of(shown)
        finally:
            reset_shared_stores()
            for name, value in before.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def _last_value(source: str, names: dict[str, Any]) -> Any:
    """Run a cell's source (our own notebook sources, never a learner's) and return the value of
    its last line, as the notebook would show it."""
    import ast

    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), names)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), names)


def _add_labels(cell: dict[str, Any], where: str) -> None:
    """Every question of a code cell gets its label in ``coursework.labels`` (the registry
    :func:`helpers.criteria.question_labels` reads); a question left without one stops the build,
    because learners and assessors would otherwise see nothing but its id."""
    meta = cell["metadata"].get("coursework")
    if not meta or not meta["questions"]:
        return
    labels = dict(meta.get("labels", {}))
    if any(q not in labels for q in meta["questions"]):
        made = _helper_labels(cell["source"])
        labels.update({q: made[q] for q in meta["questions"] if q not in labels and q in made})
    missing = [q for q in meta["questions"] if q not in labels]
    if missing:
        raise SystemExit(
            f"{where}: no label for {', '.join(missing)}. Give the helper call a label, or make "
            "the helper return the forms it makes (their labels are read from them)."
        )
    meta["labels"] = {q: labels[q] for q in meta["questions"]}


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def _stem(path: Path) -> str:
    return path.stem[1:]  # n00_start_here -> 00_start_here


def build_one(path: Path, previous: str | None, following: str | None) -> nbformat.NotebookNode:
    module = _load(path)
    nb = new_notebook()
    nb.metadata = {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        },
        "language_info": {"name": "python"},
        "coursework": {"schema": 1, "title": module.TITLE, "notebook": _stem(path)},
    }
    cells = list(module.CELLS)
    # The setup cell goes straight after the first Markdown cell (the title and introduction).
    cells.insert(1, code(SETUP))
    nav = []
    if previous:
        nav.append(f"Previous: [{previous}]({previous}.ipynb)")
    if following:
        nav.append(f"Next: [{following}]({following}.ipynb)")
    if nav:
        cells.append(md(" · ".join(nav)))
    for i, cell in enumerate(cells):
        if cell["type"] == "code":
            _add_labels(cell, f"{path.name}, cell {i}")
        if cell["type"] == "markdown":
            made = new_markdown_cell(cell["source"])
        else:
            made = new_code_cell(cell["source"])
            made.metadata["jupyter"] = {"source_hidden": True}
            made.metadata["editable"] = False
            made.metadata["deletable"] = False
        made.metadata.update(cell["metadata"])
        made["id"] = f"{_stem(path)[:2]}-{i:03d}"
        nb.cells.append(made)
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    """The notebook's file, byte for byte as the Jupyter server saves it.

    The server writes ``nbformat.write(nb, f, version=NO_CONVERT)``: sources split into lists
    of lines, keys sorted, one space of indent, a final newline. A course notebook saved from
    JupyterLab (outputs removed by helpers.presave.scrub) then equals this file, and git sees
    no change after a learner's day of work.
    """
    text = nbformat.writes(nb, version=nbformat.NO_CONVERT)
    return text if text.endswith("\n") else text + "\n"


def build_all(check: bool = False) -> int:
    sources = sorted(SOURCES.glob("n[0-9][0-9]_*.py"))
    stems = [_stem(p) for p in sources]
    stale = []
    for i, path in enumerate(sources):
        nb = build_one(
            path, stems[i - 1] if i else None, stems[i + 1] if i + 1 < len(stems) else None
        )
        nbformat.validate(nb)
        target = OUT / f"{_stem(path)}.ipynb"
        text = render(nb)
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
    if stale:
        print("Out of date (run python tools/build_notebooks.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    sys.exit(build_all(parser.parse_args().check))
