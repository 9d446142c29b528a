"""Plain names for questions: the label a learner reads above a box, never its question id.

The labels are a registry built with the notebooks: ``tools/build_notebooks.py`` records each
code cell's question labels in its metadata (``coursework.labels``), from the label argument of
each helper call and, for a helper that makes several boxes, from the labels the helper gives
its own boxes (:func:`labels_of` reads them off the object it returns).
:func:`helpers.criteria.question_labels` reads the registry back; every learner and assessor
view names a question with :func:`plain_name`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["labels_of", "plain_name", "plain_names"]

_NOTEBOOK = re.compile(r"^(\d\d)\.")


def labels_of(shown: Any) -> dict[str, str]:
    """Question id -> label for every box in ``shown``: a form, a group of forms, a panel, a
    form that follows the data, or PDCA's tabs (anything holding ``form``, ``forms`` or
    ``groups``). A group's title (such as "Cycle 2: Plan") is added to its boxes' labels, so
    boxes named alike in different groups stay apart."""
    found: dict[str, str] = {}
    _collect(shown, "", found, set())
    return found


def _collect(item: Any, context: str, found: dict[str, str], seen: set[int]) -> None:
    if item is None or id(item) in seen:
        return
    seen.add(id(item))
    question, label = getattr(item, "question_id", None), getattr(item, "label", None)
    if isinstance(question, str) and isinstance(label, str):
        found.setdefault(question, f"{label} ({context})" if context else label)
        return
    title = getattr(item, "title", "")
    inner = f"{context}: {title}" if context and title else (title or context)
    for name in ("form", "forms", "groups"):
        held = getattr(item, name, None)
        for part in held if isinstance(held, (list, tuple)) else [held]:
            _collect(part, inner if isinstance(inner, str) else context, found, seen)


def plain_name(question: str, labels: Mapping[str, str]) -> str:
    """The label of ``question``; without one, the notebook it belongs to in words (never the
    id: a notebook a tutor added may have no labels recorded)."""
    label = labels.get(question, "").strip()
    if label:
        return label
    number = _NOTEBOOK.match(question)
    return f"an answer in notebook {number.group(1)}" if number else "an answer"


def plain_names(questions: Iterable[str], labels: Mapping[str, str]) -> list[str]:
    """:func:`plain_name` of each question, each name once, in order."""
    return list(dict.fromkeys(plain_name(q, labels) for q in questions))
