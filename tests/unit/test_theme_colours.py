"""No colour is written in Python: every colour comes from the theme, through ``app.tcss``.

A walk over the syntax tree of every module of src/ fails on a string that names a colour as
a style (``"bold red"``, ``"#ff0000"``, ``"on blue"``, ``"[red]…[/]"``), on a fixed syntax
theme (``theme="ansi_dark"``) and on CSS kept in Python (``DEFAULT_CSS``). The tables of
colour names that are data, not styling, are left alone: the agent colours of a file's
``color`` field (``schema.COLORS``) and how a swatch draws them
(``labels.AGENT_COLOURS``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.color import ANSI_COLOR_NAMES

from tests.conftest import REPO

SOURCE = REPO / "src" / "agenttui"
DATA_TABLES = {("model/schema.py", "COLORS"), ("widgets/labels.py", "AGENT_COLOURS"),
               ("model/formats/opencode.py", "COLOURS")}  # what files hold: data, not style
STYLE_WORDS = {"bold", "dim", "italic", "underline", "strike", "reverse", "blink", "not",
               "on", "b", "i", "u", "s", "none", "default"}
THEME_FREE = {"css"}  # TextArea's theme that takes its colours from the app's theme
COLOUR = re.compile(r"#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla|color)\(.*|ansi_\w+|(bright_)?"
                    r"(black|red|green|yellow|blue|magenta|cyan|white)|grey\d*|gray\d*")


def names_a_colour(word: str) -> bool:
    return word in ANSI_COLOR_NAMES or COLOUR.fullmatch(word) is not None


def is_colour_style(text: str) -> bool:
    """``text`` is a Rich/Textual style with a colour in it (``bold red``, ``on #000``), or
    holds markup that sets one (``[red]x[/]``)."""
    words = text.strip().lower().split()
    if words and all(w in STYLE_WORDS or names_a_colour(w) for w in words) and \
            any(names_a_colour(w) for w in words):
        return True
    return any(is_colour_style(tag) for tag in re.findall(r"\[([^\[\]/=]+)\]", text))


def _strings(tree: ast.Module, path: str) -> Iterator[ast.Constant]:
    """String constants of ``tree`` that are not docstrings or a data table's entries."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and \
                isinstance(body[0].value, ast.Constant):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and (path, t.id) in DATA_TABLES for t in targets):
                skipped.update(id(n) for n in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                id(node) not in skipped:
            yield node


def colours_written_in(path: Path, root: Path = SOURCE) -> list[str]:
    relative = path.relative_to(root).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = [f"{relative}:{node.lineno}: {node.value!r}" for node in _strings(tree, relative)
             if is_colour_style(node.value)]
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("theme", "background_color") and \
                isinstance(node.value, ast.Constant) and \
                node.value.value not in (*THEME_FREE, "default"):
            found.append(f"{relative}:{node.value.lineno}: {node.arg}={node.value.value!r}")
        if isinstance(node, ast.ClassDef):
            found.extend(f"{relative}:{item.lineno}: {node.name} keeps CSS in Python"
                         for item in node.body if isinstance(item, ast.Assign) and any(
                             isinstance(t, ast.Name) and t.id in ("DEFAULT_CSS", "CSS")
                             for t in item.targets))
    return found


def test_no_module_of_src_writes_a_colour() -> None:
    found = [line for path in sorted(SOURCE.rglob("*.py")) for line in colours_written_in(path)]
    assert found == [], "colours belong in app.tcss, as theme variables:\n" + "\n".join(found)


@pytest.mark.parametrize("text", ["red", "bold red", "italic  red", "on blue", "bold orange1",
                                  "#ff8800", "rgb(10,20,30)", "ansi_bright_red", "grey50",
                                  "dim magenta on black", "[bold red]x[/]", "[yellow]"])
def test_a_colour_style_is_recognised(text: str) -> None:
    assert is_colour_style(text)


@pytest.mark.parametrize("text", ["bold", "dim italic", "", "the red team", "color",
                                  "Display colour in Claude Code's interface.",
                                  "[not set]", "[x] done", "$text-error", "default"])
def test_text_that_is_no_colour_is_left_alone(text: str) -> None:
    assert not is_colour_style(text)


def test_the_walk_finds_a_colour_and_a_fixed_syntax_theme(tmp_path: Path) -> None:
    module = tmp_path / "example.py"
    module.write_text('"""red"""\nfrom rich.syntax import Syntax\nSTYLE = "bold red"\n'
                      'Syntax("", "diff", theme="monokai")\nclass W:\n    DEFAULT_CSS = ""\n')
    found = colours_written_in(module, tmp_path)
    assert sorted(line.split(": ", 1)[1] for line in found) == [
        "'bold red'", "W keeps CSS in Python", "theme='monokai'"]


def test_agent_colours_are_the_terminal_s_own_sixteen() -> None:
    from agenttui.model.schema import COLORS
    from agenttui.widgets.labels import AGENT_COLOURS, swatch_style

    sixteen = {f"{bright}{name}" for bright in ("", "bright_") for name in
               ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")}
    assert {swatch_style(name) for name in COLORS} <= sixteen
    assert set(AGENT_COLOURS) == set(COLORS)
    for odd in ("#ff0000", "teal", "magenta", ""):
        assert swatch_style(odd) == ""
