"""How an answer is stored: JSON text, bounded in nesting depth and size both ways.

Why bounds: a value nested thousands of levels deep, or many megabytes long, is never something a
learner typed; it comes from a program or a hand-edited file, and it would make every tool that
reads the store (the learner's notebooks, the export, the tutor's status for the whole cohort)
fail or crawl. So ``save`` refuses it with a plain :class:`SaveError`, and reading leaves out any
stored value over the same bounds (written by an older version, or by hand) with a plain note,
keeping every other answer. The depth is measured without recursion, before ``json.dumps``
(whose own recursion fails at about a thousand levels).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .errors import SaveError

STORED_VALUE_MAX_DEPTH = 50
"""Lists and groups inside each other in one answer; real answers use fewer than ten."""
STORED_VALUE_MAX_CHARS = 1_000_000
"""Characters of one answer's stored (JSON) text: about 150,000 words."""

TOO_DEEP = "is nested too deeply"
TOO_LARGE = "is too large"
NOT_READABLE = "is not in a form the course can read"


class UnreadableValue(ValueError):
    """A stored value that cannot be handed out; ``reason`` completes "The saved answer ..."."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def deeper_than(value: Any, limit: int) -> bool:
    """True when ``value`` has more than ``limit`` lists or dicts inside each other.

    Iterative, and it stops as soon as the limit is passed, so a self-containing list or a
    100,000-level value costs at most ``limit`` levels of work along its deepest path.
    """
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        if depth + 1 > limit:
            return True
        stack.extend(
            (child, depth + 1) for child in children if isinstance(child, list | tuple | dict)
        )
    return False


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_INNERMOST = re.compile(r"\[[^\[\]{}]*\]|\{[^\[\]{}]*\}")


def text_deeper_than(text: str, limit: int) -> bool:
    """:func:`deeper_than` for a value's JSON text, before decoding it.

    Reading must be fast (the tutor's status reads every answer of every learner), so this uses
    the regular-expression engine, not a Python loop: strings removed, then the innermost
    brackets removed level by level, at most ``limit`` times.
    """
    if text.count("[") + text.count("{") <= limit:
        return False
    shape = _JSON_STRING.sub("", text)
    for _ in range(limit):
        shape, removed = _INNERMOST.subn("", shape)
        if not removed:
            break
    return "[" in shape or "{" in shape


def to_json(value: Any) -> str:
    """The stored form of an answer (the same value always gives the same text).

    Raises :class:`SaveError` with a learner-facing reason when the value cannot be stored.
    """
    if deeper_than(value, STORED_VALUE_MAX_DEPTH):
        raise SaveError(
            f"this answer is too large to save: it has lists inside lists more than "
            f"{STORED_VALUE_MAX_DEPTH} levels deep. Simplify it and try again."
        )
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
        text.encode("utf-8")  # a lone surrogate would fail later, inside SQLite
    except (TypeError, ValueError) as error:
        raise SaveError(f"this kind of answer cannot be saved ({error}).") from error
    if len(text) > STORED_VALUE_MAX_CHARS:
        raise SaveError(
            f"this answer is too large to save: it is more than {STORED_VALUE_MAX_CHARS:,} "
            "characters long. Shorten it, or attach the long part as a file."
        )
    return text


def from_json(text: Any) -> Any:
    """The value stored as ``text``; raises :class:`UnreadableValue` for one over the bounds.

    ``None`` stands for a text the query left in the file because it is over the size bound.
    """
    if text is None or (isinstance(text, str) and len(text) > STORED_VALUE_MAX_CHARS):
        raise UnreadableValue(TOO_LARGE)
    if not isinstance(text, str):
        raise UnreadableValue(NOT_READABLE)
    if text.startswith(("[", "{")) and text_deeper_than(text, STORED_VALUE_MAX_DEPTH):
        raise UnreadableValue(TOO_DEEP)
    try:
        return json.loads(text)
    except RecursionError as error:  # not reached after the check above; kept as a guard
        raise UnreadableValue(TOO_DEEP) from error
    except ValueError as error:
        raise UnreadableValue(NOT_READABLE) from error


def bounded_value_sql(column: str = "value") -> str:
    """SQL that reads ``column``, or NULL when it is over the size bound (never loaded)."""
    return f"CASE WHEN length({column}) > {STORED_VALUE_MAX_CHARS} THEN NULL ELSE {column} END"
