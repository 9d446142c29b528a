"""The PDCA plan model: an exact round trip through plain dicts and JSON."""

from __future__ import annotations

import json

from helpers.pdca import PdcaPlan
from tests.pdca_plans import two_cycle_plan


def test_dict_round_trip_is_exact() -> None:
    plan = two_cycle_plan()
    data = plan.to_dict()
    assert PdcaPlan.from_dict(json.loads(json.dumps(data))) == plan
