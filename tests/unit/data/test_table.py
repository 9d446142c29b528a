"""read_table: the bad-input corpus, header matching, dtypes and the kinds registry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.data import KINDS, LoadedTable, match_header, read_table
from helpers.errors import DataError, Problem
from tests.paths import CORPUS, SAMPLE

EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((CORPUS / "expected.yml").read_text("utf-8"))


def test_corpus_has_at_least_30_files_each_described() -> None:
    files = sorted(p.name for p in CORPUS.iterdir() if p.name != "expected.yml")
    assert len(files) >= 30
    assert sorted(EXPECTED) == files


def _matches(problem: Problem, expected: dict[str, Any]) -> bool:
    return (
        expected["text"] in problem.message + " " + (problem.fix or "")
        and problem.row == expected["row"]
        and problem.column == expected["column"]
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_input_loads_or_is_refused_with_its_message(name: str) -> None:
    case = EXPECTED[name]
    path = CORPUS / name
    if case["outcome"] == "refused":
        with pytest.raises(DataError) as caught:
            read_table(path, case["kind"])
        error = caught.value
        assert error.message.startswith(f'The file "{name}" could not be used:')
        problems = error.problems
        whole_file = Problem(error.message)
    else:
        table = read_table(path, case["kind"])
        assert isinstance(table, LoadedTable)
        assert len(table.frame) == case["rows"]
        problems = table.problems
        whole_file = Problem("")
        for column, values in case.get("values", {}).items():
            got = table.frame[column].tolist()
            if column == "month":
                got = [v.strftime("%Y-%m-%d") for v in got]
            assert got == pytest.approx(values) if isinstance(values[0], float) else got == values
        for column, header in case.get("headers", {}).items():
            assert table.headers[column] == header
        if not case["messages"]:
            assert problems == []
    for expected in case["messages"]:
        found = [p for p in [*problems, whole_file] if _matches(p, expected)]
        assert found, f"{name}: no problem {expected!r} in {[str(p) for p in problems]}"
    for problem in problems:  # every row-level problem names the file
        assert problem.file is None or Path(problem.file).name == name


def test_good_rows_load_with_proper_dtypes(tmp_path: Path) -> None:
    path = tmp_path / "ops.csv"
    path.write_text(
        'Month,Printed bills,Office kWh,CSAT %\nJan-24,"41,200",12 kWh,85%\nFeb-24,40100,13,84\n',
        encoding="utf-8",
    )
    table = read_table(path, "monthly_operations")
    frame = table.frame
    assert list(frame.columns) == ["month", "printed_bills", "office_kwh", "csat_pct"]
    assert str(frame["month"].dtype).startswith("datetime64")
    assert str(frame["printed_bills"].dtype) == "Int64"
    assert frame["office_kwh"].dtype == "float64"
    assert frame.index.tolist() == [2, 3]
    assert frame["month"].iloc[0] == pd.Timestamp("2024-01-01")
    assert table.rows_read == 2
    assert table.headers["office_kwh"] == "Office kWh"
    assert "Dates from Jan 2024 to Feb 2024." in table.summary()


def test_several_problems_are_listed_together_and_the_rest_loads(tmp_path: Path) -> None:
    path = tmp_path / "ops.csv"
    path.write_text(
        "month,printed_bills,letters_posted\n2024-01,100,-1\n2024-02,abc,5\n2024-02,3,3\n2024-03,1,1\n",
        encoding="utf-8",
    )
    table = read_table(path, "monthly_operations")
    assert len(table.frame) == 3
    located = [(p.row, p.column) for p in table.problems]
    assert located == [(2, "letters_posted"), (3, "printed_bills"), (4, "month")]


def test_many_bad_rows_are_counted_not_listed_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    rows = "".join(f"2025-01-{1 + i % 28:02d},phone,-{i + 1},0,0\n" for i in range(500))
    path.write_text("date,channel,duration_minutes,pages,km\n" + rows, encoding="utf-8")
    table = read_table(path, "contact_log")
    assert len(table.frame) == 500
    assert len(table.problems) == 21
    assert table.problems[-1].message == "…and 480 more rows with the same kind of problem."


def test_missing_file_and_unknown_kind_give_plain_messages(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="was not found"):
        read_table(tmp_path / "nope.csv", "feedback")
    (tmp_path / "a.csv").write_text("date,comment\n2025-01-01,hi\n", encoding="utf-8")
    with pytest.raises(DataError, match='"sales" is not a kind of table'):
        read_table(tmp_path / "a.csv", "sales")


@pytest.fixture
def fast_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files over 1 kB take the big-file path, so these tests stay small and quick."""
    from helpers.data import reading

    monkeypatch.setattr(reading, "SMALL_FILE_BYTES", 1000)


LOG_HEADER = "date,channel,duration_minutes,pages,km\n"


