"""helpers.start(): the learner's first notice and the style that keeps text from being cut off."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.notebook import _friendly_exception, page_style, start


def test_start_says_ready_without_a_file_path_and_adds_the_wrapping_style(
    coursework_dir: Path,
) -> None:
    html = start().data
    assert "Ready." in html
    assert str(coursework_dir) not in html and "answers.sqlite" not in html
    assert html.startswith("<style>") and "text-overflow: clip" in html
    assert "white-space: normal" in page_style()


def test_an_unexpected_error_never_tells_the_learner_to_run_anything(
    coursework_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import IPython.display

    shown: list[str] = []
    monkeypatch.setattr(IPython.display, "display", lambda box: shown.append(box.data))
    _friendly_exception(None, ValueError, ValueError("x"), None)
    assert shown and "tell your tutor" in shown[0]
    assert "Run" not in shown[0] and "Traceback" not in shown[0]
    assert "ValueError" in (coursework_dir / "logs" / "errors.log").read_text(encoding="utf-8")
