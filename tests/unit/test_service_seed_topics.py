"""Notebook 04's seed topics: relationships, SLAs between two parties, questioning, escalation."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.service import (
    SLA_PARTS,
    communication_form,
    customer_relationship_form,
    escalation_form,
    escalation_hints,
    question_hints,
    questions_in,
    relationship_hints,
    sla_definition_form,
    sla_definition_hints,
)
from helpers.store import AnswerStore

GOOD_SLA = {
    "parties": "The contact centre and the metering team",
    "service": "Checking a meter reading when an adviser asks",
    "target": "95 % of checks done within 2 working days",
    "managing": "Team leaders look at the figures each Monday; if it slips they meet",
    "reporting": "A weekly table to both team leaders and a monthly review",
}


def test_a_complete_sla_between_two_teams_has_no_hints() -> None:
    assert sla_definition_hints(GOOD_SLA) == []


def test_a_promise_to_customers_is_called_a_service_standard_not_an_sla() -> None:
    hints = sla_definition_hints({**GOOD_SLA, "parties": "Our customers"})
    assert len(hints) == 1 and "service standard" in hints[0]
    # a supplier serving customers is still two parties
    assert sla_definition_hints({**GOOD_SLA, "parties": "Us and the supplier for customers"}) == []


@pytest.mark.parametrize(
    ("key", "text", "needle"),
    [
        ("target", "as quick as we can", "number and a time"),
        ("target", "95 %", "number and a time"),
        ("managing", "We look at it", "slip"),
        ("reporting", "We send it to the manager", "how often"),
        ("service", "", "what service"),
    ],
)
def test_each_missing_part_of_an_sla_gets_its_own_hint(key: str, text: str, needle: str) -> None:
    hints = sla_definition_hints({**GOOD_SLA, key: text})
    assert len(hints) == 1 and needle in hints[0].lower()


def test_sla_form_saves_each_part_under_its_own_id_and_hints_live(store: AnswerStore) -> None:
    panel = sla_definition_form(store=store)
    assert [f.question_id for f in panel.forms] == [f"04.sla.{p.key}" for p in SLA_PARTS]
    assert "two parties" in panel.hint_box.value
    for form, part in zip(panel.forms, SLA_PARTS, strict=True):
        form.value = GOOD_SLA[part.key]
    assert "looks complete" in panel.hint_box.value
    assert store.load("04.sla.target") == GOOD_SLA["target"]


def test_questions_are_found_one_per_line_or_sentence() -> None:
    text = "What happened when the bill did not come? How do you feel now?\n- Is this your email?"
    assert questions_in(text) == [
        "What happened when the bill did not come?",
        "How do you feel now?",
        "Is this your email?",
    ]


def test_question_hints_want_two_open_questions_and_one_closed() -> None:
    assert question_hints("What happened? Tell me about the letter? Is this your address?") == []
    only_closed = question_hints("Is this your address? Did you get the email?")
    assert len(only_closed) == 1 and "open questions" in only_closed[0]
    only_open = question_hints("What happened?\nHow did you find out?")
    assert len(only_open) == 1 and "closed question" in only_open[0]
    assert len(question_hints("")) == 2


def test_communication_form_hints_follow_the_questions_box(store: AnswerStore) -> None:
    panel = communication_form(store=store)
    ids = [f.question_id for f in panel.forms]
    assert ids == [
        "04.communication.listening",
        "04.communication.questions",
        "04.communication.adapting",
    ]
    assert "open questions" in panel.hint_box.value
    panel.forms[1].value = "What happened?\nHow can I help?\nIs this your email address?"
    assert "looks complete" in panel.hint_box.value


def test_escalation_hints_ask_who_why_when_and_the_own_procedure() -> None:
    complete = {
        "when": "Yes, to a team leader, because she may be cut off and is worried",
        "handover": "I would pass on the notes and tell her the team leader calls her back by 4pm today",
        "own": "Adviser, then team leader the same day, then the complaints team within 5 days.",
    }
    assert escalation_hints(complete) == []
    assert len(escalation_hints({})) == 4
    vague = escalation_hints({**complete, "when": "Yes I would escalate it"})
    assert any("who you would escalate to" in h for h in vague)
    assert any("reason" in h for h in vague)
    no_next = escalation_hints({**complete, "handover": "I would pass it on"})
    assert no_next == [escalation_hints({})[2]]


def test_escalation_form_ids(store: AnswerStore) -> None:
    panel = escalation_form(store=store)
    assert [f.question_id for f in panel.forms] == [
        "04.escalation.when",
        "04.escalation.handover",
        "04.escalation.own",
    ]


def test_relationship_hints_want_evidence_of_loyalty_and_ethical_data_handling() -> None:
    assert len(relationship_hints({})) == 2
    good = {
        "loyalty": "We ring customers after a second complaint so they stay with us.",
        "data": "We record only what we need and check the email address is accurate on each call.",
    }
    assert relationship_hints(good) == []
    no_care = relationship_hints({**good, "data": "We record their name, address and calls."})
    assert len(no_care) == 1 and "ethically" in no_care[0]
    no_sign = relationship_hints({**good, "loyalty": "We send a birthday card."})
    assert len(no_sign) == 1 and "how you know it works" in no_sign[0].lower()


def test_relationship_form_saves_and_escapes(store: AnswerStore) -> None:
    panel = customer_relationship_form(store=store)
    assert [f.question_id for f in panel.forms] == ["04.crm.loyalty", "04.crm.data"]
    panel.forms[1].value = "<i>only</i> what we need"
    assert "&lt;i&gt;only&lt;/i&gt;" in panel._repr_mimebundle_()["text/html"]
    assert store.load("04.crm.data") == "<i>only</i> what we need"


def test_response_time_chart_follows_the_learners_file(tmp_path: Path) -> None:
    from helpers import live
    from helpers.datasource import table, use_path
    from helpers.service import show_sla_chart

    view = show_sla_chart()
    try:
        assert view.data == ("sla_response_times",)
        assert "Chat (target 2 minutes)" in view.static_html()
        own = table("sla_response_times")
        own = own[own["channel"] == "phone"]
        path = tmp_path / "my_times.csv"
        own.to_csv(path, index=False)
        assert use_path("sla_response_times", path).used
        live._dispatch({"data.choice.sla_response_times"})  # what the poller does within 1 s
        assert "Chat (target" not in view.static_html()
        assert "Phone (target 5 minutes)" in view.static_html()
    finally:
        live.forget_all()


def test_law_tables_follow_the_reference_files_notebooks_column() -> None:
    from helpers.legislation import keys_for, load_legislation
    from helpers.service import legislation_table

    titles = {law.key: law.title for law in load_legislation()}
    page = legislation_table(notebook="04", leave_out=["iso_23592"]).data
    for key in keys_for("04"):
        assert (titles[key] in page) == (key != "iso_23592"), key
    assert "Ofgem" in page and "Digital Markets" in page
    chosen = legislation_table(["dmcc_2024", "cma_green_claims_code"]).data
    assert chosen.index("Digital Markets") < chosen.index("Green Claims Code")


def test_a_missing_law_is_explained_without_its_key_or_the_file_name() -> None:
    from helpers.errors import ReferenceDataError
    from helpers.service import legislation_table

    with pytest.raises(ReferenceDataError) as raised:
        legislation_table(["no_such_law_2099"])
    assert "no_such_law_2099" not in str(raised.value)
    assert ".csv" not in str(raised.value)
