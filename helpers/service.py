"""The customer-service environment: structure, standards, measurement, complaints, law, best practice.

Pure parts (frames and answers in, values out): :func:`sla_summary`, :func:`sla_chart`,
:func:`measure_feedback`, :func:`impact_hints`, :func:`best_practice_hints`. Notebook edges
(forms bound to the store, each with an escaped ``text/html`` copy for the export):
:func:`org_structure_form`, :func:`show_sla_chart`, :func:`measure_fit_task`,
:func:`heat_form`, :func:`legislation_table`, :func:`legislation_impact_table`,
:func:`best_practice_log`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .panels import Panel
from .plots import OKABE_ITO, PALETTE, Chart
from .views import escape

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from .legislation import Law
    from .store import AnswerStore

SLA_GOAL_PCT = 75.0


# -- organisation structure ----------------------------------------------------------------
STRUCTURES = [
    "Centralised: one central team handles customers for the whole organisation",
    "Decentralised: each branch, region or product team handles its own customers",
    "A mix of both",
]


def org_structure_form(store: AnswerStore | None = None) -> Panel:
    """Centralised or decentralised, why, and who does what."""
    from .forms import long_text, single_choice, table

    forms = [
        single_choice(
            "04.structure.type",
            "How is customer service organised where you work?",
            STRUCTURES,
            store=store,
        ),
        long_text(
            "04.structure.effect",
            "How does this structure help or hold back the service customers get?",
            help="Give one example, such as how quickly a query reaches the right person.",
            words=(40, 150),
            rows=4,
            store=store,
        ),
        table(
            "04.structure.roles",
            "Who does what",
            ["Department or role", "What they do", "How their work reaches the customer"],
            help="Include teams customers never meet, such as IT, finance or facilities.",
            starting_rows=[{}, {}, {}],
            store=store,
        ),
    ]
    return Panel(forms)


# -- service levels ------------------------------------------------------------------------
@dataclass(frozen=True)
class ChannelLevel:
    """How one channel did against its service level over the period."""

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
    """What the SLA chart shows, in sentences."""
    if not levels:
        return "Service level chart: there is no response-time data to show."
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
    ax.set_title("Service levels by channel against the goal")
    ax.legend(loc="lower left", fontsize=8, ncol=2, frameon=True)
    ax.grid(axis="y", alpha=0.3)
    first, last = (months[0], months[-1]) if months else ("", "")
    return Chart(figure, sla_alt_text(levels, goal_pct, first, last))


def _short_month(month: str) -> str:
    import datetime as dt

    return dt.date.fromisoformat(month + "-01").strftime("%b %Y")


def show_sla_chart(goal_pct: float = SLA_GOAL_PCT) -> Chart:
    """The SLA chart for the learner's response-time data (the sample until they choose a file)."""
    from .datasource import table

    return sla_chart(table("sla_response_times"), goal_pct)


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


def _measure_feedback_html(answers: Mapping[str, Any]) -> str:
    items = measure_feedback(answers)
    if not items:
        return "<p><em>Pick a measure for each question to see feedback.</em></p>"
    rows = "".join(
        f"<li><strong>{'✓ Right' if kind == 'right' else '↻ Think again'}</strong>: "
        f"{escape(text)}</li>"
        for kind, text in items
    )
    return f"<ul>{rows}</ul>"


def measure_fit_task(store: AnswerStore | None = None) -> Panel:
    """Pick mystery shopping, a survey or a KPI for each question, with feedback on each pick."""
    from .forms import long_text, single_choice

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


# -- complaints with HEAT ------------------------------------------------------------------
HEAT_SCENARIO = (
    "Mrs Patel switched to paperless billing in January. In March she phones Brightwater: she "
    "has had no bill for two months, a reminder letter has now arrived saying she owes £240, "
    "and she is worried about being cut off. She says nobody told her the email bills were "
    "going to her old work address."
)

HEAT_STEPS = [
    ("hear", "Hear", "What would you listen for, and how would you show you are listening?"),
    ("empathise", "Empathise", "What would you say to show you understand how she feels?"),
    ("apologise", "Apologise", "How would you apologise sincerely, without blaming anyone?"),
    (
        "take_ownership",
        "Take ownership",
        "What would you do, by when, and who else would you involve (billing, IT)?",
    ),
    (
        "follow_up",
        "Follow up and learn",
        "How would you check she is happy, and what would you change so it does not happen again?",
    ),
]


def heat_form(scenario: str = HEAT_SCENARIO, store: AnswerStore | None = None) -> Panel:
    """Work through a complaint with HEAT: Hear, Empathise, Apologise, Take ownership."""
    from .forms import long_text

    forms = [
        long_text(f"04.heat.{key}", title, help=prompt, words=(20, 120), rows=3, store=store)
        for key, title, prompt in HEAT_STEPS
    ]
    intro = (
        '<div style="border-left:4px solid #0072B2;padding:6px 10px;background:#f4f8fb">'
        f"<strong>The complaint</strong><p>{escape(scenario)}</p></div>"
    )
    return Panel(forms, intro_html=intro)


