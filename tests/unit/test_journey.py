"""The journey diagram: sample and a 12-step edited journey render with no overlapping labels."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from helpers.example_rows import CHANGED, CHECKED, SAMPLE_EXAMPLE, SOURCE_COLUMN
from helpers.journey import (
    COLUMNS,
    CONSEQUENCE,
    CUSTOMER_FACING,
    DEPARTMENT,
    FAILURE,
    HANDOFF,
    SAMPLE_JOURNEY,
    STEP,
    journey_diagram,
    journey_hints,
    journey_steps,
    journey_table,
)
from helpers.plots import Chart
from helpers.store import AnswerStore

DEPARTMENTS = [
    "Contact centre",
    "Metering and field engineers",
    "Billing",
    "IT",
    "Finance and collections",
    "Complaints",
]


def twelve_step_journey() -> list[dict[str, str]]:
    """A long, wordy journey as a learner might type it (long words, capitals, every handoff risky)."""
    rows = []
    for i in range(12):
        rows.append(
            {
                STEP: f"STEP WITH A LONG DESCRIPTION number {i + 1}: customer-relationship-management record updated and checked twice",
                DEPARTMENT: DEPARTMENTS[i % len(DEPARTMENTS)],
                CUSTOMER_FACING: "yes" if i % 3 == 0 else "no",
                HANDOFF: DEPARTMENTS[(i + 1) % len(DEPARTMENTS)],
                FAILURE: "Information is lost between the two teams because the ticket is closed too early"
                if i % 2 == 0
                else "",
                CONSEQUENCE: "The customer waits another week, has to call again and may complain to the ombudsman"
                if i % 4 == 0
                else "",
            }
        )
    return rows


def _text_boxes(chart: Chart) -> list[tuple[str, object]]:
    """Every visible, non-empty text in the drawn figure with its extent in pixels."""
    figure = chart.figure
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # lays out the legend, so its texts have their final places
    renderer = canvas.get_renderer()
    found = {id(t): t for t in figure.findobj(Text)}.values()
    return [
        (t.get_text(), t.get_window_extent(renderer))
        for t in found
        if t.get_text().strip() and t.get_visible()
    ]


def _overlaps(chart: Chart) -> list[tuple[str, str]]:
    boxes = _text_boxes(chart)
    found = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        if box_a.overlaps(box_b):  # type: ignore[attr-defined]
            found.append((a[:40], b[:40]))
    return found


@pytest.mark.parametrize(
    "rows", [SAMPLE_JOURNEY, twelve_step_journey()], ids=["sample", "twelve-steps"]
)
def test_diagram_has_no_overlapping_labels(rows: list[dict[str, str]]) -> None:
    chart = journey_diagram(rows)
    boxes = _text_boxes(chart)
    assert len(boxes) >= len(rows)
    assert _overlaps(chart) == []


def test_twelve_step_labels_stay_inside_the_figure_and_are_wrapped() -> None:
    chart = journey_diagram(twelve_step_journey())
    width, height = chart.figure.bbox.width, chart.figure.bbox.height
    for text, box in _text_boxes(chart):
        assert box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height, text  # type: ignore[attr-defined]
    step_labels = [t for t, _ in _text_boxes(chart) if ". STEP WITH" in t]
    assert len(step_labels) == 12 and all("\n" in t for t in step_labels)


def test_step_boxes_stay_inside_their_department_lane() -> None:
    chart = journey_diagram(twelve_step_journey())
    boxes = dict(_text_boxes(chart))
    lane_headers = {
        name: box for name, box in boxes.items() if name.replace("\n", " ") in DEPARTMENTS
    }
    lane_width = next(iter(lane_headers.values()))
    assert lane_width is not None
    steps = journey_steps(twelve_step_journey())
    ordered_lanes = list(dict.fromkeys(s.department for s in steps))
    figure_width = chart.figure.bbox.width
    lane_px = (11.0 - 3.4 - 0.2) / len(ordered_lanes) * chart.figure.dpi
    for step in steps:
        label = next(t for t in boxes if t.startswith(f"{step.number}. "))
        box = boxes[label]
        left = 0.1 * chart.figure.dpi + ordered_lanes.index(step.department) * lane_px
        assert left <= box.x0 and box.x1 <= left + lane_px <= figure_width, label  # type: ignore[attr-defined]


def test_alt_text_names_departments_and_risky_handoffs() -> None:
    chart = journey_diagram(SAMPLE_JOURNEY)
    assert chart.alt_text.startswith("Customer journey diagram with 6 steps across 5 departments")
    assert "Steps the customer does not see: 2, 3, 5." in chart.alt_text
    assert (
        "after step 5 (Refund date not shared with the contact centre), the customer: Customer chases"
        in chart.alt_text
    )


def test_hints_ask_for_consequence_and_back_office_teams() -> None:
    rows = [
        {
            STEP: "Answer the phone",
            DEPARTMENT: "Front desk",
            CUSTOMER_FACING: "yes",
            FAILURE: "Wrong team",
        }
    ]
    hints = journey_hints(rows)
    assert (
        "Step 1: you say what can go wrong; now say what it means for the customer (the knock-on effect)."
        in hints
    )
    assert any("behind the scenes, such as IT" in h for h in hints)
    assert journey_hints(SAMPLE_JOURNEY) == []


def test_blank_rows_are_skipped_and_empty_journey_still_draws() -> None:
    assert [
        s.number for s in journey_steps([{}, SAMPLE_JOURNEY[0], dict.fromkeys(COLUMNS, " ")])
    ] == [1]
    assert journey_diagram([]).alt_text == "Customer journey diagram: no steps filled in yet."


def _line(form: Any, number: int) -> Any:
    """The widgets of row ``number`` of the table: its cells, its mark, Confirm and Remove."""
    return form.control.children[1].children[number].children


def test_table_starts_with_the_example_rows_marked_and_saves_nothing(store: AnswerStore) -> None:
    form = journey_table(store=store)
    assert [row[STEP] for row in form.value] == [row[STEP] for row in SAMPLE_JOURNEY]
    assert {row[SOURCE_COLUMN] for row in form.value} == {SAMPLE_EXAMPLE}
    assert store.load("04.journey.steps") is None
    assert form.static_html().count(SAMPLE_EXAMPLE) == len(SAMPLE_JOURNEY)  # the pack says so


def test_an_edited_row_is_the_learners_and_the_others_stay_examples(store: AnswerStore) -> None:
    form = journey_table(store=store)
    _line(form, 0)[COLUMNS.index(CONSEQUENCE)].value = "They ring back angry"
    saved = store.load("04.journey.steps")
    assert saved[0][CONSEQUENCE] == "They ring back angry"
    assert saved[0][SOURCE_COLUMN] == CHANGED
    assert {row[SOURCE_COLUMN] for row in saved[1:]} == {SAMPLE_EXAMPLE}

    _line(form, 1)[len(COLUMNS) + 1].click()  # Confirm: true where the learner works
    assert store.load("04.journey.steps")[1][SOURCE_COLUMN] == CHECKED
    _line(form, 2)[len(COLUMNS) + 2].click()  # Remove
    assert len(store.load("04.journey.steps")) == len(SAMPLE_JOURNEY) - 1

    reopened = journey_table(store=store)
    assert [row[SOURCE_COLUMN] for row in reopened.value[:3]] == [CHANGED, CHECKED, SAMPLE_EXAMPLE]
    assert reopened.value[0][CONSEQUENCE] == "They ring back angry"


def test_only_rows_the_learner_confirmed_or_wrote_are_evidence(store: AnswerStore) -> None:
    from helpers.feedback import RULES

    rule = next(r for r in RULES if r.id == "environment.journey")
    form = journey_table(store=store)
    _line(form, 5)[COLUMNS.index(CONSEQUENCE)].value = "They know what happens next"
    answers = {"04.journey.steps": store.load("04.journey.steps")}
    assert not rule.check(answers, None).met  # the back-office rows are still examples
    _line(form, 4)[len(COLUMNS) + 1].click()  # the Finance row is confirmed
    answers = {"04.journey.steps": store.load("04.journey.steps")}
    assert rule.check(answers, None).met


def test_rows_saved_before_the_marks_keep_their_meaning(store: AnswerStore) -> None:
    from helpers.journey import saved_rows

    store.save("04.journey.steps", SAMPLE_JOURNEY)  # untouched example, saved by an older version
    assert {row[SOURCE_COLUMN] for row in saved_rows(store)} == {SAMPLE_EXAMPLE}
    own = [{STEP: "Answer the phone", DEPARTMENT: "Front desk", CUSTOMER_FACING: "yes"}]
    store.save("04.journey.steps", own)
    assert [row[SOURCE_COLUMN] for row in saved_rows(store)] == [CHECKED]


def test_saved_diagram_shows_the_example_until_edited_then_the_learners_rows(
    store: AnswerStore,
) -> None:
    from helpers.journey import saved_rows

    assert journey_diagram(saved_rows(store)).alt_text.startswith(
        "Customer journey diagram with 6 steps"
    )
    store.save("04.journey.steps", [])
    assert (
        journey_diagram(saved_rows(store)).alt_text
        == "Customer journey diagram: no steps filled in yet."
    )


def test_saved_hints_ask_for_the_learners_own_journey_first(store: AnswerStore) -> None:
    from helpers.journey import journey_hints_html

    assert "This is the Brightwater example" in journey_hints_html(store)
    store.save(
        "04.journey.steps",
        [{STEP: "Answer the phone", DEPARTMENT: "Front desk", CUSTOMER_FACING: "yes"}],
    )
    assert "behind the scenes, such as IT" in journey_hints_html(store)
    store.save("04.journey.steps", SAMPLE_JOURNEY)  # the example, untouched: still the example
    assert "This is the Brightwater example" in journey_hints_html(store)
    mixed = [dict(row, **{SOURCE_COLUMN: CHECKED}) for row in SAMPLE_JOURNEY]
    mixed[-1][SOURCE_COLUMN] = SAMPLE_EXAMPLE
    store.save("04.journey.steps", mixed)
    assert "1 row is still the Brightwater example" in journey_hints_html(store)
    store.save("04.journey.steps", [dict(row, **{SOURCE_COLUMN: CHECKED}) for row in mixed])
    assert "Well done" in journey_hints_html(store)
    store.save("04.journey.steps", [{STEP: "<script>x</script>", CUSTOMER_FACING: "yes"}])
    assert "<script>" not in journey_hints_html(store)


def test_diagram_and_hints_follow_the_table_as_the_learner_edits_it(store: AnswerStore) -> None:
    from helpers.journey import saved_journey_diagram, saved_journey_hints
    from helpers.live import forget_all

    diagram = saved_journey_diagram(store=store)
    hints = saved_journey_hints(store=store)
    try:
        assert "6 steps" in diagram.static_html()
        assert "This is the Brightwater example" in hints.static_html()
        table = journey_table(store=store)
        table.value = [
            {STEP: "Answer the phone", DEPARTMENT: "Front desk", CUSTOMER_FACING: "yes"},
            {STEP: "Post the refund", DEPARTMENT: "Finance", CUSTOMER_FACING: "no"},
        ]  # saving the table, as typing in it does, redraws both without re-running a cell
        assert "2 steps across 2 departments" in diagram.static_html()
        assert "Mark at least one handover" in hints.static_html()
    finally:
        forget_all()
