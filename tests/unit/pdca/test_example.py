"""The worked example plan: its figures come from the sample data, and it is SMART."""

from __future__ import annotations

from helpers.pdca import EXAMPLE_PLAN, check_from_data, show_example_plan


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
