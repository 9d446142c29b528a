"""The package's shape: small modules, and no HTML written as Python strings where pages are made.

Pages and fragments of the evidence pack and the tutor's status page come from Jinja templates
with autoescape on; an HTML tag in a string literal there would be markup built by hand, one
forgotten escape away from a hole.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.paths import REPO

HELPERS = REPO / "helpers"
MAX_LINES = 600
_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9]*)(\s[^<>]*)?/?>")


def _modules(folder: Path = HELPERS) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    """Ids of the string nodes that are docstrings (they may name a tag in prose)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def html_in_strings(path: Path) -> list[str]:
    """Every string literal (f-string parts included) in ``path`` that contains an HTML tag."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [
        f"{path.name}:{node.lineno}: {node.value[:60]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and _TAG.search(node.value)
    ]


@pytest.mark.parametrize("package", ["export", "cohort"])
def test_no_html_tag_in_a_python_string_where_pages_are_made(package: str) -> None:
    found = [hit for path in _modules(HELPERS / package) for hit in html_in_strings(path)]
    assert found == []


def test_the_html_check_finds_a_tag_in_a_string_and_ignores_docstrings(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Makes an ``<img>``."""\n'
        "def f(x):\n"
        '    """Returns <b>bold</b>."""\n'
        "    return f'<td class=\"a\">{x}</td>' + 'a < b and c > d'\n"
    )
    assert [hit.split(": ", 1)[1] for hit in html_in_strings(sample)] == [
        "'<td class=\"a\">'",
        "'</td>'",
    ]


def test_no_module_in_helpers_is_over_600_lines() -> None:
    sizes = {
        str(p.relative_to(HELPERS)): len(p.read_text(encoding="utf-8").splitlines())
        for p in _modules()
    }
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
