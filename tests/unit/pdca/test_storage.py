"""PDCA plans in the store: exact round trips through a fresh store and a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers.pdca import PdcaPlan, load_plan, save_plan
from helpers.store import open_store
from tests.paths import REPO
from tests.pdca_plans import two_cycle_plan


def test_store_round_trip_with_a_fresh_store_object(coursework_dir: Path) -> None:
    plan = two_cycle_plan()
    with open_store(coursework_dir) as store:
        save_plan(plan, store)
    with open_store(coursework_dir) as fresh:
        assert load_plan(fresh) == plan


def test_round_trip_across_a_fresh_process(coursework_dir: Path) -> None:
    plan = two_cycle_plan()
    with open_store(coursework_dir) as store:
        save_plan(plan, store)
    script = (
        "import json, helpers.pdca as p, helpers.store as s;"
        f"print(json.dumps(p.load_plan(s.open_store({str(coursework_dir)!r})).to_dict()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert PdcaPlan.from_dict(json.loads(out.stdout)) == plan


def test_notebook_05_maps_every_pdca_answer_to_criteria() -> None:
    from helpers.criteria import question_map
    from helpers.pdca import cycle_question_ids

    mapping = question_map()
    for qid in cycle_question_ids(1) + cycle_question_ids(2):
        assert any(c.startswith("IMP.") for c in mapping.get(qid, [])), qid
