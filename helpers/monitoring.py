"""Notebook 02 (before and after): choose metrics and a change date, chart, summarise, review again.

Public functions are what one notebook cell calls. The pure pieces (:func:`metric_frame`,
:func:`summary_rows`, :func:`review_rows`, :func:`feedback_by_stage`) take frames and answers
and return values, so they are tested without widgets. What a cell shows updates by itself when
the ticks, the change date or the data choice change (:mod:`helpers.live`): the ``*_block``
functions build it, the cell functions wrap them in a live view. The change date chosen here is
the one every later before-and-after split uses (:func:`helpers.datasource.change_date`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from helpers import datasource
from helpers.beforeafter import (
    ReviewPoint,
    all_months_before_vs_after,
    first_and_latest_months_vs_a_year_earlier,
    split_month,
)
from helpers.views import Block, ShowsStaticHtml, escape

if TYPE_CHECKING:
    import pandas as pd

    from helpers.forms import Form, FormGroup
    from helpers.live import LiveView
    from helpers.plots import Chart

METRICS_QUESTION = "02.monitor.metrics"
CHANGE_QUESTION = datasource.CHANGE_DATE_QUESTION  # "02.monitor.change_date"
# Notebook 01's answer on how the centre's calls travel (the footprint counts calls that way).
CALLS_QUESTION = "01.review.call_type"
OPERATIONS = "monthly_operations"
FOOTPRINT_COLUMN = "kg_co2e"
SAMPLE_CHANGE_DATE = "2025-01-01"
# What the charts and tables of the figures depend on.
FIGURES_ANSWERS = (METRICS_QUESTION, CHANGE_QUESTION, CALLS_QUESTION)

# Column -> (label, unit on the chart axis).
METRICS: dict[str, tuple[str, str]] = {
    "printed_bills": ("Printed bills", "bills per month"),
    "letters_posted": ("Letters posted", "letters per month"),
    "paper_reams": ("Paper bought", "reams per month"),
    "office_kwh": ("Office electricity", "kWh per month"),
    "gas_kwh": ("Gas for heating", "kWh per month"),
    "emails_sent": ("Emails sent", "emails per month"),
    "chat_sessions": ("Live chat sessions", "sessions per month"),
    "call_minutes": ("Phone call time", "minutes per month"),
    "video_call_minutes": ("Video call time", "minutes per month"),
    "e_signatures": ("E-signatures", "documents per month"),
    "paperless_accounts_pct": ("Paperless accounts", "%"),
    "csat_pct": ("Customer satisfaction", "%"),
    "complaints": ("Complaints", "complaints per month"),
    "first_contact_resolution_pct": ("First-contact resolution", "%"),
    FOOTPRINT_COLUMN: ("Carbon footprint", "kg CO2e per month"),
}
DEFAULT_METRICS = ["Printed bills", "Emails sent", "Carbon footprint", "Customer satisfaction"]


def column_for(label: str) -> str | None:
    """The data column behind a metric label ("Printed bills" -> "printed_bills")."""
    return next((column for column, (name, _) in METRICS.items() if name == label), None)


def metric_frame(
    operations: pd.DataFrame,
    factors: pd.DataFrame | None = None,
    *,
    footprint: bool | None = None,
    calls: str | None = None,
) -> pd.DataFrame:
    """Monthly operations with ``month`` as ``YYYY-MM`` text and the monthly footprint added.

    The footprint is added when ``factors`` are given (counted with them) or ``footprint`` is
    true (each month counted with the UK Government factor set of its own year). ``calls`` is
    the factor key for call minutes (see :func:`helpers.footprint.call_factor_key`).
    """
    from helpers.beforeafter import month_text
    from helpers.footprint import MOBILE_CALLS, monthly_footprint

    frame = operations.copy()
    frame["month"] = frame["month"].map(month_text)
    if factors is not None or footprint:
        frame[FOOTPRINT_COLUMN] = monthly_footprint(
            operations, factors, calls=calls or MOBILE_CALLS
        )
    return frame.sort_values("month", kind="stable").reset_index(drop=True)


def available_labels(frame: pd.DataFrame) -> list[str]:
    """Metric labels whose column the data has, in the order of :data:`METRICS`."""
    return [label for column, (label, _) in METRICS.items() if column in frame.columns]


def chosen_labels(frame: pd.DataFrame, answer: Any) -> list[str]:
    """The metrics the learner ticked (that the data has), else the defaults the data has."""
    available = available_labels(frame)
    picked = [label for label in (answer or []) if label in available]
    return picked or [label for label in DEFAULT_METRICS if label in available] or available[:3]


def chosen_change_date(frame: pd.DataFrame, answer: Any) -> str:
    """The change date the learner gave (YYYY-MM-DD), else the first day of the month that
    :func:`helpers.beforeafter.split_month` picks (January 2025 when the data spans it, else the
    middle month): the same split every later notebook uses."""
    if answer:
        return str(answer)[:10]
    return f"{split_month(frame['month'])}-01"


def _columns(frame: pd.DataFrame, labels: list[str]) -> list[tuple[str, str]]:
    """(label, column) for each metric label whose column the data has."""
    found = [(label, column_for(label)) for label in labels]
    return [(label, column) for label, column in found if column and column in frame.columns]


def summary_rows(frame: pd.DataFrame, labels: list[str], change_date: str) -> list[dict[str, str]]:
    """One row per metric: months and monthly mean before and after, and the change."""
    from helpers.plots import nice_number

    rows = []
    for label, column in _columns(frame, labels):
        unit = METRICS[column][1]
        numbers = all_months_before_vs_after(frame, column, change_date)
        if unit == "%":
            points = numbers.mean_after - numbers.mean_before
            change = f"{points:+.1f} points" if points == points else "no data"
        else:
            pct = numbers.change_pct
            change = f"{pct:+.0f} %" if pct == pct else "no data"
        rows.append(
            {
                "Metric": f"{label} ({unit})",
                "Months before": str(numbers.months_before),
                "Mean before": nice_number(numbers.mean_before),
                "Months after": str(numbers.months_after),
                "Mean after": nice_number(numbers.mean_after),
                "Change": change,
            }
        )
    return rows


LOWER_IS_BETTER = {
    "printed_bills",
    "letters_posted",
    "paper_reams",
    "office_kwh",
    "gas_kwh",
    "complaints",
    FOOTPRINT_COLUMN,
}
HIGHER_IS_BETTER = {
    "e_signatures",
    "paperless_accounts_pct",
    "csat_pct",
    "first_contact_resolution_pct",
}


def verdict(first: ReviewPoint, second: ReviewPoint, column: str) -> str:
    """Plain words for how the change has lasted from the first review to the second."""
    a, b = first.change_pct, second.change_pct
    if column not in LOWER_IS_BETTER | HIGHER_IS_BETTER:
        return f"{'up' if b >= 0 else 'down'} {abs(b):.0f} % on {_against(second)}"
    if column in LOWER_IS_BETTER:
        a, b = -a, -b
    if b <= 0:
        return f"no better than {_against(second)}"
    if a <= 0:
        return "better now, after a dip at first"
    if b >= a + 1:
        return "still improving"
    if b >= a - 1:
        return "holding steady"
    return "improved, but slipping back"


def _against(point: ReviewPoint) -> str:
    return "the same months a year earlier" if point.same_months_last_year else "before the change"


def _point_text(point: ReviewPoint) -> str:
    from helpers.plots import nice_number

    return f"{nice_number(point.value)} ({point.change_pct:+.0f} %)"


def months_in_words(first: str, last: str) -> str:
    """("2025-01", "2025-03") -> "January to March 2025"; across years both years are named."""
    start, end = (dt.date.fromisoformat(f"{month[:7]}-01") for month in (first, last))
    if start.year == end.year:
        return f"{start:%B} to {end:%B %Y}"
    return f"{start:%B %Y} to {end:%B %Y}"


def review_rows(frame: pd.DataFrame, labels: list[str], change_date: str) -> list[dict[str, str]]:
    """One row per metric: the first and second review points, each against a like baseline."""
    rows = []
    for label, column in _columns(frame, labels):
        points = first_and_latest_months_vs_a_year_earlier(frame, column, change_date)
        if points is None:
            continue
        first, second = points
        rows.append(
            {
                "Metric": label,
                f"First review ({months_in_words(*first.months)})": _point_text(first),
                f"Second review ({months_in_words(*second.months)})": _point_text(second),
                "So far": verdict(first, second, column),
            }
        )
    return rows


# --- The edges: data and answers from the store ----------------------------------------------


def _answers() -> tuple[pd.DataFrame, list[str], str]:
    """The figures (each month's footprint with the factor set of its year), the ticked metrics
    and the change date (the learner's, else the split every notebook uses)."""
    from helpers.footprint import call_factor_key
    from helpers.store import shared_store

    store = shared_store()
    calls = call_factor_key(store.load(CALLS_QUESTION))
    frame = metric_frame(datasource.table(OPERATIONS), footprint=True, calls=calls)
    labels = chosen_labels(frame, store.load(METRICS_QUESTION))
    chosen = datasource.change_date(store)
    return frame, labels, chosen_change_date(frame, chosen.isoformat() if chosen else None)


class FollowsData(ShowsStaticHtml):
    """A form made again whenever the data choice changes, because its options come from the
    data (the figures a file has). The answer stays in the store; only the choices change."""

    def __init__(self, make: Callable[[], Form], kind: str = OPERATIONS) -> None:
        import ipywidgets as w

        from helpers.live import on_change

        self.make = make
        self.form = make()
        self.widget = w.VBox([self.form.widget], layout=w.Layout(width="100%"))
        on_change(self.again, data=[kind])

    def again(self) -> None:
        self.form = self.make()
        self.widget.children = (self.form.widget,)

    def static_html(self) -> str:
        return self.form.static_html()

    def static_text(self) -> str:
        return self.form.static_text()


def metrics_form(question_id: str = METRICS_QUESTION) -> FollowsData:
    """Tick the figures to compare before and after the change (the ones the data has)."""
    from helpers import forms

    def make() -> Form:
        frame = metric_frame(datasource.table(OPERATIONS))
        return forms.multiple_choice(
            question_id,
            "Which figures will you compare?",
            available_labels(frame) + ["Carbon footprint"] * (FOOTPRINT_COLUMN not in frame),
            help="Pick two to four. Include at least one environmental figure and one service "
            "figure. If you tick none, the charts show up to four figures from your data.",
        )

    return FollowsData(make)


def change_date_form(question_id: str = CHANGE_QUESTION) -> Form:
    """The date the change started: every before-and-after split in the course uses it."""
    from helpers import forms

    return forms.date(
        question_id,
        "When did the change start? (for example 14/04/2025)",
        "Give the first day of the change. The charts below, and the before-and-after "
        "comparisons in the later notebooks, split your figures at this date.",
    )


def change_date_text(frame: pd.DataFrame, chosen: dt.date | None) -> str:
    """The change date the figures use, in words, and where it comes from when not chosen."""
    when = dt.date.fromisoformat(chosen_change_date(frame, chosen.isoformat() if chosen else None))
    words = f"{when.day} {when:%B %Y}"
    if chosen:
        return f"Change date: {words}."
    if when.isoformat() == SAMPLE_CHANGE_DATE:
        why = "when the sample organisation's change started"
    else:
        why = "the middle month of the data"
    return f"Change date: {words} ({why}), until you give the date your change started above."


def charts_block() -> Block:
    """A before-and-after chart for each chosen metric, each with its alt text."""
    from helpers.plots import before_after_chart

    frame, labels, change_date = _answers()
    charts: list[Chart] = []
    for label, column in _columns(frame, labels):
        unit = METRICS[column][1]
        charts.append(before_after_chart(frame, column, change_date, label=label, unit=unit))
    heading = change_date_text(frame, datasource.change_date())
    return Block(
        f"<p><strong>{escape(heading)}</strong></p>" + "".join(chart.html() for chart in charts),
        "\n".join([heading, *(chart.alt_text for chart in charts)]),
    )


def _live(render: Callable[[], Block], alt: str, data: str = OPERATIONS) -> LiveView:
    from helpers.live import live

    return live(lambda: render().html, answers=FIGURES_ANSWERS, data=[data], alt=alt)


def before_after_charts() -> LiveView:
    """:func:`charts_block`, redrawn when the ticks, the change date or the data change."""
    return _live(charts_block, "Before-and-after charts of the figures you chose.")


def summary_block() -> Block:
    """Monthly means before and after the change, for each chosen metric."""
    from helpers.views import table_html

    frame, labels, change_date = _answers()
    rows = summary_rows(frame, labels, change_date)
    note = (
        "The carbon footprint counts each month with the UK Government conversion factors for "
        "its year, and the other sources listed in notebook 01."
    )
    return Block(
        table_html(rows) + f'<p style="font-size:smaller">{escape(note)}</p>',
        "\n".join(" | ".join(row.values()) for row in rows),
    )


def summary_table() -> LiveView:
    """:func:`summary_block`, kept up to date."""
    return _live(summary_block, "A table of the monthly figures before and after the change.")


def second_review_block() -> Block:
    """First and second review points after the change, for each chosen metric."""
    from helpers.views import table_html

    frame, labels, change_date = _answers()
    rows = review_rows(frame, labels, change_date)
    if not rows:
        message = (
            "There are not yet six months of data after the change, so a second review point "
            "cannot be shown. Set a date below to measure again."
        )
        return Block(f"<p>{escape(message)}</p>", message)
    note = (
        "In brackets: the change on the same months a year earlier, so that the seasons do not "
        "hide or fake a change."
    )
    return Block(
        table_html(rows) + f"<p>{escape(note)}</p>",
        "\n".join(" | ".join(row.values()) for row in rows) + "\n" + note,
    )


def second_review_table() -> LiveView:
    """:func:`second_review_block`, kept up to date."""
    return _live(second_review_block, "The first and second review points after the change.")


def second_review_form(
    date_id: str = "02.monitor.second_review_date", plan_id: str = "02.monitor.next_review"
) -> FormGroup:
    """When the learner will measure again, and what they will compare."""
    from helpers import forms

    return forms.FormGroup(
        [
            forms.date(date_id, "Date of your next review point"),
            forms.long_text(
                plan_id,
                "What will you check then, and what will you do with the result?",
                "Name the figures, where they come from and who you will tell.",
                words=(30, 120),
            ),
        ]
    )


# --- What customers said -----------------------------------------------------------------------


def feedback_by_stage(feedback: pd.DataFrame, change_date: str) -> list[dict[str, str]]:
    """Comment counts and scores before and after the change (pure)."""
    import pandas as pd

    dates = pd.to_datetime(feedback["date"], errors="coerce")
    scores = pd.to_numeric(feedback["score"], errors="coerce")
    change = pd.Timestamp(change_date)
    rows = []
    for stage, mask in (("Before", dates < change), ("After", dates >= change)):
        chosen = scores[mask].dropna()
        rows.append(
            {
                "When": stage,
                "Comments": str(len(chosen)),
                "Mean score (1 to 5)": f"{chosen.mean():.1f}" if len(chosen) else "no data",
                "Scores of 4 or 5": f"{100 * (chosen >= 4).mean():.0f} %" if len(chosen) else "",
            }
        )
    return rows


def example_comments(
    feedback: pd.DataFrame, change_date: str, each: int = 3
) -> dict[str, list[str]]:
    """A few of the lowest- and highest-scored comments after the change (already pseudonymised)."""
    import pandas as pd

    dates = pd.to_datetime(feedback["date"], errors="coerce")
    after = feedback.loc[dates >= pd.Timestamp(change_date)].copy()
    after["score"] = pd.to_numeric(after["score"], errors="coerce")
    after = after.dropna(subset=["score"]).drop_duplicates("comment")
    # Comments that are mostly a replaced phone number or email tell the reader little.
    informative = after.loc[~after["comment"].astype(str).str.contains(r"\[(?:email|phone)")]
    if len(informative) >= 2 * each:
        after = informative
    ordered = after.sort_values(["score", "date"], kind="stable")
    return {
        "Lowest scores": [
            f"{int(s)}/5: {c}" for s, c in zip(ordered["score"], ordered["comment"], strict=True)
        ][:each],
        "Highest scores": [
            f"{int(s)}/5: {c}"
            for s, c in zip(ordered["score"][::-1], ordered["comment"][::-1], strict=True)
        ][:each],
    }


def pseudonymised_feedback() -> pd.DataFrame:
    """The chosen feedback table with names, emails and phone numbers replaced."""
    return datasource.table("feedback")


def feedback_block(feedback: pd.DataFrame, change_date: str) -> Block:
    """Scores before and after the change and example comments (pass pseudonymised data only)."""
    from helpers.views import table_html

    rows = feedback_by_stage(feedback, change_date)
    comments = example_comments(feedback, change_date) if "comment" in feedback else {}
    parts = [table_html(rows)]
    text = "\n".join(" | ".join(row.values()) for row in rows)
    for heading, items in comments.items():
        parts.append(f"<p><strong>{escape(heading)} after the change</strong></p><ul>")
        parts.extend(f"<li>{escape(item)}</li>" for item in items)
        parts.append("</ul>")
        text += f"\n{heading} after the change:\n" + "\n".join(items)
    note = "Names, emails and phone numbers in the comments have been replaced."
    parts.append(f'<p style="font-size:smaller">{escape(note)}</p>')
    return Block("".join(parts), text + "\n" + note)


def feedback_summary_block() -> Block:
    """Scores before and after the change, with pseudonymised example comments."""
    frame = metric_frame(datasource.table(OPERATIONS))
    chosen = datasource.change_date()
    change_date = chosen_change_date(frame, chosen.isoformat() if chosen else None)
    return feedback_block(pseudonymised_feedback(), change_date)


def feedback_summary() -> LiveView:
    """:func:`feedback_summary_block`, following the change date and the feedback file."""
    from helpers.live import live

    return live(
        lambda: feedback_summary_block().html,
        answers=[CHANGE_QUESTION],
        data=["feedback", OPERATIONS],
        alt="Customer scores before and after the change, with example comments.",
    )
