"""Personal data is replaced before anything is shown: detection, stable labels, opt-outs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.data import read_table
from helpers.errors import CourseworkError
from helpers.redact import (
    Pseudonyms,
    find_personal_data,
    keep_column,
    kept_columns,
    personal_values,
    redact_frame,
    redact_text,
)
from helpers.views import table_html
from tests.leaks import leaks
from tests.paths import SAMPLE

SAMPLE_FEEDBACK = SAMPLE / "feedback.csv"


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "07700900123",
        "+44 7700 900123",
        "+447700900123",
        "020 7946 0018",
        "(020) 7946 0018",
        "+44 (0)20 7946 0018",
        "0161 496 0000",
        "0113 496 0755",
        "01632 960 001",
    ],
)
def test_uk_phone_numbers_are_found_and_replaced(number: str) -> None:
    text = f"Please ring {number} after 5."
    assert ("phone", number) in find_personal_data(text)
    assert redact_text(text) == "Please ring [phone 1] after 5."


@pytest.mark.parametrize(
    "text",
    [
        "The bill was £1,200 on 01/02/2025.",
        "Reference 12345 and 2024-01-05.",
        "We sent 41,200 bills in 2024.",
        "Call minutes fell by 12.5%.",
    ],
)
def test_numbers_that_are_not_phone_numbers_are_left_alone(text: str) -> None:
    assert redact_text(text) == text


def test_emails_postcodes_and_titled_names_are_replaced() -> None:
    text = "Dear Mrs Smith, write to asha.patel@example.com or visit LS1 4AP; Mr O'Brien agreed."
    assert redact_text(text) == (
        "Dear Customer 1, write to [email 1] or visit [postcode 1]; Customer 2 agreed."
    )


def test_name_phrases_are_replaced_with_customer_or_colleague_labels() -> None:
    text = "My name is Tom Jones. I spoke to Sarah, and Priya on the phone was kind."
    assert redact_text(text) == (
        "My name is Customer 1. I spoke to Colleague 1, and Colleague 2 on the phone was kind."
    )


def test_the_same_value_gets_the_same_label_within_one_set_of_pseudonyms() -> None:
    names = Pseudonyms(salt="fixed")
    first = redact_text("Ring 07700 900123 or 07700 900999.", names)
    again = redact_text("Ring +44 7700 900123 please.", names)
    assert first == "Ring [phone 1] or [phone 2]."
    assert again == "Ring [phone 1] please."


def test_frame_redaction_replaces_name_columns_and_names_from_them_in_comments() -> None:
    frame = pd.DataFrame(
        {
            "customer_name": ["Asha Patel", "Tom Jones", "Asha Patel"],
            "comment": ["Asha here, ring 07700 900123", "Fine", "asha@example.com"],
            "channel": ["phone", "email", "chat"],
        }
    )
    result = redact_frame(frame, kind="feedback")
    assert result.frame["customer_name"].tolist() == ["Customer 1", "Customer 2", "Customer 1"]
    assert result.frame["comment"].tolist() == [
        "Customer 1 here, ring [phone 1]",
        "Fine",
        "[email 1]",
    ]
    assert result.frame["channel"].tolist() == ["phone", "email", "chat"]
    assert frame["customer_name"].iloc[0] == "Asha Patel"  # the input is not changed
    counts = {(r.what, r.column): r.count for r in result.report.replacements}
    assert counts == {
        ("name", "customer_name"): 3,
        ("name", "comment"): 1,
        ("phone", "comment"): 1,
        ("email", "comment"): 1,
    }
    assert result.report.total == 6
    assert "3 people's names in column Customer name" in result.report.text()


def test_anonymised_agent_labels_are_left_alone() -> None:
    frame = pd.DataFrame({"agent": ["Agent A", "Agent B"], "csat_pct": [80.0, 90.0]})
    result = redact_frame(frame, kind="team_kpi")
    assert result.frame["agent"].tolist() == ["Agent A", "Agent B"]
    assert result.report.replacements == []


def test_real_colleague_names_become_colleague_labels() -> None:
    frame = pd.DataFrame({"agent": ["Sam Lee", "Agent B"]})
    assert redact_frame(frame, kind="team_kpi").frame["agent"].tolist() == [
        "Colleague 1",
        "Agent B",
    ]


def test_a_kept_column_is_left_as_it_is_and_reported() -> None:
    frame = pd.DataFrame({"customer_name": ["Asha Patel"], "comment": ["ring 07700 900123"]})
    result = redact_frame(frame, kind="feedback", keep={"comment": "numbers are made up"})
    assert result.frame["comment"].tolist() == ["ring 07700 900123"]
    assert result.frame["customer_name"].tolist() == ["Customer 1"]
    assert 'Column Comment was kept as it is, because: "numbers are made up"' in (
        result.report.text()
    )


def test_pseudonyms_are_stable_across_calls_in_a_working_area_and_keep_no_raw_values(
    store,  # type: ignore[no-untyped-def]
    coursework_dir: Path,
) -> None:
    frame = pd.DataFrame({"customer_name": ["Asha Patel", "Tom Jones"], "comment": ["", ""]})
    names = Pseudonyms.from_area(coursework_dir)
    first = redact_frame(frame, kind="feedback", pseudonyms=names).frame
    names.save()
    reordered = frame.iloc[::-1].reset_index(drop=True)
    again_names = Pseudonyms.from_store(store)
    again = redact_frame(reordered, kind="feedback", pseudonyms=again_names).frame
    assert first["customer_name"].tolist() == ["Customer 1", "Customer 2"]
    assert again["customer_name"].tolist() == ["Customer 2", "Customer 1"]
    key_file = (coursework_dir / "data" / "pseudonyms.json").read_text("utf-8")
    assert "Asha" not in key_file and "Jones" not in key_file
    assert store.answers() == {}  # nothing about pseudonyms reaches the exported answers


def test_another_working_area_gets_other_hashes(tmp_path: Path) -> None:
    one = Pseudonyms.from_area(tmp_path / "one")
    two = Pseudonyms.from_area(tmp_path / "two")
    assert one.digest("customer", "Asha Patel") != two.digest("customer", "Asha Patel")
    assert one.label("customer", "Asha Patel") == "Customer 1"


def test_a_read_only_area_still_redacts(tmp_path: Path) -> None:
    area = tmp_path / "locked"
    area.mkdir()
    area.chmod(0o500)
    try:
        names = Pseudonyms.from_area(area)
        assert redact_text("ring 07700 900123", names) == "ring [phone 1]"
        names.save()
    finally:
        area.chmod(0o700)


def test_opt_out_needs_a_reason_and_is_recorded_in_the_store(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CourseworkError, match="Say why column comment"):
        keep_column("feedback", "comment", "  ", store)
    keep_column("feedback", "comment", "Comments were written by me as examples.", store)
    assert store.load("data.redaction.feedback.comment.keep") == {
        "keep": True,
        "reason": "Comments were written by me as examples.",
    }
    assert kept_columns("feedback", store) == {
        "comment": "Comments were written by me as examples."
    }
    keep_column("feedback", "comment", "", store, keep=False)
    assert kept_columns("feedback", store) == {}


def test_sample_feedback_outputs_never_show_raw_personal_data() -> None:
    if not SAMPLE_FEEDBACK.exists():
        pytest.skip("data/sample/feedback.csv is not there yet")
    raw = read_table(SAMPLE_FEEDBACK, "feedback").frame
    secrets = personal_values(raw, "feedback", name_parts=True)
    assert len(secrets) > 50  # names, name parts, emails and phone numbers from the comments
    assert any("@example.com" in s for s in secrets)
    assert any(s.startswith("07700") for s in secrets)
    redacted = redact_frame(raw, kind="feedback").frame
    outputs = [
        redacted.to_csv(),
        redacted.to_html(),
        table_html(redacted.astype(str).to_dict("records")),
    ]
    for output in outputs:
        assert leaks(output, secrets) == []
    # and the check itself works: the raw table does leak
    assert leaks(raw.to_csv(), secrets)


def test_personal_values_lists_name_parts_only_when_asked() -> None:
    frame = pd.DataFrame({"customer_name": ["Mo Shah"], "comment": ["mail mo@example.com"]})
    assert personal_values(frame, "feedback") == {"Mo Shah", "mo@example.com"}
    assert personal_values(frame, "feedback", name_parts=True) == {
        "Mo Shah",
        "Mo",
        "Shah",
        "mo@example.com",
    }
