"""The "give the figure" check, measured on labelled sentences (tests/data/figure_claims.csv).

Each sentence is labelled by what it means: a claim of change without its figure ("yes"), or a
claim with its figure, a plan, a caveat or narrative ("no"). The check flags a sentence when
:func:`needs_figure` says so; a flag on a "no" sentence is a false alarm an assessor would see
as "Partly", so precision matters most.
"""

from __future__ import annotations

import csv
from pathlib import Path

from helpers.feedback.checks import needs_figure

LABELLED = Path(__file__).resolve().parents[2] / "data" / "figure_claims.csv"


def labelled() -> list[dict[str, str]]:
    with LABELLED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_labelled_set_is_big_and_varied_enough() -> None:
    rows = labelled()
    kinds = {r["kind"] for r in rows}
    assert len(rows) >= 60
    assert kinds == {"claim_with_figure", "claim_without_figure", "plan", "caveat", "narrative"}
    assert all(r["needs_figure"] in ("yes", "no") for r in rows)


def test_figure_check_precision_is_at_least_90_percent(capsys: object) -> None:
    rows = labelled()
    flagged = [r for r in rows if needs_figure(r["sentence"])]
    true_flags = [r for r in flagged if r["needs_figure"] == "yes"]
    wanted = [r for r in rows if r["needs_figure"] == "yes"]
    precision = len(true_flags) / len(flagged) if flagged else 1.0
    recall = len(true_flags) / len(wanted)
    false_alarms = [r["sentence"] for r in flagged if r["needs_figure"] == "no"]
    missed = [r["sentence"] for r in wanted if r not in flagged]
    print(
        f"\nfigure check on {len(rows)} sentences: precision {precision:.0%} "
        f"({len(true_flags)}/{len(flagged)}), recall {recall:.0%} ({len(true_flags)}/{len(wanted)})"
    )
    for sentence in false_alarms:
        print(f"  false alarm: {sentence}")
    for sentence in missed:
        print(f"  missed: {sentence}")
    assert precision >= 0.9, false_alarms
    assert recall >= 0.5, missed  # a check that flags nothing is not a check


def test_each_kind_that_needs_no_figure_is_left_alone() -> None:
    """Per kind, so a pattern that starts flagging all plans or all caveats shows up by name."""
    for kind in ("plan", "caveat", "narrative", "claim_with_figure"):
        rows = [r for r in labelled() if r["kind"] == kind]
        flagged = [r["sentence"] for r in rows if needs_figure(r["sentence"])]
        assert len(flagged) <= len(rows) // 10, (kind, flagged)
