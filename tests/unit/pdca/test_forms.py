"""The PDCA forms: the plan's question ids, SMART feedback, figures typed into Check."""

from __future__ import annotations

import pytest

from helpers.pdca import Action, Cycle, load_plan, plan_form, question_id, save_plan
from tests.pdca_plans import two_cycle_plan


def test_forms_use_the_same_ids_as_the_plan(store) -> None:  # type: ignore[no-untyped-def]
    save_plan(two_cycle_plan(), store)
    group = plan_form(1, store=store)
    by_id = {f.question_id: f for f in group.forms}
    actions = by_id[question_id(1, "plan.actions")]
    assert actions.value[0]["Owner"] == "Priya (team leader)"
    actions.value = [
        *actions.value,
        {
            "What will be done": "Review",
            "Owner": "Mo",
            "Resources": "",
            "Start (YYYY-MM-DD)": "2026-03-01",
            "End (YYYY-MM-DD)": "2026-03-02",
        },
    ]
    assert load_plan(store).cycle(1).plan.actions[-1] == Action(
        "Review", "Mo", "", "2026-03-01", "2026-03-02"
    )


def test_smart_feedback_appears_under_the_plan_form(store) -> None:  # type: ignore[no-untyped-def]
    group = plan_form(3, store=store)
    feedback = group.widget.children[-1]
    assert "Write your objective to see its SMART check" in feedback.value
    objective = next(f for f in group.forms if f.question_id == question_id(3, "plan.objective"))
    objective.value = "Be better."
    assert "too short" in feedback.value
    objective = next(f for f in group.forms if f.question_id == question_id(3, "plan.objective"))
    objective.value = (
        "Reduce billing complaints from 14 to 8 a month by June 2026 so customers trust bills."
    )
    assert "looks SMART" in feedback.value


def test_forms_save_exactly_the_ids_listed_for_the_notebook_metadata(store) -> None:  # type: ignore[no-untyped-def]
    from helpers.pdca import (
        act_form,
        check_form,
        cycle_answers,
        cycle_question_ids,
        do_form,
        stage_question_ids,
    )

    for stage, make in (
        ("plan", plan_form),
        ("do", do_form),
        ("check", check_form),
        ("act", act_form),
    ):
        assert [f.question_id for f in make(4, store=store).forms] == stage_question_ids(4, stage)
    assert set(cycle_answers(Cycle(4))) == set(cycle_question_ids(4))


# ---------------------------------------------------------------------------------------------
# One parse_number: the PDCA before/after boxes read figures with the same parser as data files
# ---------------------------------------------------------------------------------------------


def _type_check_figures(store, before: str, after: str = ""):  # type: ignore[no-untyped-def]
    """Type into cycle 1's Check boxes as a learner would; the figures the PDCA then reads."""
    from helpers import pdca

    boxes = {form.question_id: form for form in pdca.check_form(1, store=store).forms}
    boxes[pdca.question_id(1, "check.before")].control.value = before
    boxes[pdca.question_id(1, "check.after")].control.value = after
    plan = pdca.load_plan(store)
    return boxes[pdca.question_id(1, "check.before")], plan.cycles[0].check if plan.cycles else None


# Figures a learner types into "Before: the figure" that the old box read correctly: they still
# save the same number.
@pytest.mark.parametrize(
    ("typed", "figure"),
    [
        ("12", 12),
        ("3.5", 3.5),
        (" 12 ", 12),
        ("1,200", 1200),
        ("41,200", 41200),
        ("£1,200", 1200),
        ("£3.50", 3.5),
        ("300 GBP", 300),
        ("30 %", 30),
        ("45%", 45),
        ("72.7 %", 72.7),
        ("12.5 kWh", 12.5),
        ("12.5kWh", 12.5),
        ("1,234 kWh", 1234),
        ("4.5 mins", 4.5),
        ("2 hours", 2),
        ("90 s", 90),
        ("12 km", 12),
        ("40 miles", 40),
        ("12 litres", 12),
        ("320 pages", 320),
        ("1,200 bills", 1200),
        ("85 complaints", 85),
        ("12 customers", 12),
        ("40 tickets", 40),
        ("12 kg", 12),
        ("3 days", 3),
        ("2 weeks", 2),
        ("-5", -5),
        ("12.", 12),
        (".5", 0.5),
    ],
)
def test_pdca_check_figures_a_learner_types_are_saved(store, typed: str, figure: float) -> None:  # type: ignore[no-untyped-def]
    box, check = _type_check_figures(store, typed)
    assert store.load(box.question_id) == figure
    assert check is not None and check.before == figure
    assert "Saved" in box.status.value


# Text the old box turned into a wrong figure ("2 to 3" -> 23, "10 kWh (2024)" -> 102024).
@pytest.mark.parametrize(
    "typed", ["2 to 3", "10 kWh (2024)", "4.2/5", "8/10", "1.5k", "c. 300", "2-3", "about"]
)
def test_pdca_check_text_that_is_not_one_figure_is_not_saved_as_one(store, typed: str) -> None:  # type: ignore[no-untyped-def]
    box, check = _type_check_figures(store, typed, typed)
    assert store.load(box.question_id) is None
    assert check is None or (check.before is None and check.after is None)
    assert "Not saved yet: type a number" in box.status.value
    assert box.control.value == typed  # the learner's text stays in the box to correct


# Text the old box read as another number: now read as written.
@pytest.mark.parametrize(
    ("typed", "figure"), [("−5", -5), ("3 m3", 3), ("12,5", 12.5), ("250 kg CO2e", 250)]
)
def test_pdca_check_figures_the_old_box_misread_are_read_as_written(  # type: ignore[no-untyped-def]
    store, typed: str, figure: float
) -> None:
    box, check = _type_check_figures(store, typed)
    assert store.load(box.question_id) == figure
    assert check is not None and check.before == figure


def test_a_box_showing_refused_text_exports_no_figure(store) -> None:  # type: ignore[no-untyped-def]
    box, _ = _type_check_figures(store, "2 to 3")
    assert box.value is None  # what the export's static copy shows: no figure, no crash
    assert "23" not in box._repr_mimebundle_()["text/plain"]
