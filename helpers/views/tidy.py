"""Last touches on a finished page: no heading permalinks, every element id unique."""

from __future__ import annotations

import re

_ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="#[^"]*">¶</a>')
_ID = re.compile(r'\bid="([^"]*)"')


def tidy_html(text: str) -> str:
    """Drop heading permalinks and make element ids unique (notebooks share heading names)."""
    text = _ANCHOR_LINK.sub("", text)
    seen: dict[str, int] = {}

    def unique(match: re.Match[str]) -> str:
        name = match.group(1)
        count = seen.get(name, 0)
        seen[name] = count + 1
        return match.group(0) if count == 0 else f'id="{name}-{count + 1}"'

    return _ID.sub(unique, text)
