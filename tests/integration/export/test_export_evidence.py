"""The evidence export: its steps on in-memory notebooks, and whole exports of small notebooks.

Exports run real kernels (nbclient), so each is made once per module and shared.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.cli import main
from helpers.export import ExportResult, export_evidence, verify_bundle
from helpers.export.exporter import make_exporter
from helpers.export.preprocessors import allowed_attribute
from helpers.store import open_store
from helpers.views.tidy import tidy_html
from tests.paths import DATA

PAYLOADS = [
    line for line in (DATA / "xss" / "payloads.txt").read_text().splitlines() if line.strip()
]
WIDGET = "application/vnd.jupyter.widget-view+json"
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5E"
    "rkJggg=="
)


# -- the steps, on notebooks built in memory ---------------------------------------------------
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
    assert f'<img alt="Bars" src="data:image/png;base64,{PNG}"' in page
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


def test_duplicate_heading_ids_are_made_unique() -> None:
    text = '<h2 id="What">What<a class="anchor-link" href="#What">¶</a></h2><h2 id="What">W</h2>'
    assert tidy_html(text) == '<h2 id="What">What</h2><h2 id="What-2">W</h2>'


# -- whole exports of small notebooks ------------------------------------------------------
def _notebook(cells: list[tuple[str, list[str], list[str], list[str]]]) -> Any:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells.append(new_markdown_cell("# A small notebook\n\nSome narrative."))
    nb.cells.append(new_code_cell("import helpers\nhelpers.start()"))
    for index, (source, questions, criteria, tags) in enumerate(cells):
        cell = new_code_cell(source)
        cell.id = f"c{index}"
        if questions or criteria:
            cell.metadata["coursework"] = {"questions": questions, "criteria": criteria}
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    return nb


FORM_CELLS = [
    ('helpers.forms.long_text("01.x.long", "Long answer")', ["01.x.long"], ["SUS.1.1"], []),
    ('helpers.forms.short_text("01.x.short", "Short answer")', ["01.x.short"], ["SUS.1.2"], []),
    ('helpers.forms.table("01.x.table", "A table", ["A", "B"])', ["01.x.table"], ["SUS.1.3"], []),
    ("helpers.profile.profile_form()", [], [], []),
    ('helpers.attachments.attachment_box("01.x")', [], [], []),
    ('print("TUTOR ONLY NOTES")', [], [], ["tutor-only"]),
]


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("notebooks")
    nbformat.write(_notebook(FORM_CELLS), folder / "01_forms.ipynb")
    return folder


@pytest.fixture(scope="module")
def xss_export(notebooks: Path, tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    from helpers.attachments import add_attachment

    area = tmp_path_factory.mktemp("xss") / "coursework"
    store = open_store(area)
    store.save("01.x.long", "\n".join(PAYLOADS))
    store.save("01.x.short", PAYLOADS[0])
    store.save("01.x.table", [{"A": p, "B": p} for p in PAYLOADS])
    for qid in ("00.profile.name", "00.profile.centre", "00.profile.organisation"):
        store.save(qid, PAYLOADS[1])
    store.save("07.declaration.agree", ["yes"])
    store.save("07.declaration.name", PAYLOADS[4])
    add_attachment(b"minutes", name="minutes.txt", caption=PAYLOADS[2], purpose="01.x", store=store)
    store.close()
    return export_evidence(area, notebooks_dir=notebooks, workers=1)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def unsafe_markup(page: str) -> list[str]:
    """Every tag or attribute in ``page`` that could run script or load something."""
    found = []
    for tag, attrs in parse(page).tags:
        if tag in {"script", "iframe", "object", "embed", "link", "base", "form", "svg", "math"}:
            found.append(tag)
        if tag == "meta" and "http-equiv" in attrs:
            found.append("meta refresh")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{tag} {name}")
            if name == "src" and not value.startswith("data:image/"):
                found.append(f"{tag} src={value}")
            if name == "href" and re.match(r"\s*(javascript|data|vbscript):", value, re.I):
                found.append(f"{tag} href={value}")
            if name == "style" and re.search(r"expression|url\(|@import", value, re.I):
                found.append(f"{tag} style={value}")
    return found


def test_xss_payloads_are_inert_everywhere(xss_export: ExportResult) -> None:
    pages = [xss_export.html_path, *xss_export.notebook_paths]
    for path in pages:
        assert unsafe_markup(path.read_text(encoding="utf-8")) == [], path.name


def test_xss_payload_text_is_still_visible(xss_export: ExportResult) -> None:
    text = " ".join(parse(xss_export.html_path.read_text(encoding="utf-8")).text)
    for payload in PAYLOADS:
        assert payload in text


def test_pack_has_no_code_tutor_cells_or_local_paths(xss_export: ExportResult) -> None:
    page = xss_export.html_path.read_text(encoding="utf-8")
    assert "TUTOR ONLY NOTES" not in page
    assert "helpers.forms" not in page
    assert "answers.sqlite" not in page


def test_pack_sections_are_present(xss_export: ExportResult) -> None:
    page = xss_export.html_path.read_text(encoding="utf-8")
    for anchor in ("contents", "coverage", "attachments", "edits", "declaration", "signoff"):
        assert f'id="{anchor}"' in page
    assert page.count("<h1") == 1
    attachments = page[page.index('id="attachments"') : page.index('id="edits"')]
    assert PAYLOADS[2] in " ".join(parse(attachments).text)  # the caption, as text
    assert re.search(r"[0-9a-f]{64}", page)  # its SHA-256


def test_bundle_holds_every_file_and_verifies(xss_export: ExportResult) -> None:
    with zipfile.ZipFile(xss_export.zip_path) as bundle:
        names = set(bundle.namelist())
    assert {"evidence.html", "01_forms.html", "answers.json", "manifest.json"} <= names
    assert any(n.startswith("attachments/") for n in names)
    assert verify_bundle(xss_export.zip_path) == []
    assert main(["verify", str(xss_export.zip_path)]) == 0


def _change_one_byte(source: Path, target: Path, member: str) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = bytearray(old.read(info))
            if info.filename == member:
                data[len(data) // 2] ^= 0x01
            new.writestr(info, bytes(data))


def test_verify_names_any_file_changed_by_one_byte(
    xss_export: ExportResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(xss_export.zip_path) as bundle:
        members = bundle.namelist()
    for member in members:
        altered = tmp_path / f"altered-{len(member)}.zip"
        _change_one_byte(xss_export.zip_path, altered, member)
        problems = verify_bundle(altered)
        assert problems and any(member in p for p in problems), member
        assert main(["verify", str(altered)]) == 1
        assert member in capsys.readouterr().out


@pytest.fixture(scope="module")
def empty_export(notebooks: Path, tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    folder = tmp_path_factory.mktemp("with_failure")
    nbformat.write(_notebook(FORM_CELLS), folder / "01_forms.ipynb")
    broken = [('raise ValueError("the data file is missing")', ["02.y.z"], ["SUS.2.1"], [])]
    nbformat.write(_notebook(broken), folder / "02_broken.ipynb")
    nbformat.write(_notebook([]), folder / "03_added later.ipynb")  # a name a tutor might use
    area = tmp_path_factory.mktemp("empty") / "coursework"
    return export_evidence(area, notebooks_dir=folder, workers=2)


def test_nothing_answered_gives_a_pack_saying_not_yet_throughout(
    empty_export: ExportResult,
) -> None:
    page = empty_export.html_path.read_text(encoding="utf-8")
    matrix = page[page.index('id="coverage"') : page.index('id="attachments"')]
    assert matrix.count("cw-status-not-yet") == 46
    assert "cw-status-met" not in matrix and "cw-status-partly" not in matrix
    assert "Not signed yet" in page
    assert unsafe_markup(page) == []


def test_a_failing_notebook_is_exported_with_its_reason(empty_export: ExportResult) -> None:
    assert set(empty_export.failed) == {"02_broken"}
    assert "the data file is missing" in empty_export.failed["02_broken"]
    page = empty_export.html_path.read_text(encoding="utf-8")
    assert "This section could not be generated: ValueError: the data file is missing" in page
    assert 'id="notebook-02_broken"' in page  # in place, not dropped


def test_export_command_exits_non_zero_when_a_notebook_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "nbs"
    folder.mkdir()
    nbformat.write(_notebook([("1 / 0", [], [], [])]), folder / "03_zero.ipynb")
    code = main(["export", "--dir", str(tmp_path / "area"), "--notebooks", str(folder)])
    assert code == 1
    assert "could not be generated: ZeroDivisionError" in capsys.readouterr().err


def test_unknown_criterion_in_a_notebook_is_reported_by_id(notebooks: Path, tmp_path: Path) -> None:
    criteria = tmp_path / "body.yml"
    criteria.write_text(
        "units:\n  - id: U\n    title: Unit\n    outcomes:\n      - id: U.1\n        title: O\n"
        "        criteria:\n          - {id: SUS.1.1, text: Review the channels.}\n"
    )
    result = export_evidence(
        tmp_path / "area", notebooks_dir=notebooks, criteria_path=criteria, workers=1
    )
    joined = " ".join(result.problems)
    assert "SUS.1.2" in joined and "SUS.1.3" in joined and "SUS.1.1 " not in joined
    assert "SUS.1.2" in result.html_path.read_text(encoding="utf-8")


def test_every_link_inside_the_pack_lands_on_an_element(xss_export: ExportResult) -> None:
    page = parse(xss_export.html_path.read_text(encoding="utf-8"))
    ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
    targets = {attrs["href"][1:] for _, attrs in page.tags if attrs.get("href", "").startswith("#")}
    assert "cell-id=01_forms--c0" in targets  # the matrix links to the evidence for SUS.1.1
    assert targets <= ids
    assert len(ids) == len([1 for _, attrs in page.tags if "id" in attrs])  # ids are unique


def test_each_notebook_page_stands_alone(xss_export: ExportResult) -> None:
    page = xss_export.notebook_paths[0].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<title>Forms: evidence</title>" in page
    assert 'id="notebook-01_forms"' in page and 'id="coverage"' in page
    assert page.count("<h1") == 1 and "cw-section" not in page
    matrix = page[page.index('id="coverage"') : page.index('id="attachments"')]
    assert "SUS.1.1" in matrix and "TEAM.1.1" not in matrix  # only this notebook's criteria


def test_verify_names_a_file_whose_bytes_were_flipped_inside_the_zip(
    xss_export: ExportResult, tmp_path: Path
) -> None:
    altered = tmp_path / "flipped.zip"
    data = bytearray(xss_export.zip_path.read_bytes())
    with zipfile.ZipFile(xss_export.zip_path) as bundle:
        info = bundle.getinfo("answers.json")
    # local header: 30 bytes + name + extra, then the compressed data
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x01
    altered.write_bytes(bytes(data))
    problems = verify_bundle(altered)
    assert problems and "answers.json" in problems[0]


def test_verify_reports_added_and_missing_files(xss_export: ExportResult, tmp_path: Path) -> None:
    added, missing = tmp_path / "added.zip", tmp_path / "missing.zip"
    with zipfile.ZipFile(xss_export.zip_path) as old:
        with zipfile.ZipFile(added, "w") as new:
            for info in old.infolist():
                new.writestr(info, old.read(info))
            new.writestr("extra.html", "<p>slipped in</p>")
        with zipfile.ZipFile(missing, "w") as new:
            for info in old.infolist():
                if info.filename != "01_forms.html":
                    new.writestr(info, old.read(info))
    assert verify_bundle(added) == ["extra.html was added after the bundle was made."]
    assert verify_bundle(missing) == ["01_forms.html is missing from the bundle."]


def test_a_notebook_added_later_is_exported_without_changes(empty_export: ExportResult) -> None:
    page = empty_export.html_path.read_text(encoding="utf-8")
    assert '<a href="#notebook-03_added-later">Added later</a>' in page
    assert 'id="notebook-03_added-later"' in page
    assert (empty_export.html_path.parent / "03_added later.html").is_file()
