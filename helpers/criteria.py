"""Assessment criteria as data, and the map from question ids to the criteria they evidence.

The criteria live in ``data/reference/criteria.yml`` (units -> outcomes -> criteria). A tutor can
replace the file: ``COURSEWORK_CRITERIA=path`` or ``--criteria PATH`` on the commands.
The question-to-criteria map lives in one place only: the notebooks' code-cell metadata
``coursework.criteria`` (written by ``tools/build_notebooks.py``), read by :func:`question_map`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem, ReferenceDataError
from .paths import NOTEBOOKS_DIR, REFERENCE_DIR

__all__ = [
    "Criterion",
    "Requirement",
    "EVIDENCE_KINDS",
    "Outcome",
    "Unit",
    "CriteriaSet",
    "criteria_path",
    "load_criteria",
    "question_map",
    "notebook_questions",
    "question_labels",
    "unknown_criteria",
]

DEFAULT_CRITERIA = REFERENCE_DIR / "criteria.yml"

# "performance": the answers record something the learner did at work; "knowledge": they show
# understanding only (an explanation, or a practice task on a written scenario).
EVIDENCE_KINDS = ("performance", "knowledge")


@dataclass(frozen=True)
class Criterion:
    id: str
    text: str
    unit: str
    outcome: str
    evidence: str = "performance"
    maps_to: tuple[str, ...] = ()  # in a mapping file: the course criteria this real id rests on

    @property
    def knowledge_only(self) -> bool:
        return self.evidence == "knowledge"


@dataclass(frozen=True)
class Requirement:
    """Something the pack must contain that is not a criterion (the declaration of authenticity)."""

    id: str
    title: str
    text: str
    shows: str = ""


@dataclass
class Outcome:
    id: str
    title: str
    criteria: list[Criterion] = field(default_factory=list)


@dataclass
class Unit:
    id: str
    title: str
    source: str = ""
    outcomes: list[Outcome] = field(default_factory=list)


@dataclass
class CriteriaSet:
    """Every unit, outcome and criterion; ``criteria`` is keyed by criterion id in file order."""

    title: str
    version: str
    path: Path
    units: list[Unit]
    criteria: dict[str, Criterion]
    source: str = ""
    requirements: dict[str, Requirement] = field(default_factory=dict)
    base: CriteriaSet | None = None  # a mapping file: the course criteria it maps real ids to
    url: str = ""  # a mapping file: where the official wording is

    def __iter__(self) -> Any:
        return iter(self.criteria)

    def __contains__(self, criterion_id: object) -> bool:
        """A criterion of this file, or (for a mapping file) of the course criteria it maps to:
        the notebooks and the feedback rules always name the course's own ids."""
        return criterion_id in self.criteria or (
            self.base is not None and criterion_id in self.base
        )

    @property
    def mapping(self) -> dict[str, tuple[str, ...]]:
        """Real id -> the course criteria behind it (empty for the course's own file)."""
        return {cid: c.maps_to for cid, c in self.criteria.items() if self.base is not None}


def criteria_path(path: str | os.PathLike[str] | None = None) -> Path:
    """``path``, else ``$COURSEWORK_CRITERIA``, else the project's criteria file."""
    if path is not None:
        return Path(path).expanduser()
    env = os.environ.get("COURSEWORK_CRITERIA")
    return Path(env).expanduser() if env else DEFAULT_CRITERIA


def _text(item: Any, key: str) -> str:
    value = item.get(key) if isinstance(item, dict) else None
    return str(value).strip() if value is not None else ""


def parse_criteria(data: Any, path: Path) -> tuple[CriteriaSet, list[Problem]]:
    """Build a :class:`CriteriaSet` from parsed YAML; every problem found is listed."""
    problems: list[Problem] = []
    units: list[Unit] = []
    found: dict[str, Criterion] = {}
    if not isinstance(data, dict) or not isinstance(data.get("units"), list):
        problems.append(Problem("the file must have a 'units:' list.", file=str(path)))
        return CriteriaSet("", "", path, [], {}), problems
    for u_index, raw_unit in enumerate(data["units"], start=1):
        unit = Unit(_text(raw_unit, "id"), _text(raw_unit, "title"), _text(raw_unit, "source"))
        if not unit.id:
            problems.append(Problem(f"unit {u_index} has no id.", file=str(path)))
        outcomes = raw_unit.get("outcomes") if isinstance(raw_unit, dict) else None
        for raw_outcome in outcomes or []:
            outcome = Outcome(_text(raw_outcome, "id"), _text(raw_outcome, "title"))
            items = raw_outcome.get("criteria") if isinstance(raw_outcome, dict) else None
            for raw in items or []:
                evidence = _text(raw, "evidence") or "performance"
                maps_to = raw.get("maps_to") if isinstance(raw, dict) else None
                criterion = Criterion(
                    _text(raw, "id"),
                    _text(raw, "text"),
                    unit.id,
                    outcome.id,
                    evidence,
                    tuple(str(m).strip() for m in maps_to or []),
                )
                if evidence not in EVIDENCE_KINDS:
                    problems.append(
                        Problem(
                            f"the criterion {criterion.id} has evidence '{evidence}': "
                            "use performance or knowledge.",
                            file=str(path),
                        )
                    )
                    continue
                if not criterion.id or not criterion.text:
                    problems.append(
                        Problem(
                            f"a criterion in {outcome.id or unit.id} needs both an id and a text.",
                            file=str(path),
                        )
                    )
                    continue
                if criterion.id in found:
                    problems.append(
                        Problem(f"the criterion id {criterion.id} appears twice.", file=str(path))
                    )
                    continue
                found[criterion.id] = criterion
                outcome.criteria.append(criterion)
            unit.outcomes.append(outcome)
        units.append(unit)
    if not found:
        problems.append(Problem("the file lists no criteria.", file=str(path)))
    requirements = _requirements(data.get("requirements"), path, found, problems)
    title, version = _text(data, "title"), _text(data, "version")
    source = _text(data, "source")
    return CriteriaSet(title, version, path, units, found, source, requirements), problems


