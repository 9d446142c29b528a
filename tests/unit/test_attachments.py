"""Attaching evidence files: every refusal and edge case gives a clear, asserted outcome."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image

from helpers.attachments import (
    AttachmentError,
    add_attachment,
    attachment_box,
    list_attachments,
    remove_attachment,
    safe_display_name,
    set_caption,
)
from helpers.store import AnswerStore


def _png_bytes(size: tuple[int, int] = (800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 114, 178)).save(out, format="PNG")
    return out.getvalue()


def _files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_a_pdf_is_copied_under_its_sha_and_recorded(store: AnswerStore, tmp_path: Path) -> None:
    source = tmp_path / "minutes.pdf"
    source.write_bytes(b"%PDF-1.4 team meeting minutes")
    result = add_attachment(
        source, caption="Team meeting minutes", purpose="03.promotion", store=store
    )
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    assert result.message == "Attached minutes.pdf (29 bytes, PDF document)."
    record = store.load(f"attachments.{sha[:12]}")
    assert record["sha256"] == sha
    assert record["original_name"] == "minutes.pdf"
    assert record["size"] == 29 and record["type"] == "application/pdf"
    assert record["caption"] == "Team meeting minutes" and record["purposes"] == ["03.promotion"]
    assert record["added"][:4].isdigit()
    copy = store.area / "attachments" / f"{sha[:12]}.pdf"
    assert copy.read_bytes() == source.read_bytes()


def test_zero_byte_file_is_refused(store: AnswerStore, tmp_path: Path) -> None:
    empty = tmp_path / "poster.png"
    empty.write_bytes(b"")
    with pytest.raises(AttachmentError) as caught:
        add_attachment(empty, store=store)
    assert str(caught.value) == (
        "poster.png is empty (0 bytes), so there is nothing to attach. Check you picked the "
        "right file and that it was saved."
    )
    assert list_attachments(store) == []


def test_25_mb_file_is_refused(store: AnswerStore, tmp_path: Path) -> None:
    big = tmp_path / "slides.pptx"
    with big.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)
    with pytest.raises(
        AttachmentError, match=r"slides.pptx is 25.0 MB, which is over the 20 MB limit"
    ):
        add_attachment(big, store=store)
    assert not (store.area / "attachments").exists() or _files_in(store.area / "attachments") == []


def test_same_file_twice_is_stored_once(store: AnswerStore, tmp_path: Path) -> None:
    first = tmp_path / "email.eml"
    first.write_bytes(b"From: a@example.com\r\nSubject: Go paperless\r\n\r\nHello team")
    second = tmp_path / "copy of email.eml"
    second.write_bytes(first.read_bytes())
    add_attachment(first, purpose="03.promotion", store=store)
    again = add_attachment(second, purpose="03.reception", store=store)
    assert again.duplicate
    assert again.message.startswith("This file is already attached (added on ")
    assert again.message.endswith("as email.eml), so it is stored once, not twice.")
    assert len(list_attachments(store)) == 1
    assert list_attachments(store)[0].purposes == ["03.promotion", "03.reception"]
    assert [p.name for p in _files_in(store.area / "attachments")] == [again.attachment.stored_name]


def test_non_ascii_name_is_kept_as_the_display_name(store: AnswerStore, tmp_path: Path) -> None:
    source = tmp_path / "Affiche café – réunion 五月.pdf"
    source.write_bytes(b"%PDF-1.4 affiche")
    result = add_attachment(source, store=store)
    assert result.message == "Attached Affiche café – réunion 五月.pdf (16 bytes, PDF document)."
    assert list_attachments(store)[0].original_name == "Affiche café – réunion 五月.pdf"
    assert result.attachment.stored_name.isascii()


@pytest.mark.parametrize(
    "name",
    ["../../evil.txt", "..\\..\\evil.txt", "/etc/evil.txt", "sub/../../evil.txt", "..", "../.."],
)
def test_names_with_folders_or_dotdot_never_escape_the_attachments_folder(
    store: AnswerStore, name: str
) -> None:
    if name in ("..", "../.."):
        with pytest.raises(
            AttachmentError, match="is a file without an extension, which cannot be attached"
        ):
            add_attachment(b"notes", name=name, store=store)
        return
    result = add_attachment(b"notes from the huddle", name=name, store=store)
    assert result.attachment.original_name == "evil.txt"
    assert (
        f'The name "{name}" contained folder parts, so it is shown as evil.txt.' in result.message
    )
    folder = (store.area / "attachments").resolve()
    written = _files_in(store.area)
    assert all(p.resolve().is_relative_to(store.area.resolve()) for p in written)
    assert result.attachment.path(store.area).resolve().parent == folder
    assert not (store.area.parent / "evil.txt").exists()


@pytest.mark.parametrize(
    "name",
    ["setup.exe", "run.bat", "macro.js", "install.sh", "tool.msi", "x.dll", "s.scr", "p.ps1"],
)
def test_executable_types_are_refused(store: AnswerStore, name: str) -> None:
    ext = name.rsplit(".", 1)[1]
    with pytest.raises(AttachmentError) as caught:
        add_attachment(b"MZ\x90\x00", name=name, store=store)
    assert str(caught.value) == (
        f"{name} is a program or script (.{ext}), which could harm the computer that opens it, "
        "so it cannot be attached. Attach a screenshot or a PDF instead."
    )
    assert list_attachments(store) == []


def test_program_renamed_as_pdf_is_refused(store: AnswerStore) -> None:
    with pytest.raises(AttachmentError, match=r"report.pdf looks like a program inside"):
        add_attachment(b"MZ\x90\x00 this is really an exe", name="report.pdf", store=store)


def test_unknown_type_is_refused_with_the_allowed_list(store: AnswerStore) -> None:
    with pytest.raises(AttachmentError) as caught:
        add_attachment(b"data", name="plan.pages", store=store)
    assert str(caught.value).startswith(
        "plan.pages is a .pages file, which cannot be attached. Allowed types are pictures (PNG, JPG"
    )


def test_picture_gets_a_thumbnail(store: AnswerStore) -> None:
    result = add_attachment(_png_bytes(), name="poster.png", caption="Poster", store=store)
    thumb = result.attachment.thumbnail_path(store.area)
    assert thumb is not None and thumb.parent.name == "thumbs"
    with Image.open(thumb) as small:
        assert max(small.size) <= 240


def test_broken_picture_is_refused(store: AnswerStore) -> None:
    with pytest.raises(AttachmentError, match=r"photo.jpg does not open as a picture"):
        add_attachment(b"not really a jpeg", name="photo.jpg", store=store)


def test_removing_marks_removed_and_keeps_file_and_history(store: AnswerStore) -> None:
    result = add_attachment(b"Minutes of the meeting", name="minutes.txt", store=store)
    set_caption(result.attachment.id, "Minutes, 3 March 2025", store=store)
    remove_attachment(result.attachment.id, store=store)
    assert list_attachments(store) == []
    kept = list_attachments(store, include_removed=True)
    assert kept[0].removed and kept[0].caption == "Minutes, 3 March 2025"
    assert result.attachment.path(store.area).exists()
    assert store.history(result.attachment.key)[-1].value["removed"] == kept[0].removed
    again = add_attachment(b"Minutes of the meeting", name="minutes.txt", store=store)
    assert "removed later; it is attached again (stored once)" in again.message


def test_safe_display_name_strips_control_characters_and_leading_dots() -> None:
    assert safe_display_name(".hidden\x00name.txt") == "hiddenname.txt"
    assert safe_display_name("C:\\Users\\me\\Desktop\\poster.png") == "poster.png"


def test_box_two_step_remove_and_static_html(store: AnswerStore) -> None:
    box = attachment_box("03.promotion.materials", "Your poster", store=store)
    assert "No files attached yet" in box._repr_mimebundle_()["text/html"]
    message = box.add(b"<b>poster text</b>", "poster <x>.txt")
    assert message.startswith("Attached poster <x>.txt")
    html_copy = box._repr_mimebundle_()["text/html"]
    assert "poster &lt;x&gt;.txt" in html_copy and "SHA-256" in html_copy
    row = box.listing.children[0].children[0]
    remove_button, confirm = row.children[-1].children
    assert confirm.layout.display == "none"
    remove_button.click()  # step one only asks
    assert confirm.layout.display == "flex" and len(list_attachments(store)) == 1
    confirm.children[1].click()  # "Yes, remove it"
    assert list_attachments(store) == []
    assert "It is kept in your answer history" in box.message.value


def test_box_shows_refusal_in_red(store: AnswerStore) -> None:
    box = attachment_box("03.promotion.materials", store=store)
    box.add(b"", "empty.pdf")
    assert 'role="alert"' in box.message.value and "is empty (0 bytes)" in box.message.value


def test_text_that_happens_to_start_like_a_program_is_accepted(store: AnswerStore) -> None:
    result = add_attachment(b"MZ Smith asked for paper bills.", name="note.txt", store=store)
    assert result.message == "Attached note.txt (31 bytes, text file)."


def test_name_with_trailing_spaces_is_tidied_and_said(store: AnswerStore) -> None:
    result = add_attachment(b"minutes", name=" .minutes.txt", store=store)
    assert result.attachment.original_name == "minutes.txt"
    assert result.notes == ['The name " .minutes.txt" was tidied to minutes.txt.']


def test_a_folder_is_refused(store: AnswerStore, tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    folder.mkdir()
    with pytest.raises(
        AttachmentError, match=r"^evidence is a folder. Pick a single file inside it instead.$"
    ):
        add_attachment(folder, store=store)


def test_a_missing_attachment_is_explained_without_its_id_or_a_rerun(store: AnswerStore) -> None:
    with pytest.raises(AttachmentError) as raised:
        remove_attachment("a1b2c3d4", store)
    assert "a1b2c3d4" not in str(raised.value)
    assert "cell" not in str(raised.value).lower()
    assert "no longer attached" in str(raised.value)


def test_box_explains_a_file_removed_in_another_window(
    store: AnswerStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = attachment_box("03.promotion.materials", store=store)
    box.add(b"minutes of the team meeting", "minutes.txt")

    def gone(*_: object, **__: object) -> None:
        raise AttachmentError("That file is no longer attached.")

    monkeypatch.setattr("helpers.attachment_box.remove_attachment", gone)
    monkeypatch.setattr("helpers.attachment_box.set_caption", gone)
    row = box.listing.children[0].children[0]
    caption = row.children[-2]
    caption.value = "new caption"  # no exception escapes the widget callback
    assert 'role="alert"' in box.message.value and "no longer attached" in box.message.value
    row = box.listing.children[0].children[0]
    remove_button, confirm = row.children[-1].children
    remove_button.click()
    confirm.children[1].click()
    assert 'role="alert"' in box.message.value and "no longer attached" in box.message.value
