"""Escape sequences and markup from files reach the terminal only as visible text."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agenttui.cli.common import safe_text
from agenttui.model import AgentDocument
from tests.unit.hostile_helpers import HOSTILE, agent_text, cli

ESCAPES = HOSTILE / "escapes.md"
TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4K\x07"


def _invisible(text: str) -> list[str]:
    """Characters a terminal could act on: controls (except newline/tab) and format chars."""
    return [ch for ch in text if ch not in "\n\t"
            and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")]


def test_the_case_file_holds_live_sequences() -> None:
    doc = AgentDocument(ESCAPES.read_bytes())
    assert doc.name == f"evil{TITLE}-agent"
    assert CLIPBOARD in doc.fields["description"] and "\x9b31m" in doc.body
    assert "\u202e" in doc.body


def test_plain_show_makes_escapes_visible(capsys: pytest.CaptureFixture[str]) -> None:
    run = cli(capsys, "show", str(ESCAPES))
    assert _invisible(run.out + run.err) == []
    assert "name: evil\\x1b]0;pwned\\x07-agent" in run.out
    assert "Clipboard \\x1b]52;c;cm0gLXJmIH4K\\x07 write" in run.out
    assert "a C1 \\x9b31m CSI" in run.out and "a bidi \\u202e override" in run.out
    assert "[bold red]markup[/bold red]" in run.out
    assert "[link=https://example.com]a Rich link[/link]" in run.out


@pytest.mark.parametrize("command", [("show", str(ESCAPES), "--json"),
                                     ("list", str(HOSTILE), "--json"),
                                     ("validate", str(HOSTILE), "--json")])
def test_json_output_escapes_every_control_character(capsys: pytest.CaptureFixture[str],
                                                     command: tuple[str, ...]) -> None:
    run = cli(capsys, *command)
    assert _invisible(run.out) == []
    json.loads(run.out)
    if command[0] == "show":
        assert "\\u009b" in run.out and "\\u202e" in run.out and "\\u001b" in run.out


def test_json_keeps_the_exact_values(capsys: pytest.CaptureFixture[str]) -> None:
    shown = cli(capsys, "show", str(ESCAPES), "--json").json()
    doc = AgentDocument(ESCAPES.read_bytes())
    assert shown["name"] == doc.name and shown["body"] == doc.body
    assert shown["fields"]["description"] == doc.fields["description"]


YAML_TITLE = "\\e]0;pwned\\a"  # the same sequence, written as YAML escapes
YAML_CLIPBOARD = "\\e]52;c;cm0gLXJmIH4K\\a"


def test_validate_and_list_make_escapes_visible(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(agent_text(f'name: "x{YAML_TITLE}"\ndescription: d\n'
                                f'model: "{YAML_CLIPBOARD}"\ncolor: "\\e[5m"\n'))
    assert AgentDocument(path.read_bytes()).name == f"x{TITLE}"
    for command in ("validate", "list"):
        run = cli(capsys, command, str(tmp_path))
        assert _invisible(run.out + run.err) == [], command
        assert "\\x1b]0;pwned\\x07" in run.out


def test_problem_messages_quote_values_visibly(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(agent_text(f'name: ok\ndescription: d\nmodel: "{YAML_CLIPBOARD}"\n'))
    run = cli(capsys, "show", str(path))
    assert "AT110" in run.err and _invisible(run.out + run.err) == []


def test_raw_control_characters_in_frontmatter(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    path = tmp_path / "raw.md"
    path.write_bytes(agent_text(f"name: ok\ndescription: d{TITLE}\n"))
    doc = AgentDocument(path.read_bytes())
    [problem] = doc.problems
    assert (problem.code, problem.line, problem.column) == ("AT012", 3, 15)
    assert "U+001B" in problem.message and not doc.fields_editable
    run = cli(capsys, "show", str(path))
    assert run.code == 1 and _invisible(run.out + run.err) == []
    checked = cli(capsys, "validate", str(path))
    assert checked.code == 1 and "AT012" in checked.out


def test_a_file_name_with_escapes_is_shown_visibly(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    path = tmp_path / f"x{TITLE}.md"
    shutil.copy(HOSTILE / "tabs.md", path)
    run = cli(capsys, "show", str(path))
    assert run.code == 1 and "AT014" in run.err
    assert _invisible(run.out + run.err) == []


@given(st.text())
def test_safe_text_leaves_nothing_a_terminal_acts_on(text: str) -> None:
    shown = safe_text(text)
    assert all(ch in "\n\t" or ch.isprintable() for ch in shown)
    if text.isprintable():
        assert shown == text


def test_command_errors_naming_a_hostile_file_are_visible(capsys: pytest.CaptureFixture[str],
                                                          tmp_path: Path) -> None:
    folder = tmp_path / f"dir{TITLE}.md"
    folder.mkdir()
    run = cli(capsys, "show", str(folder))
    assert run.code == 1 and "is a folder" in run.err
    assert _invisible(run.err) == [] and "\\x1b]0;pwned\\x07" in run.err
