"""export-cohort --key seals every pack it makes, and seals packs it skips as unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import cohort
from helpers.cli import main
from helpers.store import open_store
from tests.cohorts import CRITERIA, answer_for, write_roster, write_templates


@pytest.mark.slow
def test_export_cohort_with_a_key_seals_every_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = write_templates(tmp_path / "templates")
    to = tmp_path / "cohort"
    cohort.release(templates, to, write_roster(tmp_path / "roster.csv", 2))
    for n in (1, 2):
        with open_store(to / f"L00{n}" / "coursework") as store:
            store.save("01.review.channels", answer_for("01.review.channels", n))
    assert main(["keys", "--out", str(tmp_path / "centre")]) == 0
    private, public = tmp_path / "centre" / "centre.key", tmp_path / "centre" / "centre.pub"
    packs = tmp_path / "packs"
    argv = ["export-cohort", str(to), "--out", str(packs), "--jobs", "2"]
    argv += ["--criteria", str(CRITERIA), "--notebooks", str(templates)]

    assert main([*argv, "--key", str(public)]) == 1  # a public key cannot seal: stop at once
    assert "centre.pub" in capsys.readouterr().err and not packs.exists()
    assert main(argv) == 0  # made without a key: not sealed
    capsys.readouterr()
    zips = [packs / f"L00{n}" / "evidence.zip" for n in (1, 2)]
    assert main(["verify", str(zips[0]), "--key", str(public)]) == 1
    assert "not sealed" in capsys.readouterr().out

    assert main([*argv, "--key", str(private)]) == 0  # unchanged, so skipped, and sealed now
    assert "skipped 2" in capsys.readouterr().out
    with open_store(to / "L002" / "coursework") as store:
        store.save("02.plan.steps", "Move statements to email by March.")
    assert main([*argv, "--key", str(private)]) == 0  # L002 exported afresh, and sealed
    assert "Exported 1, skipped 1" in capsys.readouterr().out
    for pack in zips:
        assert main(["verify", str(pack), "--key", str(public)]) == 0
        assert "sealed and intact" in capsys.readouterr().out
