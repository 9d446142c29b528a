"""Notebook 01's table whose rows say where they came from.

The editor and the rule for which rows to show now live in :mod:`helpers.example_rows`, a
shared layer, because notebook 04's customer journey marks its example rows the same way (a
topic module cannot be imported by another). The names are kept here for notebook 01's code.
"""

from __future__ import annotations

from helpers.example_rows import (
    ADDED,
    CHANGED,
    CHECKED,
    FILE_UNCHECKED,
    SAMPLE_EXAMPLE,
    SOURCE_COLUMN,
    UNCONFIRMED,
    Options,
    RowsEditor,
    example_source,
    refresh_examples,
)

__all__ = [
    "ADDED",
    "CHANGED",
    "CHECKED",
    "FILE_UNCHECKED",
    "SAMPLE_EXAMPLE",
    "SOURCE_COLUMN",
    "UNCONFIRMED",
    "Options",
    "RowsEditor",
    "example_source",
    "refresh_examples",
]
