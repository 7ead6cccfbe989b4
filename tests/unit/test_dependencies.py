"""pyproject.toml declares every third-party package that src/ imports."""

from __future__ import annotations

import ast
import sys
from importlib.metadata import packages_distributions, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

SOURCE = REPO / "src" / "agenttui"


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    requirements = map(Requirement, project["dependencies"])
    return {canonicalize_name(r.name): r for r in requirements}


def _imported_top_levels(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level module -> the files of src/ that import it (standard library left out)."""
    found: dict[str, set[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for name in _imported_top_levels(path) - set(sys.stdlib_module_names) - {"agenttui"}:
            found.setdefault(name, set()).add(str(path.relative_to(REPO)))
    return found


def test_every_third_party_import_of_src_is_declared() -> None:
    declared = _declared()
    distributions = packages_distributions()
    missing = {module: sorted(files) for module, files in _third_party_imports().items()
               if not any(canonicalize_name(d) in declared
                          for d in distributions.get(module, [module]))}
    assert missing == {}, f"imported by src/ but not in [project] dependencies: {missing}"


def test_the_imports_are_found() -> None:
    """The walk above sees imports at all (a test that can fail)."""
    assert {"textual", "rich", "yaml", "markdown_it"} <= set(_third_party_imports())


def test_the_declared_textual_range_holds_the_installed_textual() -> None:
    textual = _declared()["textual"]
    assert "syntax" in textual.extras
    assert textual.specifier.contains(version("textual"))
    assert not textual.specifier.contains("0.86") and not textual.specifier.contains("9.0")
