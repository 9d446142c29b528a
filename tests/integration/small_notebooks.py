"""Small notebooks for whole exports: a title, the setup cell, then the cells a test names."""

from __future__ import annotations

from typing import Any

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def small_notebook(cells: list[tuple[str, list[str], list[str], list[str]]]) -> Any:
    """A notebook of ``(source, questions, criteria, tags)`` cells after a title and the setup."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells.append(new_markdown_cell("# A small notebook\n\nSome narrative."))
    nb.cells.append(new_code_cell("import helpers\nhelpers.start()"))
    for index, (source, questions, criteria, tags) in enumerate(cells):
        cell = new_code_cell(source)
        cell.id = f"c{index}"
        if questions or criteria:
            cell.metadata["coursework"] = {"questions": questions, "criteria": criteria}
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    return nb


FORM_CELLS = [
    ('helpers.forms.long_text("01.x.long", "Long answer")', ["01.x.long"], ["SUS.REVIEW.1"], []),
    ('helpers.forms.short_text("01.x.short", "Short answer")', ["01.x.short"], ["SUS.REVIEW.2"], []),
    ('helpers.forms.table("01.x.table", "A table", ["A", "B"])', ["01.x.table"], ["SUS.REVIEW.3"], []),
    ("helpers.profile.profile_form()", [], [], []),
    ('helpers.attachments.attachment_box("01.x")', [], [], []),
    ('print("TUTOR ONLY NOTES")', [], [], ["tutor-only"]),
]
