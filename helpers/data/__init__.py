"""Reading learners' data files: CSV or XLSX as real spreadsheets produce them.

:func:`read_table` turns a file into a :class:`LoadedTable` whose ``frame`` has the canonical
column names of one *kind* (see :data:`KINDS`) and proper dtypes. It copes with UTF-8 (with or
without a BOM) and Windows-1252 text, comma, semicolon or tab separators, title rows above the
column names, UK dates in many spellings, Excel date serials, thousands separators and units in
cells, blank and total rows, merged cells, and data that is not on an XLSX's first sheet.

The checks of each kind are a pandera schema. Every failure becomes a :class:`Problem` naming
the row as the learner sees it in their spreadsheet (the column-name row counts, so the first data
row under it is row 2), the column as written in *their* file, and what to do. A bad cell in a
measure column is left blank; a row without a usable key (month, date) is left out; the table
still loads and the problems are listed. Only a file that cannot be used at all raises
:class:`DataError`, with every problem listed together.

The small parsers (:func:`parse_number`, :func:`parse_quantity`, :func:`parse_uk_date`,
:func:`parse_month`) are pure and raise ``ValueError`` with a learner-facing reason.

One job per module, in the order a file goes through them:

- :mod:`.kinds`: the kinds of table and their columns;
- :mod:`.parsers`: single cells (numbers with units, UK dates, months);
- :mod:`.headers`: the learner's column names matched to canonical columns;
- :mod:`.reading`: raw CSV/XLSX cells (encodings, separators, sheets, title rows);
- :mod:`.columns`: typing the columns;
- :mod:`.schema`: the pandera checks and the problems they give;
- :mod:`.table`: :func:`read_table`, which runs them all.

Only the standard library is imported here; pandas, pandera, pyarrow and openpyxl load when a
file is read (the ``coursework`` command imports this package).
"""

from __future__ import annotations

from .headers import match_header, normalise_header
from .kinds import KINDS, Column, TableKind
from .parsers import parse_month, parse_number, parse_quantity, parse_uk_date, slash_date_order
from .schema import schema_for
from .table import LoadedTable, date_range, read_table

__all__ = [
    "KINDS",
    "Column",
    "TableKind",
    "LoadedTable",
    "read_table",
    "parse_number",
    "parse_quantity",
    "parse_uk_date",
    "parse_month",
    "normalise_header",
    "slash_date_order",
    "match_header",
    "date_range",
    "schema_for",
]
