"""The "What your assessor will look for" views: keyed by notebook and cell, escaped, never a
mark, refreshed when an answer is saved."""

from __future__ import annotations

from typing import Any

from helpers import feedback, live
from helpers.feedback import evaluate
from helpers.live import shown_in as _shown_in


def request(session: str, cell: str = "") -> dict[str, Any]:
    return {"header": {"session": session}, "metadata": {"cellId": cell} if cell else {}}


def test_views_are_keyed_by_notebook_connection_and_cell() -> None:
    assert _shown_in(request("lab-1", "cell-a")) == _shown_in(request("lab-1", "cell-a"))
    assert _shown_in(request("lab-1", "cell-a")) != _shown_in(request("lab-2", "cell-a"))
    assert _shown_in(request("lab-1", "cell-a")) != _shown_in(request("lab-1", "cell-b"))
    # no cell id (nbclient, a script): each view is its own, so none can replace another
    assert _shown_in(request("export")) != _shown_in(request("export"))
    assert _shown_in({}) != _shown_in({})


def test_feedback_never_gives_a_mark() -> None:
    html = feedback.checks_html(evaluate({}, "01"))
    assert "not a mark" in html
    for word in ("grade", "score", "marks:", "pass", "fail"):
        assert word not in html.lower()


def test_checks_html_escapes_learner_text() -> None:
    answers = {"05.pdca.cycle1.check": "<script>alert(document.cookie)</script> improved a lot."}
    html = feedback.checks_html(evaluate(answers, "05"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_assessor_checks_update_when_an_answer_is_saved(store: Any) -> None:
    from helpers.forms import long_text

    try:
        view = feedback.assessor_checks("01")
        view.store = store
        view.refresh()
        before = view.view.value.count("Evidence found:")
        box = long_text("01.review.channels", "Channels", store=store)
        box.value = "Printed bills and letters by post; email and live chat."
        assert view.view.value.count("Evidence found:") > before
        assert "text/html" in view._repr_mimebundle_()
    finally:
        live.forget_all()


def test_assessor_checks_follow_their_notebook_and_the_data_choice(store: Any) -> None:
    """Registered with helpers.live: the notebook's answers (a "." prefix, so other notebooks'
    saves are ignored) and the data kinds the rules read."""
    try:
        view = feedback.assessor_checks("05.pdca")
        watchers = [w for place in live._REGISTRY.values() for w in place.watchers]
        assert any(w.depends_on("05.area.evidence") for w in watchers)
        assert not any(w.depends_on("01.review.channels") for w in watchers)
        assert not any(w.depends_on("050.other") for w in watchers)
        assert any(w.depends_on("data.choice.monthly_operations") for w in watchers)
        view._tables["monthly_operations"] = "read before the choice changed"
        live._dispatch({"data.choice.monthly_operations"})
        assert view._tables.get("monthly_operations") != "read before the choice changed"
    finally:
        live.forget_all()
