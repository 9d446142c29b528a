"""Keep the course notebooks clean when JupyterLab saves them (a Jupyter server pre-save hook).

A learner's day in JupyterLab autosaves every course notebook with its outputs (their name,
answers, charts), widget state and the cell metadata JupyterLab adds. Those notebooks are the
tutor's templates, tracked by git: saved like that, ``git status`` shows them changed and the
tutor's next update (``git pull``, nbgitpuller) clashes or keeps the learner's stale copy. The
learner loses nothing by the scrub: every answer lives in the answers store, and the notebook
runs itself again when opened.

The project's server setting (``helpers/jupyter_server_config.json``) names this hook:
``"ContentsManager": {"pre_save_hook": "helpers.presave.scrub"}``. It changes only
course notebooks (metadata ``coursework``) saved in a folder named ``notebooks``; every other
file is saved as it is. The result is byte for byte what ``tools/build_notebooks.py`` writes.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

# Cell metadata that JupyterLab (or a kernel, or another front end) adds while a notebook is used.
RUNTIME_CELL_METADATA = ("collapsed", "scrolled", "execution", "trusted", "ExecuteTime")
# Notebook metadata that saving with live widgets adds.
RUNTIME_NOTEBOOK_METADATA = ("widgets",)


def is_course_template(path: str, notebook: dict[str, Any]) -> bool:
    """A course notebook (built by tools/build_notebooks.py) saved in a ``notebooks`` folder."""
    where = PurePosixPath(path.strip("/"))
    return (
        where.suffix == ".ipynb"
        and where.parent.name == "notebooks"
        and isinstance(notebook.get("metadata"), dict)
        and "coursework" in notebook["metadata"]
    )


def clean_notebook(notebook: dict[str, Any]) -> dict[str, Any]:
    """``notebook`` (nbformat 4 as a dict) without outputs, counts or run-time metadata; in place.

    Idempotent: a clean notebook comes back unchanged.
    """
    metadata = notebook.setdefault("metadata", {})
    for key in RUNTIME_NOTEBOOK_METADATA:
        metadata.pop(key, None)
    # A running kernel fills language_info in (version, lexer, mime type...); the template
    # names only the language, so the version of Python a learner ran leaves no trace.
    if isinstance(metadata.get("language_info"), dict):
        metadata["language_info"] = {"name": metadata["language_info"].get("name", "python")}
    for cell in notebook.get("cells", []):
        meta = cell.setdefault("metadata", {})
        for key in RUNTIME_CELL_METADATA:
            meta.pop(key, None)
        jupyter = meta.get("jupyter")
        if isinstance(jupyter, dict):
            jupyter.pop("outputs_hidden", None)  # folding an output away is not a change
            if not jupyter:
                del meta["jupyter"]
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        elif cell.get("attachments") == {}:
            del cell["attachments"]  # an empty attachments field some front ends add
    return notebook


def scrub(model: dict[str, Any], path: str = "", **_: Any) -> None:
    """Jupyter server pre-save hook: clean a course template before it is written to disk."""
    content = model.get("content")
    if model.get("type") != "notebook" or not isinstance(content, dict):
        return
    if is_course_template(path, content):
        clean_notebook(content)
