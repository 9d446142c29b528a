"""A hostile or malformed learner store, exported for real (kernels, notebooks 05 and 07).

Attachment and data-choice records that point outside the learner's folder are never
followed: nothing outside is copied into the zip or embedded in the pages, and the pack's
problems list names each. Wrong-typed answers spoil only their own cell, in plain words.
"""

from __future__ import annotations

import base64
import html
import io
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from helpers.attachments import add_attachment
from helpers.export import ExportResult, export_evidence
from helpers.store import open_store
from tests.paths import REPO

SECRET = "TOPSECRETTUTORFILE"
SECRET_CATEGORY = "SECRETCATEGORYOUTSIDE"
NOTEBOOKS = ("05_continuous_improvement.ipynb", "07_reflection_and_evidence.ipynb")
# Answers that are fine: each must still be in the pack beside the malformed ones.
GOOD_ANSWERS = {
    "05.intro.cycle": "GOODANSWERCYCLE improvement never stops.",
    "05.area.evidence": "GOODANSWEREVIDENCE complaints fell.",
    "05.iso.link": "GOODANSWERISO quality system.",
    "07.gibbs.description": "GOODANSWERGIBBS what happened.",
}
# Answers of the wrong type where a table, a date, a plan, a number or text is expected.
WRONG_TYPES: dict[str, Any] = {
    "05.pdca.cycle1.plan.actions": "WRONGTYPEACTIONS saved as text",
    "05.pdca.cycle1.plan.success_criteria": "WRONGTYPECRITERIA saved as text",
    "05.pdca.cycle1.do.log": {"not": "a table"},
    "05.pdca.cycle1.check.before": "a lot",
    "05.pdca.cycle1.check.after": 10**300,
    "05.pdca.cycle1.plan.problem": {"nested": {"dict": ["where", "text", "goes"]}},
    "05.pdca.cycle2.plan.actions": 7,
    "05.pdca.cycle2.do.log": ["just", "words"],
    "05.area.choice": {"a": "dict where text goes"},
    "05.rootcause.whys.why1": ["a", "list"],
    "05.rootcause.fishbone.people": {"x": 1},
    "07.links.actions": "WRONGTYPELINKS saved as text",
    "07.declaration.date": {"day": "Tuesday"},
    "07.declaration.agree": "yes please",
    "07.gibbs.feelings": 12345678901234567890,
}
TECHNICAL = (
    "Error:",
    "Exception",
    "Traceback",
    "object has no attribute",
    "could not be generated",
)


def _png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(out, format="PNG")
    return out.getvalue()


def _record(stored_name: Any, **extra: Any) -> dict[str, Any]:
    record = {
        "id": "x",
        "sha256": "0" * 64,
        "original_name": "x",
        "stored_name": stored_name,
        "size": 10,
        "type": "text/plain",
        "kind": "text file",
        "added": "2025-01-01T00:00:00+00:00",
        "caption": "",
        "purposes": [],
    }
    return {**record, **extra}


