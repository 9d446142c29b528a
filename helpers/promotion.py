"""Promoting sustainable practice: plan an initiative, show how it was received, link it to outcomes.

Pure parts: :func:`reception_summary`, :func:`awareness_chart`, :func:`outcome_changes`,
:func:`plan_hints`, :func:`claim_hints`. Notebook edges: :func:`promotion_plan_form`, :func:`show_awareness_chart`,
:func:`reception_comments`, :func:`show_outcome_table`, :func:`outcome_link_form`,
:func:`green_claims_form` (a claim checked against the CMA's Green Claims Code).
Charts and tables are live views: they redraw themselves when the learner chooses another data
file or changes their change date in notebook 02.
Survey comments are shown only after ``helpers.datasource`` has pseudonymised them (names,
email addresses and phone numbers replaced).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .beforeafter import all_months_before_vs_after, percent_change
from .dates import in_words
from .panels import Panel, panel_with_hints
from .plots import OKABE_ITO, Chart
from .views import escape, table_html

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from .live import LiveView
    from .store import AnswerStore

AUDIENCES = ["Colleagues", "Customers", "Both colleagues and customers"]
CHANNELS = [
    "Team meeting or huddle",
    "Training session",
    "Poster or display",
    "Email",
    "Intranet or staff newsletter",
    "Message on bills or letters",
    "Website or app banner",
    "Social media",
    "A line in the call or chat script",
]
MATERIALS_PURPOSE = "promotion-materials"
RECEPTION_PURPOSE = "promotion-reception"


# -- the plan ------------------------------------------------------------------------------
def plan_hints(answers: Mapping[str, Any]) -> list[str]:
    """Hints for the promotion plan (keys are the question ids' last part)."""
    hints = []
    if not answers.get("audience"):
        hints.append("Choose who the promotion is for.")
    message = str(answers.get("message") or "")
    if len(message.split()) < 8:
        hints.append("Write the key message in a sentence or two, in words your audience uses.")
    if not answers.get("channels"):
        hints.append("Tick at least one way you will reach your audience.")
    start, end = answers.get("start"), answers.get("end")
    if not start or not end:
        hints.append("Give a start and an end date, so reception can be measured before and after.")
    elif str(end) < str(start):
        hints.append("The end date is before the start date: check them.")
    if not str(answers.get("materials") or "").strip():
        hints.append("List the materials you made (poster, email, slides) and attach them below.")
    return hints


def promotion_plan_form(store: AnswerStore | None = None) -> Panel:
    """Audience, message, channels, dates and materials of a promotional initiative."""
    from .forms import date, long_text, multiple_choice, single_choice

    forms = {
        "audience": single_choice(
            "03.promotion.audience", "Who is the promotion for?", AUDIENCES, store=store
        ),
        "message": long_text(
            "03.promotion.message",
            "Your key message",
            help="What do you want people to know, feel or do? For example: switch to email bills.",
            words=(15, 80),
            rows=3,
            store=store,
        ),
        "channels": multiple_choice(
            "03.promotion.channels", "How will you reach them?", CHANNELS, store=store
        ),
        "start": date("03.promotion.start", "Start date (for example 03/03/2025)", store=store),
        "end": date("03.promotion.end", "End date (for example 31/03/2025)", store=store),
        "materials": long_text(
            "03.promotion.materials",
            "Materials you made or used",
            help="For example: an A4 poster for the staff room, a two-slide huddle briefing.",
            words=(10, 100),
            rows=3,
            store=store,
        ),
    }
    return panel_with_hints(forms, plan_hints)


# -- reception -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Reception:
    """Survey results for one audience at one stage (before or after the promotion)."""

    audience: str
    stage: str
    respondents: int
    mean_awareness: float
    pct_paperless: float


def _yes(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"yes", "y", "true", "1"}


def reception_summary(frame: pd.DataFrame) -> list[Reception]:
    """Respondents, mean awareness (1-5) and share using paperless, per audience and stage."""
    import pandas as pd

    found = []
    scores = pd.to_numeric(frame["awareness_score"], errors="coerce")
    for audience in sorted(frame["audience"].dropna().unique()):
        for stage in ("before", "after"):
            mask = (frame["audience"] == audience) & (frame["stage"] == stage)
            if not mask.any():
                continue
            uses = frame.loc[mask, "uses_paperless"].dropna().map(_yes)
            found.append(
                Reception(
                    audience=str(audience),
                    stage=stage,
                    respondents=int(mask.sum()),
                    mean_awareness=float(scores[mask].mean()),
                    pct_paperless=float(100 * uses.mean()) if len(uses) else float("nan"),
                )
            )
    return found


def _plural(audience: str) -> str:
    return audience if audience.endswith("s") else audience + "s"


def reception_alt_text(summary: Sequence[Reception]) -> str:
    """What the awareness chart shows, with the before and after figures."""
    if not summary:
        return "Awareness chart: there are no survey answers to show."
    parts = ["Bar chart of average awareness of paperless options (1 to 5), before and after."]
    by_audience: dict[str, dict[str, Reception]] = {}
    for r in summary:
        by_audience.setdefault(r.audience, {})[r.stage] = r
    for audience, stages in by_audience.items():
        before, after = stages.get("before"), stages.get("after")
        if before and after:
            parts.append(
                f"{_plural(audience).capitalize()}: awareness rose from {before.mean_awareness:.1f} "
                f"to {after.mean_awareness:.1f} ({before.respondents} and {after.respondents} "
                f"people asked); using paperless went from {before.pct_paperless:.0f} % to "
                f"{after.pct_paperless:.0f} %."
                if after.mean_awareness >= before.mean_awareness
                else f"{_plural(audience).capitalize()}: awareness fell from "
                f"{before.mean_awareness:.1f} to {after.mean_awareness:.1f}."
            )
        else:
            only = before or after
            assert only is not None
            parts.append(
                f"{_plural(audience).capitalize()}: only {only.stage} answers "
                f"({only.respondents}), average {only.mean_awareness:.1f}."
            )
    return " ".join(parts)


def awareness_chart(frame: pd.DataFrame, ax: Axes | None = None) -> Chart:
    """Before and after bars of mean awareness per audience, labelled with the number asked."""
    from matplotlib.figure import Figure

    summary = reception_summary(frame)
    if ax is None:
        figure = Figure(figsize=(7, 4.5), layout="constrained")
        ax = figure.add_subplot()
    else:
        figure = ax.figure  # type: ignore[assignment]
    audiences = list(dict.fromkeys(r.audience for r in summary))
    colours = {"before": OKABE_ITO["orange"], "after": OKABE_ITO["blue"]}
    hatches = {"before": "//", "after": ""}
    for offset, stage in ((-0.2, "before"), (0.2, "after")):
        rows = {r.audience: r for r in summary if r.stage == stage}
        xs = [i + offset for i, a in enumerate(audiences) if a in rows]
        heights = [rows[a].mean_awareness for a in audiences if a in rows]
        bars = ax.bar(
            xs,
            heights,
            width=0.4,
            color=colours[stage],
            hatch=hatches[stage],
            edgecolor="#333333",
            label=f"{stage} the promotion",
        )
        ax.bar_label(
            bars,
            labels=[
                f"{rows[a].mean_awareness:.1f}\n(n={rows[a].respondents})"
                for a in audiences
                if a in rows
            ],
            fontsize=8,
            padding=2,
        )
    ax.set_xticks(range(len(audiences)), [_plural(a).capitalize() for a in audiences])
    ax.set_ylim(0, 5.9)
    ax.set_xlabel("Who was asked")
    ax.set_ylabel("Average awareness score\n(1 = not aware, 5 = fully aware)")
    ax.set_title("Awareness of paperless options before and after the promotion")
    ax.legend(loc="upper left", fontsize=8)
    return Chart(figure, reception_alt_text(summary))


def show_awareness_chart() -> LiveView:
    """The awareness chart for the learner's survey data (the sample until they choose a file),
    redrawn by itself when they choose another file."""
    from .datasource import table
    from .live import live

    return live(
        lambda: awareness_chart(table("promotion_survey")),
        data="promotion_survey",
        alt="Awareness of paperless options before and after the promotion.",
    )


def reception_comments(limit: int = 8) -> LiveView:
    """Comments from after the promotion, pseudonymised by ``helpers.datasource``, most common
    first; shown again by itself when the learner chooses another survey file."""
    from .datasource import table
    from .live import live

    return live(lambda: comments_html(table("promotion_survey"), limit), data="promotion_survey")


def comments_html(frame: pd.DataFrame, limit: int = 8) -> str:
    """The most frequent 'after' comments per audience as an escaped list with counts."""
    after = frame[(frame["stage"] == "after") & frame["comment"].notna()]
    if after.empty:
        return "<p><em>No comments were given after the promotion.</em></p>"
    counts = (
        after.groupby(["audience", "comment"])
        .size()
        .reset_index(name="people")
        .sort_values("people", ascending=False, kind="stable")
        .head(limit)
    )
    items = "".join(
        f"<li>{escape(_plural(str(row.audience)).capitalize())}: "
        f"“{escape(str(row.comment))}” ({row.people} "
        f"{'person' if row.people == 1 else 'people'})</li>"
        for row in counts.itertuples()
    )
    return f"<p><strong>What people said afterwards</strong></p><ul>{items}</ul>"


# -- link to customer-service outcomes ------------------------------------------------------
OUTCOME_MEASURES = {
    "csat_pct": ("Customer satisfaction (CSAT)", "%"),
    "complaints": ("Complaints", "per month"),
    "first_contact_resolution_pct": ("Solved at first contact", "%"),
    "printed_bills": ("Printed bills", "per month"),
    "letters_posted": ("Letters posted", "per month"),
    "paperless_accounts_pct": ("Accounts on paperless billing", "%"),
    "call_minutes": ("Call minutes", "per month"),
    "chat_sessions": ("Chat sessions", "per month"),
}


@dataclass(frozen=True)
class OutcomeChange:
    """Monthly mean of one measure before and after a change date."""

    measure: str
    label: str
    unit: str
    before: float
    after: float

    @property
    def change_pct(self) -> float:
        return percent_change(self.before, self.after)


def outcome_changes(frame: pd.DataFrame, change_month: str) -> list[OutcomeChange]:
    """Monthly means before and from ``change_month`` for the customer-service outcome measures.

    :func:`helpers.beforeafter.all_months_before_vs_after`: every month before the change
    against every month from it on; a measure without months on both sides is left out.
    """
    found = []
    for column, (label, unit) in OUTCOME_MEASURES.items():
        if column not in frame:
            continue
        numbers = all_months_before_vs_after(frame, column, change_month)
        if numbers.months_before and numbers.months_after:
            found.append(
                OutcomeChange(column, label, unit, numbers.mean_before, numbers.mean_after)
            )
    return found


def _figure(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}"


def change_words(change: OutcomeChange) -> str:
    """ "down 53 %", "up 34.9 percentage points" (for measures that are already percentages)."""
    if change.unit == "%":
        points = change.after - change.before
        if abs(points) < 0.05:
            return "no change"
        return f"{'up' if points > 0 else 'down'} {abs(points):.1f} percentage points"
    pct = change.change_pct
    if pct != pct or abs(pct) < 0.5:
        return "no change"
    return f"{'up' if pct > 0 else 'down'} {abs(pct):.0f} %"


def split_words(change_month: str, chosen: dt.date | None) -> str:
    """Where the before/after split comes from, in a sentence for the learner."""
    month = dt.date.fromisoformat(change_month + "-01").strftime("%B %Y")
    if chosen is not None:
        return (
            f"Before and after {month}: the month of your change date, {in_words(chosen)}, "
            "which you gave in notebook 02."
        )
    return (
        f"Before and after {month}. That is when Brightwater's paperless billing started; "
        "give your own change date in notebook 02 and the table follows it."
    )


def outcomes_html(changes: Sequence[OutcomeChange], intro: str) -> str:
    """The outcome changes as an escaped table with the direction in words."""
    rows = [
        {
            "Measure": f"{c.label} ({c.unit})",
            "Monthly average before": _figure(c.before),
            "Monthly average after": _figure(c.after),
            "Change": change_words(c),
        }
        for c in changes
    ]
    columns = ["Measure", "Monthly average before", "Monthly average after", "Change"]
    if not rows:
        return (
            f"<p>{escape(intro)}</p><p><em>Your figures have no months on both sides of "
            "this date, so there is nothing to compare yet.</em></p>"
        )
    return f"<p>{escape(intro)}</p>{table_html(rows, columns)}"


def outcome_table_html(store: AnswerStore | None = None) -> str:
    """The outcome table for the chosen monthly data, split at the learner's change date."""
    from .beforeafter import month_text, split_month
    from .datasource import change_date, table

    frame = table("monthly_operations")
    chosen = change_date(store)
    months: list[str] = list(frame["month"].map(month_text)) if "month" in frame else []
    change_month = split_month(months, chosen)
    return outcomes_html(outcome_changes(frame, change_month), split_words(change_month, chosen))


def show_outcome_table(store: AnswerStore | None = None) -> LiveView:
    """The outcome table, updated by itself when the learner changes their monthly data or
    their change date (in this notebook or in notebook 02)."""
    from .datasource import CHANGE_DATE_QUESTION
    from .live import live

    return live(
        lambda: outcome_table_html(store),
        answers=CHANGE_DATE_QUESTION,
        data="monthly_operations",
    )


def outcome_link_form(store: AnswerStore | None = None) -> Panel:
    """The learner links the promotion to satisfaction, waste and contact volumes."""
    from .forms import long_text

    forms = [
        long_text(
            "03.outcomes.link",
            "How did the promotion affect customer service?",
            help=(
                "Use the figures above or your own: satisfaction, complaints, waste, contact "
                "volumes. Say what changed, by how much, and what else might explain it."
            ),
            words=(60, 200),
            store=store,
        ),
        long_text(
            "03.outcomes.next",
            "What would you do differently next time?",
            words=(30, 120),
            rows=3,
            store=store,
        ),
    ]
    return Panel(forms)


# -- green claims --------------------------------------------------------------------------
# The six principles of the CMA's Green Claims Code (2021), in our own words.
GREEN_CLAIMS_PRINCIPLES = [
    "It is true and accurate",
    "It is clear, with only one meaning",
    "It does not leave out or hide anything important",
    "Any comparison is fair and meaningful",
    "It thinks about the whole life of the product or service",
    "It can be backed up with evidence",
]
_VAGUE = re.compile(
    r"\b(?:green(?:er)?|eco[- ]?friendly|environmentally friendly|sustainable|planet[- ]friendly|"
    r"kind to the planet|save the planet|natural|clean)\b",
    re.I,
)
_ABSOLUTE = re.compile(
    r"\b(?:carbon[- ]neutral|net[- ]zero|zero[- ]carbon|carbon[- ]free|climate[- ]neutral|"
    r"100 ?%|no impact|zero waste)\b",
    re.I,
)
_PROOF = re.compile(r"\d|source|data|survey|measured|report|figures?|records?|invoice", re.I)


def claim_hints(answers: Mapping[str, Any]) -> list[str]:
    """Hints on a green claim checked against the Green Claims Code (keys: ``claim``,
    ``checked``, ``evidence``)."""
    claim = str(answers.get("claim") or "").strip()
    hints = []
    if not claim:
        return ["Copy the main green claim from your promotion, word for word."]
    if _ABSOLUTE.search(claim):
        hints.append(
            "Words such as carbon neutral or zero carbon need proof over the whole life of "
            "the service. Email bills still use energy in devices and data centres."
        )
    elif _VAGUE.search(claim):
        hints.append(
            "Words such as green or eco-friendly are vague. Say what the benefit is and how "
            "big it is, for example how much paper is saved."
        )
    ticked = answers.get("checked") or []
    if len(ticked) < len(GREEN_CLAIMS_PRINCIPLES):
        hints.append(
            "Tick a principle only when your claim meets it. Where it does not, change the "
            "claim and say how below."
        )
    if not _PROOF.search(str(answers.get("evidence") or "")):
        hints.append("Name the evidence behind the claim: your figures, a record or a survey.")
    return hints


def green_claims_form(store: AnswerStore | None = None) -> Panel:
    """Check the promotion's main green claim against the Green Claims Code, with hints."""
    from .forms import checklist, long_text, short_text

    forms = {
        "claim": short_text(
            "03.claims.claim",
            "The main green claim in your promotion",
            placeholder="For example: Go paperless and help the planet",
            store=store,
        ),
        "checked": checklist(
            "03.claims.checked",
            "Which principles of the Green Claims Code does it meet?",
            GREEN_CLAIMS_PRINCIPLES,
            help="Tick each one your claim meets as it is written.",
            store=store,
        ),
        "evidence": long_text(
            "03.claims.evidence",
            "What proves the claim, and what did you change after checking it?",
            help="Name your evidence. Then write the claim again if it needed changing.",
            words=(30, 150),
            rows=4,
            store=store,
        ),
    }
    return panel_with_hints(forms, claim_hints)
