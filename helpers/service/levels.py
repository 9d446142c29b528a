"""Service standards, service level agreements and how service is measured.

A *service standard* is a promise an organisation makes to its customers ("we answer emails
within one working day"). A *service level agreement* (SLA) is an agreement between two parties,
such as a contact centre and the billing team, or an organisation and its supplier: one gives the
other a service to an agreed measure and target, and the results are reported to both.

Pure parts: :func:`sla_summary`, :func:`sla_chart`, :func:`sla_definition_hints`,
:func:`measure_feedback`. Notebook edges: :func:`show_sla_chart`, :func:`sla_definition_form`,
:func:`measure_fit_task`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..panels import Panel, panel_with_hints
from ..plots import OKABE_ITO, PALETTE, Chart

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from ..live import LiveView
    from ..store import AnswerStore

SLA_GOAL_PCT = 75.0


@dataclass(frozen=True)
class ChannelLevel:
    """How one channel did against its service standard (target time) over the period."""

    channel: str
    target_minutes: float
    mean_pct: float
    latest_pct: float
    latest_month: str
    months: int
    months_below_goal: int


def _month_label(value: Any) -> str:
    return str(value)[:7]


def sla_summary(frame: pd.DataFrame, goal_pct: float = SLA_GOAL_PCT) -> list[ChannelLevel]:
    """Per channel: target time, mean and latest share within target, months below the goal."""
    import pandas as pd

    data = frame.assign(
        _month=frame["month"].map(_month_label),
        _pct=pd.to_numeric(frame["pct_within_target"], errors="coerce"),
    ).dropna(subset=["_pct"])
    levels = []
    for channel, rows in data.sort_values("_month").groupby("channel", sort=False):
        target = pd.to_numeric(rows["target_minutes"], errors="coerce").dropna()
        levels.append(
            ChannelLevel(
                channel=str(channel),
                target_minutes=float(target.iloc[-1]) if len(target) else float("nan"),
                mean_pct=float(rows["_pct"].mean()),
                latest_pct=float(rows["_pct"].iloc[-1]),
                latest_month=str(rows["_month"].iloc[-1]),
                months=len(rows),
                months_below_goal=int((rows["_pct"] < goal_pct).sum()),
            )
        )
    return levels


def minutes_text(minutes: float) -> str:
    """5 -> "5 minutes"; 1440 -> "1 day"; 7200 -> "5 days"; 90 -> "1.5 hours"."""
    if minutes != minutes:
        return "no target given"
    if minutes >= 1440:
        days = minutes / 1440
        return f"{days:g} day{'s' if days != 1 else ''}"
    if minutes >= 60:
        hours = minutes / 60
        return f"{hours:g} hour{'s' if hours != 1 else ''}"
    return f"{minutes:g} minute{'s' if minutes != 1 else ''}"


def _month_words(month: str) -> str:
    import datetime as dt

    return dt.date.fromisoformat(month + "-01").strftime("%B %Y")


def sla_alt_text(levels: Sequence[ChannelLevel], goal_pct: float, first: str, last: str) -> str:
    """What the response-time chart shows, in sentences."""
    if not levels:
        return "Response-time chart: there is no response-time data to show."
    parts = [
        f"Line chart of the share of contacts answered within the target time, by channel, "
        f"from {_month_words(first)} to {_month_words(last)}, against a goal of {goal_pct:g} %."
    ]
    for level in levels:
        parts.append(
            f"{level.channel.capitalize()} (target {minutes_text(level.target_minutes)}): "
            f"average {level.mean_pct:.1f} %, {level.latest_pct:.1f} % in "
            f"{_month_words(level.latest_month)}, below the goal in {level.months_below_goal} "
            f"of {level.months} months."
        )
    return " ".join(parts)


def sla_chart(frame: pd.DataFrame, goal_pct: float = SLA_GOAL_PCT, ax: Axes | None = None) -> Chart:
    """Share of contacts within target time per channel per month, with the goal line."""
    from matplotlib.figure import Figure

    levels = sla_summary(frame, goal_pct)
    months = sorted(frame["month"].map(_month_label).unique())
    if ax is None:
        figure = Figure(figsize=(9, 4.5), layout="constrained")
        ax = figure.add_subplot()
    else:
        figure = ax.figure  # type: ignore[assignment]
    position = {m: i for i, m in enumerate(months)}
    styles = ["-", "--", "-.", ":"]
    for i, level in enumerate(levels):
        rows = frame[frame["channel"] == level.channel]
        rows = rows.assign(_m=rows["month"].map(_month_label)).sort_values("_m")
        ax.plot(
            [position[m] for m in rows["_m"]],
            rows["pct_within_target"].astype(float),
            label=f"{level.channel} (target {minutes_text(level.target_minutes)})",
            color=PALETTE[i % len(PALETTE)],
            linestyle=styles[i % len(styles)],
            marker="o",
            markersize=3,
        )
    ax.axhline(goal_pct, color=OKABE_ITO["black"], linewidth=1.5, linestyle=(0, (6, 3)))
    ax.annotate(
        f"goal: {goal_pct:g} % within target",
        xy=(0, goal_pct),
        xytext=(0, 4),
        textcoords="offset points",
        fontsize=9,
    )
    step = max(1, len(months) // 8)
    ticks = list(range(0, len(months), step))
    ax.set_xticks(ticks, [_short_month(months[t]) for t in ticks])
    ax.set_xlabel("Month")
    ax.set_ylabel("Contacts answered within target time (%)")
    ax.set_ylim(min(40.0, ax.get_ylim()[0]), 100)  # room for the legend below the lines
    ax.set_title("Service standards by channel: answered within the target time")
    ax.legend(loc="lower left", fontsize=8, ncol=2, frameon=True)
    ax.grid(axis="y", alpha=0.3)
    first, last = (months[0], months[-1]) if months else ("", "")
    return Chart(figure, sla_alt_text(levels, goal_pct, first, last))


def _short_month(month: str) -> str:
    import datetime as dt

    return dt.date.fromisoformat(month + "-01").strftime("%b %Y")


def show_sla_chart(goal_pct: float = SLA_GOAL_PCT) -> LiveView:
    """The response-time chart for the learner's data (the sample until they choose a file),
    redrawn by itself when they choose another file."""
    from ..datasource import table
    from ..live import live

    return live(
        lambda: sla_chart(table("sla_response_times"), goal_pct),
        data="sla_response_times",
        alt="Response times by channel against the goal.",
    )


# -- defining, managing and reporting an SLA ----------------------------------------------
@dataclass(frozen=True)
class SlaPart:
    key: str
    label: str
    help: str


SLA_PARTS = [
    SlaPart(
        "parties",
        "Who are the two parties to the agreement?",
        "For example: the contact centre and the metering team, or your organisation and a "
        "supplier that answers its emails.",
    ),
    SlaPart(
        "service",
        "What service does one party give the other?",
        "For example: checking a meter reading when an adviser asks for it.",
    ),
    SlaPart(
        "target",
        "The measure and the target",
        "A number and a time. For example: 95 % of checks done within 2 working days.",
    ),
    SlaPart(
        "managing",
        "How is it managed day to day, and what happens when it slips?",
        "Who watches the figures, how often, and who they talk to when the target is missed.",
    ),
    SlaPart(
        "reporting",
        "How are the results reported, and to whom?",
        "How often, in what form (a table, a chart, a meeting) and who sees it.",
    ),
]

_NUMBER = re.compile(r"\d")
_TIME = re.compile(
    r"\b(?:second|minute|hour|day|week|month|working day|same day|next day)s?\b", re.I
)
_HOW_OFTEN = re.compile(
    r"daily|every day|each day|weekly|every week|each week|fortnight|monthly|every month|"
    r"each month|quarter|yearly|annual|each shift|real[- ]time|dashboard",
    re.I,
)
_CUSTOMER_ONLY = re.compile(r"^\W*(?:the |our )?customers?\W*$", re.I)
_WHEN_MISSED = re.compile(
    r"miss|slip|below|breach|fail|escalat|review|meet|talk|call|action|improve", re.I
)


def sla_definition_hints(answers: Mapping[str, Any]) -> list[str]:
    """Hints for an SLA the learner defines (keys are :data:`SLA_PARTS` keys)."""
    text = {part.key: str(answers.get(part.key) or "").strip() for part in SLA_PARTS}
    hints = []
    parties = text["parties"]
    if not parties:
        hints.append("Name the two parties, such as two teams or your organisation and a supplier.")
    elif "customer" in parties.lower() and not re.search(
        r"team|department|supplier|contractor|partner|centre|provider|company", parties, re.I
    ):
        hints.append(
            "A promise to customers is a service standard. An SLA is agreed between two "
            "parties, such as two teams, or your organisation and a supplier."
        )
    if not text["service"]:
        hints.append("Say what service one party gives the other.")
    target = text["target"]
    if not (_NUMBER.search(target) and _TIME.search(target)):
        hints.append("Give the target as a number and a time, such as 95 % within 2 working days.")
    if not _WHEN_MISSED.search(text["managing"]):
        hints.append("Say what happens when the target starts to slip, and who acts.")
    if not _HOW_OFTEN.search(text["reporting"]):
        hints.append("Say how often the results are reported (weekly, monthly) and to whom.")
    return hints


def sla_definition_form(store: AnswerStore | None = None) -> Panel:
    """Define an SLA between two parties: service, target, managing and reporting it."""
    from ..forms import long_text

    forms = {
        part.key: long_text(
            f"04.sla.{part.key}", part.label, help=part.help, words=(5, 80), rows=2, store=store
        )
        for part in SLA_PARTS
    }
    return panel_with_hints(forms, sla_definition_hints)


# -- which measure fits which question ----------------------------------------------------
MEASURES = ["Mystery shopping", "Customer survey", "KPI from our own systems"]


@dataclass(frozen=True)
class MeasureQuestion:
    key: str
    question: str
    best: str
    why: str


MEASURE_QUESTIONS = [
    MeasureQuestion(
        "greeting",
        "Do advisers offer the paperless option and check the customer's needs on a real call?",
        "Mystery shopping",
        "A trained caller hears what really happens on the call, step by step.",
    ),
    MeasureQuestion(
        "satisfaction",
        "How satisfied were customers after their contact last month?",
        "Customer survey",
        "Only customers can tell you how they felt; a short survey after the contact asks them.",
    ),
    MeasureQuestion(
        "email_sla",
        "Are we answering emails within the one-day target?",
        "KPI from our own systems",
        "The email system already records when each email arrived and was answered.",
    ),
    MeasureQuestion(
        "accessibility",
        "Do customers who need paper bills find it easy to keep them?",
        "Customer survey",
        "Ask the customers affected; their views show whether the change is fair to them.",
    ),
    MeasureQuestion(
        "first_contact",
        "How many queries are solved on the first contact?",
        "KPI from our own systems",
        "First contact resolution is counted from case records, every day, for every contact.",
    ),
    MeasureQuestion(
        "branch",
        "Do staff at the customer desk follow the complaint procedure when a visitor is upset?",
        "Mystery shopping",
        "A mystery shopper can test the procedure without waiting for a real complaint.",
    ),
]


def measure_feedback(answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """For each answered question: ("right" or "think again", a sentence). Keys are measure keys."""
    found = []
    for q in MEASURE_QUESTIONS:
        chosen = answers.get(q.key)
        if not chosen:
            continue
        if chosen == q.best:
            found.append(("right", f"{q.question} {q.best} fits: {q.why}"))
        else:
            found.append(
                (
                    "think again",
                    f"{q.question} {chosen} could help, but think about who or what holds the "
                    "answer. Is it a customer's feelings, what happens in a real contact, or a "
                    "count your systems keep?",
                )
            )
    return found


def measure_fit_task(store: AnswerStore | None = None) -> Panel:
    """Pick mystery shopping, a survey or a KPI for each question, with feedback on each pick."""
    from ..forms import long_text, single_choice

    choices = [
        single_choice(f"04.measure.{q.key}", q.question, MEASURES, store=store)
        for q in MEASURE_QUESTIONS
    ]
    why = long_text(
        "04.measure.own_example",
        "Which measure does your workplace use most, and what does it miss?",
        words=(30, 120),
        rows=3,
        store=store,
    )

    def feedback() -> list[str]:
        answers = {q.key: f.value for q, f in zip(MEASURE_QUESTIONS, choices, strict=True)}
        return [f"{kind.capitalize()}: {text}" for kind, text in measure_feedback(answers)]

    panel = Panel([*choices, why], hints=feedback)
    return panel
