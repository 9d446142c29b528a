"""Layers: topic modules (one per notebook) use the shared layers and never import each other.

Every module under ``helpers/`` is parsed with :mod:`ast`; every import counts, at top level,
inside functions, under ``TYPE_CHECKING`` and through ``importlib.import_module("...")``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import helpers

HELPERS = Path(helpers.__file__).resolve().parent
# One per notebook (DESIGN.md); a topic may be a module or a package of modules.
TOPICS = {"review", "monitoring", "promotion", "service", "pdca", "rootcause", "team", "reflection"}


def module_name(path: Path, root: Path) -> str:
    """``root/pdca/forms.py`` -> ``helpers.pdca.forms``; ``root/pdca/__init__.py`` -> ``helpers.pdca``."""
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def topic_of(module: str) -> str | None:
    """The topic a dotted module name belongs to (``helpers.pdca.forms`` -> ``pdca``), if any."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in TOPICS else None


def _from_target(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imported_modules(path: Path, root: Path) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of everything ``path`` imports; ``from a import b`` gives a and a.b."""
    module = module_name(path, root)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _from_target(node, module, path.name == "__init__.py")
            yield node.lineno, target
            yield from ((node.lineno, f"{target}.{alias.name}") for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def layer_violations(root: Path) -> list[str]:
    """Imports of a topic module from another topic module or from a shared layer."""
    found = []
    for path in sorted(root.rglob("*.py")):
        own = topic_of(module_name(path, root))
        for line, name in imported_modules(path, root):
            other = topic_of(name) if name.startswith(f"{root.name}.") else None
            if other is not None and other != own:
                where = f"{path.relative_to(root.parent)}:{line}"
                found.append(f"{where} ({own or 'shared layer'}) imports {name}")
    return sorted(set(found))


def test_every_topic_exists() -> None:
    for topic in TOPICS:
        assert (HELPERS / f"{topic}.py").exists() or (HELPERS / topic / "__init__.py").exists()


def test_no_topic_module_imports_another_and_no_shared_layer_imports_a_topic() -> None:
    assert layer_violations(HELPERS) == []


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_checker_finds_every_kind_of_cross_import(tmp_path: Path) -> None:
    root = tmp_path / "helpers"
    _write(root, "__init__.py", "")
    _write(root, "review.py", "from helpers.views import Block\n")
    _write(root, "views.py", "def f():\n    from .review import Block\n")
    _write(root, "monitoring.py", "from helpers.review import Block, data_table\n")
    _write(root, "team.py", "def f():\n    from .rootcause import NEUTRAL_GREY\n")
    _write(root, "rootcause.py", "")
    _write(root, "pdca/__init__.py", "from .forms import plan_form\n")
    _write(root, "pdca/forms.py", "from ..rootcause import sample_table\nfrom . import model\n")
    _write(root, "pdca/model.py", "")
    _write(
        root, "service.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import x\n"
    )
    _write(root, "promotion.py", "from . import service\n")
    _write(root, "plots.py", "import importlib\nimportlib.import_module('helpers.team')\n")

    assert layer_violations(root) == [
        "helpers/monitoring.py:1 (monitoring) imports helpers.review",
        "helpers/monitoring.py:1 (monitoring) imports helpers.review.Block",
        "helpers/monitoring.py:1 (monitoring) imports helpers.review.data_table",
        "helpers/pdca/forms.py:1 (pdca) imports helpers.rootcause",
        "helpers/pdca/forms.py:1 (pdca) imports helpers.rootcause.sample_table",
        "helpers/plots.py:2 (shared layer) imports helpers.team",
        "helpers/promotion.py:1 (promotion) imports helpers.service",
        "helpers/team.py:2 (team) imports helpers.rootcause",
        "helpers/team.py:2 (team) imports helpers.rootcause.NEUTRAL_GREY",
        "helpers/views.py:2 (shared layer) imports helpers.review",
        "helpers/views.py:2 (shared layer) imports helpers.review.Block",
    ]
