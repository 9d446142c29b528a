"""The exemplar learner's pack as an assessor reads it: questions named by their labels, columns
and emission factors in words, no question id, column key, factor key or file path anywhere in
its text; the learner guidance of the notebooks left out (everything else kept); the declaration
in the words ticked in 07.

Real kernels run the course notebooks (notebooks/, built by tools/build_notebooks.py, which
records the labels) against the exemplar's answers (the ``exemplar`` export of conftest.py)."""

from __future__ import annotations

import csv
import json
import re
import sys

import pytest

from helpers import declaration
from helpers.data.kinds import KINDS
from helpers.export import ExportResult
from helpers.paths import NOTEBOOKS_DIR
from helpers.reference import emission_factors_path
from tests.paths import REPO

sys.path.insert(0, str(REPO / "tools"))
from pack_text import page_text  # noqa: E402

QUESTION_ID = re.compile(r"\b\d\d\.[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b")
# Keys a learner would recognise as code: columns with an underscore, and the kinds' own names
# (one-word columns such as "month" or "channel" are ordinary words).
KEYS = sorted(
    {c.name for kind in KINDS.values() for c in kind.columns if "_" in c.name}
    | {name for name in KINDS if "_" in name}
)
# The emission factors' keys (such as voip_call_minute, printed_page): the exemplar chooses two
# extra activities' factors, which the pack must name in words ("National rail").
_FACTORS = csv.DictReader(emission_factors_path().read_text(encoding="utf-8").splitlines())
FACTOR_KEYS = sorted({row["key"] for row in _FACTORS if "_" in row["key"]})


@pytest.fixture(scope="module")
def text(exemplar: ExportResult) -> str:
    return "\n".join(page_text(exemplar.html_path.read_text(encoding="utf-8")))


def test_no_question_id_appears_in_the_pack(text: str) -> None:
    found = sorted(set(QUESTION_ID.findall(text)))
    assert not found, found[:10]


def test_no_column_key_or_file_name_appears_in_the_pack(text: str) -> None:
    keys = [key for key in KEYS if re.search(rf"\b{re.escape(key)}\b", text)]
    assert not keys, keys
    assert not re.findall(r"\b[\w-]+\.(?:csv|xlsx|ipynb|sqlite|md)\b", text)
    assert "Office kWh" in text and "CSAT %" in text  # the columns, in words


def test_no_emission_factor_key_appears_in_the_pack(text: str) -> None:
    assert "printed_page" in FACTOR_KEYS and "voip_call_minute" in FACTOR_KEYS
    keys = [key for key in FACTOR_KEYS if re.search(rf"\b{re.escape(key)}\b", text)]
    assert not keys, keys
    assert "National rail" in text and "Printed A4 page" in text  # the exemplar's, in words


def test_the_coverage_matrix_names_questions_by_their_labels(text: str) -> None:
    matrix = text[text.rindex("Criteria coverage\n") :]  # the appendix, not the contents
    assert "Your review of physical and digital channels" in matrix
    # a part shared by several answers is said once before them ("Cycle 1: Plan: The problem")
    assert "Cycle 1: Plan: The problem" in matrix


def _markdown_cells(tagged: bool) -> list[str]:
    found = []
    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            tags = cell.get("metadata", {}).get("tags", [])
            if cell["cell_type"] == "markdown" and ("learner-guidance" in tags) == tagged:
                found.append("".join(cell["source"]))
    return found


def _first_sentence(markdown: str) -> str:
    """A plain run of words from a cell (no Markdown marks), to look for in the page text."""
    words = re.sub(r"[*_`#>\[\]()]", " ", markdown)
    return " ".join(re.split(r"(?<=[.:?!])\s", " ".join(words.split()))[0].split()[:8])


def test_learner_guidance_is_left_out_and_the_rest_kept(text: str) -> None:
    flat = " ".join(text.split())
    guidance = _markdown_cells(tagged=True)
    assert guidance, "the notebooks tag their learner guidance"
    kept = [_first_sentence(cell) for cell in guidance if _first_sentence(cell) in flat]
    assert not kept, kept[:5]
    headings = [line for cell in _markdown_cells(tagged=False) for line in cell.splitlines()]
    headings = [h.lstrip("#").strip() for h in headings if re.match(r"#{2,3} ", h)]
    assert headings and all(h.replace("*", "") in flat for h in headings[:20])


def test_the_declaration_is_worded_as_where_it_is_ticked(text: str) -> None:
    flat = " ".join(text.split())
    appendix = flat[flat.rindex("Declaration of authenticity") :]  # the pack's last part but one
    assert appendix.split(" Signed (typed)")[0].endswith(declaration.STATEMENT)