def _requirements(
    raw: Any, path: Path, criteria: dict[str, Criterion], problems: list[Problem]
) -> dict[str, Requirement]:
    found: dict[str, Requirement] = {}
    if raw is None:
        return found
    if not isinstance(raw, list):
        problems.append(Problem("'requirements:' must be a list.", file=str(path)))
        return found
    for item in raw:
        requirement = Requirement(
            _text(item, "id"), _text(item, "title"), _text(item, "text"), _text(item, "shows")
        )
        if not requirement.id or not requirement.text:
            problems.append(Problem("a requirement needs both an id and a text.", file=str(path)))
        elif requirement.id in found or requirement.id in criteria:
            problems.append(Problem(f"the id {requirement.id} appears twice.", file=str(path)))
        else:
            found[requirement.id] = requirement
    return found


def load_criteria(path: str | os.PathLike[str] | None = None) -> CriteriaSet:
    """Load and check the criteria file; raises :class:`ReferenceDataError` naming each problem."""
    import yaml

    where = criteria_path(path)
    try:
        data = yaml.safe_load(where.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ReferenceDataError(
            f"The criteria file {where} does not exist. Check COURSEWORK_CRITERIA or --criteria."
        ) from error
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ReferenceDataError(
            f"The criteria file {where} could not be read: {error}. Check it is valid YAML."
        ) from error
    criteria, problems = parse_criteria(data, where)
    if isinstance(data, dict) and data.get("maps"):
        problems += _attach_base(criteria, data, where)
    if problems:
        raise ReferenceDataError(f"The criteria file {where.name} has problems:", problems)
    return criteria


def _attach_base(criteria: CriteriaSet, data: dict[str, Any], where: Path) -> list[Problem]:
    """A mapping file (``maps: criteria.yml``): load the course criteria its ids map to and check
    every ``maps_to`` names one of them."""
    base = load_criteria(where.parent / str(data["maps"]))
    criteria.base, criteria.url = base, _text(data, "url")
    criteria.requirements = criteria.requirements or dict(base.requirements)
    problems = []
    for cid, criterion in criteria.criteria.items():
        if not criterion.maps_to:
            problems.append(
                Problem(f"the real id {cid} maps to no course criterion.", file=str(where))
            )
        for ours in criterion.maps_to:
            if ours not in base.criteria:
                problems.append(
                    Problem(
                        f"{cid} maps to {ours}, which is not in {base.path.name}.", file=str(where)
                    )
                )
    return problems


def _notebooks(notebooks_dir: str | os.PathLike[str] | None) -> list[Path]:
    folder = Path(notebooks_dir) if notebooks_dir is not None else NOTEBOOKS_DIR
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def _code_cells(path: Path) -> list[dict[str, Any]]:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]


def notebook_questions(notebooks_dir: str | os.PathLike[str] | None = None) -> dict[str, list[str]]:
    """Notebook file stem -> its question ids, in cell order."""
    found: dict[str, list[str]] = {}
    for path in _notebooks(notebooks_dir):
        ids: list[str] = []
        for cell in _code_cells(path):
            meta = cell.get("metadata", {}).get("coursework", {})
            ids += [q for q in meta.get("questions", []) if q not in ids]
        found[path.stem] = ids
    return found


def question_map(notebooks_dir: str | os.PathLike[str] | None = None) -> dict[str, list[str]]:
    """Question id -> criteria ids, read from the notebooks' code-cell metadata.

    A question with no criteria listed is included with an empty list; a question asked in
    several cells gets the union of their criteria.
    """
    mapping: dict[str, list[str]] = {}
    for path in _notebooks(notebooks_dir):
        for cell in _code_cells(path):
            meta = cell.get("metadata", {}).get("coursework", {})
            for question in meta.get("questions", []):
                known = mapping.setdefault(question, [])
                known += [c for c in meta.get("criteria", []) if c not in known]
    return mapping


def question_labels(notebooks_dir: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Question id -> the label a learner reads above its box, read from the notebooks'
    code-cell metadata ``coursework.labels`` (written by ``tools/build_notebooks.py``).

    Every learner and assessor view names questions by these labels, never by id
    (:func:`helpers.labels.plain_name` covers a question with no label recorded).
    """
    labels: dict[str, str] = {}
    for path in _notebooks(notebooks_dir):
        for cell in _code_cells(path):
            found = cell.get("metadata", {}).get("coursework", {}).get("labels", {})
            if isinstance(found, dict):
                for question, label in found.items():
                    if isinstance(label, str) and label.strip():
                        labels.setdefault(str(question), label.strip())
    return labels


def unknown_criteria(mapping: dict[str, list[str]], criteria: CriteriaSet) -> list[Problem]:
    """One problem per criterion id that the notebooks use but the criteria file lacks."""
    missing: dict[str, list[str]] = {}
    for question, ids in mapping.items():
        for criterion in ids:
            if criterion not in criteria:
                missing.setdefault(criterion, []).append(question)
    return [
        Problem(
            f"criterion {cid} is used by {', '.join(questions[:3])}"
            f"{' and others' if len(questions) > 3 else ''} but is not in the criteria file.",
            file=str(criteria.path),
            fix="Add it to the criteria file or correct the id in the notebook source.",
        )
        for cid, questions in sorted(missing.items())
    ]
