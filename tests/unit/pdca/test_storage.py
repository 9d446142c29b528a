"""PDCA plans: exact round trips through dicts, the store, a fresh process and a real kernel."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from helpers.pdca import (
    EXAMPLE_PLAN,
    Act,
    Action,
    Check,
    Cycle,
    DoEntry,
    PdcaPlan,
    Plan,
    SuccessCriterion,
    check_from_data,
    load_plan,
    plan_form,
    plan_html,
    plan_markdown,
    question_id,
    save_plan,
    show_example_plan,
)
from helpers.store import open_store
from tests.paths import REPO


def two_cycle_plan() -> PdcaPlan:
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


def test_dict_round_trip_is_exact() -> None:
    plan = two_cycle_plan()
    data = plan.to_dict()
    assert PdcaPlan.from_dict(json.loads(json.dumps(data))) == plan


def test_store_round_trip_with_a_fresh_store_object(coursework_dir: Path) -> None:
    plan = two_cycle_plan()
    with open_store(coursework_dir) as store:
        save_plan(plan, store)
    with open_store(coursework_dir) as fresh:
        assert load_plan(fresh) == plan


def test_round_trip_across_a_fresh_process(coursework_dir: Path) -> None:
    plan = two_cycle_plan()
    with open_store(coursework_dir) as store:
        save_plan(plan, store)
    script = (
        "import json, helpers.pdca as p, helpers.store as s;"
        f"print(json.dumps(p.load_plan(s.open_store({str(coursework_dir)!r})).to_dict()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert PdcaPlan.from_dict(json.loads(out.stdout)) == plan


def test_saved_in_one_kernel_reloaded_after_restart_identical(coursework_dir: Path) -> None:
    """Save in a real kernel, restart that kernel, reload: identical, cycles and logs included."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.util import run_sync

    plan = two_cycle_plan()
    payload = json.dumps(json.dumps(plan.to_dict()))
    setup = f"import os; os.environ['COURSEWORK_DIR'] = {str(coursework_dir)!r}; print(os.getpid())"
    cells = [
        nbformat.v4.new_code_cell(setup),
        nbformat.v4.new_code_cell(
            f"import json, helpers.pdca as p\np.save_plan(p.PdcaPlan.from_dict(json.loads({payload})))"
        ),
        nbformat.v4.new_code_cell(setup),
        nbformat.v4.new_code_cell(
            "import json, helpers.pdca as p\nprint(json.dumps(p.load_plan().to_dict()))"
        ),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    client = NotebookClient(
        nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(REPO)}}
    )
    with client.setup_kernel():
        client.execute_cell(cells[0], 0)
        client.execute_cell(cells[1], 1)
        run_sync(client.km.restart_kernel)(now=True)
        run_sync(client.kc.wait_for_ready)(timeout=60)
        client.execute_cell(cells[2], 2)
        client.execute_cell(cells[3], 3)
    printed = [
        "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream") for c in cells
    ]
    assert int(printed[0]) != int(printed[2])  # the kernel process really was restarted
    assert PdcaPlan.from_dict(json.loads(printed[3])) == plan


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


def test_rendering_escapes_learner_text() -> None:
    plan = two_cycle_plan()
    page = plan_html(plan)
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert page.count('class="cw-pdca-cycle"') == 2
    text = plan_markdown(plan)
    assert "\\<b\\>" in text and "Team briefed \\| questions answered" in text
    assert "## Cycle 2" in text


def test_empty_plan_renders_a_notice() -> None:
    assert "No PDCA plan" in plan_html(PdcaPlan())


def test_check_from_data_averages_months_before_and_after() -> None:
    frame = pd.DataFrame(
        {
            "month": ["2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03", "2025-04"],
            "fcr": [70.0, 71.0, 72.0, 60.0, 74.0, 75.0, 76.0],
        }
    )
    check = check_from_data(frame, "fcr", "2025-01", months=3, gap=1)
    assert check == Check("fcr", 71.0, 75.0, "2024-10 to 2024-12", "2025-02 to 2025-04", "")


def test_example_plan_figures_come_from_the_sample_data() -> None:
    from helpers.datasource import sample_table
    from helpers.rootcause import pareto_rows

    operations = sample_table("monthly_operations")
    first = EXAMPLE_PLAN.cycle(1)
    early = check_from_data(operations, "first_contact_resolution_pct", "2025-01", gap=0)
    later = check_from_data(operations, "first_contact_resolution_pct", "2025-01", gap=6)
    assert (early.before, early.after, later.after) == (72.7, 68.4, 73.7)
    assert (first.check.before, first.check.after) == (early.after, later.after)
    assert first.check.after_period == later.after_period
    complaints = check_from_data(operations, "complaints", "2025-01", gap=6)
    assert (complaints.before, complaints.after) == (12.7, 14.0)
    top = pareto_rows(sample_table("complaints"), "category")[0]
    total = len(sample_table("complaints"))
    assert f"{top.count} of {total} complaints" in EXAMPLE_PLAN.cycle(2).plan.problem
    assert top.category == "billing error"


def test_example_plan_is_smart_and_shows_its_timeline() -> None:
    from helpers.smart import check_criterion, check_objective

    for cycle in EXAMPLE_PLAN.cycles:
        assert check_objective(cycle.plan.objective) == []
        for c in cycle.plan.success_criteria:
            assert check_criterion(c.metric, c.baseline, c.target, c.by_when) == []
    page = show_example_plan()._repr_mimebundle_()["text/html"]
    assert "Cycle 1" in page and "Cycle 2" not in page
    assert "Timeline of 3 actions from 01 Apr 2025 to 25 Apr 2025" in page


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


def test_notebook_05_maps_every_pdca_answer_to_criteria() -> None:
    from helpers.criteria import question_map
    from helpers.pdca import cycle_question_ids

    mapping = question_map()
    for qid in cycle_question_ids(1) + cycle_question_ids(2):
        assert any(c.startswith("CI.") for c in mapping.get(qid, [])), qid
