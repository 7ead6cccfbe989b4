"""agenttui uses Textual through its public API only: no module under src/agenttui imports a
private Textual module, reads or writes a Textual internal on any object, defines or sets a
private member its Textual bases have (an override, or a name that collides with theirs), or
reaches a base class's private member through ``super()``."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "agenttui"
def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


# Private attributes Textual's objects set on themselves (``dir`` of a class cannot list them):
# those agenttui's code once wrote or read, and others a widget could reach for
INSTANCE_INTERNALS = frozenset({
    "_value", "_tree_nodes", "_children", "_new_id", "_updates", "_notifications",
    "_tree_lines_cached", "_expanded", "_id", "_nodes", "_line_cache",
    "_render_cache", "_styles_cache", "_rich_style_cache", "_visual_style_cache",
    "_dirty_regions", "_size", "_parent", "_cursor_visible", "_suggestion", "_valid",
})


def modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def private_imports(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] == "textual" and any(map(private, parts[1:])):
                yield f"from {node.module} import"
            elif parts[0] == "textual":
                yield from (f"from {node.module} import {alias.name}"
                            for alias in node.names if private(alias.name))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "textual" and any(map(private, parts[1:])):
                    yield f"import {alias.name}"


def private_attributes(tree: ast.AST) -> Iterator[str]:
    """A known Textual internal read or written on any object (``self`` included), and any
    private member reached through ``super()``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and private(node.attr):
            through_super = (isinstance(node.value, ast.Call)
                             and isinstance(node.value.func, ast.Name)
                             and node.value.func.id == "super")
            if through_super or node.attr in INSTANCE_INTERNALS:
                yield f"line {node.lineno}: {ast.unparse(node)}"


def textual_members(cls: type) -> set[str]:
    """The private members of the Textual classes ``cls`` derives from."""
    return {name for base in cls.__mro__ if base.__module__.split(".")[0] == "textual"
            for name in vars(base) if private(name)}


def overridden_internals(tree: ast.AST, module: ModuleType | None = None) -> Iterator[str]:
    """A class of ``module`` that defines, or sets on ``self``, a private member of its
    Textual bases (an override of, or a collision with, their internals); without a module,
    any definition of a known internal."""
    for node, cls in classes(tree, module):
        internal = INSTANCE_INTERNALS | (textual_members(cls) if cls is not None else set())
        for member in ast.walk(node):
            if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = member.name
            elif (isinstance(member, ast.Attribute) and isinstance(member.value, ast.Name)
                  and member.value.id == "self" and isinstance(member.ctx, ast.Store)):
                name = member.attr
            else:
                continue
            if name in internal:
                yield f"line {member.lineno}: {node.name}.{name}"


def classes(tree: ast.AST, module: ModuleType | None) -> Iterator[tuple[ast.ClassDef,
                                                                          type | None]]:
    """Each class statement at the top of ``tree`` (nested ones are walked with it), with
    the class ``module`` made of it."""
    for node in getattr(tree, "body", []):
        if isinstance(node, ast.ClassDef):
            made = getattr(module, node.name, None) if module is not None else None
            yield node, made if isinstance(made, type) else None


def module_of(path: Path) -> ModuleType:
    relative = path.relative_to(SRC.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return importlib.import_module(".".join(parts))


@pytest.mark.parametrize("module", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_textual_is_used_through_its_public_api(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"), str(module))
    found = [*private_imports(tree), *private_attributes(tree),
             *overridden_internals(tree, module_of(module))]
    assert found == []


@pytest.mark.parametrize("code", [
    "from textual.widgets._tree import _TreeLine",
    "import textual._line_split",
    "from textual.widgets import _tree",
    "node._children = []",
    "self._tree_nodes[1] = node",
    "class A(Input):\n    @property\n    def _value(self): return 1",
    "class A(Input):\n    def render(self): return super()._value",
    "app._notifications",
])
def test_the_check_catches_each_kind_of_use(code: str) -> None:
    tree = ast.parse(code)
    assert [*private_imports(tree), *private_attributes(tree), *overridden_internals(tree)]


def test_the_check_allows_an_objects_own_private_attributes() -> None:
    tree = ast.parse("self._rows = []\nclass A:\n    def _helper(self): return other._x\n")
    assert not [*private_imports(tree), *private_attributes(tree), *overridden_internals(tree)]


def test_a_private_name_of_a_textual_base_is_a_collision() -> None:
    from agenttui.widgets import agent_tree

    code = "class AgentTree:\n    def f(self):\n        self._nodes = 1\n        self._rows = 2\n"
    found = list(overridden_internals(ast.parse(code), agent_tree))
    assert found == ["line 3: AgentTree._nodes"]
