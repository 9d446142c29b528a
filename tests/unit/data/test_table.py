"""read_table, which runs every step: the bad-input corpus, dtypes, the sample files, any text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.data import KINDS, LoadedTable, read_table
from helpers.errors import DataError, Problem
from tests.paths import CORPUS, SAMPLE

from .inputs import CELLS

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


def test_missing_file_and_unknown_kind_give_plain_messages(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="was not found"):
        read_table(tmp_path / "nope.csv", "feedback")
    (tmp_path / "a.csv").write_text("date,comment\n2025-01-01,hi\n", encoding="utf-8")
    with pytest.raises(DataError, match='"sales" is not a kind of table'):
        read_table(tmp_path / "a.csv", "sales")


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "contact_log"])
def test_sample_files_load_without_problems(kind: str) -> None:
    path = SAMPLE / f"{kind}.csv"
    if not path.exists():
        pytest.skip(f"{path.name} is not in data/sample yet")
    table = read_table(path, kind)
    assert table.problems == []
    assert table.rows_read == len(table.frame) > 0
    assert set(table.frame.columns) == {c.name for c in KINDS[kind].columns}


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
