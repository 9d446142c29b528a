"""Counting a learner's words, the same way in the answer box, the checks and the tutor's status;
and listing things in a sentence, the same way in every message."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# A word is letters or digits, joined by an apostrophe or hyphen ("don't", "follow-up"); a dash
# or a % standing alone is not a word, so "Paper use - down 30 %" is four words everywhere.
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def word_count(value: Any) -> int:
    """Words a learner wrote in one answer (text, list or table rows; numbers are not words)."""
    # A loop, not recursion: a stored value may be nested thousands of levels deep.
    count, waiting = 0, [value]
    while waiting:
        item = waiting.pop()
        if isinstance(item, str):
            count += len(_WORD.findall(item))
        elif isinstance(item, list):
            waiting.extend(item)
        elif isinstance(item, dict):
            waiting.extend(item.values())
    return count


def joined_with_and(items: Sequence[str]) -> str:
    """Items as a sentence lists them: "a", "a and b", "a, b and c" (at least one item)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
