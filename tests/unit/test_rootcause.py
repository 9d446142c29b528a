"""Pareto, fishbone and timeline charts: ordering, cumulative percentages, dates and alt text."""

from __future__ import annotations

from datetime import date

import matplotlib.dates as mdates
import pandas as pd
import pytest

from helpers.datasource import sample_table
from helpers.plots import Chart
from helpers.rootcause import (
    FISHBONE_CATEGORIES,
    FIVE_WHYS_NOTE,
    fishbone_causes,
    fishbone_chart,
    five_whys_form,
    pareto_chart,
    pareto_of_choice,
    pareto_rows,
    show_pareto,
)
from helpers.timeline import timeline_bars, timeline_chart


def small_frame() -> pd.DataFrame:
    cats = ["billing"] * 5 + ["meter"] * 3 + ["attitude"] * 1 + ["delay"] * 1 + [None, " "]
    return pd.DataFrame({"category": cats})


def test_pareto_orders_largest_first_with_cumulative_percent() -> None:
    rows = pareto_rows(small_frame(), "category")
    assert [r.category for r in rows] == ["billing", "meter", "attitude", "delay"]  # ties by name
    assert [r.count for r in rows] == [5, 3, 1, 1]
    assert [r.percent for r in rows] == [50.0, 30.0, 10.0, 10.0]
    assert [r.cumulative_percent for r in rows] == [50.0, 80.0, 90.0, 100.0]
    assert [r.vital_few for r in rows] == [True, True, False, False]


def test_pareto_on_the_sample_complaints() -> None:
    frame = sample_table("complaints")
    rows = pareto_rows(frame, "category")
    counts = frame["category"].value_counts()
    assert [r.count for r in rows] == sorted(counts.tolist(), reverse=True)
    assert rows[0].category == counts.idxmax()
    assert rows[-1].cumulative_percent == 100.0
    cumulative = [r.cumulative_percent for r in rows]
    assert cumulative == sorted(cumulative)
    vital = [r for r in rows if r.vital_few]
    assert 0 < len(vital) < len(rows)
    assert vital[-1].cumulative_percent >= 80.0
    assert len(vital) == 1 or vital[-2].cumulative_percent < 80.0


def test_pareto_chart_bars_line_and_alt_text() -> None:
    figure, alt = pareto_chart(small_frame(), "category")
    bars_ax, line_ax = figure.axes
    heights = [p.get_height() for p in bars_ax.patches]
    assert heights == [5, 3, 1, 1]
    assert list(line_ax.lines[0].get_ydata()) == [50.0, 80.0, 90.0, 100.0]
    assert bars_ax.patches[0].get_facecolor() != bars_ax.patches[2].get_facecolor()
    assert bars_ax.get_ylabel() and line_ax.get_ylabel() == "Cumulative share (%)"
    assert alt.startswith("Pareto chart of 10 records by category, largest first: billing 5")
    assert "vital few (2 of 4 categories: billing, meter) make up 80 %" in alt


def test_show_pareto_gives_an_image_with_alt_text() -> None:
    view = show_pareto()
    bundle = view._repr_mimebundle_()
    assert 'src="data:image/png;base64,' in bundle["text/html"]
    assert 'alt="Pareto chart of' in bundle["text/html"]


def test_timeline_dates_order_and_today() -> None:
    actions = [
        {"what": "Brief team", "owner": "Owen", "start": "2026-02-02", "end": "2026-02-03"},
        {"what": "Add check", "owner": "", "start": "2026-01-05", "end": "2026-01-30"},
        {"what": "No dates", "owner": "Mo", "start": "", "end": ""},
        {"what": "Backwards", "owner": "Mo", "start": "2026-03-05", "end": "2026-03-01"},
    ]
    bars, problems = timeline_bars(actions)
    assert [(b.label, b.start, b.end) for b in bars] == [
        ("Brief team", date(2026, 2, 2), date(2026, 2, 3)),
        ("Add check", date(2026, 1, 5), date(2026, 1, 30)),
    ]
    assert problems == [
        "Action 3 (No dates) is not on the timeline yet: add its start and end dates "
        "(for example 14/04/2025)",
        "Action 4 (Backwards) is not on the timeline yet: it ends before it starts.",
    ]
    figure, alt = timeline_chart(actions, today=date(2026, 1, 20))
    ax = figure.axes[0]
    lefts = [mdates.num2date(p.get_x()).date() for p in ax.patches]
    assert lefts == [date(2026, 2, 2), date(2026, 1, 5)]
    today_line = next(line for line in ax.lines if line.get_label() == "Today")
    assert mdates.num2date(today_line.get_xdata()[0]).date() == date(2026, 1, 20)
    assert "from 05 Jan 2026 to 03 Feb 2026" in alt
    assert "today, 20 Jan 2026, is marked" in alt
    assert "Add check (no owner) from 05 Jan 2026 to 30 Jan 2026" in alt


