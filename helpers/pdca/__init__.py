"""A PDCA (Plan, Do, Check, Act) improvement plan as plain data, saved through the answer store.

- :mod:`.model`: the plan, its cycles and stages as dataclasses, and the table columns;
- :mod:`.storage`: one question id per field (``05.pdca.cycleN.<stage>.<field>``), save and load;
- :mod:`.forms`: the notebook 05 forms, one per stage, views of those answers;
- :mod:`.rendering`: the plan as escaped HTML and as Markdown;
- :mod:`.charts`: the action timeline and the Check figures before and after a change;
- :mod:`.example`: Brightwater Energy's worked example.

Notebooks call ``helpers.pdca.<name>``; every public name is re-exported here.
"""

from __future__ import annotations

from .charts import (
    before_after_figure,
    check_chart,
    check_figure,
    check_from_data,
    show_sample_check,
    timeline,
    timeline_html,
)
from .example import EXAMPLE_NOTE, EXAMPLE_PLAN, show_example_plan
from .forms import act_form, check_form, cycle_form, do_form, plan_form
from .model import (
    ACTION_COLUMNS,
    CRITERION_COLUMNS,
    DATE_FIELDS,
    DECISIONS,
    DO_COLUMNS,
    EARLIER_LABELS,
    NOTEBOOK,
    Act,
    Action,
    Check,
    Cycle,
    DoEntry,
    PdcaPlan,
    Plan,
    SuccessCriterion,
)
from .rendering import cycle_html, plan_block, plan_html, plan_markdown, show_plan, shown_date
from .storage import (
    cycle_answers,
    cycle_question_ids,
    load_cycle,
    load_plan,
    question_id,
    save_plan,
    stage_question_ids,
)

__all__ = [
    "ACTION_COLUMNS",
    "CRITERION_COLUMNS",
    "DATE_FIELDS",
    "DECISIONS",
    "DO_COLUMNS",
    "EARLIER_LABELS",
    "EXAMPLE_NOTE",
    "EXAMPLE_PLAN",
    "NOTEBOOK",
    "Act",
    "Action",
    "Check",
    "Cycle",
    "DoEntry",
    "PdcaPlan",
    "Plan",
    "SuccessCriterion",
    "act_form",
    "before_after_figure",
    "check_chart",
    "check_figure",
    "check_form",
    "check_from_data",
    "cycle_answers",
    "cycle_form",
    "cycle_html",
    "cycle_question_ids",
    "do_form",
    "load_cycle",
    "load_plan",
    "plan_block",
    "plan_form",
    "plan_html",
    "plan_markdown",
    "question_id",
    "save_plan",
    "show_example_plan",
    "show_plan",
    "show_sample_check",
    "shown_date",
    "stage_question_ids",
    "timeline",
    "timeline_html",
]
