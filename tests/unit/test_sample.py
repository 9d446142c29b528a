"""The sample generator is deterministic, matches the committed files, and tells a plausible story."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.paths import DATA_DIR, SAMPLE_DIR
from tests.scripts import load_script

COLUMNS = {
    "monthly_operations": (
        "month,printed_bills,letters_posted,paper_reams,office_kwh,gas_kwh,water_m3,emails_sent,"
        "chat_sessions,call_minutes,video_call_minutes,car_petrol_km,car_diesel_km,"
        "car_electric_km,van_diesel_km,van_electric_km,e_signatures,paperless_accounts_pct,"
        "csat_pct,complaints,first_contact_resolution_pct"
    ),
    "feedback": "feedback_id,date,channel,score,customer_name,comment",
    "complaints": "complaint_id,date_received,channel,category,summary,date_resolved,escalated",
    "sla_response_times": (
        "month,channel,contacts,target_minutes,median_response_minutes,pct_within_target"
    ),
    "team_kpi": (
        "month,agent,first_contact_resolution_pct,csat_pct,average_handling_minutes,wellbeing_score"
    ),
    "promotion_survey": (
        "respondent_id,audience,stage,date,awareness_score,uses_paperless,comment"
    ),
}


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(SAMPLE_DIR / f"{name}.csv") for name in COLUMNS}


def test_regenerating_gives_byte_identical_files(tmp_path: Path) -> None:
    generator = load_script(DATA_DIR / "make_sample.py")
    first = generator.write_all(tmp_path / "one")
    second = generator.write_all(tmp_path / "two")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
        # and the committed copy is what the script makes
        assert (SAMPLE_DIR / a.name).read_bytes() == a.read_bytes(), a.name


def test_every_file_has_exactly_the_agreed_columns() -> None:
    for name, header in COLUMNS.items():
        first_line = (SAMPLE_DIR / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert first_line == header, name


def test_operations_cover_24_months_and_paper_falls_but_does_not_vanish(
    sample: dict[str, pd.DataFrame],
) -> None:
    ops = sample["monthly_operations"]
    assert list(ops["month"]) == [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]
    y2024, y2025 = ops[ops["month"] < "2025"], ops[ops["month"] >= "2025"]
    for column in ("printed_bills", "letters_posted", "paper_reams"):
        assert y2025[column].mean() < 0.7 * y2024[column].mean(), column
        assert y2025[column].min() > 0, column
    for column in ("emails_sent", "chat_sessions", "video_call_minutes"):
        assert y2025[column].mean() > 1.2 * y2024[column].mean(), column
    assert (y2024["e_signatures"] == 0).all() and (y2025["e_signatures"] > 0).all()


def test_satisfaction_dips_early_2025_then_recovers(sample: dict[str, pd.DataFrame]) -> None:
    csat = sample["monthly_operations"].set_index("month")["csat_pct"]
    baseline = csat["2024-01":"2024-12"].mean()
    assert csat["2025-01":"2025-03"].mean() < baseline - 2
    assert csat["2025-10":"2025-12"].mean() > baseline


def test_energy_is_seasonal(sample: dict[str, pd.DataFrame]) -> None:
    ops = sample["monthly_operations"].set_index("month")
    for column in ("gas_kwh", "office_kwh"):
        assert ops.loc["2024-01", column] > 1.3 * ops.loc["2024-07", column], column


def test_complaints_column_matches_the_complaints_log(sample: dict[str, pd.DataFrame]) -> None:
    log = sample["complaints"]
    assert 300 <= len(log) <= 500
    counts = log["date_received"].str[:7].value_counts()
    for month, expected in zip(
        sample["monthly_operations"]["month"],
        sample["monthly_operations"]["complaints"],
        strict=True,
    ):
        assert counts.get(month, 0) == expected
    resolved = log.dropna(subset=["date_resolved"])
    assert (resolved["date_resolved"] >= resolved["date_received"]).all()
    assert set(log["escalated"]) == {"yes", "no"}
    assert "paperless switch problem" in set(log["category"])


def test_feedback_holds_fictional_personal_data_for_the_redaction_exercise(
    sample: dict[str, pd.DataFrame],
) -> None:
    feedback = sample["feedback"]
    assert 200 <= len(feedback) <= 400
    assert feedback["score"].between(1, 5).all()
    comments = " ".join(feedback["comment"])
    emails = re.findall(r"[\w.]+@[\w.]+", comments)
    assert emails and all(email.endswith("@example.com") for email in emails)
    phones = re.findall(r"\b0\d{2,4} \d{3,4} ?\d{3,4}\b", comments)
    assert phones
    assert all(p.startswith(("07700 900", "020 7946 0", "0113 496 0")) for p in phones)


def test_other_tables_have_the_expected_shape(sample: dict[str, pd.DataFrame]) -> None:
    sla = sample["sla_response_times"]
    assert len(sla) == 24 * 4 and set(sla["channel"]) == {"phone", "email", "chat", "letter"}
    team = sample["team_kpi"]
    assert len(team) == 24 * 12 and team["agent"].nunique() == 12
    assert team["wellbeing_score"].between(1, 10).all()
    survey = sample["promotion_survey"]
    assert set(survey["stage"]) == {"before", "after"}
    assert set(survey["audience"]) == {"colleague", "customer"}
    means = survey.groupby("stage")["awareness_score"].mean()
    assert means["after"] > means["before"]