def _hostile_store(root: Path) -> Path:
    """A learner folder whose store points at files outside it, with malformed answers."""
    secret = root / "tutor-secret"
    secret.mkdir()
    (secret / "x.txt").write_text(SECRET)
    (secret / "pic.png").write_bytes(_png("red"))
    sample = (REPO / "data" / "sample" / "complaints.csv").read_text().splitlines()
    rows = [",".join(c if i != 3 else SECRET_CATEGORY for i, c in enumerate(line.split(",")))
            for line in sample[1:]]  # fmt: skip
    (secret / "complaints.csv").write_text("\n".join([sample[0], *rows]) + "\n")
    area = root / "learner" / "coursework"
    area.mkdir(parents=True)
    store = open_store(area)
    try:
        add_attachment(_png("blue"), name="good-poster.png", caption="GOODPOSTER", store=store)
        (area / "attachments" / "link.txt").symlink_to(secret / "x.txt")
        hostile = {
            "climb": _record("../../../tutor-secret/x.txt", original_name="climbing.txt"),
            "absolute": _record(str(secret / "x.txt"), original_name="absolute.txt"),
            "hostname": _record("/etc/hostname", original_name="hostname.txt"),
            "thumb": _record(
                "../attachments/link.txt",
                original_name="thumb-outside.png",
                thumbnail=str(secret / "pic.png"),
            ),
            "symlink": _record("link.txt", original_name="symlinked.txt"),
            "missing": {
                k: v
                for k, v in _record("a.txt", original_name="missing.txt").items()
                if k != "stored_name"
            },  # fmt: skip
            "wrongtype": _record("a.txt", original_name="wrongtype.txt", size="big"),
        }
        for key, record in hostile.items():
            store.save(f"attachments.{key}", {**record, "id": key})
        store.save(
            "data.choice.complaints",
            {"source": "path", "path": str(secret / "complaints.csv"), "name": "complaints.csv"},
        )
        for qid, value in {**GOOD_ANSWERS, **WRONG_TYPES}.items():
            store.save(qid, value)
    finally:
        store.close()
    return area


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[ExportResult, Path]:
    root = tmp_path_factory.mktemp("hostile")
    area = _hostile_store(root)
    notebooks = root / "notebooks"
    notebooks.mkdir()
    for name in NOTEBOOKS:
        shutil.copy(REPO / "notebooks" / name, notebooks / name)
    before = os.environ.get("COURSEWORK_DIR")
    os.environ["COURSEWORK_DIR"] = str(area)
    try:
        result = export_evidence(area, notebooks_dir=notebooks, out_dir=root / "pack")
    finally:
        if before is None:
            os.environ.pop("COURSEWORK_DIR", None)
        else:
            os.environ["COURSEWORK_DIR"] = before
    return result, root


def _pack_text(result: ExportResult) -> str:
    with zipfile.ZipFile(result.zip_path) as bundle:
        return "\n".join(
            bundle.read(n).decode("utf-8", "replace")
            for n in bundle.namelist()
            if n.endswith(".html")
        )


def test_nothing_outside_the_folder_is_copied_into_the_zip(
    hostile_export: tuple[ExportResult, Path],
) -> None:
    result, _ = hostile_export
    with zipfile.ZipFile(result.zip_path) as bundle:
        names = bundle.namelist()
        contents = b"".join(bundle.read(n) for n in names if n != "answers.json")
    assert all(".." not in n and not n.startswith("/") and "\\" not in n for n in names), names
    assert SECRET.encode() not in contents
    attached = [n for n in names if n.startswith("attachments/")]
    assert len(attached) == 1 and attached[0].endswith(".png"), attached  # the good poster


def test_nothing_outside_is_embedded_in_the_pages(
    hostile_export: tuple[ExportResult, Path],
) -> None:
    result, root = hostile_export
    page = _pack_text(result)
    outside_png = base64.b64encode((root / "tutor-secret" / "pic.png").read_bytes()).decode()
    assert outside_png not in page
    assert SECRET not in page
    assert SECRET_CATEGORY not in page  # the data choice outside the folder was not read
    assert "GOODPOSTER" in page


@pytest.mark.parametrize(
    "name", ["climbing.txt", "absolute.txt", "hostname.txt", "thumb-outside.png", "symlinked.txt"]
)
def test_the_problems_list_names_each_record_outside(
    hostile_export: tuple[ExportResult, Path], name: str
) -> None:
    result, _ = hostile_export
    wanted = "An attachment record points outside the learner's folder, so it was left out: " + name
    assert wanted in result.problems
    assert wanted in html.unescape(_pack_text(result))


@pytest.mark.parametrize("name", ["missing.txt", "wrongtype.txt"])
def test_a_malformed_attachment_record_is_named_not_fatal(
    hostile_export: tuple[ExportResult, Path], name: str
) -> None:
    result, _ = hostile_export
    assert any(name in p and "incomplete" in p for p in result.problems), result.problems


def test_the_data_choice_outside_the_folder_is_named(
    hostile_export: tuple[ExportResult, Path],
) -> None:
    result, _ = hostile_export
    assert any("complaints" in p and "outside" in p for p in result.problems), result.problems


def test_wrong_typed_answers_spoil_only_their_own_cell(
    hostile_export: tuple[ExportResult, Path],
) -> None:
    result, _ = hostile_export
    assert result.failed == {}, result.failed
    page = _pack_text(result)
    for answer in GOOD_ANSWERS.values():
        assert answer in page
    for word in TECHNICAL:
        assert word not in page, word
    assert "could not be shown as a table: it was saved as text" in page
