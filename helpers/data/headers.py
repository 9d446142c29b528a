"""Matching the column names a learner wrote to the canonical columns of a kind."""

from __future__ import annotations

import functools
import re

from .kinds import TableKind

_FILLER = frozenset(
    re.findall(r"\w+", "used total number no of the count amount monthly per month in")
)


def normalise_header(text: object) -> str:
    """A column name reduced for matching: ``" kWh Used (%) "`` -> ``"kwh_used_pct"``."""
    raw = str(text or "").replace("\ufeff", "").lower()
    raw = raw.replace("%", " pct ").replace("£", " gbp ").replace("m³", "m3").replace("#", " no ")
    raw = raw.replace("e-sign", "esign").replace("e sign", "esign")
    return "_".join(re.findall(r"[a-z0-9]+", raw))


def _without_filler(key: str) -> str:
    parts = [p for p in key.split("_") if p not in _FILLER]
    return "_".join(parts) or key


_UNIT_WORDS = frozenset({"pct", "kwh", "km", "m3", "minutes", "mins", "gbp", "score"})


def _without_units(key: str) -> str:
    return "_".join(p for p in _without_filler(key).split("_") if p not in _UNIT_WORDS)


@functools.lru_cache(maxsize=32)
def _alias_index(kind: TableKind) -> tuple[dict[str, str], ...]:
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    bare: dict[str, str] = {}
    for col in kind.columns:
        for alias in (col.name, *col.aliases):
            key = normalise_header(alias)
            exact.setdefault(key, col.name)
            loose.setdefault(_without_filler(key), col.name)
            if _without_units(key):
                bare.setdefault(_without_units(key), col.name)
    return exact, loose, bare


def match_header(header: object, kind: TableKind) -> str | None:
    """The canonical column a learner's column name stands for, or ``None``.

    Tries the name as written (case, spacing and punctuation ignored), then without filler
    words ("used", "total", "number of"), then without unit words ("kWh", "%", "minutes").
    """
    return _match_text("" if header is None else str(header), kind)


@functools.lru_cache(maxsize=4096)
def _match_text(header: str, kind: TableKind) -> str | None:
    exact, loose, bare = _alias_index(kind)
    key = normalise_header(header)
    if not key:
        return None
    if key in exact:
        return exact[key]
    if _without_filler(key) in loose:
        return loose[_without_filler(key)]
    return bare.get(_without_units(key)) if _without_units(key) else None
