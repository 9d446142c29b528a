"""Formative feedback rules: each with answers that pass and answers that do not (and why)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from helpers import feedback
from helpers.feedback import RULES, evaluate

RULE_IDS = {rule.id for rule in RULES}


def result(rule_id: str, answers: dict[str, Any], data: Any = None) -> feedback.Result:
    rule = next(r for r in RULES if r.id == rule_id)
    return rule.check(answers, data)


# rule id -> (answers that meet it, answers that do not, words expected in the reason)
CASES: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    "review.channels": (
        {"01.review.channels": "Printed bills and letters by post; email and live chat."},
        {"01.review.channels": "We print bills and post letters to every customer."},
        "only physical",
    ),
    "review.impacts": (
        {"01.review.impacts": "Office electricity (energy), paper waste, and paper resources."},
        {"01.review.impacts": "Paper is used for bills."},
        "energy",
    ),
    "review.figures": (
        {"01.improve.ideas": "Paperless billing would cut printed bills by 60 % (25,000 a month)."},
        {"01.improve.ideas": "Paperless billing would cut printed bills a lot."},
        "no figure",
    ),
    "review.not_cost_only": (
        {"01.improve.ideas": "Saving money and cutting paper waste and carbon emissions."},
        {"01.improve.ideas": "It saves money and reduces cost for the business."},
        "saving money",
    ),
    "review.customer": (
        {"01.review.customer_role": "Customers choose paperless bills and chat instead of calls."},
        {"01.review.customer_role": "The office uses lights all day."},
        "customers",
    ),
    "monitor.before_after": (
        {
            "02.monitor.change_date": "2025-01-01",
            "02.monitor.readings": [
                {"month": f"2024-{m:02d}", "value": "100"} for m in (9, 10, 11, 12)
            ]
            + [{"month": f"2025-{m:02d}", "value": "60"} for m in (1, 2, 3)],
        },
        {
            "02.monitor.change_date": "2025-01-01",
            "02.monitor.readings": [
                {"month": "2024-12", "value": "100"},
                {"month": "2025-01", "value": "60"},
            ],
        },
        "1 before and 1 after",
    ),
    "monitor.ongoing": (
        {"02.monitor.second_review": "2025-09-30", "02.monitor.notes": "We check again monthly."},
        {"02.monitor.notes": "This was a one-off check and it is finished."},
        "one-off",
    ),
    "monitor.feedback": (
        {"02.monitor.summary": "Bills fell by 70 %. One customer said the email bill was clearer."},
        {"02.monitor.summary": "Bills fell by 70 % and kWh fell 8 %."},
        "said",
    ),
    "monitor.figures": (
        {"02.monitor.summary": "Paper use fell from 410 to 120 reams a month."},
        {"02.monitor.summary": "Paper use fell a great deal."},
        "no figure",
    ),
    "promote.plan": (
        {"03.promotion.audience": "Colleagues in the billing team and our customers."},
        {"03.promotion.audience": "A poster."},
        "who the promotion is for",
    ),
    "promote.reception": (
        {"03.promotion.reception": "The survey showed awareness rose from 2.1 to 3.8 out of 5."},
        {"03.promotion.reception": "We put posters up in the canteen."},
        "evidence of reception",
    ),
    "promote.outcomes": (
        {"03.promotion.outcomes": "Complaints about lost bills fell and CSAT stayed at 86 %."},
        {"03.promotion.outcomes": "People liked the posters."},
        "satisfaction",
    ),
    "promote.law": (
        {"03.promotion.why": "UK GDPR applies to email lists; a breach risks an ICO fine."},
        {"03.promotion.why": "UK GDPR applies to email lists."},
        "consequence",
    ),
    "promote.claims": (
        {
            "03.claims.claim": "With email bills, no paper bill is printed or posted for you.",
            "03.claims.evidence": "Our print records show 1,200 fewer bills posted in May.",
        },
        {
            "03.claims.claim": "Go paperless: our email bills are carbon neutral.",
            "03.claims.evidence": "Our print records show 1,200 fewer bills posted in May.",
        },
        "whole life",
    ),
    "promote.not_brand_only": (
        {"03.promotion.message": "Our green brand helps customers get bills faster by email."},
        {"03.promotion.message": "A new green logo and brand colours for the adverts."},
        "brand",
    ),
    "environment.structure": (
        {"04.structure.roles": "Team leaders are responsible for quality; advisers answer calls."},
        {"04.structure.roles": "It is a big building in Leeds."},
        "who does what",
    ),
    "environment.journey": (
        {"04.journey.steps": [{"step": "Refund", "department": "Finance"}]},
        {"04.journey.steps": [{"step": "Answer the call", "department": "Contact centre"}]},
        "behind the scenes",
    ),
    "environment.moment": (
        {
            "04.journey.moment": "The first email bill: the customer expects it on time, "
            "and the IT team that sends bills decides how it goes."
        },
        {"04.journey.moment": "The first email bill after switching to paperless."},
        "expects or feels",
    ),
    "environment.loyalty": (
        {"04.crm.loyalty": "We ring customers who complain twice; most of them stay with us."},
        {"04.crm.loyalty": "We send a thank-you card with the first bill."},
        "come back",
    ),
    "environment.customer_data": (
        {"04.crm.data": "We record the email address and check it is up to date on each call."},
        {"04.crm.data": "We record the email address and the account number."},
        "ethically",
    ),
    "environment.sla": (
        {
            "04.sla.parties": "The contact centre and the metering team.",
            "04.sla.target": "95 % of reading checks within 2 working days.",
            "04.sla.reporting": "Metering sends a weekly report to both team leaders.",
        },
        {
            "04.sla.parties": "Our customers.",
            "04.sla.target": "95 % of emails answered within 1 working day.",
            "04.sla.reporting": "A monthly report to the board.",
        },
        "service standard",
    ),
    "environment.communication": (
        {
            "04.communication.questions": "What happened when the bill arrived?\n"
            "How can I help today?\nIs the email address on the account still right?"
        },
        {"04.communication.questions": "What happened?\nHow did you find out?"},
        "closed question",
    ),
    "environment.listening": (
        {
            "04.communication.listening": "I let her finish, then sum up and check I have it.",
            "04.communication.adapting": "A calm pace and plain words on the phone.",
        },
        {"04.communication.listening": "I listen to her carefully."},
        "sum it up",
    ),
    "environment.escalation": (
        {
            "04.escalation.when": "Yes, to my team leader, because the refund is over my limit.",
            "04.escalation.handover": "I pass on the notes and tell her she will hear by 5 pm.",
        },
        {"04.escalation.when": "I would deal with it myself as best I can."},
        "escalate to",
    ),
    "environment.law": (
        {
            "04.law.table": [
                {"Law": "UK GDPR", "Daily task": "Check ID", "If breached": "ICO fine, lost trust"}
            ]
        },
        {"04.law.table": [{"Law": "UK GDPR", "Daily task": "Check ID", "If breached": ""}]},
        "Row 1 names",
    ),
    "environment.measures": (
        {"04.measure.choice": "An SLA target for email and a CSAT survey."},
        {"04.measure.choice": "We ask around."},
        "measured",
    ),
    "environment.brand": (
        {"04.structure.brand": "The brand promise is shown in how we help customers."},
        {"04.structure.brand": "Our logo is blue and the slogan is catchy."},
        "brand",
    ),
    "ci.source": (
        {"05.pdca.cycle1.problem": "The complaints log shows 38 % are about billing errors."},
        {"05.pdca.cycle1.problem": "Things are slow."},
        "data or feedback",
    ),
    "ci.plan": (
        {
            "05.pdca.cycle1.actions": [
                {
                    "what": "Train",
                    "owner": "TL",
                    "resources": "2 hours",
                    "start": "2025-02-01",
                    "end": "2025-03-01",
                }
            ],
            "05.pdca.cycle1.success": [
                {"metric": "FCR", "baseline": "71", "target": "78", "by_when": "2025-06-30"}
            ],
        },  # fmt: skip
        {"05.pdca.cycle1.actions": [{"what": "Train staff", "owner": "TL"}]},
        "timescales",
    ),
    "ci.root_cause": (
        {"05.rootcause.whys.root_cause": "No checklist, because the process was rushed."},
        {"05.rootcause.whys.problem": "Customers ring back."},
        "root cause",
    ),
    "ci.log": (
        {
            "05.pdca.cycle1.do.log": [
                {
                    "Date (YYYY-MM-DD)": "2025-03-12",
                    "What happened": "Huddle",
                    "Who was involved": "Team leader",
                }
            ]
        },
        {
            "05.pdca.cycle1.do.log": [
                {
                    "Date (YYYY-MM-DD)": "",
                    "What happened": "Huddle",
                    "Who was involved": "Team leader",
                }
            ]
        },
        "no date",
    ),
    "ci.people": (
        {"05.pdca.cycle1.do": "The team agreed the script with our manager."},
        {"05.pdca.cycle1.do": "I changed the script."},
        "involved",
    ),
    "ci.review": (
        {"05.pdca.cycle1.check": "FCR rose from 71 to 77 %; a customer said it was quicker."},
        {"05.pdca.cycle1.check": "It felt better and people were happier."},
        "figures",
    ),
    "ci.figures": (
        {"05.pdca.cycle1.check": "Repeat calls fell by 12 %."},
        {"05.pdca.cycle1.check": "Repeat calls fell."},
        "no figure",
    ),
    "ci.next_cycle": (
        {"05.pdca.cycle1.act": "Adopt it; the next cycle will try the same for email."},
        {"05.pdca.cycle1.act": "Adopt it."},
        "one-off",
    ),
    "team.roles": (
        {"06.team.expectations": "Each adviser is responsible for their own callbacks."},
        {"06.team.expectations": "We are nice."},
        "expected",
    ),
    "team.smart": (
        {"06.team.goal_team": "Raise FCR from 72 % to 78 % by 30 June 2025."},
        {"06.team.goal_team": "Be better at calls."},
        "a number",
    ),
    "team.competition": (
        {
            "06.results.competition": "We would compete as a team against a goal, not person "
            "against person, because a ranking of names would put pressure on new advisers "
            "and tempt people to rush calls."
        },
        {
            "06.results.competition": "Yes, some friendly competition would be fun and would "
            "help the whole team every week, with a prize each month for the top adviser."
        },
        "risk of competition",
    ),
    "team.support": (
        {"06.team.care": "Weekly coaching check-ins and wellbeing support."},
        {"06.team.care": "We have targets."},
        "supported",
    ),
    "reflect.gibbs": (
        {f"07.gibbs.{s}": "word " * 20 for s in feedback.GIBBS_STAGE_NAMES},
        {"07.gibbs.description": "word " * 20},
        "feelings",
    ),
    "reflect.links": (
        {"07.gibbs.analysis": "Our environmental policy guided us; paper use fell 70 %."},
        {"07.gibbs.analysis": "I enjoyed it."},
        "policy or law",
    ),
    "reflect.figures": (
        {"07.gibbs.evaluation": "Printed bills fell by 68 %."},
        {"07.gibbs.evaluation": "Printed bills fell a lot."},
        "no figure",
    ),
    "reflect.declaration": (
        {
            "07.declaration.agree": ["I confirm"],
            "07.declaration.name": "Sam Taylor",
            "07.declaration.date": "2025-11-20",
        },
        {"07.declaration.name": "Sam Taylor"},
        "tick the box",
    ),
}


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == RULE_IDS


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_met_by_good_answers(rule_id: str) -> None:
    good, _bad, _why = CASES[rule_id]
    assert result(rule_id, good) == (True, "")


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_not_met_says_why(rule_id: str) -> None:
    _good, bad, why = CASES[rule_id]
    met, reason = result(rule_id, bad)
    assert not met
    assert why.lower() in reason.lower()


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_not_met_when_nothing_written(rule_id: str) -> None:
    met, reason = result(rule_id, {})
    assert not met and reason


def test_digital_only_review_asks_for_physical_channels() -> None:
    met, reason = result("review.channels", {"01.review.x": "Email and live chat."})
    assert not met and "physical" in reason


def test_monitoring_reads_the_chosen_data_when_no_table_is_typed() -> None:
    months = [f"2024-{m:02d}" for m in range(1, 13)] + [f"2025-{m:02d}" for m in range(1, 13)]
    frame = pd.DataFrame({"month": months, "printed_bills": range(24)})
    answers = {"02.monitor.change_date": "2025-01-01"}
    assert result("monitor.before_after", answers, lambda kind: frame).met
    assert not result("monitor.before_after", answers).met


def test_rules_for_a_finer_section_keep_the_notebook_rules() -> None:
    assert {r.id for r in feedback.rules_for("05.pdca")} == {
        r.id for r in RULES if r.section == "05"
    }
    assert all(rule.section == "01" for rule, _ in evaluate({}, "01"))


SAMPLE_ROW = "Example from the sample organisation"


def untouched_notebooks() -> dict[str, Any]:
    """What a learner's store can hold before they write anything: choices made for them and
    tables filled in from the sample, every row still marked as an example."""
    example = {
        "Channel": "Printed bills",
        "Amount": "25000",
        "Where this row comes from": SAMPLE_ROW,
    }
    return {
        "01.review.period": "2024",
        "01.review.channels": [example, dict(example, Channel="Email")],
        "02.monitor.second_review": [dict(example, Date="2025-06-01")],
        "04.journey.steps": [dict(example, Team="Finance")],
        "06.results.board": [dict(example, Measure="Complaints per 100 calls")],
        # boxes of the seed topics that were shown but not used
        "03.claims.checked": [],
        "03.claims.claim": "",
        "04.sla.parties": "",
        "04.communication.questions": "   ",
        "04.crm.data": None,
        "06.results.competition": "",
    }


@pytest.mark.parametrize("answers", [{}, untouched_notebooks()], ids=["empty", "untouched"])
def test_no_rule_finds_evidence_in_a_notebook_nobody_wrote_in(answers: dict[str, Any]) -> None:
    found = [rule.id for rule in RULES if rule.check(answers, None).met]
    assert found == []


def test_a_misconception_check_needs_words_before_it_can_pass() -> None:
    short = {"01.improvements.proposals": "Go paperless."}
    longer = {
        "01.improvements.proposals": "Go paperless for bills to cut paper waste and emissions."
    }
    assert not result("review.not_cost_only", short).met
    assert "Write your answers first" in result("review.not_cost_only", short).why_not
    assert result("review.not_cost_only", longer).met


def test_confirmed_rows_count_and_example_rows_do_not() -> None:
    rows = [
        {"Channel": "Printed bills and post", "Where this row comes from": SAMPLE_ROW},
        {"Channel": "Email and live chat", "Where this row comes from": "Checked by you"},
    ]
    assert not result("review.channels", {"01.review.channels": rows[:1]}).met
    both = [dict(rows[0], **{"Where this row comes from": "Changed by you"}), rows[1]]
    assert result("review.channels", {"01.review.channels": both}).met


def test_ticking_the_green_claims_principles_is_not_evidence_of_proof() -> None:
    ticked = [
        "It is true and accurate",
        "It can be backed up with evidence",
        "It thinks about the whole life of the product or service",
    ]
    answers = {"03.claims.claim": "Email bills save paper.", "03.claims.checked": ticked}
    met, reason = result("promote.claims", answers)
    assert not met and "Name the evidence" in reason
    answers["03.claims.evidence"] = "Print records: 1,200 fewer bills posted in May 2025."
    assert result("promote.claims", answers).met


def test_a_polite_open_question_is_not_counted_as_a_closed_one() -> None:
    polite = {"04.communication.questions": "Could you tell me what happened?\nWhy now?"}
    met, reason = result("environment.communication", polite)
    assert not met and "closed question" in reason
    polite["04.communication.questions"] += "\nDid the email bill arrive?"
    assert result("environment.communication", polite).met


def test_an_sla_reading_of_the_chart_alone_does_not_define_an_sla() -> None:
    chart = {"04.sla.reading": "Email missed its target in 5 of 12 months; I would look there."}
    met, reason = result("environment.sla", chart)
    assert not met and "Define an SLA" in reason


def test_the_seed_topic_rules_evidence_the_new_criteria() -> None:
    named = {c for rule in RULES for c in rule.criteria}
    for criterion in (
        "SUS.PROMOTE.4",
        "ENV.RELATIONSHIPS.1",
        "ENV.RELATIONSHIPS.2",
        "ENV.COMMUNICATION.1",
        "ENV.COMPLAINTS.2",
    ):
        assert criterion in named


def test_the_rules_know_every_mark_of_an_unconfirmed_example_row() -> None:
    from helpers.example_rows import UNCONFIRMED
    from helpers.feedback.answers import UNCONFIRMED_ROW_MARKS

    assert set(UNCONFIRMED_ROW_MARKS) == set(UNCONFIRMED)


COMPETITION = "06.results.competition"


def test_a_view_on_competition_needs_a_named_risk_and_a_reason() -> None:
    risk_only = (
        "A league table of advisers would put pressure on the people at the bottom, and some "
        "might rush calls to game the measure. We would have a team challenge each month."
    )
    met, reason = result("team.competition", {COMPETITION: risk_only})
    assert not met and "reason for your choice" in reason and "risk" not in reason
    reason_only = (
        "We would have a team challenge to clear every email by Friday, because it pulls "
        "everyone together and makes the work more fun for the whole team."
    )
    met, reason = result("team.competition", {COMPETITION: reason_only})
    assert not met and "risk of competition" in reason and "reason for" not in reason
    both = risk_only + " I chose a team challenge because nobody is singled out."
    assert result("team.competition", {COMPETITION: both}) == (True, "")


@pytest.mark.parametrize(
    "untouched",
    ["", "   ", None, "pressure, gaming the measure, blame because", "Yes because of pressure."],
)
def test_competition_is_never_evidence_when_blank_or_only_the_prompt_words(
    untouched: Any,
) -> None:
    met, reason = result("team.competition", {COMPETITION: untouched})
    assert not met and reason


def test_the_competition_answer_evidences_team_results_in_the_coverage() -> None:
    from helpers.feedback import coverage

    questions = {COMPETITION: ["TEAM.RESULTS.1"]}
    strong = CASES["team.competition"][0]
    assert coverage(strong, ["TEAM.RESULTS.1"], questions)["TEAM.RESULTS.1"].status == "met"
    weak = CASES["team.competition"][1]
    entry = coverage(weak, ["TEAM.RESULTS.1"], questions)["TEAM.RESULTS.1"]
    assert entry.status == "partly" and "risk of competition" in " ".join(entry.reasons)
