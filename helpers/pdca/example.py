"""A worked example: Brightwater Energy's (the invented sample organisation's) PDCA plan.

Figures come from the sample data: ``check_from_data(monthly_operations, ...)`` and the
complaints log (a test checks them against the data). Wherever it is shown it says it is an
example from the sample organisation.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from ..views import Block, escape
from .model import Act, Action, Check, Cycle, DoEntry, PdcaPlan, Plan, SuccessCriterion
from .rendering import plan_html, plan_markdown

EXAMPLE_PLAN = PdcaPlan(
    [
        Cycle(
            1,
            Plan(
                problem=(
                    "After paperless billing began in January 2025, first-contact resolution "
                    "fell from a monthly mean of 72.7 % (Oct to Dec 2024) to 68.4 % (Jan to Mar "
                    "2025), and 'paperless switch problem' became a new complaint category."
                ),
                data_source=(
                    "Monthly operations figures and the complaints log, Jan 2024 to Mar 2025"
                ),
                root_cause=(
                    "Advisers had no step-by-step guide to helping customers open an email bill "
                    "or sign online, so many calls were passed to the billing team."
                ),
                objective=(
                    "Raise first-contact resolution from 68.4 % to 73 % by 30 September 2025 so "
                    "that customers who switch to paperless get help in one call."
                ),
                actions=[
                    Action(
                        "Write a one-page paperless help guide",
                        "Team leader",
                        "4 hours; billing team to check it",
                        "2025-04-01",
                        "2025-04-11",
                    ),
                    Action(
                        "Brief advisers in team huddles",
                        "Team leader",
                        "Three 15-minute huddles",
                        "2025-04-14",
                        "2025-04-18",
                    ),
                    Action(
                        "Link the guide from the customer record screen",
                        "IT support",
                        "2 hours of IT time",
                        "2025-04-14",
                        "2025-04-25",
                    ),
                ],
                success_criteria=[
                    SuccessCriterion(
                        "First-contact resolution (%)", "68.4 (Jan to Mar 2025)", "73", "2025-09-30"
                    ),
                    SuccessCriterion(
                        "Complaints a month", "21.7 (Jan to Mar 2025)", "14", "2025-09-30"
                    ),
                ],
            ),
            [
                DoEntry(
                    "2025-04-11",
                    "Guide finished and checked by two billing colleagues",
                    "Team leader, billing team",
                    "paperless-guide-v2.pdf",
                ),
                DoEntry(
                    "2025-04-16",
                    "Huddles held; advisers suggested adding the e-signature steps",
                    "All advisers",
                    "huddle notes 16 April",
                ),
                DoEntry(
                    "2025-04-25",
                    "Guide linked from the customer record screen",
                    "IT support",
                    "change ticket 4471",
                ),
            ],
            Check(
                "First-contact resolution (%)",
                68.4,
                73.7,
                "2025-01 to 2025-03",
                "2025-07 to 2025-09",
                "Customer: 'Really pleased with the paperless bill, it arrives on time.' "
                "Customer: 'The e-signature link expired before I could use it.' "
                "Adviser: 'I can sort most paperless calls myself now.'",
            ),
            Act(
                "Adopt",
                "Resolution reached 73.7 % (target 73 %). Complaints fell to 14.0 a month, "
                "meeting the target, but are still above the 12.7 of late 2024.",
                "Expired e-signature links still cause calls. Billing errors are the largest "
                "complaint group in the Pareto chart, so cycle 2 looks at those.",
            ),
        ),
        Cycle(
            2,
            Plan(
                problem=(
                    "Billing errors are the largest complaint category: 84 of 351 complaints "
                    "in 2024 and 2025 (24 %)."
                ),
                data_source="The complaints log, Jan 2024 to Dec 2025",
                objective=(
                    "Reduce billing error complaints from 4 to 2 a month by 31 March 2026 so "
                    "that customers can trust their bills."
                ),
                actions=[
                    Action(
                        "Check meter readings before each bill is sent",
                        "Billing team leader",
                        "Report from the billing system",
                        "2026-01-05",
                        "2026-02-27",
                    ),
                ],
            ),
        ),
    ]
)


EXAMPLE_NOTE = (
    "Example from the sample organisation: Brightwater Energy is invented. This is not the "
    "learner's own plan."
)


def show_example_plan() -> Block:
    """The worked example: Brightwater's first cycle in full, with its timeline, marked as an
    example from the sample organisation (so nobody takes it for the learner's plan)."""
    from ..plots import Chart
    from ..timeline import timeline_chart

    first = PdcaPlan([EXAMPLE_PLAN.cycles[0]])
    actions = [asdict(a) for a in first.cycles[0].plan.actions]
    chart = Chart(*timeline_chart(actions, today=date(2025, 4, 16)))
    note = f'<p class="cw-sample-example"><strong>{escape(EXAMPLE_NOTE)}</strong></p>'
    return Block(
        '<div class="cw-example">' + note + plan_html(first) + chart.html() + "</div>",
        f"{EXAMPLE_NOTE}\n\n{plan_markdown(first)}",
    )
