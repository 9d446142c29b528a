"""The customer journey across departments: an editable table of steps and a swimlane diagram.

Each step says which department does it, whether the customer sees it, who it is handed to,
what can fail at that handoff and the knock-on consequence for the customer. The diagram puts
each department in its own lane (so teams customers never meet, such as IT or finance, are
visible), draws the steps in order, marks the handoffs that can fail, and lists their
consequences beside them. Labels are wrapped to their lane, and each row is as tall as its
longest label, so a long journey never has overlapping text.

The table starts with the Brightwater example, each row marked "Example from the sample
organisation" until the learner confirms it, changes it or removes it (the same editor as
notebook 01's channels, :mod:`helpers.example_rows`), so the invented journey is never handed
in as the learner's own.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .example_rows import SAMPLE_EXAMPLE, SOURCE_COLUMN, UNCONFIRMED
from .plots import OKABE_ITO, Chart
from .views import escape

if TYPE_CHECKING:
    from .forms import Form
    from .live import LiveView
    from .store import AnswerStore

QUESTION_ID = "04.journey.steps"

# Column labels of the table (the store keeps rows as dicts keyed by these).
STEP = "Step"
DEPARTMENT = "Department"
CUSTOMER_FACING = "Customer sees it? (yes or no)"
HANDOFF = "Hands over to"
FAILURE = "What can go wrong at the handover"
CONSEQUENCE = "Knock-on effect on the customer"
COLUMNS = [STEP, DEPARTMENT, CUSTOMER_FACING, HANDOFF, FAILURE, CONSEQUENCE]

# Brightwater Energy: a customer reports a bill that looks too high.
SAMPLE_JOURNEY: list[dict[str, str]] = [
    {
        STEP: "Customer phones about a high bill",
        DEPARTMENT: "Contact centre",
        CUSTOMER_FACING: "yes",
        HANDOFF: "Metering",
        FAILURE: "Call notes not saved in the customer system",
        CONSEQUENCE: "Customer has to explain everything again",
    },
    {
        STEP: "Meter reading checked",
        DEPARTMENT: "Metering",
        CUSTOMER_FACING: "no",
        HANDOFF: "Billing",
        FAILURE: "Reading request sits in a shared inbox",
        CONSEQUENCE: "Bill stays wrong and a reminder letter is sent",
    },
    {
        STEP: "Bill worked out again",
        DEPARTMENT: "Billing",
        CUSTOMER_FACING: "no",
        HANDOFF: "IT",
        FAILURE: "",
        CONSEQUENCE: "",
    },
    {
        STEP: "New bill issued on the online account",
        DEPARTMENT: "IT",
        CUSTOMER_FACING: "yes",
        HANDOFF: "Finance",
        FAILURE: "System update fails overnight",
        CONSEQUENCE: "Online account shows the old bill for days",
    },
    {
        STEP: "Refund of overpayment approved",
        DEPARTMENT: "Finance",
        CUSTOMER_FACING: "no",
        HANDOFF: "Contact centre",
        FAILURE: "Refund date not shared with the contact centre",
        CONSEQUENCE: "Customer chases the refund and complains",
    },
    {
        STEP: "Customer told the outcome by email",
        DEPARTMENT: "Contact centre",
        CUSTOMER_FACING: "yes",
        HANDOFF: "",
        FAILURE: "",
        CONSEQUENCE: "",
    },
]


def example_rows() -> list[dict[str, str]]:
    """The Brightwater journey, each row marked as the sample organisation's example."""
    return [{**row, SOURCE_COLUMN: SAMPLE_EXAMPLE} for row in SAMPLE_JOURNEY]


def unconfirmed_rows(rows: Sequence[Mapping[str, Any]]) -> int:
    """How many rows are still examples the learner has not confirmed, changed or removed."""
    return sum(1 for row in rows if str(row.get(SOURCE_COLUMN) or "") in UNCONFIRMED)


