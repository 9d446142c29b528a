"""Notebooks 05 and 07 in a real JupyterLab: a month-first date is refused in the PDCA table with
a message and named under the timeline; the declaration is shown whole where it is ticked."""

from __future__ import annotations

from typing import Any

from helpers import declaration
from helpers.pdca import ACTION_COLUMNS, question_id
from helpers.store import open_store


def _cell(lab: Any, label: str) -> Any:
    return lab.page.locator(f'.jp-OutputArea-output [placeholder="{label}"]').first


def test_a_month_first_date_is_refused_and_named_under_the_timeline(lab: Any) -> None:
    lab.open("05_continuous_improvement.ipynb")
    what = _cell(lab, ACTION_COLUMNS["what"])
    what.scroll_into_view_if_needed()
    what.click()
    what.press_sequentially("Brief the advisers", delay=5)
    start = _cell(lab, ACTION_COLUMNS["start"])
    start.click()
    start.press_sequentially("04/14/2025", delay=5)
    message = lab.page.locator(".cw-date-problem", has_text="month first").first
    message.wait_for(state="visible", timeout=20_000)
    assert "14/04/2025" in (message.text_content() or "")  # says what to type instead
    named = lab.page.locator(".cw-timeline-problems", has_text="Brief the advisers").first
    named.wait_for(state="attached", timeout=20_000)  # the timeline says so, by itself
    start.fill("")
    start.press_sequentially("14/04/2025", delay=5)
    lab.page.locator(".cw-date-words", has_text="14 April 2025").first.wait_for(timeout=20_000)
    with open_store(lab.server.coursework) as store:
        rows = store.load(question_id(1, "plan.actions")) or [{}]
    assert rows[0].get(ACTION_COLUMNS["start"]) == "2025-04-14"


def test_the_declaration_is_shown_whole_where_it_is_ticked(lab: Any) -> None:
    lab.open("07_reflection_and_evidence.ipynb")
    words = lab.page.locator(".cw-declaration blockquote").first
    words.scroll_into_view_if_needed()
    assert " ".join((words.text_content() or "").split()) == declaration.STATEMENT
    clipped = words.evaluate(
        "el => el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).textOverflow == "
        "'ellipsis' && el.scrollWidth > el.clientWidth"
    )
    assert not clipped
    box = words.bounding_box()
    assert box is not None and box["height"] > 30  # more than one line: it wraps
    form = lab.page.locator(".cw-form", has=lab.page.locator(".cw-declaration")).last
    tick = form.locator(".widget-checkbox input[type=checkbox]").first
    tick.scroll_into_view_if_needed()
    tick.check()
    with open_store(lab.server.coursework) as store:
        for _ in range(50):
            if store.load(declaration.AGREE_ID):
                break
            lab.page.wait_for_timeout(200)
        assert store.load(declaration.AGREE_ID) == [declaration.STATEMENT]
