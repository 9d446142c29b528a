"""Finding what to fix first: Pareto analysis, the 5 whys and the fishbone diagram.

Pure functions take a frame or answers and return values or ``(figure, alt_text)``; the
``*_form`` and ``show_*`` functions are the notebook edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .store import AnswerStore, shared_store

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from .forms import FormGroup
    from .live import LiveView
    from .plots import Chart

__all__ = [
    "ParetoRow",
    "pareto_rows",
    "pareto_chart",
    "FISHBONE_CATEGORIES",
    "five_whys_form",
    "five_whys_question_ids",
    "fishbone_question_ids",
    "fishbone_form",
    "fishbone_chart",
    "show_pareto",
    "pareto_of_choice",
    "show_fishbone",
    "fishbone_of_answers",
]

VITAL_FEW_SHARE = 80.0
FISHBONE_CATEGORIES = ["People", "Methods", "Machines", "Materials", "Measurement", "Environment"]
FIVE_WHYS_NOTE = (
    "The fifth answer is not automatically the root cause. Stop when you reach a cause you can "
    "act on and check with data; sometimes that takes three whys, sometimes more than five, and "
    "a problem can have more than one root cause."
)


@dataclass(frozen=True)
class ParetoRow:
    """One category: its count, share and cumulative share (percent), and if it is vital few."""

    category: str
    count: int
    percent: float
    cumulative_percent: float
    vital_few: bool


def pareto_rows(
    frame: pd.DataFrame, category_column: str, vital_share: float = VITAL_FEW_SHARE
) -> list[ParetoRow]:
    """Categories counted, largest first (ties alphabetical), with cumulative percentages.

    The "vital few" are the categories needed to reach ``vital_share`` percent of all rows
    (the category that crosses the line is included).
    """
    values = frame[category_column].dropna().astype(str).str.strip()
    values = values[values != ""]
    counts = values.value_counts()
    ordered = sorted(counts.items(), key=lambda item: (-int(item[1]), str(item[0])))
    total = int(counts.sum())
    rows: list[ParetoRow] = []
    running = 0
    for category, count in ordered:
        before = 100.0 * running / total
        running += int(count)
        rows.append(
            ParetoRow(
                str(category),
                int(count),
                round(100.0 * int(count) / total, 1),
                round(100.0 * running / total, 1),
                before < vital_share,
            )
        )
    return rows


def _pareto_alt(rows: list[ParetoRow], category_column: str) -> str:
    if not rows:
        return f"Pareto chart of {category_column}: there is no data to count."
    vital = [r for r in rows if r.vital_few]
    total = sum(r.count for r in rows)
    listed = "; ".join(
        f"{r.category} {r.count} ({r.cumulative_percent:g} % cumulative)" for r in rows
    )
    return (
        f"Pareto chart of {total} records by {category_column.replace('_', ' ')}, largest first: "
        f"{listed}. The vital few ({len(vital)} of {len(rows)} categories: "
        f"{', '.join(r.category for r in vital)}) make up "
        f"{vital[-1].cumulative_percent:g} % of the total."
    )


def pareto_chart(
    frame: pd.DataFrame, category_column: str, *, title: str = "", unit: str = "records"
) -> tuple[Figure, str]:
    """Bars largest first, a cumulative-percentage line, and the vital few highlighted."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from .plots import NEUTRAL_GREY, OKABE_ITO

    rows = pareto_rows(frame, category_column)
    figure = Figure(figsize=(8, 4.5))
    ax = figure.add_subplot()
    names = [r.category for r in rows]
    colours = [OKABE_ITO["vermillion"] if r.vital_few else NEUTRAL_GREY for r in rows]
    ax.bar(names, [r.count for r in rows], color=colours)
    ax.set_ylabel(f"Number of {unit}")
    ax.set_xlabel(category_column.replace("_", " ").capitalize())
    ax.tick_params(axis="x", labelrotation=30)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    line_ax = ax.twinx()
    line_ax.plot(names, [r.cumulative_percent for r in rows], color=OKABE_ITO["blue"], marker="o")
    line_ax.axhline(VITAL_FEW_SHARE, color=OKABE_ITO["blue"], linestyle=":", linewidth=1)
    line_ax.set_ylim(0, 105)
    line_ax.set_ylabel("Cumulative share (%)")
    ax.legend(
        handles=[
            Patch(color=OKABE_ITO["vermillion"], label="Vital few"),
            Patch(color=NEUTRAL_GREY, label="Others"),
        ],
        loc="center right",
    )
    ax.set_title(title or f"Pareto chart: {category_column.replace('_', ' ')}")
    figure.tight_layout()
    return figure, _pareto_alt(rows, category_column)


