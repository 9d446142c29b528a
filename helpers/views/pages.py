"""The Jinja environment for every page and fragment we write ourselves (autoescape on).

Python builds data; these templates build HTML. Anything passed in is escaped unless it is
already :class:`markupsafe.Markup` (HTML made by another template or by :mod:`.answers`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment(*folders: str) -> jinja2.Environment:
    """The shared environment: ``helpers/views/templates`` then ``folders``, escaping on.

    A caller with pages of its own (the evidence export) passes its template folder; the
    shared partials (``views/...``) are found either way.
    """
    from .answers import answer_html
    from .status import ASSESSOR_DECIDES, STATUSES, status_of

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(TEMPLATES), *folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["STATUSES"] = STATUSES
    env.globals["status_of"] = status_of
    env.globals["assessor_decides"] = ASSESSOR_DECIDES
    env.filters["answer"] = lambda value: Markup(answer_html(value))
    return env


def render(name: str, *, folders: tuple[str, ...] = (), **context: Any) -> Markup:
    """Render the template ``name`` (e.g. ``"views/coverage.html.j2"``) as safe HTML."""
    return Markup(environment(*folders).get_template(name).render(**context))