@dataclass(frozen=True)
class JourneyStep:
    """One filled-in row of the journey table."""

    number: int
    step: str
    department: str
    customer_facing: bool
    handoff_to: str
    can_fail: str
    consequence: str

    @property
    def risky(self) -> bool:
        """A handoff where something can go wrong."""
        return bool(self.can_fail)


def _cell(row: Mapping[str, Any], column: str) -> str:
    return " ".join(str(row.get(column) or "").split())


def journey_steps(rows: Sequence[Mapping[str, Any]]) -> list[JourneyStep]:
    """The filled-in rows as steps, numbered from 1 (blank rows are skipped)."""
    steps: list[JourneyStep] = []
    for row in rows:
        if not any(_cell(row, c) for c in COLUMNS):
            continue
        facing = _cell(row, CUSTOMER_FACING).lower()
        steps.append(
            JourneyStep(
                number=len(steps) + 1,
                step=_cell(row, STEP) or "(step not described)",
                department=_cell(row, DEPARTMENT) or "(department not named)",
                customer_facing=facing.startswith(("y", "t")),
                handoff_to=_cell(row, HANDOFF),
                can_fail=_cell(row, FAILURE),
                consequence=_cell(row, CONSEQUENCE),
            )
        )
    return steps


def journey_hints(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Formative hints about the journey table (empty when nothing stands out)."""
    steps = journey_steps(rows)
    if not steps:
        return ["Add the steps of one customer journey, one row per step."]
    hints = []
    for s in steps:
        if s.can_fail and not s.consequence:
            hints.append(
                f"Step {s.number}: you say what can go wrong; now say what it means for the "
                "customer (the knock-on effect)."
            )
    if all(s.customer_facing for s in steps):
        hints.append(
            "Every step is one the customer sees. Service also depends on teams behind the "
            "scenes, such as IT, billing or finance: add the steps they do."
        )
    if not any(s.risky for s in steps):
        hints.append("Mark at least one handover where things can go wrong, and its effect.")
    return hints


# -- the diagram ---------------------------------------------------------------------------
_FONT = 8.0
_LINE = _FONT * 1.25 / 72  # inches per line of text
_CHAR = _FONT * 0.62 / 72  # a generous average character width, in inches
_PAD = 0.08
_WIDTH = 11.0
_NOTES = 3.4  # width of the consequences column, inches
_MAX_LINES = 5


def _wrap(text: str, width_inches: float) -> list[str]:
    chars = max(6, int(width_inches / _CHAR))
    lines = textwrap.wrap(text, chars, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > _MAX_LINES:
        lines = lines[: _MAX_LINES - 1] + [textwrap.shorten(lines[_MAX_LINES - 1], chars - 1) + "…"]
    return lines


def _lanes(steps: Sequence[JourneyStep]) -> list[str]:
    return list(dict.fromkeys(s.department for s in steps))


def _note(step: JourneyStep, following: JourneyStep | None) -> str:
    target = step.handoff_to or (following.department if following else "next team")
    effect = step.consequence or "not given yet"
    return (
        f"{step.number} → {target}: {step.can_fail.rstrip('.')}. Effect on the customer: {effect}"
    )


def journey_diagram(rows: Sequence[Mapping[str, Any]]) -> Chart:
    """A swimlane diagram of the journey with risky handoffs marked and consequences listed."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    steps = journey_steps(rows)
    lanes = _lanes(steps) or ["(no steps yet)"]
    lane_width = (_WIDTH - _NOTES - 0.2) / len(lanes)
    box_width = lane_width - 2 * _PAD
    headers = [_wrap(name, box_width) for name in lanes]
    header_height = max(len(h) for h in headers) * _LINE + 2 * _PAD
    boxes = [_wrap(f"{s.number}. {s.step}", box_width - 2 * _PAD) for s in steps]
    following: list[JourneyStep | None] = [*steps[1:], None][: len(steps)]
    notes = [
        _wrap(_note(s, nxt), _NOTES - 0.3) if s.risky else []
        for s, nxt in zip(steps, following, strict=True)
    ]
    heights = [
        max(len(b), len(n)) * _LINE + 2 * _PAD + 0.25 for b, n in zip(boxes, notes, strict=True)
    ]
    total = header_height + sum(heights) + 0.6  # the bottom 0.45 inch holds the legend
    figure = Figure(figsize=(_WIDTH, total))
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, _WIDTH)
    ax.set_ylim(total, 0)
    ax.axis("off")
    text: dict[str, Any] = {"fontsize": _FONT, "va": "center", "ha": "center"}
    for i, header in enumerate(headers):
        x = 0.1 + i * lane_width
        ax.add_patch(
            FancyBboxPatch(
                (x, 0.05),
                lane_width,
                total - 0.55,
                boxstyle="square,pad=0",
                facecolor="#f2f2f2" if i % 2 else "white",
                edgecolor="#bbbbbb",
                linewidth=0.6,
            )
        )
        ax.text(
            x + lane_width / 2,
            0.05 + header_height / 2,
            "\n".join(header),
            fontweight="bold",
            **text,
        )
    notes_x = _WIDTH - _NOTES + 0.1
    if any(notes):
        ax.text(
            notes_x,
            0.05 + header_height / 2,
            "Handovers that can fail",
            fontweight="bold",
            fontsize=_FONT,
            va="center",
            ha="left",
        )
    centres: list[tuple[float, float, float]] = []
    y = header_height + 0.15
    for s, lines, note, h in zip(steps, boxes, notes, heights, strict=True):
        lane = lanes.index(s.department)
        cx = 0.1 + lane * lane_width + lane_width / 2
        cy = y + h / 2
        box_h = len(lines) * _LINE + 2 * _PAD
        colour = OKABE_ITO["sky_blue"] if s.customer_facing else OKABE_ITO["orange"]
        ax.add_patch(
            FancyBboxPatch(
                (cx - box_width / 2, cy - box_h / 2),
                box_width,
                box_h,
                boxstyle="round,pad=0,rounding_size=0.06",
                facecolor=colour,
                edgecolor=OKABE_ITO["vermillion"] if s.risky else "#333333",
                linewidth=2.2 if s.risky else 0.8,
                alpha=0.9,
            )
        )
        ax.text(cx, cy, "\n".join(lines), **text)
        if note:
            ax.text(notes_x, cy, "\n".join(note), fontsize=_FONT, va="center", ha="left")
        centres.append((cx, cy - box_h / 2, cy + box_h / 2))
        y += h
    for i, s in enumerate(steps[:-1]):
        x0, _, bottom = centres[i]
        x1, top, _ = centres[i + 1]
        ax.add_patch(
            FancyArrowPatch(
                (x0, bottom),
                (x1, top),
                arrowstyle="-|>",
                mutation_scale=10,
                color=OKABE_ITO["vermillion"] if s.risky else "#333333",
                linestyle="--" if s.risky else "-",
                linewidth=1.6 if s.risky else 0.9,
            )
        )
    _legend(ax, total)
    return Chart(figure, journey_alt_text(steps))


