"""A sustainable team environment: a team dashboard without league tables, and goal forms.

The dashboard shows each metric as a small chart: the team median as a bold line and each agent
as a thin, unlabelled grey line. It never ranks people or names a "best" or "worst" agent:
results are made visible to support the team, not to shame individuals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .smart import check_goal, issues_html
from .store import AnswerStore

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from .forms import Form, FormGroup
    from .live import LiveView
    from .plots import Chart

__all__ = [
    "TEAM_METRICS",
    "GOAL_COLUMNS",
    "MetricSummary",
    "team_medians",
    "metric_summaries",
    "team_dashboard",
    "show_team_dashboard",
    "dashboard_of_choice",
    "goals_form",
    "goal_feedback_html",
]


@dataclass(frozen=True)
class TeamMetric:
    column: str
    label: str
    unit: str
    higher_is_better: bool


TEAM_METRICS = [
    TeamMetric("first_contact_resolution_pct", "First-contact resolution", "%", True),
    TeamMetric("csat_pct", "Customer satisfaction (CSAT)", "%", True),
    TeamMetric("average_handling_minutes", "Average handling time", "minutes", False),
    TeamMetric("wellbeing_score", "Wellbeing pulse", "score 1 to 10", True),
]
GOAL_COLUMNS = ["Goal", "Owner (the team or a person)"]


def with_month_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose ``month`` column is text ``YYYY-MM`` (the reader gives dates)."""
    from .beforeafter import month_text

    return frame.assign(month=frame["month"].map(month_text))


def team_medians(frame: pd.DataFrame) -> pd.DataFrame:
    """The team median of every metric, one row per month (``YYYY-MM``, sorted)."""
    frame = with_month_text(frame)
    columns = [m.column for m in TEAM_METRICS if m.column in frame.columns]
    return frame.groupby("month")[columns].median().sort_index()


@dataclass(frozen=True)
class MetricSummary:
    """How one metric's team median moved, and how spread out the team was (no names)."""

    label: str
    unit: str
    first_month: str
    last_month: str
    first_median: float
    last_median: float
    last_low: float
    last_high: float


def metric_summaries(frame: pd.DataFrame) -> list[MetricSummary]:
    """Team median at the first and last month, and the spread in the last month."""
    frame = with_month_text(frame)
    medians = team_medians(frame)
    first, last = str(medians.index[0]), str(medians.index[-1])
    latest = frame[frame["month"] == last]
    return [
        MetricSummary(
            m.label,
            m.unit,
            first,
            last,
            round(float(medians[m.column].iloc[0]), 1),
            round(float(medians[m.column].iloc[-1]), 1),
            round(float(latest[m.column].min()), 1),
            round(float(latest[m.column].max()), 1),
        )
        for m in TEAM_METRICS
        if m.column in frame.columns
    ]


def _alt_text(frame: pd.DataFrame) -> str:
    agents = frame["agent"].nunique() if "agent" in frame.columns else 0
    parts = [
        f"{s.label}: team median {s.first_median:g} in {s.first_month} and {s.last_median:g} "
        f"in {s.last_month} ({s.unit}); in {s.last_month} the team ranged from {s.last_low:g} "
        f"to {s.last_high:g}"
        for s in metric_summaries(frame)
    ]
    return (
        f"Team dashboard: {len(parts)} small charts, one per measure, each showing the team "
        f"median as a bold line and {agents} agents as thin unlabelled lines (no ranking). "
        + "; ".join(parts)
        + "."
    )


def team_dashboard(frame: pd.DataFrame) -> tuple[Figure, str]:
    """Small multiples per metric: team median bold, each agent a thin unnamed grey line."""
    import pandas as pd
    from matplotlib.figure import Figure

    from .plots import NEUTRAL_GREY, OKABE_ITO

    frame = with_month_text(frame)
    medians = team_medians(frame)
    x_of = {m: pd.Period(m, freq="M").to_timestamp() for m in medians.index}
    figure = Figure(figsize=(10, 6.5))
    axes = figure.subplots(2, 2, sharex=True)
    for ax, metric in zip(axes.flat, TEAM_METRICS, strict=False):
        for _agent, rows in frame.groupby("agent"):
            rows = rows.sort_values("month")
            ax.plot(
                [x_of[str(m)] for m in rows["month"]],
                rows[metric.column],
                color=NEUTRAL_GREY,
                linewidth=0.6,
                alpha=0.6,
            )
        ax.plot(
            [x_of[str(m)] for m in medians.index],
            medians[metric.column],
            color=OKABE_ITO["blue"],
            linewidth=2.5,
            label="Team median",
        )
        better = "higher is better" if metric.higher_is_better else "lower is better"
        ax.set_title(f"{metric.label} ({better})", fontsize=10)
        ax.set_ylabel(metric.unit)
        ax.tick_params(axis="x", labelrotation=30)
    axes[0][0].legend(loc="lower left", fontsize=8)
    for ax in axes[1]:
        ax.set_xlabel("Month")
    figure.suptitle("How the team is doing (thin grey lines: individual agents, not named)")
    figure.tight_layout()
    return figure, _alt_text(frame)


def dashboard_of_choice(kind: str = "team_kpi") -> Chart:
    """The dashboard drawn from the learner's chosen team KPI table (or the sample)."""
    from .datasource import table
    from .plots import Chart

    return Chart(*team_dashboard(table(kind)))


def show_team_dashboard(kind: str = "team_kpi") -> LiveView:
    """The dashboard, drawn again when the learner chooses another file."""
    from .live import live

    return live(lambda: dashboard_of_choice(kind), data=[kind], alt="The team dashboard")


# -- goals -----------------------------------------------------------------------------------
def goal_feedback_html(rows: list[dict[str, Any]]) -> str:
    """The SMART check of every goal row that has something in it (escaped HTML)."""
    parts = []
    for number, row in enumerate(rows or [], start=1):
        goal = str(row.get(GOAL_COLUMNS[0]) or "")
        owner = str(row.get(GOAL_COLUMNS[1]) or "")
        if goal.strip() or owner.strip():
            parts.append(issues_html(check_goal(goal, owner), f"Goal {number}"))
    return "".join(parts) or "<p><em>Write a goal to see the SMART check.</em></p>"


def goals_form(
    question_id: str, label: str, help: str = "", *, store: AnswerStore | None = None
) -> FormGroup:
    """A table of goals with an owner each; the SMART check updates as the learner types."""
    import ipywidgets as w

    from .forms import FormGroup, table

    goals: Form = table(question_id, label, GOAL_COLUMNS, help, store=store)
    feedback = w.HTML(goal_feedback_html(goals.value))
    goals.on_change(lambda rows: setattr(feedback, "value", goal_feedback_html(rows)))
    group = FormGroup([goals])
    group.widget.children = (*group.widget.children, feedback)
    return group