def pareto_of_choice(kind: str = "complaints", category_column: str = "category") -> Chart:
    """The Pareto chart of the learner's chosen table (or the sample), complaints by category."""
    from .datasource import table
    from .plots import Chart

    frame = table(kind)
    figure, alt = pareto_chart(frame, category_column, title=f"What the {kind} are about")
    return Chart(figure, alt)


def show_pareto(kind: str = "complaints", category_column: str = "category") -> LiveView:
    """The Pareto chart of the chosen table; it is drawn again when the learner chooses a file."""
    from .live import live

    return live(
        lambda: pareto_of_choice(kind, category_column),
        data=[kind],
        alt=f"Pareto chart of the {kind} by {category_column}",
    )


# -- 5 whys and fishbone ---------------------------------------------------------------------
def five_whys_question_ids(prefix: str = "05.rootcause") -> list[str]:
    """The question ids :func:`five_whys_form` saves."""
    whys = [f"{prefix}.whys.why{n}" for n in range(1, 6)]
    return [f"{prefix}.whys.problem", *whys, f"{prefix}.whys.root_cause"]


def fishbone_question_ids(prefix: str = "05.rootcause") -> list[str]:
    """The question ids :func:`fishbone_form` saves."""
    return [f"{prefix}.fishbone.effect"] + [_fishbone_id(prefix, c) for c in FISHBONE_CATEGORIES]


def five_whys_form(prefix: str = "05.rootcause", store: AnswerStore | None = None) -> FormGroup:
    """The problem, five 'why?' boxes and the root cause you will act on (with the caution)."""
    import ipywidgets as w

    from .forms import FormGroup, long_text, short_text

    forms = [short_text(f"{prefix}.whys.problem", "The problem", store=store)]
    forms += [
        short_text(f"{prefix}.whys.why{n}", f"Why {n}?", "Because ...", store=store)
        for n in range(1, 6)
    ]
    forms.append(
        long_text(
            f"{prefix}.whys.root_cause",
            "The root cause you will act on, and the data that supports it",
            rows=3,
            store=store,
        )
    )
    group = FormGroup(forms, title="5 whys")
    note = w.HTML(f"<p><em>{FIVE_WHYS_NOTE}</em></p>")
    group.widget.children = (*group.widget.children, note)
    return group


def _fishbone_id(prefix: str, category: str) -> str:
    return f"{prefix}.fishbone.{category.lower()}"


def fishbone_form(prefix: str = "05.rootcause", store: AnswerStore | None = None) -> FormGroup:
    """The effect (problem) and possible causes under the six headings, one per line."""
    from .forms import FormGroup, long_text, short_text

    forms = [short_text(f"{prefix}.fishbone.effect", "The effect (the problem)", store=store)]
    forms += [
        long_text(
            _fishbone_id(prefix, category),
            category,
            "Possible causes, one per line.",
            rows=2,
            store=store,
        )
        for category in FISHBONE_CATEGORIES
    ]
    return FormGroup(forms, title="Fishbone (cause and effect)")