def _legend(ax: Any, total: float) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=OKABE_ITO["sky_blue"], edgecolor="#333333", label="customer sees it"),
        Patch(facecolor=OKABE_ITO["orange"], edgecolor="#333333", label="behind the scenes"),
        Patch(
            facecolor="white",
            edgecolor=OKABE_ITO["vermillion"],
            linewidth=2,
            label="handover that can fail (dashed arrow)",
        ),
    ]
    ax.legend(
        handles=handles,
        loc="lower right",
        bbox_to_anchor=(1.0, 0.0),
        fontsize=_FONT,
        frameon=False,
        ncol=3,
    )


def journey_alt_text(steps: Sequence[JourneyStep]) -> str:
    """A sentence-by-sentence description of the journey diagram."""
    if not steps:
        return "Customer journey diagram: no steps filled in yet."
    lanes = _lanes(steps)
    hidden = [s.number for s in steps if not s.customer_facing]
    parts = [
        f"Customer journey diagram with {len(steps)} steps across {len(lanes)} departments "
        f"({', '.join(lanes)}).",
        f"Steps the customer does not see: {', '.join(map(str, hidden)) or 'none'}.",
    ]
    risky = [s for s in steps if s.risky]
    if risky:
        parts.append(
            "Handovers that can fail: "
            + "; ".join(
                f"after step {s.number} ({s.can_fail}), the customer: "
                f"{s.consequence or 'effect not given'}"
                for s in risky
            )
            + "."
        )
    return " ".join(parts)


