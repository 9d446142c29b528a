"""Print the text of evidence pages for a before/after comparison of two exports.

    python tools/pack_text.py OLD_EXPORTS NEW_EXPORTS

For each HTML page present in either folder: tags stripped, whitespace normalised, dates, times,
the project version and digests masked, then a unified diff of the two texts (nothing printed
for identical pages). Used to prove a restructuring changed no page an assessor reads.
"""

from __future__ import annotations

import difflib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

_MASKS = [
    (re.compile(r"\b\d{1,2} [A-Z][a-z]+ \d{4}(, \d{2}:\d{2} UTC)?"), "<DATE>"),
    (re.compile(r"\b\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} UTC"), "<DATE>"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?"), "<DATE>"),
    (re.compile(r"\b\d{2}:\d{2}( UTC)?\b"), "<TIME>"),  # times of day, wherever they stand
    (re.compile(r"customer-service-coursework \S+"), "<VERSION>"),
    (re.compile(r"\b[0-9a-f]{64}\b"), "<SHA256>"),
]


_BLOCKS = {
    "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "section", "br", "dt", "dd", "caption",
    "table", "thead", "tbody", "ul", "ol", "dl", "nav", "header", "figure", "figcaption", "pre",
}  # fmt: skip


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        alt = dict(attrs).get("alt")
        if tag == "img" and alt:
            self.parts.append(f" [image: {alt}] ")
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:  # line breaks in the source are layout, not text
            self.parts.append(re.sub(r"\s+", " ", data))


def page_text(html: str) -> list[str]:
    """The page's visible text as normalised lines, with volatile values masked."""
    parser = _Text()
    parser.feed(html)
    text = "".join(parser.parts)
    for pattern, mask in _MASKS:
        text = pattern.sub(mask, text)
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def main(argv: list[str]) -> int:
    old, new = Path(argv[0]), Path(argv[1])
    names = sorted({p.name for p in old.glob("*.html")} | {p.name for p in new.glob("*.html")})
    changed = 0
    for name in names:
        a = page_text((old / name).read_text("utf-8")) if (old / name).exists() else []
        b = page_text((new / name).read_text("utf-8")) if (new / name).exists() else []
        diff = list(difflib.unified_diff(a, b, f"old/{name}", f"new/{name}", lineterm="", n=1))
        if diff:
            changed += 1
            print("\n".join(diff))
    print(f"{len(names)} pages compared, {changed} with differences.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
