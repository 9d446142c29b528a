"""Tidying exported HTML: heading ids made unique, anchor links dropped."""

from __future__ import annotations

from helpers.views.tidy import tidy_html


def test_duplicate_heading_ids_are_made_unique() -> None:
    text = '<h2 id="What">What<a class="anchor-link" href="#What">¶</a></h2><h2 id="What">W</h2>'
    assert tidy_html(text) == '<h2 id="What">What</h2><h2 id="What-2">W</h2>'