# -- notebook edges ------------------------------------------------------------------------
def journey_table(store: AnswerStore | None = None) -> Form:
    """The editable journey table, started with the Brightwater example for the learner to
    change: each example row says so until the learner confirms, changes or removes it."""
    from .example_rows import RowsEditor, refresh_examples

    editor = RowsEditor(COLUMNS, marks_source=True)
    # Shown before the form loads the saved answer (which replaces them), so nothing is saved
    # until the learner acts.
    editor.write(example_rows())
    return editor.form(
        QUESTION_ID,
        "Your customer journey, step by step",
        help=(
            "One row per step. Include teams the customer never meets, such as IT or finance. "
            "The rows start as the Brightwater example: change them or remove them to show a "
            "journey from your own workplace, and press Confirm on a row only if it is true "
            "where you work."
        ),
        write=lambda saved: editor.write(refresh_examples(saved, example_rows(), STEP)),
        store=store,
    )


def saved_rows(store: AnswerStore | None = None) -> list[dict[str, Any]]:
    """The rows saved in the journey table (the Brightwater example until the learner edits it)."""
    from .example_rows import refresh_examples
    from .store import shared_store

    saved = (store or shared_store()).load(QUESTION_ID)
    return refresh_examples(saved, example_rows(), STEP)


def journey_hints_html(store: AnswerStore | None = None) -> str:
    """Hints about the saved journey table, as a friendly box of escaped HTML."""
    from .store import shared_store

    saved = (store or shared_store()).load(QUESTION_ID)
    rows = saved_rows(store)
    examples = unconfirmed_rows(rows)
    if saved is None or (rows and examples == len(rows)):
        text = (
            "This is the Brightwater example. Replace it with a journey from your own "
            "workplace: the diagram and these hints follow your changes."
        )
    else:
        hints = journey_hints(rows)
        if examples:
            row_word = "row is" if examples == 1 else "rows are"
            hints.append(
                f"{examples} {row_word} still the Brightwater example. Change or remove "
                "each one, or confirm it if it is true where you work."
            )
        text = (
            "Hints for your journey:\n" + "\n".join(f"- {h}" for h in hints)
            if hints
            else "Your journey names its handovers and their effects. Well done."
        )
    lines = "<br>".join(escape(line) for line in text.splitlines())
    return (
        '<div role="status" style="background:#e8f1fb;color:#0b3d6e;'
        f'border-left:4px solid #0b3d6e;padding:8px 12px;margin:4px 0">{lines}</div>'
    )


def saved_journey_diagram(store: AnswerStore | None = None) -> LiveView:
    """The diagram of the saved journey, redrawn whenever the learner changes the table."""
    from .live import live

    return live(
        lambda: journey_diagram(saved_rows(store)),
        answers=QUESTION_ID,
        alt="Your customer journey diagram.",
    )


def saved_journey_hints(store: AnswerStore | None = None) -> LiveView:
    """Hints about the saved journey, updated whenever the learner changes the table."""
    from .live import live

    return live(lambda: journey_hints_html(store), answers=QUESTION_ID)
