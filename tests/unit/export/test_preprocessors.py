"""The export's steps on notebooks built in memory: static answers, tutor cells and code left
out, headings demoted, images with alt text, the sanitizer's attribute policy."""

from __future__ import annotations

import re
from typing import Any

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.export.exporter import make_exporter
from helpers.export.preprocessors import allowed_attribute
from helpers.views.tidy import tidy_html

WIDGET = "application/vnd.jupyter.widget-view+json"


PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5E"
    "rkJggg=="
)


def convert(nb: Any, answers: dict[str, Any] | None = None) -> str:
    body, _ = make_exporter(answers or {}).from_notebook_node(
        nb, resources={"evidence": {"front": "", "back": "", "css": "", "generator": "test"}}
    )
    return tidy_html(body)


def widget_cell(questions: list[str], text_html: str | None) -> Any:
    cell = new_code_cell("helpers.forms.long_text(...)")
    data: dict[str, Any] = {WIDGET: {"model_id": "abc", "version_major": 2}, "text/plain": "x"}
    if text_html is not None:
        data["text/html"] = text_html
    cell.outputs = [new_output("display_data", data=data)]
    cell.metadata["coursework"] = {"questions": questions, "criteria": []}
    return cell


def test_widget_views_become_static_answers_from_the_store() -> None:
    nb = new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.cells = [
        widget_cell(["01.a.shown"], '<div data-question="01.a.shown"><p>typed answer</p></div>'),
        widget_cell(["01.a.missing"], None),
    ]
    page = convert(nb, {"01.a.missing": "saved in the store only"})
    assert "typed answer" in page
    assert "saved in the store only" in page
    assert "widget-view" not in page and "widget-state" not in page


def test_tutor_only_cells_code_inputs_and_tracebacks_are_left_out() -> None:
    nb = new_notebook()
    secret = new_code_cell("print('marking notes')")
    secret.metadata["tags"] = ["tutor-only"]
    secret.outputs = [new_output("stream", name="stdout", text="TUTOR NOTES")]
    failing = new_code_cell("helpers.secret_code_name()")
    failing.outputs = [new_output("error", ename="ValueError", evalue="boom", traceback=["TB"])]
    nb.cells = [new_markdown_cell("# Title"), secret, failing]
    page = convert(nb)
    assert "TUTOR NOTES" not in page
    assert "secret_code_name" not in page
    assert "ValueError" not in page


def test_headings_are_demoted_so_the_pack_has_one_h1() -> None:
    nb = new_notebook()
    nb.cells = [new_markdown_cell("# Notebook title\n\n## Part\n\n> A quoted tip")]
    page = convert(nb)
    assert "<h1" not in page
    assert re.search(r"<h2[^>]*>Notebook title", page)
    assert re.search(r"<h3[^>]*>Part", page)
    assert "<blockquote>" in page


def test_charts_keep_embedded_images_with_alt_text() -> None:
    nb = new_notebook()
    bare = new_code_cell("chart()")
    bare.outputs = [new_output("display_data", data={"image/png": PNG, "text/plain": "Bars"})]
    described = new_code_cell("chart()")
    described.outputs = [
        new_output(
            "display_data",
            data={"text/html": f'<img src="data:image/png;base64,{PNG}" alt="Paper fell 50 %">'},
        )
    ]
    nb.cells = [bare, described]
    page = convert(nb)
    assert f'<img src="data:image/png;base64,{PNG}" alt="Bars">' in page
    assert 'alt="Paper fell 50 %"' in page


@pytest.mark.parametrize(
    ("tag", "name", "value", "kept"),
    [
        ("img", "src", f"data:image/png;base64,{PNG}", True),
        ("img", "src", "http://example.com/x.png", False),
        ("img", "src", "data:text/html;base64,PHNjcmlwdD4=", False),
        ("img", "onerror", "alert(1)", False),
        ("a", "href", "https://www.legislation.gov.uk/", True),
        ("a", "href", "javascript:alert(1)", False),
        ("a", "href", " JAVASCRIPT:alert(1)", False),
        ("td", "colspan", "2", True),
        ("div", "data-question", "01.a.b", True),
    ],
)
def test_sanitizer_attribute_policy(tag: str, name: str, value: str, kept: bool) -> None:
    assert allowed_attribute(tag, name, value) is kept
