"""Service environment: SLA summary and chart, measure task, HEAT, legislation hints, best practice."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from helpers.datasource import table as data_table
from helpers.legislation import load_legislation
from helpers.paths import SAMPLE_DIR
from helpers.service import (
    IMPACT_BUSINESS,
    IMPACT_CUSTOMER,
    IMPACT_LAW,
    IMPACT_TASK,
    LOG_APPLIED,
    LOG_DATE,
    LOG_SOURCE,
    MEASURE_QUESTIONS,
    best_practice_hints,
    best_practice_log,
    heat_form,
    impact_hints,
    legislation_html,
    legislation_impact_table,
    measure_feedback,
    measure_fit_task,
    minutes_text,
    org_structure_form,
    sla_chart,
    sla_summary,
)
from helpers.store import AnswerStore


def _sla_frame() -> pd.DataFrame:
    """Two channels, three months, worked by hand below."""
    return pd.DataFrame(
        {
            "month": ["2025-01", "2025-02", "2025-03"] * 2,
            "channel": ["phone"] * 3 + ["email"] * 3,
            "contacts": [100] * 6,
            "target_minutes": [5] * 3 + [1440] * 3,
            "median_response_minutes": [3, 4, 6, 900, 1000, 1500],
            "pct_within_target": [80.0, 70.0, 90.0, 60.0, 76.0, 74.0],
        }
    )


def test_sla_summary_worked_by_hand() -> None:
    phone, email = sla_summary(_sla_frame(), goal_pct=75)
    assert (phone.channel, phone.mean_pct, phone.latest_pct, phone.months_below_goal) == (
        "phone",
        80.0,
        90.0,
        1,
    )
    assert (email.channel, round(email.mean_pct, 2), email.latest_pct, email.months_below_goal) == (
        "email",
        70.0,
        74.0,
        2,
    )
    assert email.latest_month == "2025-03" and email.target_minutes == 1440


def test_minutes_text() -> None:
    assert [minutes_text(m) for m in (1, 5, 90, 1440, 7200)] == [
        "1 minute",
        "5 minutes",
        "1.5 hours",
        "1 day",
        "5 days",
    ]


def test_sla_chart_alt_text_states_the_figures() -> None:
    chart = sla_chart(_sla_frame(), goal_pct=75)
    assert chart.alt_text == (
        "Line chart of the share of contacts answered within the target time, by channel, from "
        "January 2025 to March 2025, against a goal of 75 %. Phone (target 5 minutes): average "
        "80.0 %, 90.0 % in March 2025, below the goal in 1 of 3 months. Email (target 1 day): "
        "average 70.0 %, 74.0 % in March 2025, below the goal in 2 of 3 months."
    )
    ax = chart.figure.axes[0]
    assert (
        ax.get_ylabel() == "Contacts answered within target time (%)" and ax.get_xlabel() == "Month"
    )


def _overlapping_texts(figure) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts = [
        t
        for t in {id(t): t for t in figure.findobj(Text)}.values()
        if t.get_visible() and t.get_text().strip()
    ]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]


def test_sla_chart_for_the_sample_has_no_overlapping_labels() -> None:
    frame = data_table("sla_response_times")
    chart = sla_chart(frame)
    assert _overlapping_texts(chart.figure) == []
    assert "from January 2024 to December 2025" in chart.alt_text
    assert len(chart.figure.axes[0].get_lines()) == 5  # four channels and the goal line


def test_sample_sla_file_has_the_canonical_columns() -> None:
    header = (SAMPLE_DIR / "sla_response_times.csv").read_text().splitlines()[0]
    assert (
        header == "month,channel,contacts,target_minutes,median_response_minutes,pct_within_target"
    )


def test_measure_feedback_says_right_or_think_again() -> None:
    first, second = MEASURE_QUESTIONS[0], MEASURE_QUESTIONS[1]
    feedback = measure_feedback({first.key: first.best, second.key: "Mystery shopping"})
    assert feedback[0] == ("right", f"{first.question} {first.best} fits: {first.why}")
    assert feedback[1][0] == "think again" and "who or what holds the answer" in feedback[1][1]
    assert {q.best for q in MEASURE_QUESTIONS} == {
        "Mystery shopping",
        "Customer survey",
        "KPI from our own systems",
    }


def test_measure_task_shows_feedback_live(store: AnswerStore) -> None:
    panel = measure_fit_task(store=store)
    assert "this looks complete" in panel.hint_box.value
    panel.forms[2].value = "KPI from our own systems"
    assert "Right: Are we answering emails within the one-day target?" in panel.hint_box.value


def test_impact_hints_flag_a_law_without_consequence() -> None:
    laws = load_legislation()
    rows = [
        {
            IMPACT_LAW: "Equality Act",
            IMPACT_TASK: "Offer large-print bills",
            IMPACT_CUSTOMER: "",
            IMPACT_BUSINESS: "",
        },
        {
            IMPACT_LAW: "GDPR",
            IMPACT_TASK: "Check identity",
            IMPACT_CUSTOMER: "Details leaked",
            IMPACT_BUSINESS: "Fine from the ICO",
        },
        {},
    ]
    hints = impact_hints(rows, laws)
    assert len(hints) == 1
    assert hints[0].startswith(
        "Row 1 names Equality Act 2010 but not what happens if it is breached. Say what it would "
        "cost the customer and the business. For example: Claims in the county court"
    )


def test_impact_hints_for_unknown_law_missing_task_and_too_few_laws() -> None:
    hints = impact_hints(
        [
            {
                IMPACT_LAW: "Our refund policy",
                IMPACT_CUSTOMER: "Waits",
                IMPACT_BUSINESS: "Loses trust",
            }
        ],
        load_legislation(),
    )
    assert hints == [
        "Row 1 (Our refund policy): say what it changes in one of your daily tasks, for example how you handle a refund or a customer's details.",
        'Row 1: "Our refund policy" is not in the reference list above. Check the full name and year (that is fine if it is a rule specific to your sector).',
        "Name at least two laws that affect your role, each with its consequences.",
    ]


def test_impact_table_updates_hints_as_the_learner_types(store: AnswerStore) -> None:
    panel = legislation_impact_table(store=store)
    panel.forms[0].value = [{IMPACT_LAW: "Consumer Rights Act 2015", IMPACT_TASK: "Refunds"}]
    assert (
        "Row 1 names Consumer Rights Act 2015 but not what happens if it is breached"
        in panel.hint_box.value
    )
    assert store.load("04.law.impact")[0][IMPACT_LAW] == "Consumer Rights Act 2015"


def test_legislation_html_escapes_and_links_without_loading() -> None:
    laws = load_legislation()[:2]
    page = legislation_html(laws)
    assert '<a href="https://www.legislation.gov.uk/ukpga/1990/43/section/34"' in page
    assert "<img" not in page and "<script" not in page and "<iframe" not in page


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], ["Best practice keeps changing", "Include the Customer Service Excellence"]),
        (
            [
                {
                    LOG_DATE: "14/03/2025",
                    LOG_SOURCE: "ISO 23592 summary",
                    LOG_APPLIED: "Used it in a huddle",
                },
                {
                    LOG_DATE: "02/05/2025",
                    LOG_SOURCE: "Customer Service Excellence criteria",
                    LOG_APPLIED: "Changed our email template",
                },
            ],
            [],
        ),
        (
            [{LOG_DATE: "next week", LOG_SOURCE: "A blog", LOG_APPLIED: ""}],
            [
                "Entry 1: add the date",
                "Entry 1: say how you used",
                "Best practice keeps changing",
                "Include the Customer",
            ],
        ),
    ],
)
def test_best_practice_hints(rows: list[dict[str, str]], expected: list[str]) -> None:
    hints = best_practice_hints(rows)
    assert len(hints) == len(expected)
    for hint, start in zip(hints, expected, strict=True):
        assert hint.startswith(start)


def test_forms_save_and_render_escaped_html(store: AnswerStore) -> None:
    heat = heat_form(store=store)
    heat.forms[0].value = "<b>Listen</b> without interrupting"
    bundle = heat._repr_mimebundle_()
    assert "&lt;b&gt;Listen&lt;/b&gt;" in bundle["text/html"] and "Mrs Patel" in bundle["text/html"]
    assert store.load("04.heat.hear") == "<b>Listen</b> without interrupting"
    structure = org_structure_form(store=store)
    assert [f.question_id for f in structure.forms] == [
        "04.structure.type",
        "04.structure.effect",
        "04.structure.roles",
    ]
    log = best_practice_log(store=store)
    assert "Best practice keeps changing" in log.hint_box.value
