"""helpers.live: views re-render when what they depend on is saved, here or by another notebook."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import live as live_module
from helpers.errors import DataError
from helpers.live import LiveView, live, on_change
from helpers.store import AnswerStore, open_store, shared_store


@pytest.fixture(autouse=True)
def fresh_registry() -> Iterator[None]:
    live_module.forget_all()
    yield
    live_module.forget_all()


def counting(text: str = "shown") -> tuple[list[int], Any]:
    calls: list[int] = []

    def render() -> str:
        calls.append(1)
        return f"<p>{text} {len(calls)}</p>"

    return calls, render


def test_render_runs_at_once_and_again_when_a_form_in_this_kernel_saves() -> None:
    from helpers.forms import long_text

    def render() -> str:
        return f"<p>{shared_store().load('01.review.channels')}</p>"

    view = live(render, answers=["01.review.channels"])
    assert view.html == "<p>None</p>"
    box = long_text("01.review.channels", "Channels")
    box.value = "Email and live chat"
    assert view.html == "<p>Email and live chat</p>"


def test_prefixes_end_in_a_dot_and_ids_match_exactly() -> None:
    from helpers.forms import short_text

    calls, render = counting()
    live(render, answers=["05.pdca.", "01.review.year"])
    for question in ("05.pdcax.plan", "05.other", "01.review.year2", "01.review"):
        short_text(question, "Other").value = "x"
    assert len(calls) == 1
    short_text("05.pdca.cycle1.plan.problem", "Problem").value = "Paper bills"
    assert len(calls) == 2
    short_text("01.review.year", "Year").value = "2024"
    assert len(calls) == 3


def test_a_data_choice_is_the_answer_data_choice_kind(coursework_dir: Path) -> None:
    calls, render = counting()
    live(render, data="monthly_operations")
    live_module._POLLER.changes()  # what the file holds now
    other = open_store(coursework_dir)  # another notebook's connection
    try:
        other.save("data.choice.customer_feedback", {"source": "sample"})
        live_module._POLLER._tick()
        assert len(calls) == 1  # not this view's kind
        other.save("data.choice.monthly_operations", {"source": "sample"})
        live_module._POLLER._tick()
        assert len(calls) == 2
    finally:
        other.close()


def test_the_poller_sees_saves_by_another_connection_and_nothing_else(
    coursework_dir: Path,
) -> None:
    shared_store().save("warm", 1)  # the answers file exists
    poller = live_module._POLLER
    assert poller.changes() == set()  # the first look records the state
    other = open_store(coursework_dir)
    try:
        other.save("02.monitor.change_date", "2025-04-14")
        assert poller.changes() == {"02.monitor.change_date"}
        assert poller.changes() == set()
        other.save("02.monitor.change_date", "2025-04-14")  # the same value: no change
        assert poller.changes() == set()
    finally:
        other.close()


def test_an_error_in_render_shows_a_plain_message_and_is_logged(coursework_dir: Path) -> None:
    def broken() -> str:
        raise ZeroDivisionError("division by zero")

    view = live(broken, answers="01.")
    assert live_module.PROBLEM.split(".")[0] in view.html
    assert "Traceback" not in view.html and "ZeroDivisionError" not in view.html
    log = (coursework_dir / "logs" / "errors.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError" in log


def test_a_coursework_error_shows_its_own_message() -> None:
    def refused() -> str:
        raise DataError("The file has no month column. Add one called Month.")

    view = live(refused)
    assert "no month column" in view.html and "tell your tutor" not in view.html


def test_learner_text_from_a_plain_value_is_escaped() -> None:
    view = live(lambda: 12, answers="x")
    assert view.html == "<p>12</p>"
    assert "&lt;b&gt;" in live(lambda: ["<b>"]).html


def test_a_figure_becomes_an_image_with_its_alt_text() -> None:
    from matplotlib.figure import Figure

    def chart() -> Figure:
        figure = Figure(figsize=(2, 2))
        figure.add_subplot().plot([1, 2, 3])
        return figure

    view = live(chart, alt="Paper use fell from 3 to 1 reams a month")
    assert 'src="data:image/png;base64,' in view.html
    assert 'alt="Paper use fell from 3 to 1 reams a month"' in view.html
    bundle = view._repr_mimebundle_()
    assert bundle["text/html"] == view.html  # the pack shows the latest rendering
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_a_chart_keeps_its_own_alt_text_and_static_html_objects_are_used() -> None:
    from matplotlib.figure import Figure

    from helpers.plots import Chart
    from helpers.views import Block

    figure = Figure(figsize=(2, 2))
    figure.add_subplot().bar(["a"], [1])
    assert 'alt="One bar"' in live(lambda: Chart(figure, "One bar")).html

    class Shows:
        def static_html(self) -> str:
            return "<table><tr><td>1</td></tr></table>"

    assert live(Shows).html.startswith("<table>")
    assert live(lambda: Block("<em>hi</em>", "hi")).html == "<em>hi</em>"


def test_a_pyplot_figure_is_closed_so_the_cell_does_not_draw_it_twice() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def chart() -> Any:
        figure, ax = plt.subplots()
        ax.plot([1, 2])
        return figure

    live(chart, alt="A line")
    assert plt.get_fignums() == []


def test_a_rerun_cell_replaces_its_views_and_a_second_view_in_one_run_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from helpers.forms import short_text

    def request(run: str, cell: str = "cell-a") -> dict[str, Any]:
        return {"header": {"session": "lab-1", "msg_id": run}, "metadata": {"cellId": cell}}

    shown: list[str] = []
    monkeypatch.setattr(live_module, "running_request", lambda: request(shown[-1]))
    shown.append("run-1")
    first_calls, first = counting()
    old = live(first, answers="q")
    second_calls, second = counting()
    live(second, answers="q")  # the same cell, the same run: both stay
    shown.append("run-2")
    third_calls, third = counting()
    live(third, answers="q")  # the cell ran again: its old views go
    short_text("q", "Q").value = "new"
    assert (len(first_calls), len(second_calls), len(third_calls)) == (1, 1, 2)
    assert len(live_module._watchers()) == 1
    assert old.widget.comm is None  # the replaced widget was closed


def test_on_change_calls_back_and_a_failing_callback_does_not_stop_others() -> None:
    from helpers.forms import short_text

    heard: list[str] = []

    def broken() -> None:
        raise RuntimeError("boom")

    on_change(broken, answers="03.")
    on_change(lambda: heard.append("yes"), answers="03.")
    short_text("03.promotion.audience", "Audience").value = "Team"
    assert heard == ["yes"]


def test_on_an_event_loop_the_poller_reruns_views_within_two_seconds(
    coursework_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live_module, "POLL_SECONDS", 0.2)
    shared_store().save("warm", 1)

    async def scenario() -> tuple[int, bool, bool]:
        calls, render = counting()
        view = live(render, answers="02.")
        other: AnswerStore = open_store(coursework_dir)
        try:
            other.save("02.monitor.change_date", "2025-04-14")
            for _ in range(20):
                await asyncio.sleep(0.1)
                if len(calls) > 1:
                    break
        finally:
            other.close()
        running = live_module._POLLER.handle is not None
        live_module._REGISTRY.clear()  # nothing registered: the poller stops by itself
        await asyncio.sleep(0.5)
        return len(calls), running, live_module._POLLER.handle is None and bool(view.html)

    renders, was_running, stopped = asyncio.run(scenario())
    assert renders == 2 and was_running and stopped


def test_live_view_is_a_shows_static_html() -> None:
    from helpers.views import ShowsStaticHtml

    view = live(lambda: "<p>x</p>", alt="x")
    assert isinstance(view, LiveView) and isinstance(view, ShowsStaticHtml)
    assert view.static_text() == "x"
