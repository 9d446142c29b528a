"""Counting a learner's words, the same way in the answer box, the checks and the tutor's status."""

from __future__ import annotations

import re
from typing import Any

# A word is letters or digits, joined by an apostrophe or hyphen ("don't", "follow-up"); a dash
# or a % standing alone is not a word, so "Paper use - down 30 %" is four words everywhere.
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def word_count(value: Any) -> int:
    """Words a learner wrote in one answer (text, list or table rows; numbers are not words)."""
    if isinstance(value, str):
        return len(_WORD.findall(value))
    if isinstance(value, list):
        return sum(word_count(v) for v in value)
    if isinstance(value, dict):
        return sum(word_count(v) for v in value.values())
    return 0
