"""The SMART checker: specific, explainable messages for written objectives and criteria."""

from __future__ import annotations

from datetime import date

import pytest

from helpers.smart import (
    MESSAGES,
    check_criterion,
    check_goal,
    check_objective,
    has_deadline,
    issues_html,
    parse_when,
    smart_guide_html,
)

GOOD_OBJECTIVES = [
    "Raise first-contact resolution on billing calls from 62 % to 75 % by 31 March 2026 "
    "so that customers do not have to ring back.",
    "Reduce billing error complaints from 14 to 8 a month by June 2026, because they are "
    "our largest complaint category.",
    "Cut the median email response time from 16 hours to 8 hours within 3 months so that "
    "customers get answers the same day.",
    "Increase paperless accounts from 41 % to 60 % by the end of Q4 to help the organisation "
    "cut paper use.",
    "Lower printed bills to 20,000 a month by 2026-09-30 so customers get bills faster.",
    "Improve CSAT on chat from 81 % to 85 % by December 2026 for our customers.",
    "Halve repeat contacts about meter readings by the end of the year because they frustrate "
    "customers.",
]

# (objective, the codes it must produce, in order)
FLAWED_OBJECTIVES = [
    ("Improve customer service.", ["too_short"]),
    ("Be better.", ["too_short"]),
    (
        "We will make things better for everyone soon.",
        ["too_vague", "no_number", "no_reason", "no_date"],
    ),
    ("Improve the service we give to customers by June 2026.", ["too_vague", "no_number"]),
    ("Reduce complaints about billing so that customers are happier.", ["no_number", "no_date"]),
    ("Reduce complaints about billing by 20 % so that customers are happier.", ["no_date"]),
    ("Reduce billing complaints from 14 to 8 a month so customers are happier.", ["no_date"]),
    ("Raise first-contact resolution to 75 % for customers.", ["no_date"]),
    ("Raise first-contact resolution to 75 % by March 2026.", ["no_reason"]),
    ("Get zero complaints about meter readings by June 2026 for customers.", ["absolute_target"]),
    (
        "Answer 100 % of calls within 20 seconds by May 2026 so customers wait less.",
        ["absolute_target"],
    ),
    ("Make things more efficient by 40 % by June 2026 so customers benefit.", ["too_vague"]),
    ("Work harder on the phones by next year for customers.", ["no_number", "no_date"]),
    ("Email response times 8 hours by June 2026 for customers.", ["no_direction"]),
    (
        "Improve morale and motivation across the office by 2026-06-30.",
        ["too_vague", "no_number", "no_reason"],
    ),
]


@pytest.mark.parametrize("objective", GOOD_OBJECTIVES)
def test_good_objectives_pass(objective: str) -> None:
    assert check_objective(objective) == []


@pytest.mark.parametrize(("objective", "codes"), FLAWED_OBJECTIVES)
def test_flawed_objectives_get_specific_messages(objective: str, codes: list[str]) -> None:
    issues = check_objective(objective)
    assert [i.code for i in issues] == codes
    for issue, code in zip(issues, codes, strict=True):
        assert issue.message == MESSAGES[code][1]
        assert issue.letter == MESSAGES[code][0]


def test_at_least_twenty_objectives_are_checked() -> None:
    assert len(GOOD_OBJECTIVES) + len(FLAWED_OBJECTIVES) >= 20


def test_missing_date_message_says_so() -> None:
    issues = check_objective(
        "Reduce billing complaints from 14 to 8 a month so customers are happy."
    )
    assert issues[0].message.startswith("no date by which the target is met")


def test_vague_message_asks_which_service() -> None:
    issues = check_objective("We will make things better for everyone soon.")
    assert issues[0].message.startswith("too vague: say which service or process")


def test_date_numbers_do_not_count_as_the_measure() -> None:
    # The only numbers are in the deadline, so there is still nothing to measure.
    issues = check_objective("Reduce billing complaints by 31 March 2026 so customers are happy.")
    assert [i.code for i in issues] == ["no_number"]


@pytest.mark.parametrize(
    "text",
    [
        "by 31 March 2026",
        "by March 2026",
        "before 2026-03-31",
        "within 6 weeks",
        "by the end of Q2",
        "in the next three months",
        "31/03/2026",
        "by the end of the year",
    ],
)
def test_deadline_forms_are_recognised(text: str) -> None:
    assert has_deadline(f"Cut complaints to 8 {text}")


def test_good_success_criterion_passes() -> None:
    assert check_criterion("Billing complaints a month", "14", "8", "2026-06-30") == []


@pytest.mark.parametrize(
    ("row", "codes"),
    [
        (("Billing complaints a month", "", "8", "2026-06-30"), ["no_baseline"]),
        (("Billing complaints a month", "14", "fewer", "2026-06-30"), ["target_no_number"]),
        (("Billing complaints a month", "14", "8", ""), ["no_date"]),
        (("", "14", "8", "2026-06-30"), ["no_metric"]),
        (("things", "14", "8", "2026-06-30"), ["too_vague"]),
        (("First-contact resolution %", "62 %", "62 %", "June 2026"), ["target_equals_baseline"]),
        (("CSAT %", "80", "85", "soonish"), ["date_unreadable"]),
    ],
)
def test_flawed_criteria(row: tuple[str, str, str, str], codes: list[str]) -> None:
    assert [i.code for i in check_criterion(*row)] == codes


def test_criterion_date_in_the_past_is_flagged_against_today() -> None:
    issues = check_criterion("CSAT %", "80", "85", "2024-01-31", today=date(2026, 1, 1))
    assert [i.code for i in issues] == ["date_passed"]
    assert issues[0].message.startswith("the date has already passed")


def test_goal_without_owner_says_no_owner() -> None:
    goal = GOOD_OBJECTIVES[0]
    assert [i.code for i in check_goal(goal, "")] == ["no_owner"]
    assert check_goal(goal, "Agent C")[0:] == []
    assert MESSAGES["no_owner"][1].startswith("no owner")


def test_parse_when_reads_common_forms() -> None:
    assert parse_when("2026-03-31") == date(2026, 3, 31)
    assert parse_when("March 2026") == date(2026, 3, 1)
    assert parse_when("31/03/2026") == date(2026, 3, 31)
    assert parse_when("whenever") is None


def test_html_is_escaped_and_guide_mentions_variants() -> None:
    text = issues_html(check_objective("<b>hi</b> there, make things nicer"), "<script>")
    assert "<script>" not in text and "&lt;script&gt;" in text
    guide = smart_guide_html()
    for word in (
        "Specific",
        "Measurable",
        "Achievable",
        "Relevant",
        "Time-bound",
        "Assignable",
        "Attractive",
    ):
        assert word in guide
    assert "not wrong" in guide