# -- legislation ---------------------------------------------------------------------------
def legislation_html(laws: Sequence[Law]) -> str:
    """Laws as an escaped table with a plain link to each official text (nothing is loaded)."""
    head = "".join(
        f'<th scope="col">{c}</th>'
        for c in (
            "Law or standard",
            "What it requires",
            "What it means in customer service",
            "If breached: the customer",
            "If breached: the business",
        )
    )
    rows = "".join(
        "<tr>"
        f'<td><a href="{escape(law.official_url)}" rel="noopener noreferrer" '
        f'target="_blank">{escape(law.title)}</a><br><small>Checked {law.year_checked}, '
        f"{escape(law.source)}</small></td>"
        f"<td>{escape(law.requires)}</td>"
        f"<td>{escape(law.customer_service_meaning)}</td>"
        f"<td>{escape(law.breach_cost_customer)}</td>"
        f"<td>{escape(law.breach_cost_business)}</td>"
        "</tr>"
        for law in laws
    )
    return (
        '<table class="cw-legislation" style="font-size:0.9em">'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def legislation_table(keys: Sequence[str] | None = None) -> Any:
    """The reference table of laws (all of them, or those with ``keys``) for the notebook."""
    from IPython.display import HTML

    from .errors import ReferenceDataError
    from .legislation import load_legislation

    laws = load_legislation()
    if keys:
        unknown = [k for k in keys if k not in {law.key for law in laws}]
        if unknown:
            raise ReferenceDataError(
                f"legislation.csv has no row with the key {', '.join(unknown)}. Ask your tutor."
            )
        laws = sorted((law for law in laws if law.key in keys), key=lambda law: keys.index(law.key))
    return HTML(legislation_html(laws))


IMPACT_LAW = "Law or standard"
IMPACT_TASK = "What it changes in my daily tasks"
IMPACT_CUSTOMER = "If it is breached: what happens to the customer"
IMPACT_BUSINESS = "If it is breached: what happens to the business"
IMPACT_COLUMNS = [IMPACT_LAW, IMPACT_TASK, IMPACT_CUSTOMER, IMPACT_BUSINESS]


def impact_hints(rows: Sequence[Mapping[str, Any]], laws: Sequence[Law]) -> list[str]:
    """Formative hints for the legislation impact table (row numbers as the learner sees them)."""
    from .legislation import find_law

    hints: list[str] = []
    named = 0
    for number, row in enumerate(rows, start=1):
        law_text = str(row.get(IMPACT_LAW) or "").strip()
        cells = {c: str(row.get(c) or "").strip() for c in IMPACT_COLUMNS}
        if not any(cells.values()):
            continue
        if not law_text:
            hints.append(f"Row {number}: name the law or standard this row is about.")
            continue
        named += 1
        law = find_law(law_text, laws)
        label = law.title if law else law_text
        if not cells[IMPACT_TASK]:
            hints.append(
                f"Row {number} ({label}): say what it changes in one of your daily tasks, "
                "for example how you handle a refund or a customer's details."
            )
        if not cells[IMPACT_CUSTOMER] and not cells[IMPACT_BUSINESS]:
            example = f" For example: {law.breach_cost_business}" if law else ""
            hints.append(
                f"Row {number} names {label} but not what happens if it is breached. Say what "
                f"it would cost the customer and the business.{example}"
            )
        elif not cells[IMPACT_CUSTOMER]:
            hints.append(f"Row {number} ({label}): add what a breach means for the customer.")
        elif not cells[IMPACT_BUSINESS]:
            hints.append(f"Row {number} ({label}): add what a breach costs the business.")
        if law is None:
            hints.append(
                f'Row {number}: "{law_text}" is not in the reference list above. Check the full '
                "name and year (that is fine if it is a rule specific to your sector)."
            )
    if named < 2:
        hints.append("Name at least two laws that affect your role, each with its consequences.")
    return hints


def legislation_impact_table(store: AnswerStore | None = None) -> Panel:
    """The learner's legislation impact table, with hints when a law has no consequence."""
    from .forms import table
    from .legislation import load_legislation

    laws = load_legislation()
    form = table(
        "04.law.impact",
        "How the law shapes my daily work",
        IMPACT_COLUMNS,
        help="One law per row. Say what it changes in a task you do, and what a breach costs.",
        starting_rows=[{}, {}],
        store=store,
    )
    return Panel([form], hints=lambda: impact_hints(form.value or [], laws))


# -- best practice log ---------------------------------------------------------------------
LOG_DATE = "Date (for example 14/03/2025)"
LOG_SOURCE = "What I read, attended or compared"
LOG_LEARNED = "What I learned"
LOG_APPLIED = "How I applied it, or will"
LOG_COLUMNS = [LOG_DATE, LOG_SOURCE, LOG_LEARNED, LOG_APPLIED]


def best_practice_hints(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Hints that keep the log a record of ongoing learning rather than a one-off checklist."""
    from .data import parse_uk_date

    hints: list[str] = []
    dates = set()
    sources = ""
    filled = [r for r in rows if any(str(v or "").strip() for v in r.values())]
    for number, row in enumerate(filled, start=1):
        text = str(row.get(LOG_DATE) or "").strip()
        try:
            when = parse_uk_date(text) if text else None
        except ValueError:
            when = None
        if when is None:
            hints.append(f"Entry {number}: add the date as day/month/year, such as 14/03/2025.")
        else:
            dates.add(when)
        if not str(row.get(LOG_APPLIED) or "").strip():
            hints.append(f"Entry {number}: say how you used what you learned, or will use it.")
        sources += " " + str(row.get(LOG_SOURCE) or "").lower()
    if len(dates) < 2:
        hints.append(
            "Best practice keeps changing: add entries on at least two different dates to show "
            "your learning is ongoing, not a one-off checklist."
        )
    if "excellence" not in sources and "23592" not in sources:
        hints.append(
            "Include the Customer Service Excellence standard or ISO 23592 among your sources."
        )
    return hints


def best_practice_log(store: AnswerStore | None = None) -> Panel:
    """A dated log of best practice researched and applied, with hints."""
    from .forms import table

    form = table(
        "04.best_practice.log",
        "My best-practice log",
        LOG_COLUMNS,
        help="Add a row each time you read, attend or compare something. Come back and add more.",
        starting_rows=[{}, {}],
        store=store,
    )
    return Panel([form], hints=lambda: best_practice_hints(form.value or []))
