"""Raw cells from CSV and XLSX: encodings, separators, big files, repeated columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.data import KINDS, read_table
from helpers.errors import DataError

from .inputs import CELLS, LOG_HEADER


@pytest.fixture
def fast_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files over 1 kB take the big-file path, so these tests stay small and quick."""
    from helpers.data import reading

    monkeypatch.setattr(reading, "SMALL_FILE_BYTES", 1000)


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
