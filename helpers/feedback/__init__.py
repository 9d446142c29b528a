"""Formative feedback: "What your assessor will look for", and why each check is not yet met.

Every rule is a pure, deterministic function of the learner's answers (a dict of question id to
value, as :meth:`AnswerStore.answers` returns) and, where it needs them, data tables. A rule
returns :class:`Result` ``(met, why_not)``: guidance only, never a mark or a grade.

Rules look at a section of answers by question-id prefix (``"01"`` is notebook 01, ``"05.pdca"``
a part of notebook 05) and at what the learner wrote, so they keep working when a notebook adds
or renames a question. :func:`coverage` turns rules plus the notebooks' question-to-criteria map
into an evidence found / partly / not yet view per criterion (used by notebook 07, the export
and the tutors' status command). :func:`assessor_checks` is the notebook edge: a live view that
re-checks whenever any answer in its section is saved.

- :mod:`.answers`: reading answers by section, and :class:`Result`;
- :mod:`.vocabulary`: the words the rules look for;
- :mod:`.checks`: the rule builders (pure checks);
- :mod:`.service_checks`: rule builders for the seed topics of notebooks 03 and 04;
- :mod:`.rules`: :data:`RULES`, the rules as reviewable data, and :func:`criteria_problems`;
- :mod:`.coverage`: :func:`coverage` per criterion and :func:`data_lookup`;
- :mod:`.live`: the notebook widget :func:`assessor_checks`.
"""

from __future__ import annotations

from .answers import Answers, DataLookup, Result, section_answers, section_text
from .coverage import CoverageEntry, coverage, data_lookup
from .live import AssessorChecks, assessor_checks, checks_html
from .rules import RULES, Rule, criteria_problems, evaluate, rules_for
from .vocabulary import GIBBS_STAGE_NAMES

__all__ = [
    "GIBBS_STAGE_NAMES",
    "RULES",
    "Answers",
    "AssessorChecks",
    "CoverageEntry",
    "DataLookup",
    "Result",
    "Rule",
    "assessor_checks",
    "checks_html",
    "coverage",
    "criteria_problems",
    "data_lookup",
    "evaluate",
    "rules_for",
    "section_answers",
    "section_text",
]
