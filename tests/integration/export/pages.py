"""Reading exported pages: the XSS payloads, the tags and text of a page, and unsafe markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.paths import DATA

PAYLOADS = [
    line for line in (DATA / "xss" / "payloads.txt").read_text().splitlines() if line.strip()
]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> _Page:
    """The start tags (with attributes) and the text of ``page``."""
    parser = _Page()
    parser.feed(page)
    return parser


def unsafe_markup(page: str) -> list[str]:
    """Every tag or attribute in ``page`` that could run script or load something."""
    found = []
    for tag, attrs in parse(page).tags:
        if tag in {"script", "iframe", "object", "embed", "link", "base", "form", "svg", "math"}:
            found.append(tag)
        if tag == "meta" and "http-equiv" in attrs:
            found.append("meta refresh")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{tag} {name}")
            if name == "src" and not value.startswith("data:image/"):
                found.append(f"{tag} src={value}")
            if name == "href" and re.match(r"\s*(javascript|data|vbscript):", value, re.I):
                found.append(f"{tag} href={value}")
            if name == "style" and re.search(r"expression|url\(|@import", value, re.I):
                found.append(f"{tag} style={value}")
    return found
