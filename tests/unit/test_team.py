"""Team dashboard (small multiples, no league table) and SMART goal feedback."""

from __future__ import annotations

import pandas as pd

from helpers.datasource import sample_table
from helpers.team import GOAL_COLUMNS, goal_feedback_html, goals_form, team_dashboard, team_medians


def kpi() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": ["2025-01"] * 3 + ["2025-02"] * 3,
            "agent": ["Agent A", "Agent B", "Agent C"] * 2,
            "first_contact_resolution_pct": [70, 80, 75, 72, 82, 90],
            "csat_pct": [80, 85, 90, 81, 86, 91],
            "average_handling_minutes": [6, 7, 8, 6, 7, 9],
            "wellbeing_score": [5, 6, 7, 6, 7, 8],
        }
    )


def test_team_median_per_month() -> None:
    medians = team_medians(kpi())
    assert medians["first_contact_resolution_pct"].tolist() == [75, 82]
    assert list(medians.index) == ["2025-01", "2025-02"]


def test_dashboard_is_small_multiples_without_names_or_ranking() -> None:
    frame = sample_table("team_kpi")
    figure, alt = team_dashboard(frame)
    assert len(figure.axes) == 4
    agents = frame["agent"].nunique()
    for ax in figure.axes:
        assert len(ax.lines) == agents + 1  # one thin line per agent plus the team median
        assert ax.get_ylabel()
    texts = " ".join(t.get_text() for ax in figure.axes for t in ax.texts) + alt
    texts += " ".join(label for ax in figure.axes for label in ax.get_legend_handles_labels()[1])
    assert "Agent" not in texts
    for word in ("best", "worst", "rank 1", "top performer", "league"):
        assert word not in alt.lower()
    assert "no ranking" in alt and f"{agents} agents as thin unlabelled lines" in alt


def test_goal_feedback_names_missing_owner_and_date() -> None:
    rows = [
        {
            GOAL_COLUMNS[
                0
            ]: "Raise team FCR from 72 % to 76 % by June 2026 so customers ring once.",
            GOAL_COLUMNS[1]: "The team",
        },
        {
            GOAL_COLUMNS[0]: "Cut my handling time from 8 to 7 minutes so customers wait less.",
            GOAL_COLUMNS[1]: "",
        },
    ]
    text = goal_feedback_html(rows)
    assert "Goal 1 looks SMART" in text
    assert "no owner" in text and "no date by which the target is met" in text


def test_goals_form_updates_feedback(store) -> None:  # type: ignore[no-untyped-def]
    group = goals_form("06.goals.team", "Team goals", store=store)
    feedback = group.widget.children[-1]
    group.forms[0].value = [{GOAL_COLUMNS[0]: "Be nicer", GOAL_COLUMNS[1]: "Team"}]
    assert "too short" in feedback.value
    assert store.load("06.goals.team") == [{GOAL_COLUMNS[0]: "Be nicer", GOAL_COLUMNS[1]: "Team"}]


def test_dashboard_follows_the_data_choice(coursework_dir) -> None:  # type: ignore[no-untyped-def]
    from helpers import live
    from helpers.team import show_team_dashboard

    live.forget_all()
    try:
        view = show_team_dashboard()
        assert view.data == ("team_kpi",)
        assert 'src="data:image/png;base64,' in view.static_html()
        assert "individual agents" in view.static_html() or "agent" in view.static_html()
    finally:
        live.forget_all()
