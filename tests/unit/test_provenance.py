"""Which data an answer was written with, and the notice when the data behind it changes."""

from __future__ import annotations

import sqlite3
from html import unescape
from pathlib import Path

from helpers import forms, provenance
from helpers.datasource import use_path, use_sample, use_upload
from helpers.store import open_store

OWN = b"month,office_kwh\n2025-01,1200\n2025-02,1100\n"
QUESTION = "01.review.provenance_check"  # notebook 01 reads monthly_operations


def test_the_store_keeps_a_stamp_per_answer(store) -> None:  # type: ignore[no-untyped-def]
    assert store.provenance("01.x") is None  # not known
    assert store.save_provenance("01.x", {"monthly_operations": {"name": "a.csv"}})
    assert store.provenance("01.x") == {"monthly_operations": {"name": "a.csv"}}
    store.save_provenance("01.x", {"monthly_operations": {"name": "b.csv"}})
    assert store.provenance("01.x") == {"monthly_operations": {"name": "b.csv"}}


def test_a_store_made_before_stamps_still_opens_and_gets_the_table(coursework_dir: Path) -> None:
    first = open_store(coursework_dir)
    first.save("01.review.old", "an answer written before stamps existed")
    first.close()
    with sqlite3.connect(coursework_dir / "answers.sqlite") as conn:
        conn.execute("DROP TABLE provenance")
    old = open_store(coursework_dir, readonly=True)
    assert old.load("01.review.old") == "an answer written before stamps existed"
    assert old.provenance("01.review.old") is None  # no table: not known, no error
    assert provenance.changes("01.review.old", old) == []
    old.close()
    again = open_store(coursework_dir)
    assert again.save_provenance("01.review.old", {"monthly_operations": {}})  # table made
    again.close()


def test_a_notebooks_questions_depend_on_the_data_it_reads() -> None:
    assert provenance.kinds_for("01.review.channels") == ("monthly_operations",)
    assert "feedback" in provenance.kinds_for("02.monitor.change_what")
    assert provenance.kinds_for("profile.name") == ()


def test_changing_the_data_after_writing_shows_the_notice_until_confirmed_or_revised(
    store,  # type: ignore[no-untyped-def]
) -> None:
    form = forms.long_text(QUESTION, "What share is electricity?", store=store)
    form.control.value = "About a third of our footprint is office electricity."
    stamp = store.provenance(QUESTION)
    assert stamp["monthly_operations"]["source"] == "sample"
    assert form.provenance.widget.layout.display == "none"

    assert use_upload("monthly_operations", "my-figures.csv", OWN, store).used
    form.provenance.refresh()  # what helpers.live does when the data choice changes
    expected = (
        "You wrote this when the notebook used the sample organisation's figures. It now uses "
        "your file 'my-figures.csv'."
    )
    assert expected in unescape(form.provenance.text.value)
    assert form.provenance.widget.layout.display == "flex"
    # the pack adds its own notice when it is written, never a stale one from the kernel
    assert "cw-provenance" not in form.static_html()
    assert provenance.pack_notices(store)[QUESTION] == (
        "This answer was written when the notebook used the sample organisation's figures. It "
        "now uses the learner's file 'my-figures.csv'. The learner has not confirmed or revised "
        "this answer since the data changed."
    )

    form.provenance.button.click()  # "This still fits"
    assert form.provenance.text.value == ""
    assert store.provenance(QUESTION)["monthly_operations"]["name"] == "my-figures.csv"

    use_sample("monthly_operations", store)
    form.provenance.refresh()
    assert "used your file 'my-figures.csv'" in unescape(form.provenance.text.value)
    form.control.value = "Office electricity is the biggest share: about two thirds."
    assert form.provenance.text.value == ""  # saving a revised answer re-stamps it


def test_an_edited_file_with_the_same_name_is_a_change_too(
    store,  # type: ignore[no-untyped-def]
    coursework_dir: Path,
) -> None:
    mine = coursework_dir / "my-figures.csv"
    mine.write_bytes(OWN)
    assert use_path("monthly_operations", mine, store).used
    store.save(QUESTION, "Electricity fell in February.")
    provenance.stamp(QUESTION, store)
    assert provenance.changes(QUESTION, store) == []
    mine.write_bytes(OWN + b"2025-03,900\n")  # the learner edits the file in place
    text = provenance.notice_text(provenance.changes(QUESTION, store))
    assert text.startswith(
        "You wrote this when the notebook used an earlier version of your file 'my-figures.csv'. "
        "The file has changed since then."
    )
    use_upload("monthly_operations", "our-2025.csv", OWN + b"2025-04,800\n", store)
    text = provenance.notice_text(provenance.changes(QUESTION, store))
    assert "used your file 'my-figures.csv'. It now uses your file 'our-2025.csv'." in text
    assert provenance.changes("01.review.unanswered", store) == []
