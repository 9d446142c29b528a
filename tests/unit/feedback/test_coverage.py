"""Coverage of each criterion: not yet, partly or met, with the evidence and the reasons."""

from __future__ import annotations

from helpers.feedback import coverage


def test_coverage_not_yet_throughout_for_an_empty_store() -> None:
    qmap = {"01.review.channels": ["SUS.REVIEW.1"], "07.gibbs.description": ["REF.REFLECT.1"]}
    table = coverage({}, ["SUS.REVIEW.1", "REF.REFLECT.1", "TEAM.WORKPLACE.2"], qmap)
    assert {entry.status for entry in table.values()} == {"not yet"}
    assert table["TEAM.WORKPLACE.2"].reasons


def test_coverage_met_partly_and_evidence() -> None:
    answers = {
        "01.review.channels": "Printed bills, letters and post; email and live chat use energy.",
        "07.gibbs.description": "A short note.",
    }
    qmap = {"01.review.channels": ["SUS.REVIEW.1"], "07.gibbs.description": ["REF.REFLECT.1"]}
    table = coverage(answers, ["SUS.REVIEW.1", "REF.REFLECT.1"], qmap)
    assert table["SUS.REVIEW.1"].status == "met"
    assert table["SUS.REVIEW.1"].evidence == ["01.review.channels"]
    assert table["REF.REFLECT.1"].status == "partly"
    assert any("Gibbs" in reason for reason in table["REF.REFLECT.1"].reasons)
