"""Forms are views of the store: they save on change, show saved values, and keep text on failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import forms
from helpers.store import open_store

from .filesystems import readonly_folder  # noqa: F401 (fixture)


def test_setting_a_value_writes_the_store_and_a_new_widget_shows_it(store) -> None:  # type: ignore[no-untyped-def]
    first = forms.long_text("01.review.summary", "Summary", store=store)
    first.control.value = "We post 40,000 bills a month."
    assert store.load("01.review.summary") == "We post 40,000 bills a month."
    assert first.status.value.startswith('<span style="color:#2f6f3e">Saved ')
    again = forms.long_text("01.review.summary", "Summary", store=store)
    assert again.control.value == "We post 40,000 bills a month."


def test_long_text_counts_words(store) -> None:  # type: ignore[no-untyped-def]
    form = forms.long_text("q.a.b", "Q", words=(5, 10), store=store)
    form.control.value = "Paper bills went down by a lot"
    counter = form.widget.children[-2]
    assert "7 words (aim for 5 to 10)" in counter.value


@pytest.mark.parametrize(
    ("make", "typed", "stored"),
    [
        (lambda s: forms.short_text("q.short.a", "Short", store=s), "Team leader", "Team leader"),
        (lambda s: forms.number("q.num.a", "Bills", unit="bills", store=s), "41,200", 41200),
        (lambda s: forms.number("q.num.b", "kWh", store=s), "12.5 kWh", 12.5),
    ],
)
def test_text_like_forms_store_clean_values(store, make, typed, stored) -> None:  # type: ignore[no-untyped-def]
    form = make(store)
    form.control.value = typed
    assert store.load(form.question_id) == stored
    assert make(store).value == stored


def test_number_refuses_words_without_losing_them(store) -> None:  # type: ignore[no-untyped-def]
    form = forms.number("q.num.c", "Count", store=store)
    form.control.value = "about"
    assert store.load("q.num.c") is None
    assert "type a number" in form.status.value
    assert form.control.value == "about"


def test_date_single_multiple_checklist_round_trip(store) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    d = forms.date("q.date.a", "Start", store=store)
    d.control.value = "6 Jan 2025"  # typed the UK way (helpers.dates), stored as ISO text
    assert store.load("q.date.a") == dt.date(2025, 1, 6).isoformat()
    assert forms.date("q.date.a", "Start", store=store).control.value == "06/01/2025"

    options = ["Centralised", "Decentralised"]
    one = forms.single_choice("q.one.a", "Structure", options, store=store)
    assert one.value is None  # nothing chosen until the learner chooses
    one.control.value = "Decentralised"
    assert (
        forms.single_choice("q.one.a", "Structure", options, store=store).value == "Decentralised"
    )

    channels = ["Post", "Email", "Phone", "Chat"]
    many = forms.multiple_choice("q.many.a", "Channels", channels, store=store)
    many.control.children[3].value = True
    many.control.children[0].value = True
    assert store.load("q.many.a") == ["Post", "Chat"]
    assert forms.multiple_choice("q.many.a", "Channels", channels, store=store).value == [
        "Post",
        "Chat",
    ]

    todo = forms.checklist("q.todo.a", "Steps", ["Read", "Plan"], store=store)
    todo.control.children[1].value = True
    assert store.load("q.todo.a") == ["Plan"]


def test_table_add_edit_remove_rows(store) -> None:  # type: ignore[no-untyped-def]
    form = forms.table(
        "q.table.a",
        "Actions",
        ["What", "Owner"],
        starting_rows=[{"What": "Audit", "Owner": "Sam"}],
        store=store,
    )
    assert form.value == [{"What": "Audit", "Owner": "Sam"}]
    assert store.load("q.table.a") is None  # starting rows are a suggestion, not an answer
    editor_rows = form.control.children[1]
    editor_rows.children[0].children[1].value = "Priya"
    assert store.load("q.table.a") == [{"What": "Audit", "Owner": "Priya"}]
    form.control.children[2].click()  # "Add a row"
    assert store.load("q.table.a") == [
        {"What": "Audit", "Owner": "Priya"},
        {"What": "", "Owner": ""},
    ]
    first_remove = editor_rows.children[0].children[2]
    first_remove.click()
    assert store.load("q.table.a") == [{"What": "", "Owner": ""}]
    assert [r.value for r in store.history("q.table.a")][-1] == [{"What": "", "Owner": ""}]
    reopened = forms.table("q.table.a", "Actions", ["What", "Owner"], store=store)
    assert reopened.value == [{"What": "", "Owner": ""}]


def test_mime_bundle_has_escaped_html_beside_the_widget(store) -> None:  # type: ignore[no-untyped-def]
    form = forms.long_text("q.html.a", "Your view", store=store)
    form.control.value = "<script>alert(1)</script> & more"
    bundle = form._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "<script>" not in bundle["text/html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in bundle["text/html"]
    assert 'data-question="q.html.a"' in bundle["text/html"]


def test_save_into_readonly_folder_shows_not_saved_and_keeps_value(readonly_folder: Path) -> None:  # noqa: F811
    store = open_store(readonly_folder)
    form = forms.long_text("00.practice.first_answer", "Practice", store=store)
    form.control.value = "Words I must not lose"
    assert "Not saved:" in form.status.value and "read-only" in form.status.value
    assert form.value == "Words I must not lose"
    assert store.load("00.practice.first_answer") is None
    form.control.value = "Words I must not lose, and more"  # retried on the next change
    assert "Not saved:" in form.status.value
    assert form.value == "Words I must not lose, and more"


def test_failed_save_is_retried_on_next_change_once_writable(tmp_path: Path) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the folder should be")
    store = open_store(blocker / "area")
    form = forms.short_text("q.retry.a", "Name", store=store)
    form.control.value = "Sam"
    assert "Not saved:" in form.status.value
    blocker.unlink()  # the tutor fixes the folder
    form.control.value = "Sam Patel"
    assert "Saved " in form.status.value
    assert store.load("q.retry.a") == "Sam Patel"


def test_profile_form_round_trip(store) -> None:  # type: ignore[no-untyped-def]
    from helpers.profile import load_profile, profile_form

    group = profile_form(store=store)
    group.forms[0].control.value = "Alex Morgan"
    group.forms[2].control.value = "Northfield College"
    profile = load_profile(store)
    assert profile["name"] == "Alex Morgan"
    assert profile["centre"] == "Northfield College"
    assert profile["job_role"] == ""
    assert "Alex Morgan" in group._repr_mimebundle_()["text/html"]


def test_a_saved_value_the_control_cannot_show_gives_a_message_not_an_error(store) -> None:  # type: ignore[no-untyped-def]
    store.save("q.date.bad", "<script>next week</script>")
    store.save("q.one.bad", "An option that no longer exists")
    d = forms.date("q.date.bad", "Start", store=store)
    assert d.control.value == ""
    assert "could not be shown in this box" in d.status.value
    assert "&lt;script&gt;" in d.status.value  # the message escapes what it quotes
    assert store.load("q.date.bad") == "<script>next week</script>"  # nothing lost
    one = forms.single_choice("q.one.bad", "Structure", ["Centralised"], store=store)
    assert one.value is None


def test_two_notebooks_editing_one_answer_keep_both_versions(coursework_dir: Path) -> None:
    """Notebook A shows a box; notebook B (another kernel) saves the same answer; then the
    learner types in A's box. A's text becomes the answer, B's stays in the history, and A's
    box says so."""
    import subprocess
    import sys

    qid = "07.gibbs.feelings"
    with open_store(coursework_dir) as store_a:
        box_a = forms.long_text(qid, "Feelings", store=store_a)
        other_kernel = (
            "from helpers import forms\n"
            "from helpers.store import open_store\n"
            f"with open_store({str(coursework_dir)!r}) as store:\n"
            f"    box = forms.long_text({qid!r}, 'Feelings', store=store)\n"
            "    box.control.value = 'Typed in notebook B.'\n"
        )
        subprocess.run([sys.executable, "-c", other_kernel], check=True, timeout=60)
        assert store_a.load(qid) == "Typed in notebook B."

        box_a.control.value = "Typed in notebook A."
        assert store_a.load(qid) == "Typed in notebook A."
        assert [r.value for r in store_a.history(qid)] == [
            "Typed in notebook B.",
            "Typed in notebook A.",
        ]
        assert "That version is kept in your answer history" in box_a.status.value

        box_a.control.value = "Typed in notebook A, and more."  # carrying on: no new notice
        assert "kept in your answer history" not in box_a.status.value
        assert [r.value for r in store_a.history(qid)][-1] == "Typed in notebook A, and more."
        assert len(store_a.history(qid)) == 2


def test_two_boxes_for_one_answer_in_one_notebook_keep_both_versions(store) -> None:  # type: ignore[no-untyped-def]
    first = forms.short_text("00.profile.name", "Your name", store=store)
    second = forms.short_text("00.profile.name", "Your name", store=store)
    second.control.value = "Asha Patel"
    first.control.value = "A. Patel"
    assert store.load("00.profile.name") == "A. Patel"
    assert [r.value for r in store.history("00.profile.name")] == ["Asha Patel", "A. Patel"]


def test_a_saved_decimal_comes_back_with_every_digit(store) -> None:  # type: ignore[no-untyped-def]
    store.save("q.num.precise", 12345.67)
    box = forms.number("q.num.precise", "kWh", store=store)
    assert box.control.value == "12345.67" and box.value == 12345.67


def test_the_number_boxes_use_the_data_parser_itself() -> None:
    from helpers import data, forms

    assert forms.parse_number is data.parse_number
