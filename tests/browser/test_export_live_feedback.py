"""Notebook 07 in JupyterLab: checks tick as the learner types; the button builds the pack.

One JupyterLab session for both (starting Lab and running the notebook is most of the time).
"""

from __future__ import annotations

from typing import Any

TEXTAREA = ".jp-OutputArea-output .widget-textarea textarea"
LINKS = "Your reflection names the policy or law and the impact of your action."


def test_checks_tick_while_typing_and_the_button_builds_the_pack(lab: Any) -> None:
    lab.open("07_reflection_and_evidence.ipynb")
    checks = lab.page.locator(".cw-feedback").first
    checks.wait_for(state="attached")
    item = checks.locator("li", has_text=LINKS)
    assert "Not yet" in (item.text_content() or "")

    analysis = lab.page.locator(TEXTAREA).nth(3)  # description, feelings, evaluation, analysis
    analysis.scroll_into_view_if_needed()
    analysis.click()
    analysis.press_sequentially(
        "Our environmental policy shaped the change, and printed bills fell by 53 %.", delay=5
    )
    item.filter(has_text="Done").wait_for(state="attached", timeout=20_000)
    assert "Done" in (item.text_content() or "")

    button = lab.page.locator("button", has_text="Build my evidence pack")
    button.scroll_into_view_if_needed()
    button.click()
    link = lab.page.locator("a", has_text="Open your evidence pack")
    link.wait_for(state="attached", timeout=180_000)
    assert (link.get_attribute("href") or "").endswith("exports/evidence.html")
    pack = lab.server.coursework / "exports" / "evidence.html"
    assert "printed bills fell by 53 %" in pack.read_text(encoding="utf-8")
