"""The three coverage statuses, named once: labels, symbols, letters and colours.

The words are formative and claim no more than the automatic checks know: "Evidence found"
(answers are there and every check on them passed), "Partly", "Not yet". An assessor decides
whether a criterion is met; :data:`ASSESSOR_DECIDES` says so wherever the statuses are shown.

The evidence pack, notebook 07's coverage table and the tutor's status page all read these, so
"partly" can never be "Partly" in one place and "In progress" in another. Colours come from a
colour-blind-safe set and every status also has a word and a symbol, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    """How one coverage status is shown."""

    key: str  # "met", "partly", "not yet": what coverage works out
    label: str  # the word an assessor reads
    symbol: str  # shown before the word in tables
    letter: str  # one character for a terminal or a dense grid
    css: str  # class name: cw-status-<css>
    colour: str  # background behind the word


STATUSES: dict[str, Status] = {
    "met": Status("met", "Evidence found", "\u2714", "E", "met", "#cde8c8"),
    "partly": Status("partly", "Partly", "\u25d0", "P", "partly", "#fbe0a1"),
    "not yet": Status("not yet", "Not yet", "\u25cb", "-", "not-yet", "#ffffff"),
}


ASSESSOR_DECIDES = (
    "These statuses come from automatic checks of what the answers say and whether they are "
    "there. They help the learner; they do not award a criterion. The assessor decides."
)


def status_of(key: object) -> Status:
    """The status for ``key``; anything unknown counts as "not yet"."""
    return STATUSES.get(str(key), STATUSES["not yet"])
