"""export-cohort's fingerprint: it changes with everything a pack is made from."""

from __future__ import annotations

from pathlib import Path

from helpers import cohort
from helpers.store import open_store
from tests.cohorts import CRITERIA, write_templates


def test_fingerprint_changes_with_what_a_pack_is_made_from(tmp_path: Path) -> None:
    area, notebooks = tmp_path / "coursework", write_templates(tmp_path / "t")
    criteria = tmp_path / "criteria.yml"
    criteria.write_text(CRITERIA.read_text())
    with open_store(area) as store:
        store.save("01.review.channels", "Email.")
    first = cohort.fingerprint(area, notebooks, criteria)
    assert cohort.fingerprint(area, notebooks, criteria) == first
    steps = [
        lambda: (
            (area / "attachments").mkdir() or (area / "attachments" / "a.png").write_bytes(b"x")
        ),
        lambda: (area / "data").mkdir() or (area / "data" / "d.csv").write_text("month\n"),
        lambda: criteria.write_text(CRITERIA.read_text() + "\n# edited\n"),
        lambda: (notebooks / "02_plan.ipynb").write_text("{}"),
    ]
    seen = {first}
    for step in steps:
        step()
        now = cohort.fingerprint(area, notebooks, criteria)
        assert now not in seen
        seen.add(now)
