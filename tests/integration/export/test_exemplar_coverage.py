"""The exemplar learner's pack (data/exemplar, as `coursework demo` saves it, exported with real
kernels): every criterion shows "Evidence found", the seed topics' criteria of notebooks 03, 04
and 06 included, and the answers written for them are in the pack."""

from __future__ import annotations

import html
import re

import pytest

from helpers.commands.demo import load_exemplar
from helpers.criteria import load_criteria
from helpers.export import ExportResult

pytestmark = pytest.mark.slow

# The criteria whose questions the exemplar answered last (how calls travel, green claims, the
# seed topics of notebook 04, friendly competition).
NEWLY_EVIDENCED = [
    "SUS.REVIEW.1",
    "SUS.PROMOTE.4",
    "ENV.STRUCTURE.2",
    "ENV.RELATIONSHIPS.1",
    "ENV.RELATIONSHIPS.2",
    "ENV.STANDARDS.1",
    "ENV.COMMUNICATION.1",
    "ENV.COMPLAINTS.2",
    "TEAM.RESULTS.1",
]
ROW = re.compile(
    r'<span class="cw-criterion-id">(?P<id>[A-Z0-9.]+)</span>.*?<td class="cw-status-(?P<css>[\w-]+)"',
    re.S,
)


@pytest.fixture(scope="module")
def pack(exemplar: ExportResult) -> str:
    """The exemplar's pack (exported once for the folder, see conftest.py)."""
    return exemplar.html_path.read_text(encoding="utf-8")


def test_every_criterion_of_the_exemplar_shows_evidence_found(pack: str) -> None:
    statuses: dict[str, set[str]] = {}
    for row in ROW.finditer(pack):
        statuses.setdefault(row["id"], set()).add(row["css"])
    assert set(statuses) == set(load_criteria().criteria)  # every row was read
    assert set(NEWLY_EVIDENCED) <= set(statuses)
    assert {c: s for c, s in statuses.items() if s != {"met"}} == {}


def test_the_new_answers_are_in_the_pack(pack: str) -> None:
    answers = load_exemplar()["answers"]
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", pack)).split())
    for question in (
        "03.claims.evidence",
        "04.journey.moment",
        "04.crm.data",
        "04.sla.target",
        "04.escalation.handover",
        "06.results.competition",
    ):
        opening = " ".join(answers[question].split()[:8])
        assert opening in text, question