def test_big_file_uses_fast_reader_and_keeps_row_numbers(tmp_path: Path, fast_reader: None) -> None:
    path = tmp_path / "big.csv"
    lines = ["2025-01-05,phone,3.5,0,0\n"] * 2000
    lines[1500] = "2025-01-05,phone,-7,0,0\n"
    path.write_text("Contact log\n" + LOG_HEADER + "".join(lines), encoding="utf-8")
    table = read_table(path, "contact_log")
    assert len(table.frame) == 2000
    assert [(p.row, p.column) for p in table.problems] == [(1503, "duration_minutes")]
    assert table.frame["date"].iloc[0] == pd.Timestamp("2025-01-05")
    assert str(table.frame["channel"].dtype) == "string"


def test_big_file_with_a_blank_line_still_names_the_right_row(
    tmp_path: Path, fast_reader: None
) -> None:
    path = tmp_path / "big_blank.csv"
    lines = ["2025-01-05,phone,3.5,0,0\n"] * 2000
    lines[10] = "\n"
    lines[1500] = "2025-01-05,phone,-7,0,0\n"
    path.write_text(LOG_HEADER + "".join(lines), encoding="utf-8")
    table = read_table(path, "contact_log")
    assert len(table.frame) == 1999
    assert [(p.row, p.column) for p in table.problems] == [(1502, "duration_minutes")]


def test_big_windows_1252_file_is_decoded_not_read_as_bytes(
    tmp_path: Path, fast_reader: None
) -> None:
    path = tmp_path / "big1252.csv"
    body = "date;channel;duration_minutes;pages;km\n" + "05/01/2025;phone;3,5;0;0\n" * 2000
    path.write_bytes((body + "06/01/2025;café;1 hour;0;0\n").encode("cp1252"))
    table = read_table(path, "contact_log")
    assert table.frame["channel"].iloc[-1] == "café"
    assert table.frame["duration_minutes"].iloc[-1] == 60.0
    assert table.frame["duration_minutes"].iloc[0] == 3.5
    assert "Windows-1252" in table.problems[0].message
    assert "Some cells were in hours; they were converted to minutes." in [
        p.message for p in table.problems
    ]


def test_a_real_big_file_is_read_quickly(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(LOG_HEADER + "2025-01-05,phone,3.5,0,0\n" * 200_000, encoding="utf-8")
    table = read_table(path, "contact_log")  # about 5 MB: the real threshold
    assert len(table.frame) == 200_000 and table.problems == []


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("kWh used", "office_kwh"),
        ("  Office KWH ", "office_kwh"),
        ("CSAT (%)", "csat_pct"),
        ("Customer satisfaction %", "csat_pct"),
        ("E-signatures", "e_signatures"),
        ("Number of complaints", "complaints"),
        ("Month", "month"),
        ("Water (m³)", "water_m3"),
        ("Notes", None),
    ],
)
def test_header_variants_match_canonical_columns(header: str, column: str | None) -> None:
    assert match_header(header, KINDS["monthly_operations"]) == column


def test_kinds_registry_covers_the_sample_files_and_contact_log() -> None:
    assert set(KINDS) == {
        "monthly_operations",
        "feedback",
        "complaints",
        "sla_response_times",
        "team_kpi",
        "promotion_survey",
        "contact_log",
    }
    assert KINDS["feedback"].column("customer_name").person == "customer"
    assert [c.name for c in KINDS["contact_log"].columns] == [
        "date",
        "channel",
        "duration_minutes",
        "pages",
        "km",
    ]


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "contact_log"])
def test_sample_files_load_without_problems(kind: str) -> None:
    path = SAMPLE / f"{kind}.csv"
    if not path.exists():
        pytest.skip(f"{path.name} is not in data/sample yet")
    table = read_table(path, kind)
    assert table.problems == []
    assert table.rows_read == len(table.frame) > 0
    assert set(table.frame.columns) == {c.name for c in KINDS[kind].columns}


def test_dates_come_back_as_timestamps(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "complaint_id,date_received,date_resolved,escalated\nC1,5 Jan 2025,07/01/2025,no\n",
        encoding="utf-8",
    )
    frame = read_table(path, "complaints").frame
    assert frame["date_received"].iloc[0].date() == dt.date(2025, 1, 5)
    assert frame["date_resolved"].iloc[0].date() == dt.date(2025, 1, 7)
    assert frame["escalated"].tolist() == [False]


CELLS = [
    "month", "Month", "printed_bills", "kWh used", "csat %", "date", "comment", "score",
    "Jan-25", "2025-02", "31/02/2025", "12/25/2024", "01/02/2025", "45658", "Total",
    "1,234", "12 kWh", "£3.50", "45%", "-3", "lots", "", " ", "n/a", '"a,b"', "é", "\u00a0",
]  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.lists(st.sampled_from(CELLS) | st.text(max_size=8), min_size=0, max_size=6),
        max_size=8,
    ),
    separator=st.sampled_from([",", ";", "\t"]),
    kind=st.sampled_from(sorted(KINDS)),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_any_small_text_file_loads_or_is_refused_never_crashes(
    tmp_path: Path, rows: list[list[str]], separator: str, kind: str, encoding: str
) -> None:
    path = tmp_path / "fuzz.csv"
    text = "\n".join(separator.join(row) for row in rows)
    path.write_bytes(text.encode(encoding, errors="replace"))
    try:
        table = read_table(path, kind)
    except DataError as error:
        assert error.message.startswith('The file "fuzz.csv" could not be used:')
    else:
        assert len(table.frame) >= 1
        assert all(isinstance(p, Problem) for p in table.problems)


