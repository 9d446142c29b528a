"""helpers.presave: a course notebook saved after use is byte for byte its template again."""

from __future__ import annotations

import copy
import json
import sys
from typing import Any

import nbformat
import pytest

from helpers.presave import clean_notebook, is_course_template, scrub
from tests.paths import REPO

sys.path.insert(0, str(REPO / "tools"))
import build_notebooks  # noqa: E402

SOURCES = sorted(build_notebooks.SOURCES.glob("n[0-9][0-9]_*.py"))


def template(name: str = "n00_start_here") -> str:
    """A course notebook's file as build_notebooks writes it (from the sources, not notebooks/)."""
    stems = [build_notebooks._stem(p) for p in SOURCES]
    i = [p.stem for p in SOURCES].index(name)
    nb = build_notebooks.build_one(
        SOURCES[i], stems[i - 1] if i else None, stems[i + 1] if i + 1 < len(stems) else None
    )
    return build_notebooks.render(nb)


def used_in_jupyterlab(text: str) -> dict[str, Any]:
    """The model JupyterLab sends when it saves the notebook after a learner's session."""
    nb = json.loads(text)
    nb["metadata"]["language_info"] = {
        "codemirror_mode": {"name": "ipython", "version": 3},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
        "version": "3.11.7",
    }
    nb["metadata"]["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}
    }
    for n, cell in enumerate(nb["cells"]):
        cell["metadata"].update(scrolled=True, collapsed=False, trusted=True)
        if cell["cell_type"] == "code":
            cell["execution_count"] = n
            cell["metadata"]["execution"] = {"iopub.status.busy": "2026-04-14T09:00:00Z"}
            cell["metadata"]["jupyter"]["outputs_hidden"] = False
            cell["outputs"] = [
                {"output_type": "stream", "name": "stdout", "text": "Asha Patel\n"},
                {
                    "output_type": "display_data",
                    "data": {"text/plain": "Saved 09:41"},
                    "metadata": {},
                },
            ]
    return nb


def saved(model_content: dict[str, Any]) -> str:
    """What the server writes for a notebook model (FileContentsManager._save_notebook)."""
    text = nbformat.writes(nbformat.from_dict(model_content), version=nbformat.NO_CONVERT)
    return text if text.endswith("\n") else text + "\n"


@pytest.mark.parametrize("source", [p.stem for p in SOURCES])
def test_a_used_template_saves_back_to_its_exact_bytes(source: str) -> None:
    text = template(source)
    model = {"type": "notebook", "content": used_in_jupyterlab(text)}
    assert saved(model["content"]) != text  # the learner's session really changed it
    scrub(model, path=f"notebooks/{source[1:]}.ipynb", contents_manager=None)
    assert saved(model["content"]) == text


def test_the_builder_writes_what_the_server_writes() -> None:
    text = template()
    assert saved(json.loads(text)) == text
    assert '"source": [\n' in text  # sources as lists of lines, as the server splits them


def test_outputs_and_widget_state_are_removed_and_our_metadata_kept() -> None:
    nb = used_in_jupyterlab(template())
    clean_notebook(nb)
    assert "widgets" not in nb["metadata"]
    assert nb["metadata"]["language_info"] == {"name": "python"}
    assert "coursework" in nb["metadata"]
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert all(c["metadata"]["jupyter"] == {"source_hidden": True} for c in code)
    assert all(c["metadata"]["editable"] is False for c in code)
    for cell in nb["cells"]:
        assert not {"scrolled", "collapsed", "trusted", "execution"} & set(cell["metadata"])


def test_cleaning_twice_changes_nothing() -> None:
    once = clean_notebook(used_in_jupyterlab(template()))
    assert clean_notebook(copy.deepcopy(once)) == once


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("notebooks/00_start_here.ipynb", True),
        ("/notebooks/00_start_here.ipynb", True),
        ("customer-service-coursework/notebooks/00_start_here.ipynb", True),  # a hub's home
        ("coursework/00_start_here.ipynb", False),  # a learner's own copy keeps its outputs
        ("00_start_here.ipynb", False),
        ("notebooks/00_start_here.txt", False),
    ],
)
def test_only_course_notebooks_in_a_notebooks_folder_are_templates(
    path: str, expected: bool
) -> None:
    assert is_course_template(path, json.loads(template())) is expected


def test_other_notebooks_are_saved_as_they_are() -> None:
    nb = used_in_jupyterlab(template())
    del nb["metadata"]["coursework"]  # a learner's own notebook, even inside notebooks/
    model = {"type": "notebook", "content": copy.deepcopy(nb)}
    scrub(model, path="notebooks/scratch.ipynb")
    assert model["content"] == nb
    text_file = {"type": "file", "format": "text", "content": "notes"}
    scrub(text_file, path="notebooks/notes.txt")
    assert text_file["content"] == "notes"
