"""Last touches on a finished page: no heading permalinks, every element id unique."""

from __future__ import annotations

import re

_ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="#[^"]*">¶</a>')
_ID = re.compile(r'id="([^"]*)"')  # no \b in front: a leading literal is searched for quickly


def tidy_html(text: str) -> str:
    """Drop heading permalinks and make element ids unique (notebooks share heading names)."""
    text = _ANCHOR_LINK.sub("", text)
    seen: dict[str, int] = {}

    def unique(match: re.Match[str]) -> str:
        before = match.string[match.start() - 1 : match.start()]
        if before.isalnum() or before == "_":
            return match.group(0)  # part of a longer name ("grid=")
        name = match.group(1)
        count = seen.get(name, 0)
        seen[name] = count + 1
        return match.group(0) if count == 0 else f'id="{name}-{count + 1}"'

    return _ID.sub(unique, text)


_FOCUSABLE = re.compile(
    r'class="((?:[^"]*\s)?(?:jp-OutputArea-output|jp-Cell-inputWrapper)(?=[\s"])[^"]*)"'
)
_IMG_NO_ALT = re.compile(r"<img\b(?![^>]*\salt=)")


def nbconvert_touches(text: str) -> str:
    """What nbconvert's HTMLExporter adds with BeautifulSoup, on the text: each output and
    Markdown cell focusable (``tabindex="0"``, so a keyboard can scroll a wide table or chart),
    and alt text on an image that has none."""
    text = _FOCUSABLE.sub(r'class="\1" tabindex="0"', text)
    return _IMG_NO_ALT.sub('<img alt="No description has been provided for this image"', text)
