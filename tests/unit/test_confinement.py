"""Every path read from a store or a learner folder stays inside its working area."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.attachments import add_attachment, list_attachments, read_attachments
from helpers.datasource import choice_problems, current_choice, load, use_path
from helpers.paths import OutsideArea, inside
from helpers.store import AnswerStore
from tests.paths import SAMPLE


@pytest.mark.parametrize(
    "name", ["../x", "a/../../x", "/etc/hostname", "C:x", "c:/x", "a\\..\\x", "", ".", "a\x00b"]
)
def test_inside_refuses_names_leading_out(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutsideArea):
        inside(tmp_path, name)


def test_inside_refuses_a_final_link_or_a_linked_folder_leading_out(tmp_path: Path) -> None:
    area, outside = tmp_path / "area", tmp_path / "outside"
    area.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    (area / "file.txt").symlink_to(outside / "secret.txt")
    (area / "folder").symlink_to(outside, target_is_directory=True)
    for name in ("file.txt", "folder/secret.txt"):
        with pytest.raises(OutsideArea):
            inside(area, name)


def test_inside_follows_links_that_stay_inside(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("mine")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert inside(tmp_path, "link.txt") == (tmp_path / "real.txt").resolve()
    assert inside(tmp_path, "sub/new.txt") == tmp_path.resolve() / "sub" / "new.txt"


def test_an_attachments_folder_linked_out_is_refused(store: AnswerStore, tmp_path: Path) -> None:
    added = add_attachment(b"notes", name="notes.txt", store=store)
    folder = store.area / "attachments"
    folder.rename(tmp_path / "moved")
    folder.symlink_to(tmp_path / "moved", target_is_directory=True)
    found, problems = read_attachments(store)
    assert found == []
    assert problems == [
        "An attachment record points outside the learner's folder, so it was left out: notes.txt"
    ]
    assert added.attachment.original_name == "notes.txt"


def test_malformed_records_are_named_and_the_widget_list_skips_them(store: AnswerStore) -> None:
    store.save("attachments.a", {"original_name": "half.pdf"})
    store.save("attachments.b", "just text")
    assert list_attachments(store) == []
    _, problems = read_attachments(store)
    assert sorted(problems) == [
        "An attachment record is incomplete or damaged, so it was left out: a file without a name",
        "An attachment record is incomplete or damaged, so it was left out: half.pdf",
    ]


def test_a_data_file_picked_by_path_is_copied_into_the_area(
    store: AnswerStore, tmp_path: Path
) -> None:
    mine = tmp_path / "elsewhere" / "my complaints.csv"
    mine.parent.mkdir()
    mine.write_bytes((SAMPLE / "complaints.csv").read_bytes())
    outcome = use_path("complaints", mine, store)
    assert outcome.used
    copy = store.area / "data" / "my complaints.csv"
    assert copy.read_bytes() == mine.read_bytes()
    assert store.load("data.choice.complaints")["path"] == "data/my complaints.csv"
    mine.unlink()  # the learner's folder holds the evidence now
    assert load("complaints", store=store, redact=False).choice.path == copy.resolve()


def test_an_absolute_choice_inside_the_area_still_works(store: AnswerStore) -> None:
    inside_file = store.area / "data" / "c.csv"
    inside_file.parent.mkdir(parents=True)
    inside_file.write_bytes((SAMPLE / "complaints.csv").read_bytes())
    store.save("data.choice.complaints", {"source": "path", "path": str(inside_file), "name": "c"})
    assert current_choice("complaints", store).path == inside_file.resolve()
    assert choice_problems(store) == []


def test_an_absolute_choice_outside_the_area_is_refused(store: AnswerStore, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_bytes((SAMPLE / "complaints.csv").read_bytes())
    store.save("data.choice.complaints", {"source": "path", "path": str(outside), "name": "o.csv"})
    loaded = load("complaints", store=store, redact=False)
    assert loaded.choice.is_sample
    assert loaded.fell_back and "outside your coursework folder" in loaded.fell_back
    assert choice_problems(store) == [
        "The learner's data choice for complaints points outside their folder, so it was not "
        "read and the sample was used instead: o.csv"
    ]