def fishbone_causes(answers: dict[str, Any], prefix: str = "05.rootcause") -> dict[str, list[str]]:
    """Causes per heading from saved answers (one per non-blank line)."""
    causes = {}
    for category in FISHBONE_CATEGORIES:
        text = answers.get(_fishbone_id(prefix, category)) or ""
        causes[category] = [line.strip() for line in str(text).splitlines() if line.strip()]
    return causes


_CAUSES_DRAWN = 4


def _wrapped(text: str, width: int, lines: int) -> str:
    """Text wrapped onto at most ``lines`` lines; a longer text ends with an ellipsis only there
    (the whole text is in the alt text and in the learner's answers)."""
    import textwrap

    return textwrap.fill(" ".join(text.split()), width, max_lines=lines, placeholder=" …")


def fishbone_chart(effect: str, causes: dict[str, list[str]]) -> tuple[Figure, str]:
    """A fishbone (Ishikawa) diagram: a spine to the effect, six ribs with their causes."""
    from matplotlib.figure import Figure

    from .plots import OKABE_ITO

    figure = Figure(figsize=(10, 5.5))
    ax = figure.add_subplot()
    ax.set_xlim(0, 10)
    ax.set_ylim(-3.2, 3.2)
    ax.axis("off")
    ax.annotate(
        "", xy=(8.2, 0), xytext=(0.3, 0), arrowprops={"arrowstyle": "-|>", "lw": 2, "color": "k"}
    )
    shown_effect = effect.strip() or "(the problem)"
    ax.text(
        8.3, 0, _wrapped(shown_effect, 18, 6), va="center", ha="left", fontsize=9,
        bbox={"boxstyle": "round", "fc": OKABE_ITO["yellow"], "ec": "k"},
    )  # fmt: skip
    for index, category in enumerate(FISHBONE_CATEGORIES):
        top = index % 2 == 0
        x_end = 1.8 + 2.6 * (index // 2)
        y_tip = 2.6 if top else -2.6
        ax.plot([x_end - 1.2, x_end], [y_tip, 0], color=OKABE_ITO["blue"], lw=1.5)
        ax.text(
            x_end - 1.2, y_tip + (0.25 if top else -0.25), category,
            ha="center", va="center", fontweight="bold",
        )  # fmt: skip
        written = causes.get(category, [])
        shown = written[:_CAUSES_DRAWN]
        if len(written) > _CAUSES_DRAWN:  # the rest are named in the alt text and the answers
            shown = [*shown[:-1], f"and {len(written) - len(shown) + 1} more"]
        for n, cause in enumerate(shown):
            fraction = (n + 1) / (len(shown) + 1)
            y = y_tip * (1 - fraction)
            x = x_end - 1.2 * (1 - fraction)
            ax.text(x - 0.05, y, _wrapped(cause, 26, 2), ha="right", va="center", fontsize=7)
    ax.set_title("Fishbone diagram: possible causes of the problem")
    listed = "; ".join(
        f"{c}: {', '.join(causes.get(c, [])) or 'none yet'}" for c in FISHBONE_CATEGORIES
    )
    alt = f"Fishbone diagram for the effect '{shown_effect}'. Causes by heading: {listed}."
    return figure, alt


def fishbone_of_answers(prefix: str = "05.rootcause", store: AnswerStore | None = None) -> Chart:
    """The learner's saved fishbone answers drawn as a diagram."""
    from .plots import Chart

    answers = (store or shared_store()).answers()
    effect = str(answers.get(f"{prefix}.fishbone.effect") or "")
    return Chart(*fishbone_chart(effect, fishbone_causes(answers, prefix)))


def show_fishbone(prefix: str = "05.rootcause", store: AnswerStore | None = None) -> LiveView:
    """The fishbone diagram, drawn again whenever one of its boxes is saved."""
    from .live import live

    return live(
        lambda: fishbone_of_answers(prefix, store),
        answers=[f"{prefix}.fishbone."],
        alt="Your fishbone diagram",
    )
