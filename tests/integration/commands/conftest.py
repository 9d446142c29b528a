"""Fixtures of the command tests that run real kernels."""

from tests.replacement_criteria import notebooks  # noqa: F401 (fixture: one small notebook)
