"""The notebooks' data edge: the learner's file or the sample, remembered, pseudonymised."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from helpers import datasource
from helpers.datasource import (
    current_choice,
    data_choice,
    load,
    redaction_report,
    table,
    use_path,
    use_sample,
    use_upload,
)
from helpers.redact import personal_values

GOOD = b"month,printed_bills,office_kwh\nJan-25,100,12\nFeb-25,bad,13\n"


def test_the_sample_is_used_until_the_learner_chooses(store) -> None:  # type: ignore[no-untyped-def]
    choice = current_choice("monthly_operations", store)
    assert choice.is_sample and choice.path.name == "monthly_operations.csv"
    assert len(load("monthly_operations", store=store).frame) == 24


def test_an_upload_is_copied_checked_and_remembered(store, coursework_dir: Path) -> None:  # type: ignore[no-untyped-def]
    outcome = use_upload("monthly_operations", "../../my figures.csv", GOOD, store)
    assert outcome.used
    copied = coursework_dir / "data" / "my figures.csv"
    assert copied.read_bytes() == GOOD
    assert "Now using your file my figures.csv." in outcome.message
    assert outcome.problems == [
        'my figures.csv, row 3, column "printed_bills": "bad" is not a number. The cell was '
        "left blank. Write a plain number, like 1234 or 1,234."
    ]
    assert store.load("data.choice.monthly_operations") == {
        "source": "upload",
        "path": "data/my figures.csv",
        "name": "my figures.csv",
    }
    loaded = load("monthly_operations", store=store)
    assert loaded.choice.path == copied
    assert loaded.frame["printed_bills"].tolist()[0] == 100


def test_an_unusable_file_is_refused_and_the_choice_is_kept(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "notes.csv"
    bad.write_text("Name,Age\nAsha,3\n", encoding="utf-8")
    outcome = use_path("monthly_operations", bad, store)
    assert not outcome.used
    assert outcome.message.startswith('The file "notes.csv" could not be used:')
    assert outcome.message.endswith("Your choice was not changed.")
    assert current_choice("monthly_operations", store).is_sample


def test_an_upload_with_the_wrong_type_is_refused(store) -> None:  # type: ignore[no-untyped-def]
    outcome = use_upload("feedback", "photo.png", b"\x89PNG", store)
    assert not outcome.used and "is not a CSV or XLSX file" in outcome.message


def test_a_remembered_file_that_breaks_later_falls_back_to_the_sample(
    store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    mine = tmp_path / "mine.csv"
    mine.write_bytes(GOOD)
    chosen = use_path("monthly_operations", mine, store)
    assert chosen.used and chosen.choice is not None
    chosen.choice.path.write_text("", encoding="utf-8")  # the copy kept in the working area
    loaded = load("monthly_operations", store=store)
    assert loaded.choice.is_sample
    assert loaded.fell_back and "Your file mine.csv could not be used" in loaded.fell_back
    assert use_sample("monthly_operations", store).used
    assert current_choice("monthly_operations", store).is_sample


def test_table_returns_pseudonymised_sample_feedback() -> None:
    frame = table("feedback")
    raw = datasource.load("feedback", redact=False).frame
    secrets = personal_values(raw, "feedback", name_parts=True)
    text = frame.to_csv()
    assert secrets
    assert [s for s in secrets if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)] == []
    assert frame["customer_name"].str.match(r"^Customer \d+$").all()


def test_labels_stay_the_same_between_calls_in_one_working_area() -> None:
    first = table("feedback")["customer_name"].tolist()
    datasource._CACHE.clear()
    assert table("feedback")["customer_name"].tolist() == first


def test_widgets_have_an_html_copy_for_exports(store) -> None:  # type: ignore[no-untyped-def]
    chooser = data_choice("feedback")
    bundle = chooser._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "Now using the sample customer feedback data" in bundle["text/html"]
    assert "feedback.csv" not in bundle["text/html"]  # no file names, no column keys
    assert "customer_name" not in bundle["text/html"] and "Customer name" in bundle["text/html"]
    view = redaction_report("feedback")
    html = view._repr_mimebundle_()["text/html"]
    assert "personal details were replaced" in html and "Customer name" in html
    assert "customer_name" not in html


def test_unknown_kind_is_a_plain_message() -> None:
    from helpers.errors import CourseworkError

    with pytest.raises(CourseworkError, match='"sales" is not a kind of table'):
        table("sales")


def test_the_upload_widget_copies_checks_and_remembers_the_file(
    store, coursework_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    from helpers.datasource import DataChooser

    chooser = DataChooser("monthly_operations", store)
    chooser.upload.value = (
        {"name": "figures.csv", "type": "text/csv", "size": len(GOOD), "content": memoryview(GOOD),
         "last_modified": datetime(2025, 1, 1, tzinfo=UTC)},
    )  # fmt: skip
    assert (coursework_dir / "data" / "figures.csv").read_bytes() == GOOD
    assert "Now using your file figures.csv." in chooser.status.value
    assert "&quot;bad&quot; is not a number" in chooser.messages.value
    assert current_choice("monthly_operations", store).name == "figures.csv"
    chooser.sample_button.click()
    assert current_choice("monthly_operations", store).is_sample
    chooser.path_box.value = str(coursework_dir / "data" / "figures.csv")
    chooser.path_button.click()
    assert current_choice("monthly_operations", store).source == "path"


def test_keeping_a_column_needs_a_reason_in_the_widget(store) -> None:  # type: ignore[no-untyped-def]
    from helpers.datasource import RedactionView
    from helpers.redact import kept_columns

    view = RedactionView("feedback", store)
    row = next(r for r in view.widget.children[1:] if "Comment" in r.children[0].description)
    box, reason, note = row.children
    box.value = True
    assert "Write a reason" in note.value
    assert kept_columns("feedback", store) == {}
    reason.value = "The comments are my own invented examples."
    assert kept_columns("feedback", store) == {
        "comment": "The comments are my own invented examples."
    }
    view_again = RedactionView("feedback", store)
    assert view_again.loaded.frame["comment"].str.contains("07700").any()
    box.value = False
    assert kept_columns("feedback", store) == {}


def test_change_date_is_the_date_saved_in_notebook_02(store) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from helpers.datasource import CHANGE_DATE_QUESTION, change_date

    assert change_date(store) is None
    store.save(CHANGE_DATE_QUESTION, "2025-03-01")
    assert change_date(store) == date(2025, 3, 1)
    store.save(CHANGE_DATE_QUESTION, "not a date")
    assert change_date(store) is None
    store.save(CHANGE_DATE_QUESTION, None)
    assert change_date(store) is None


def test_keeping_a_column_updates_the_views_of_that_data_without_rerunning() -> None:
    import inspect

    from helpers.live import _Watcher

    watcher = _Watcher((), ("feedback",), lambda: None)
    assert watcher.depends_on("data.redaction.feedback.comment.keep")
    assert not watcher.depends_on("data.redaction.complaints.comment.keep")
    source = inspect.getsource(datasource)
    assert "Run the cells" not in source and "run the cell" not in source.lower()
