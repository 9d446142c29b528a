"""Fixtures that tests in more than one folder of tests/unit use."""

from tests.cohorts import released  # noqa: F401 (fixture: a 30-learner cohort released)
from tests.replacement_criteria import notebooks  # noqa: F401 (fixture: one small notebook)