def test_timeline_understands_uk_dates_and_refuses_month_first_with_a_message() -> None:
    actions = [
        {"what": "Brief team", "owner": "Owen", "start": "14/04/2025", "end": "18 Apr 2025"},
        {"what": "Guide", "owner": "Ann", "start": "04/14/2025", "end": "2025-04-25"},
        {"what": "Link", "owner": "IT", "start": "31/02/2025", "end": ""},
    ]
    bars, problems = timeline_bars(actions)
    assert [(b.label, b.start, b.end) for b in bars] == [
        ("Brief team", date(2025, 4, 14), date(2025, 4, 18))
    ]
    assert problems[0].startswith("Action 2 (Guide) is not on the timeline yet: its start date")
    assert "month first" in problems[0] and "14/04/2025" in problems[0]
    assert problems[1].startswith("Action 3 (Link) is not on the timeline yet: add its end date")
    assert "its start date cannot be read" in problems[1]
    _figure, alt = timeline_chart(actions, today=date(2025, 4, 16))
    assert "Brief team (Owen) from 14 Apr 2025 to 18 Apr 2025" in alt


def test_timeline_looked_at_long_after_the_plan_does_not_squeeze_the_bars() -> None:
    actions = [{"what": "Brief", "owner": "Mo", "start": "2025-04-14", "end": "2025-04-18"}]
    figure, alt = timeline_chart(actions, today=date(2026, 12, 2))
    ax = figure.axes[0]
    assert not [line for line in ax.lines if line.get_label() == "Today"]
    left, right = (mdates.num2date(x).date() for x in ax.get_xlim())
    assert (right - left).days < 30  # the bar fills the chart, not a sliver beside today
    assert "today, 02 Dec 2026, is far from these dates, so it is not marked" in alt


def test_timeline_with_no_actions_says_so() -> None:
    _figure, alt = timeline_chart([], today=date(2026, 1, 1))
    assert "no actions" in alt


def test_fishbone_diagram_has_six_headings_and_alt_text() -> None:
    answers = {
        "05.rootcause.fishbone.people": "New starters\nNo cover at lunch",
        "05.rootcause.fishbone.machines": "Billing screen hides readings",
    }
    causes = fishbone_causes(answers)
    assert causes["People"] == ["New starters", "No cover at lunch"]
    figure, alt = fishbone_chart("Billing errors", causes)
    texts = [t.get_text() for t in figure.axes[0].texts]
    for category in FISHBONE_CATEGORIES:
        assert category in texts
    assert "New starters" in texts
    assert alt.startswith("Fishbone diagram for the effect 'Billing errors'")
    assert "Methods: none yet" in alt and "People: New starters, No cover at lunch" in alt
    assert Chart(figure, alt)._repr_mimebundle_()["text/plain"] == alt


def test_five_whys_form_warns_fifth_answer_is_not_automatically_root(store) -> None:  # type: ignore[no-untyped-def]
    group = five_whys_form(store=store)
    assert [f.question_id for f in group.forms][1:6] == [
        f"05.rootcause.whys.why{n}" for n in range(1, 6)
    ]
    assert "not automatically the root cause" in FIVE_WHYS_NOTE
    assert FIVE_WHYS_NOTE in group.widget.children[-1].value


@pytest.mark.parametrize("column", ["channel", "category"])
def test_pareto_alt_text_names_every_category(column: str) -> None:
    frame = sample_table("complaints")
    _figure, alt = pareto_chart(frame, column)
    for name in frame[column].unique():
        assert str(name) in alt


def test_show_pareto_follows_the_learners_choice_of_complaints_file(coursework_dir, store) -> None:  # type: ignore[no-untyped-def]
    from helpers import live
    from helpers.datasource import use_path

    live.forget_all()
    view = show_pareto()
    assert "Pareto chart of 351 records" in view.static_html()  # the sample
    own = coursework_dir / "my_complaints.csv"
    lines = ["complaint_id,date_received,channel,category,summary,date_resolved,escalated"]
    for n, category in enumerate(["late delivery"] * 3 + ["rude reply"] * 1, start=1):
        lines.append(f"K{n},2025-03-0{n},email,{category},Text,2025-03-1{n},no")
    own.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert use_path("complaints", own, store).used
    try:
        live._dispatch(live._POLLER.changes())  # what the poller does about once a second
        assert "Pareto chart of 4 records by category, largest first: late delivery 3" in (
            view.static_html()
        )
    finally:
        live.forget_all()
    assert pareto_of_choice().alt_text.startswith("Pareto chart of 4 records")


def test_fishbone_is_drawn_again_when_a_cause_is_typed(store) -> None:  # type: ignore[no-untyped-def]
    from helpers import live
    from helpers.rootcause import fishbone_form, show_fishbone

    live.forget_all()
    try:
        view = show_fishbone()
        assert "Methods: none yet" in view.static_html()
        boxes = {f.question_id: f for f in fishbone_form().forms}
        boxes["05.rootcause.fishbone.methods"].value = "No script for paperless calls"
        assert "Methods: No script for paperless calls" in view.static_html()
    finally:
        live.forget_all()


def test_root_cause_forms_save_the_listed_ids(store) -> None:  # type: ignore[no-untyped-def]
    from helpers.rootcause import fishbone_form, fishbone_question_ids, five_whys_question_ids

    assert [f.question_id for f in five_whys_form(store=store).forms] == five_whys_question_ids()
    assert [f.question_id for f in fishbone_form(store=store).forms] == fishbone_question_ids()
