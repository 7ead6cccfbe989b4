"""``show``, ``set``, ``unset`` and ``fix`` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from agenttui.cli import main

NON_STRICT = "---\nname: helper\ndescription: Use it. Examples: one\nmodel: sonnet\n---\nBody\n"
CONTINUED = "---\nname: helper\ndescription: Use it. Examples:\n<example>\nuser: hi\n---\nBody\n"


@pytest.fixture
def agent(tmp_path: Path) -> Path:
    path = tmp_path / "helper.md"
    path.write_text(NON_STRICT, newline="")
    return path


def test_show_json_shape(agent: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(agent), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"path", "kind", "name", "fields", "body", "strict_yaml",
                         "claude_code", "problems"}
    assert data["name"] == "helper" and data["strict_yaml"] is False
    assert data["fields"]["description"] == "Use it. Examples: one"
    problem = next(p for p in data["problems"] if p["code"] == "AT010")
    assert set(problem) == {"severity", "code", "message", "line", "field"}
    assert (problem["severity"], problem["line"], problem["field"]) == (
        "warning", 3, "description")


def test_show_plain(agent: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["show", str(agent)])
    out = capsys.readouterr()
    assert out.out.startswith("name: helper\ndescription: Use it. Examples: one\n")
    assert out.out.endswith("---\nBody\n")
    assert "AT010" in out.err


def test_set_and_unset_touch_one_line(agent: Path) -> None:
    assert main(["set", str(agent), "model", "opus"]) == 0
    assert agent.read_text() == NON_STRICT.replace("model: sonnet", "model: opus")
    assert main(["set", str(agent), "tools", "--yaml", "[Read, Grep]"]) == 0
    assert agent.read_text().endswith("model: opus\ntools:\n  - Read\n  - Grep\n---\nBody\n")
    assert main(["unset", str(agent), "tools"]) == 0
    assert agent.read_text() == NON_STRICT.replace("model: sonnet", "model: opus")


def test_set_yaml_typed_values(agent: Path) -> None:
    assert main(["set", str(agent), "maxTurns", "--yaml", "5"]) == 0
    assert main(["set", str(agent), "background", "--yaml", "true"]) == 0
    assert "maxTurns: 5\nbackground: true\n" in agent.read_text()


def test_set_bad_yaml_is_a_usage_error(agent: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", str(agent), "tools", "--yaml", "[Read"]) == 2
    assert capsys.readouterr().err.startswith("agenttui: VALUE is not valid YAML")
    assert agent.read_text() == NON_STRICT


def test_fix_check_then_fix(agent: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", "--check", str(agent)]) == 1
    assert agent.read_text() == NON_STRICT
    assert main(["fix", str(agent)]) == 0
    assert "description: 'Use it. Examples: one'" in agent.read_text()
    assert main(["fix", "--check", str(agent)]) == 0
    assert "would fix" in capsys.readouterr().out


def test_fix_continued_needs_unsafe(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_text(CONTINUED)
    assert main(["fix", str(path)]) == 1
    assert path.read_text() == CONTINUED
    assert main(["fix", "--unsafe", str(path)]) == 0
    assert "description: |-\n  Use it. Examples:\n  <example>\n  user: hi\n" in path.read_text()


@pytest.mark.parametrize("argv", [["show"], ["set", "x"], ["show", "a", "--bogus"]])
def test_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2


def test_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(tmp_path / "nope.md")]) == 1
    assert capsys.readouterr().err == f"agenttui: {tmp_path / 'nope.md'}: no such file\n"


def test_edit_refused_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.md"
    path.write_text("---\nname: 'open\n---\n")
    assert main(["set", str(path), "model", "opus"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"agenttui: {path}: the fields cannot be edited")
    assert err.count("\n") == 1


def test_module_entry_point(agent: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "agenttui", "show", str(agent), "--json"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and json.loads(result.stdout)["name"] == "helper"


def test_set_types_value_by_the_field(agent: Path) -> None:
    assert main(["set", str(agent), "maxTurns", "5"]) == 0
    assert main(["set", str(agent), "background", "yes"]) == 0
    assert main(["set", str(agent), "skills", "lint, docs"]) == 0
    assert main(["set", str(agent), "description", "123"]) == 0
    text = agent.read_text()
    assert "maxTurns: 5\nbackground: true\nskills:\n  - lint\n  - docs\n" in text
    assert "description: '123'\n" in text


@pytest.mark.parametrize(("field", "value", "code"), [
    ("tool", "Read", "did you mean `tools`?"), ("", "x", "FIELD is empty")])
def test_set_unknown_field_is_a_usage_error(agent: Path, capsys: pytest.CaptureFixture[str],
                                            field: str, value: str, code: str) -> None:
    assert main(["set", str(agent), field, value]) == 2
    err = capsys.readouterr().err
    assert code in err and err.count("\n") == 1
    assert agent.read_text() == NON_STRICT


def test_set_keeps_a_key_of_the_file_s_own(tmp_path: Path) -> None:
    path = tmp_path / "helper.md"
    path.write_text("---\nname: helper\ndescription: d\nx-team: core\n---\nB\n")
    assert main(["set", str(path), "x-team", "docs"]) == 0
    assert "x-team: docs\n" in path.read_text()


@pytest.mark.parametrize(("field", "value", "code"), [
    ("maxTurns", "0", "AT113"), ("name", "tools:helper", "AT104"),
    ("permissionMode", "yolo", "AT111")])
def test_set_refuses_a_value_with_errors(agent: Path, capsys: pytest.CaptureFixture[str],
                                         field: str, value: str, code: str) -> None:
    assert main(["set", str(agent), field, value]) == 1
    assert f"not saved: {code}" in capsys.readouterr().err
    assert agent.read_text() == NON_STRICT


def test_set_shows_warnings_and_saves(agent: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", str(agent), "model", "sonet"]) == 0
    assert f"{agent}:4: warning AT110" in capsys.readouterr().err
    assert "model: sonet\n" in agent.read_text()


def test_unset_of_an_absent_field_says_so(agent: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["unset", str(agent), "color"]) == 1
    assert main(["unset", str(agent), "modle"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"agenttui: {agent}: has no field `color`",
                   f"agenttui: {agent}: has no field `modle`; did you mean `model`?"]


def test_fix_goes_on_past_a_file_it_cannot_read(agent: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", str(tmp_path / "gone.md"), str(agent)]) == 1
    assert "description: 'Use it. Examples: one'" in agent.read_text()
    assert "gone.md: no such file" in capsys.readouterr().err


def test_show_plain_prints_structures_as_json(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "helper.md"
    path.write_text("---\nname: helper\ndescription: d\nhooks:\n  Stop:\n    - matcher: ''\n"
                    "mcpServers:\n  - github\n  - {x: {command: y}}\n---\nB\n")
    main(["show", str(path)])
    out = capsys.readouterr().out
    assert 'hooks: {"Stop": [{"matcher": ""}]}\n' in out
    assert 'mcpServers: ["github", {"x": {"command": "y"}}]\n' in out
