"""Escape sequences and markup from files reach the terminal only as visible text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agenttui.cli.common import print_json
from agenttui.model import AgentDocument
from agenttui.text import visible, visible_line
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


@pytest.mark.parametrize("value", [
    [{"description": "a\u2028line\u2029separator, a \x7f DEL, a \x85 NEL", "n": 1}],
    [{"big": 2**80, "fields": {"x": [1.5, None, True]}}],  # beyond orjson: the json fallback
    [{"plain": "ascii only"}, {"also": "caf\u00e9"}],
])
def test_print_json_lists_read_back_and_show_no_control(capsys: pytest.CaptureFixture[str],
                                                        value: list[object]) -> None:
    print_json(value)
    out = capsys.readouterr().out
    assert json.loads(out) == value
    assert _invisible(out) == [] and "\x7f" not in out
    assert out.endswith("}\n]\n") and out.count("\n") == len(value) + 2


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
def test_visible_leaves_nothing_a_terminal_acts_on(text: str) -> None:
    shown = visible(text)
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


# -- one folder where every piece of text a command prints is hostile ------------------------

PAYLOADS = {  # raw text -> how the plain output must show it
    TITLE: "\\x1b]0;pwned\\x07",
    "\x1b[31m": "\\x1b[31m",
    "\x9b": "\\x9b",
    "\u202e": "\\u202e",
    "[bold red]x[/]": "[bold red]x[/]",  # Rich markup stays literal text
}
RAW = "".join(PAYLOADS)
SHOWN = "".join(PAYLOADS.values())
FILE_RAW = RAW.replace("[/]", "")  # a file name cannot hold "/"
FILE_SHOWN = SHOWN.replace("[/]", "")
YAML_RAW = '\\e]0;pwned\\a\\e[31m\\x9b\\u202e[bold red]x[/]'  # RAW written as YAML escapes


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    """An agents folder whose file name, name, description and body all carry RAW."""
    folder = tmp_path / "agents"
    folder.mkdir()
    (folder / f"evil{FILE_RAW}.md").write_bytes(agent_text(
        f'name: "evil{YAML_RAW}"\ndescription: "says {YAML_RAW} twice {YAML_RAW}"\n',
        f"Body {RAW}\nsecond line {RAW}\n"))
    return folder


def _only_agent(folder: Path) -> Path:
    [path] = folder.iterdir()
    return path


def test_the_hostile_folder_holds_live_sequences(hostile_folder: Path) -> None:
    path = _only_agent(hostile_folder)
    doc = AgentDocument(path.read_bytes())
    assert FILE_RAW in path.name and doc.name == f"evil{RAW}"
    assert RAW in doc.fields["description"] and RAW in doc.body


def test_plain_list_shows_every_payload_visibly(capsys: pytest.CaptureFixture[str],
                                                hostile_folder: Path) -> None:
    run = cli(capsys, "list", str(hostile_folder))
    assert run.code == 0 and _invisible(run.out + run.err) == []
    [line] = run.out.splitlines()
    assert f"evil{SHOWN}" in line  # the name
    assert line.endswith(f"evil{FILE_SHOWN}.md")  # the path


def test_plain_validate_shows_every_payload_visibly(capsys: pytest.CaptureFixture[str],
                                                    hostile_folder: Path) -> None:
    run = cli(capsys, "validate", str(hostile_folder))
    assert _invisible(run.out + run.err) == []
    problems = run.out.splitlines()[:-1]
    assert problems and all(p.startswith(str(hostile_folder / f"evil{FILE_SHOWN}.md"))
                            for p in problems)
    assert any("AT109" in p and f"evil{SHOWN}" in p for p in problems)  # the name quoted


def test_plain_show_shows_every_payload_visibly(capsys: pytest.CaptureFixture[str],
                                                hostile_folder: Path) -> None:
    run = cli(capsys, "show", str(_only_agent(hostile_folder)))
    assert _invisible(run.out + run.err) == []
    assert f"name: evil{SHOWN}\n" in run.out
    assert f"description: says {SHOWN} twice {SHOWN}\n" in run.out
    assert f"Body {SHOWN}\nsecond line {SHOWN}\n" in run.out
    assert f"evil{FILE_SHOWN}.md" in run.err  # problems name the file


def test_json_output_escapes_the_payloads(capsys: pytest.CaptureFixture[str],
                                          hostile_folder: Path) -> None:
    for command in ("list", "validate"):
        run = cli(capsys, command, str(hostile_folder), "--json")
        assert _invisible(run.out) == [] and "\\u009b" in run.out and "\\u202e" in run.out
        assert run.json()[0]["path"] == str(_only_agent(hostile_folder))
    shown = cli(capsys, "show", str(_only_agent(hostile_folder)), "--json").json()
    assert shown["name"] == f"evil{RAW}" and shown["body"].startswith(f"Body {RAW}")


def test_a_newline_in_a_file_name_cannot_forge_an_output_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    forged = "x.md: error AT001 forged\ny"
    (tmp_path / f"{forged}.md").write_bytes(agent_text("name: ok\ndescription: d\n"))
    listed = cli(capsys, "list", str(tmp_path))
    assert len(listed.out.splitlines()) == 1 and "forged\\x0ay.md" in listed.out
    checked = cli(capsys, "validate", str(tmp_path))
    assert all(line.startswith(str(tmp_path)) for line in checked.out.splitlines()[:-1])
    assert "\nx.md" not in checked.out


def test_a_file_name_that_is_not_utf8_is_shown_by_its_bytes(tmp_path: Path) -> None:
    """As a subprocess, so the real stdout encoder sees the name: raw bytes of the output
    hold no ESC, BEL or C1 control, and nothing crashes on the undecodable byte."""
    name = b"raw\x9b\x1b]0;pwned\x07.md"
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as out:
        out.write(agent_text("name: raw\ndescription: d\n"))
    for command in ("list", "validate"):
        result = subprocess.run([sys.executable, "-m", "agenttui", command, str(tmp_path)],
                                capture_output=True, check=False, timeout=120)
        output = result.stdout + result.stderr
        assert b"Traceback" not in output and result.returncode in (0, 1), output
        assert not any(byte in output for byte in (b"\x1b", b"\x07", b"\x9b", b"\xc2\x9b"))
        assert b"raw\\x9b\\x1b]0;pwned\\x07.md" in result.stdout


@pytest.mark.parametrize("command", ["duplicate", "rename", "move", "copy", "new"])
def test_manage_commands_print_hostile_paths_visibly(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str) -> None:
    """Names of new files are checked (no control characters), but the folders are yours
    to choose and may still be hostile; the printed path shows them visibly."""
    source = tmp_path / f"agents{FILE_RAW}"
    source.mkdir()
    path = source / "evil.md"
    path.write_bytes(agent_text(f'name: "evil{YAML_RAW}"\ndescription: d\n'))
    other = tmp_path / f"other{FILE_RAW}"
    argv = {"duplicate": [str(path), "twin"], "rename": [str(path), "renamed"],
            "move": [str(path), "--dir", str(other)], "copy": [str(path), "--dir", str(other)],
            "new": ["fresh", "--dir", str(other)]}[command]
    run = cli(capsys, command, *argv)
    assert run.code == 0, run.err
    assert _invisible(run.out + run.err) == []
    assert FILE_SHOWN in run.out and run.out.count("\n") == 1


def test_delete_and_restore_print_a_hostile_file_name_visibly(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / f"evil{FILE_RAW}.md"
    path.write_bytes(agent_text(f'name: "evil{YAML_RAW}"\ndescription: d\n'))
    deleted = cli(capsys, "delete", str(path))
    assert deleted.code == 0 and not path.exists()
    listed = cli(capsys, "restore", "--list")
    restored = cli(capsys, "restore")
    assert restored.code == 0 and path.exists()
    for run in (deleted, listed, restored):
        assert _invisible(run.out + run.err) == [] and f"evil{FILE_SHOWN}.md" in run.out


def test_manage_refusals_show_hostile_names_visibly(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    run = cli(capsys, "new", f"bad{RAW}", "--dir", str(tmp_path))
    assert run.code != 0 and _invisible(run.err) == [] and "\\x1b]0;pwned\\x07" in run.err
    assert list(tmp_path.iterdir()) == []
    missing = cli(capsys, "rename", str(tmp_path / f"gone{FILE_RAW}.md"), "ok")
    assert missing.code != 0 and _invisible(missing.err) == []
    assert f"gone{FILE_SHOWN}.md" in missing.err


def test_usage_errors_show_stray_arguments_visibly(capsys: pytest.CaptureFixture[str]) -> None:
    """``agenttui show *.md`` in a hostile folder: argparse names the extra file names."""
    with pytest.raises(SystemExit):
        cli(capsys, "show", "a.md", f"evil{FILE_RAW}.md")
    err = capsys.readouterr().err
    assert _invisible(err) == [] and f"evil{FILE_SHOWN}.md" in err


def test_fix_reports_hostile_paths_visibly(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    path = tmp_path / f"evil{FILE_RAW}.md"
    path.write_bytes(agent_text('name: ok\ndescription: Use it. Examples:\\n- User: "hi"\n'))
    run = cli(capsys, "fix", "--check", str(path))
    assert run.code == 1 and _invisible(run.out + run.err) == []
    assert f"evil{FILE_SHOWN}.md:" in run.out


@given(st.text())
def test_visible_line_keeps_everything_on_one_line(text: str) -> None:
    shown = visible_line(text)
    assert all(ch == "\t" or ch.isprintable() for ch in shown)
    assert shown == visible(text).replace("\n", "\\x0a")
