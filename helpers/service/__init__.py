"""The customer-service environment (notebook 04): one module per part of the notebook.

- :mod:`.structure`: how service is organised, and customer relationships (loyalty, retention,
  the ethical handling of customer data).
- :mod:`.levels`: service standards (promises to customers) and service level agreements
  (between two parties), the response-time chart, and which measure fits which question.
- :mod:`.complaints`: communication techniques, the HEAT model and escalation, on a practice
  scenario.
- :mod:`.law`: the law in daily work.
- :mod:`.practice`: the best-practice log.

Pure parts take answers or frames and return values; the notebook edges build forms bound to
the store, each with an escaped ``text/html`` copy for the export. Everything a notebook cell
calls is importable from ``helpers.service``.
"""

from __future__ import annotations

from .complaints import (
    COMMUNICATION_PARTS,
    ESCALATION_PARTS,
    HEAT_SCENARIO,
    HEAT_STEPS,
    communication_form,
    escalation_form,
    escalation_hints,
    heat_form,
    question_hints,
    questions_in,
    scenario_html,
)
from .law import (
    IMPACT_BUSINESS,
    IMPACT_COLUMNS,
    IMPACT_CUSTOMER,
    IMPACT_LAW,
    IMPACT_TASK,
    impact_hints,
    legislation_html,
    legislation_impact_table,
    legislation_table,
)
from .levels import (
    MEASURE_QUESTIONS,
    MEASURES,
    SLA_GOAL_PCT,
    SLA_PARTS,
    ChannelLevel,
    MeasureQuestion,
    measure_feedback,
    measure_fit_task,
    minutes_text,
    show_sla_chart,
    sla_alt_text,
    sla_chart,
    sla_definition_form,
    sla_definition_hints,
    sla_summary,
)
from .practice import (
    LOG_APPLIED,
    LOG_COLUMNS,
    LOG_DATE,
    LOG_LEARNED,
    LOG_SOURCE,
    best_practice_hints,
    best_practice_log,
)
from .structure import (
    STRUCTURES,
    customer_relationship_form,
    org_structure_form,
    relationship_hints,
)

__all__ = [
    "COMMUNICATION_PARTS",
    "ESCALATION_PARTS",
    "HEAT_SCENARIO",
    "HEAT_STEPS",
    "IMPACT_BUSINESS",
    "IMPACT_COLUMNS",
    "IMPACT_CUSTOMER",
    "IMPACT_LAW",
    "IMPACT_TASK",
    "LOG_APPLIED",
    "LOG_COLUMNS",
    "LOG_DATE",
    "LOG_LEARNED",
    "LOG_SOURCE",
    "MEASURES",
    "MEASURE_QUESTIONS",
    "SLA_GOAL_PCT",
    "SLA_PARTS",
    "STRUCTURES",
    "ChannelLevel",
    "MeasureQuestion",
    "best_practice_hints",
    "best_practice_log",
    "communication_form",
    "customer_relationship_form",
    "escalation_form",
    "escalation_hints",
    "heat_form",
    "impact_hints",
    "legislation_html",
    "legislation_impact_table",
    "legislation_table",
    "measure_feedback",
    "measure_fit_task",
    "minutes_text",
    "org_structure_form",
    "question_hints",
    "questions_in",
    "relationship_hints",
    "scenario_html",
    "show_sla_chart",
    "sla_alt_text",
    "sla_chart",
    "sla_definition_form",
    "sla_definition_hints",
    "sla_summary",
]
