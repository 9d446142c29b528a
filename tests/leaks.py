"""Finding raw personal data in what was shown."""

from __future__ import annotations

import html
import re


def leaks(output: str, raw_values: set[str]) -> list[str]:
    """Raw values found as whole words in ``output`` (HTML entities decoded first)."""
    text = html.unescape(output)
    return [v for v in raw_values if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text)]
