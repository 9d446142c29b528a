"""A PDCA plan as HTML and Markdown, learner text escaped."""

from __future__ import annotations

from helpers.pdca import PdcaPlan, plan_html, plan_markdown
from tests.pdca_plans import two_cycle_plan


def test_rendering_escapes_learner_text() -> None:
    plan = two_cycle_plan()
    page = plan_html(plan)
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert page.count('class="cw-pdca-cycle"') == 2
    text = plan_markdown(plan)
    assert "\\<b\\>" in text and "Team briefed \\| questions answered" in text
    assert "## Cycle 2" in text


def test_empty_plan_renders_a_notice() -> None:
    assert "No PDCA plan" in plan_html(PdcaPlan())
