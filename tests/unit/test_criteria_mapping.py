"""The mapping to a real public specification (NOS INSCS017): it loads, its real ids rest on the
course criteria, and choosing it puts the real ids in the coverage matrix and the status page."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import cohort
from helpers.criteria import load_criteria, question_map, unknown_criteria
from helpers.errors import ReferenceDataError
from helpers.feedback import coverage, criteria_problems
from helpers.paths import REFERENCE_DIR
from helpers.store import open_store
from helpers.views.coverage import coverage_groups, coverage_matrix_html

MAPPING = REFERENCE_DIR / "criteria_inscs017.yml"
REAL_IDS = ["INSCS017.P1", "INSCS017.P2", "INSCS017.P3"]


def test_the_mapping_loads_with_its_source_and_official_link() -> None:
    mapped = load_criteria(MAPPING)
    ours = load_criteria()
    assert list(mapped.criteria) == REAL_IDS
    assert mapped.url.startswith("https://www.ukstandards.org.uk/en/nos-finder/INSCS017/")
    assert "our own words" in mapped.source and "left out" in mapped.source.lower()
    for real, ids in mapped.mapping.items():
        assert ids and all(c in ours.criteria for c in ids), real
    assert list(mapped.requirements) == ["DECLARATION"]  # the course's requirement still holds


def test_the_notebooks_and_rules_need_no_change_to_use_it() -> None:
    mapped = load_criteria(MAPPING)
    assert unknown_criteria(question_map(), mapped) == []
    assert criteria_problems(mapped, question_map()) == []


def test_the_matrix_shows_the_real_ids_and_the_course_criteria_behind_them() -> None:
    mapped = load_criteria(MAPPING)
    found = coverage({}, mapped, question_map())
    assert list(found) == REAL_IDS
    html = coverage_matrix_html(coverage_groups(found, mapped))
    for real in REAL_IDS:
        assert f'<th scope="row">{real}</th>' in html
    assert "Evidenced through the course criteria SUS.REVIEW.4, SUS.PROMOTE.1." in html
    assert "SUS.REVIEW.1</th>" not in html  # the course's own rows are not listed


def test_a_real_id_has_evidence_found_only_when_every_course_criterion_behind_it_has() -> None:
    mapped = load_criteria(MAPPING)
    real = coverage({}, mapped, {"q.a": ["SUS.PROMOTE.1"], "q.b": ["SUS.WHY.1"]})
    assert {r: e.status for r, e in real.items()} == dict.fromkeys(REAL_IDS, "not yet")
    half = coverage(
        {"q.a": "Posters for the team."}, mapped, {"q.a": ["SUS.PROMOTE.1"], "q.b": ["SUS.WHY.1"]}
    )
    assert half["INSCS017.P2"].status == "partly"
    assert half["INSCS017.P2"].evidence == ["q.a"]
    assert any(reason.startswith("SUS.WHY.1: ") for reason in half["INSCS017.P2"].reasons)


def test_a_mapping_to_an_unknown_course_criterion_is_refused(tmp_path: Path) -> None:
    (tmp_path / "criteria.yml").write_text(
        (REFERENCE_DIR / "criteria.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    bad = tmp_path / "criteria_bad.yml"
    bad.write_text(
        "maps: criteria.yml\nunits:\n- id: X\n  outcomes:\n  - id: X.P\n    criteria:\n"
        "    - {id: X.P1, text: Something real., maps_to: [CI.1.4]}\n"
        "    - {id: X.P2, text: Something else.}\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError) as caught:
        load_criteria(bad)
    text = " ".join(str(p) for p in caught.value.problems)
    assert "X.P1 maps to CI.1.4, which is not in criteria.yml" in text
    assert "X.P2 maps to no course criterion" in text


def test_status_with_the_mapping_lists_the_real_ids(tmp_path: Path) -> None:
    area = tmp_path / "cohort" / "asha" / "coursework"
    with open_store(area) as store:
        store.save("00.profile.name", "Asha")
    status = cohort.cohort_status(tmp_path / "cohort", criteria_path=MAPPING)
    assert status.criteria == REAL_IDS
    assert status.learner("asha").coverage == dict.fromkeys(REAL_IDS, "not yet")
