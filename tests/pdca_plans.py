"""A two-cycle PDCA plan with every field filled, for round trips and rendering."""

from __future__ import annotations

from helpers.pdca import Act, Action, Check, Cycle, DoEntry, PdcaPlan, Plan, SuccessCriterion


def two_cycle_plan() -> PdcaPlan:
    """Cycle 1 complete (markup and a "|" in the learner's text), cycle 2 only started."""
    first = Cycle(
        1,
        Plan(
            problem="Billing error complaints rose to 48 in 2025 <b>bold</b>.",
            data_source="complaints log, Jan to Dec 2025",
            root_cause="Estimated meter readings used when customers had sent their own.",
            objective="Reduce billing error complaints from 5 to 3 a month by June 2026 "
            "so customers trust their bills.",
            actions=[
                Action(
                    "Add a meter-reading check",
                    "Priya (team leader)",
                    "2 hours of IT",
                    "2026-01-05",
                    "2026-01-30",
                ),
                Action("Brief the team", "Owen", "15-minute huddle", "2026-02-02", "2026-02-02"),
            ],
            success_criteria=[
                SuccessCriterion("Billing error complaints a month", "5", "3", "2026-06-30")
            ],
        ),
        [
            DoEntry(
                "2026-01-05", "Check added to the billing screen", "Priya, IT", "screenshot-01.png"
            ),
            DoEntry(
                "2026-02-02", "Team briefed | questions answered", "whole team", "huddle notes"
            ),
        ],
        Check(
            "Billing error complaints a month",
            5.0,
            3.3,
            "Oct-Dec 2025",
            "Apr-Jun 2026",
            "Fewer calls.",
        ),
        Act("Adapt", "Fell, but not to target.", "Add a text reminder to send readings."),
    )
    second = Cycle(
        2,
        Plan(
            problem="Readings still missing",
            objective="Cut estimated bills by 20 % by 2026-12-31 for customers.",
        ),
        [DoEntry("2026-07-01", "Text reminder live", "Marketing", "sms-copy.pdf")],
        Check(),
        Act(),
    )
    return PdcaPlan([first, second])
