"""Tutor tools for a cohort: release notebooks, follow progress, export every learner's evidence.

A cohort folder holds one folder per learner, named by learner id::

    <cohort>/<learner_id>/notebooks/*.ipynb     learner copies of the templates
    <cohort>/<learner_id>/coursework/           answers.sqlite, data/, attachments/, exports/

Every path built from a roster stays inside its learner's folder: ids are checked before any
folder is made. Learners' answers are only ever read here (``open_store(readonly=True)``), apart
from pre-filling the profile of a learner whose store does not exist yet.

One module per job: ``roster`` (who, checked), ``release`` (learner copies), ``status`` (reading
stores into the matrix), ``report`` (the matrix as text, CSV, HTML), ``batch`` (export-cohort),
``progress`` (a text progress bar) and ``links`` (nbgitpuller links for a hub).
"""

from __future__ import annotations

from .batch import (
    EXPORT_LOG,
    FINGERPRINT_FILE,
    CohortExportReport,
    LearnerExport,
    export_cohort,
    export_one_learner,
    fingerprint,
)
from .links import nbgitpuller_link
from .progress import Progress, TextProgress
from .release import (
    RELEASE_MANIFEST,
    TUTOR_ONLY_TAG,
    LearnerRelease,
    ReleaseReport,
    learner_copy,
    release,
    select_templates,
)
from .report import status_csv, status_html, status_rows, status_text
from .roster import (
    ROSTER_COLUMNS,
    Learner,
    check_roster_rows,
    learner_folder,
    learner_id_problem,
    read_roster,
)
from .status import (
    PARALLEL_STATUS_FROM,
    STATUS_LABELS,
    CohortStatus,
    LearnerStatus,
    cohort_status,
    feedback_coverage_rule,
    find_learner_folders,
    learner_status,
    word_count,
)

__all__ = [
    "EXPORT_LOG",
    "FINGERPRINT_FILE",
    "PARALLEL_STATUS_FROM",
    "RELEASE_MANIFEST",
    "ROSTER_COLUMNS",
    "STATUS_LABELS",
    "TUTOR_ONLY_TAG",
    "CohortExportReport",
    "CohortStatus",
    "Learner",
    "LearnerExport",
    "LearnerRelease",
    "LearnerStatus",
    "Progress",
    "ReleaseReport",
    "TextProgress",
    "check_roster_rows",
    "cohort_status",
    "export_cohort",
    "export_one_learner",
    "feedback_coverage_rule",
    "find_learner_folders",
    "fingerprint",
    "learner_copy",
    "learner_folder",
    "learner_id_problem",
    "learner_status",
    "nbgitpuller_link",
    "read_roster",
    "release",
    "select_templates",
    "status_csv",
    "status_html",
    "status_rows",
    "status_text",
    "word_count",
]
