"""CSV files the tools write, with every cell safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
spreadsheets skip before looking) is run as a formula when the file is opened, so text a learner
typed could run in the tutor's spreadsheet. Every such cell, header row included, gets a leading
apostrophe, which spreadsheets read as "this is text".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

# Full-width forms too: some spreadsheets read them as their ASCII twins.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_safe(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """CSV text of ``header`` and ``rows`` (one line each), every cell made :func:`csv_safe`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_safe(cell) for cell in header])
    writer.writerows([csv_safe(cell) for cell in row] for row in rows)
    return out.getvalue()
