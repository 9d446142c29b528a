"""Helpers for the Customer Service Coursework notebooks.

Importing ``helpers`` is cheap: submodules (and pandas, matplotlib, ipywidgets) load on first use,
so ``helpers.forms.long_text(...)`` or ``helpers.store.open_store()`` work without extra imports.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Short names used in notebook cells, mapped to the module that defines them.
_SHORTCUTS = {
    "start": "helpers.notebook",
    "open_store": "helpers.store",
    "CourseworkError": "helpers.errors",
}

__all__ = ["__version__", *_SHORTCUTS]


def __getattr__(name: str) -> Any:
    if name in _SHORTCUTS:
        return getattr(importlib.import_module(_SHORTCUTS[name]), name)
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f"helpers.{name}")
    except ModuleNotFoundError as error:
        if error.name == f"helpers.{name}":
            raise AttributeError(f"module 'helpers' has no attribute {name!r}") from None
        raise
