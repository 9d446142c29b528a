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
            "Start date": "2026-03-01",
            "End date": "2026-03-02",
        },
    ]
    assert load_plan(store).cycle(1).plan.actions[-1] == Action(
        "Review", "Mo", "", "2026-03-01", "2026-03-02"
    )


# ---------------------------------------------------------------------------------------------
# Dates in the PDCA tables: typed the UK way, understood or refused with a message, never lost
# ---------------------------------------------------------------------------------------------


def _editor(form):  # type: ignore[no-untyped-def]
    """The table editor behind a table form (its ``read`` is the editor's bound method)."""
    return form._read.__self__


def _date_cells(form, row: int = 0):  # type: ignore[no-untyped-def]
    """The DateBox cells of one row of a PDCA table, by column label."""
    from helpers.dates import DateBox

    editor = _editor(form)
    cells = zip(editor.columns, editor.rows[row], strict=True)
    return {column: cell for column, cell in cells if isinstance(cell, DateBox)}


@pytest.mark.parametrize("typed", ["14/04/2025", "14 Apr 2025", "14 April 2025", "2025-04-14"])
def test_a_uk_date_typed_in_the_actions_table_is_understood(store, typed: str) -> None:  # type: ignore[no-untyped-def]
    from helpers.pdca import ACTION_COLUMNS, do_form, timeline_html

    actions = next(
        f
        for f in plan_form(1, store=store).forms
        if f.question_id == question_id(1, "plan.actions")
    )
    dates = _date_cells(actions)
    assert set(dates) == {ACTION_COLUMNS["start"], ACTION_COLUMNS["end"]}
    dates[ACTION_COLUMNS["start"]].text.value = typed
    dates[ACTION_COLUMNS["end"]].text.value = "18/04/2025"
    assert "14 April 2025" in dates[ACTION_COLUMNS["start"]].words.value  # said back in words
    saved = store.load(question_id(1, "plan.actions"))[0]
    assert (saved["Start date"], saved["End date"]) == ("2025-04-14", "2025-04-18")
    assert "from 14 Apr 2025 to 18 Apr 2025" in timeline_html(1, store=store)
    log = do_form(1, store=store).forms[0]
    assert set(_date_cells(log)) == {"Date"}


@pytest.mark.parametrize(
    ("typed", "says"),
    [("04/14/2025", "month first"), ("31/02/2025", "not a real date"), ("next week", "not a date")],
)
def test_a_date_that_cannot_be_read_is_refused_with_a_message(store, typed: str, says: str) -> None:  # type: ignore[no-untyped-def]
    from helpers.pdca import ACTION_COLUMNS, timeline_html

    actions = next(
        f
        for f in plan_form(1, store=store).forms
        if f.question_id == question_id(1, "plan.actions")
    )
    _editor(actions).rows[0][0].value = "Brief the team"
    start = _date_cells(actions)[ACTION_COLUMNS["start"]]
    start.text.value = typed
    assert says in start.message.value  # the cell says what is wrong and what to type
    assert start.text.value == typed  # the learner's text stays to correct
    page = timeline_html(1, store=store)
    assert "Action 1 (Brief the team) is not on the timeline yet" in page  # never silently gone


def test_rows_saved_under_the_old_labels_are_shown_and_read_under_todays(store) -> None:  # type: ignore[no-untyped-def]
    from helpers.pdca import ACTION_COLUMNS, timeline_html

    old = [
        {
            "What will be done": "Write the guide",
            "Owner": "Ann",
            "Resources": "4 hours",
            "Start (YYYY-MM-DD)": "14/04/2025",  # typed the UK way into the old free-text cell
            "End (YYYY-MM-DD)": "2025-04-25",
        }
    ]
    store.save(question_id(1, "plan.actions"), old)
    assert load_plan(store).cycle(1).plan.actions == [
        Action("Write the guide", "Ann", "4 hours", "14/04/2025", "2025-04-25")
    ]
    assert "from 14 Apr 2025 to 25 Apr 2025" in timeline_html(1, store=store)
    actions = next(
        f
        for f in plan_form(1, store=store).forms
        if f.question_id == question_id(1, "plan.actions")
    )
    assert actions.value == [
        {
            "What will be done": "Write the guide",
            "Owner": "Ann",
            "Resources": "4 hours",
            ACTION_COLUMNS["start"]: "2025-04-14",
            ACTION_COLUMNS["end"]: "2025-04-25",
        }
    ]
    assert store.load(question_id(1, "plan.actions")) == old  # showing it saved nothing


def test_timeline_check_chart_and_plan_update_by_themselves(store) -> None:  # type: ignore[no-untyped-def]
    from helpers import live
    from helpers.pdca import check_chart, check_form, show_plan, timeline

    live.forget_all()
    try:
        line, chart, whole = timeline(1), check_chart(1), show_plan()
        assert "no actions" in line.static_html()
        actions = next(f for f in plan_form(1).forms if f.question_id.endswith("plan.actions"))
        actions.value = [
            {"What will be done": "Brief", "Owner": "Mo", "Start date": "2025-04-14",
             "End date": "2025-04-18"}
        ]  # fmt: skip
        assert "Timeline of 1 action from 14 Apr 2025 to 18 Apr 2025" in line.static_html()
        assert "14 April 2025" in whole.static_html()  # the plan shows dates in words
        boxes = {f.question_id: f for f in check_form(1).forms}
        boxes[question_id(1, "check.before")].control.value = "68.4"
        boxes[question_id(1, "check.after")].control.value = "73.7"
        assert "up by 5.3" in chart.static_html()
    finally:
        live.forget_all()


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