def test_two_columns_for_the_same_thing_use_the_first_and_say_so(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("Month,kWh used,Electricity\nJan-25,100,999\n", encoding="utf-8")
    table = read_table(path, "monthly_operations")
    assert table.frame["office_kwh"].tolist() == [100.0]
    assert [(p.row, p.message) for p in table.problems] == [
        (
            1,
            "More than one column stands for the same thing (Electricity); only the first of "
            "each was used.",
        )
    ]


def test_small_percentages_written_with_a_percent_sign_stay_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "small.csv"
    path.write_text("month,paperless_accounts_pct\n2024-01,0.4%\n2024-02,0.9%\n", encoding="utf-8")
    assert read_table(path, "monthly_operations").frame["paperless_accounts_pct"].tolist() == [
        0.4,
        0.9,
    ]


def test_small_percent_formatted_excel_cells_stay_as_they_are(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Month", "Paperless %"])
    for month, share in (("Jan-24", 0.004), ("Feb-24", 0.009)):
        sheet.append([month, share])
        sheet.cell(sheet.max_row, 2).number_format = "0.0%"
    path = tmp_path / "small.xlsx"
    book.save(path)
    frame = read_table(path, "monthly_operations").frame
    assert frame["paperless_accounts_pct"].tolist() == pytest.approx([0.4, 0.9])


def test_big_file_with_crlf_blank_lines_and_a_multiline_cell_keeps_row_numbers(
    tmp_path: Path, fast_reader: None
) -> None:
    lines = ["2025-01-05,phone,3.5,0,0\r\n"] * 1000
    lines[5] = "\r\n"
    lines[700] = "2025-01-05,phone,-7,0,0\r\n"
    crlf = tmp_path / "crlf.csv"
    crlf.write_bytes((LOG_HEADER.replace("\n", "\r\n") + "".join(lines)).encode())
    assert [p.row for p in read_table(crlf, "contact_log").problems] == [702]
    lines[5] = '2025-01-05,"phone\r\nline two",3.5,0,0\r\n'
    multiline = tmp_path / "multiline.csv"
    multiline.write_bytes((LOG_HEADER.replace("\n", "\r\n") + "".join(lines)).encode())
    table = read_table(multiline, "contact_log")
    assert [p.row for p in table.problems] == [702]
    assert table.frame.loc[7, "channel"] == "phone\r\nline two"


def _outcome(path: Path, kind: str) -> tuple[Any, ...]:
    try:
        table = read_table(path, kind)
    except DataError as error:
        return ("refused", error.message, [str(p) for p in error.problems])
    return ("loads", table.frame.astype(str).to_dict("list"), [str(p) for p in table.problems])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(sorted(KINDS)),
    data=st.data(),
)
def test_the_fast_and_careful_readers_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, data: st.DataObject
) -> None:
    from helpers.data import reading as module

    names = [c.name for c in KINDS[kind].columns]
    header = data.draw(st.lists(st.sampled_from(names), min_size=1, unique=True))
    cells = st.sampled_from([c for c in CELLS if c not in ('"a,b"', "\u00a0")])
    rows = data.draw(
        st.lists(
            st.lists(cells, min_size=len(header), max_size=len(header)), min_size=1, max_size=6
        )
    )
    path = tmp_path / "same.csv"
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    careful = _outcome(path, kind)
    monkeypatch.setattr(module, "SMALL_FILE_BYTES", 0)
    fast = _outcome(path, kind)
    monkeypatch.undo()
    assert fast == careful


def test_units_a_number_box_accepts_are_still_refused_where_a_column_cannot_hold_them(
    tmp_path: Path,
) -> None:
    """Days, weeks and kilograms read in a PDCA box; in a table they never become minutes or km."""
    path = tmp_path / "log.csv"
    path.write_text(
        LOG_HEADER
        + "2025-01-06,phone,3 days,12 letters,2 km\n2025-01-07,email,4,40 tickets,12 kg\n",
        encoding="utf-8",
    )
    table = read_table(path, "contact_log")
    assert table.frame["pages"].tolist() == [12, 40]  # counted words say what was counted
    assert table.frame["duration_minutes"].isna().tolist() == [True, False]
    assert table.frame["km"].isna().tolist() == [False, True]
    messages = {(p.row, p.column): p.message for p in table.problems}
    assert (
        "does not fit this column (this column is in minutes)" in messages[(2, "duration_minutes")]
    )
    assert "does not fit this column (this column is in km)" in messages[(3, "km")]
