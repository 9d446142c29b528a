"""The declaration means one thing everywhere: ticked, named and dated; signed when completed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import declaration, feedback, reflection
from helpers.export import export_evidence


def _pack(area: Path, tmp_path: Path) -> str:
    empty = tmp_path / "no-notebooks"
    empty.mkdir(exist_ok=True)
    result = export_evidence(area, notebooks_dir=empty, out_dir=tmp_path / "out")
    return result.html_path.read_text(encoding="utf-8")


def test_ticked_and_named_without_a_date_is_not_signed_in_the_pack(
    store: Any, coursework_dir: Path, tmp_path: Path
) -> None:
    store.save(declaration.AGREE_ID, [declaration.STATEMENT])
    store.save(declaration.NAME_ID, "Sam Taylor")
    assert declaration.read_declaration(store.answers()).missing == ["add the date"]
    assert "Not signed yet" in _pack(coursework_dir, tmp_path)


def test_the_pack_shows_the_words_ticked_and_the_time_the_form_signed(
    store: Any, coursework_dir: Path, tmp_path: Path
) -> None:
    form = reflection.declaration_form(store=store)
    agree, name, when = form.forms
    agree.value = [declaration.STATEMENT]
    name.value = "Sam Taylor"
    when.value = "2025-11-20"
    store.save(declaration.SIGNED_AT_ID, "2025-11-20T09:15:00+00:00")
    store.save(declaration.NAME_ID, "Sam Taylor ")  # edited later: not when it was signed
    page = _pack(coursework_dir, tmp_path)
    assert declaration.STATEMENT in page.replace("&#39;", "'")
    assert "Date:</strong> 20 November 2025" in page
    assert "Saved:</strong> 20 Nov 2025 09:15 UTC" in page
    assert "Not signed yet" not in page


def test_the_form_and_the_formative_check_agree_on_the_statement() -> None:
    assert reflection.DECLARATION == declaration.STATEMENT
    ids = ("07.declaration.agree", "07.declaration.name", "07.declaration.date")
    assert ids == (declaration.AGREE_ID, declaration.NAME_ID, declaration.DATE_ID)


@pytest.mark.parametrize(
    ("answers", "signed"),
    [
        ({"07.declaration.agree": ["I confirm"], "07.declaration.name": "Sam"}, False),
        ({"07.declaration.name": "Sam", "07.declaration.date": "2025-11-20"}, False),
        (
            {
                "07.declaration.agree": ["I confirm"],
                "07.declaration.name": "Sam",
                "07.declaration.date": "2025-11-20",
            },
            True,
        ),
    ],
)
def test_the_formative_check_and_the_pack_agree_on_signed(
    answers: dict[str, Any], signed: bool
) -> None:
    check = feedback.checks.declaration(declaration.SECTION)
    assert check(feedback.Answers(answers)).met is signed
    assert declaration.read_declaration(answers).signed is signed
