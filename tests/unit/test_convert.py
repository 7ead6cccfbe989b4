"""Conversion between formats: the fields that map, the ones that do not (listed), the
round trip that keeps every field the other kind can express, and ``agenttui convert``."""

from __future__ import annotations

import contextlib
import io
import itertools
import re
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from agenttui.cli import main
from agenttui.model.document import AgentDocument
from agenttui.model.formats import KINDS, checks, get
from agenttui.model.formats.convert import convert, file_text, tool_entries

# A file of each kind using what it shares with the others: name, description, tools,
# model, colour, turns, temperature, effort, background.
RICH: dict[str, dict[str, Any]] = {
    "claude-agent": {"name": "reviewer", "description": "Reviews code: carefully",
                     "tools": "Read, Grep, Bash(git:*), mcp__github__pr",
                     "disallowedTools": "Write", "model": "sonnet", "color": "blue",
                     "maxTurns": 5, "background": True, "effort": "high", "memory": "user"},
    "claude-skill": {"name": "reviewer", "description": "Reviews code", "allowed-tools":
                     "Read, Grep", "disallowed-tools": "Write", "model": "opus",
                     "effort": "medium", "context": "fork", "user-invocable": False},
    "claude-command": {"description": "Reviews code", "argument-hint": "[file]",
                       "allowed-tools": "Read, Bash", "model": "haiku",
                       "disable-model-invocation": True},
    "opencode-agent": {"description": "Reviews code", "mode": "subagent",
                       "model": "anthropic/claude-opus-4-1", "temperature": 0.2,
                       "tools": {"read": True, "grep": True, "write": False, "patch": True},
                       "maxSteps": 7, "color": "#FF0000", "hidden": True},
    "copilot-agent": {"name": "reviewer", "description": "Reviews code",
                      "tools": ["read", "search", "Glob", "github/*"],
                      "model": "Claude Sonnet 4.5", "target": "vscode",
                      "disable-model-invocation": True},
    "gemini-agent": {"name": "reviewer", "description": "Reviews code", "kind": "local",
                     "tools": ["read_file", "grep_search", "save_memory"],
                     "model": "gemini-2.5-pro", "temperature": 0.3, "max_turns": 9,
                     "timeout_mins": 4},
    "cursor-agent": {"name": "reviewer", "description": "Reviews code", "model": "inherit",
                     "readonly": True, "is_background": True},
    "factory-droid": {"name": "reviewer", "description": "Reviews code",
                      "model": "claude-sonnet-4-5-20250929", "reasoningEffort": "low",
                      "tools": ["Read", "Grep", "Execute"]},
    "generic": {"title": "Reviewer", "name": "reviewer", "description": "Reviews code"},
}
BODY = "You review code.\n\nReport what you find.\n"
PAIRS = [(a, b) for a, b in itertools.product(KINDS, KINDS) if a != b]


def _document(kind: str, fields: dict[str, Any], body: str = BODY) -> AgentDocument:
    document = AgentDocument.from_text("---\n---\n" + body, None, get(kind).known_keys)
    for key, value in fields.items():
        document = document.with_field(key, value)
    return document


def _there_and_back(a: str, b: str) -> tuple[Any, Any]:
    source, target = get(a), get(b)
    forward = convert(source, target, RICH[a], BODY, "reviewer")
    written = AgentDocument.from_text(file_text(forward), None, target.known_keys)
    assert written.fields == forward.fields and written.body == BODY
    back = convert(target, source, written.fields, written.body, forward.name)
    return forward, back


def _mentioned(dropped: list[str]) -> set[str]:
    quoted = [name for said in dropped for name in re.findall(r"`([^`]+)`", said)]
    return {*quoted, *(name.split(":")[0] for name in quoted)}


@pytest.mark.parametrize(("a", "b"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_there_and_back_keeps_every_field_the_other_kind_can_express(a: str, b: str) -> None:
    forward, back = _there_and_back(a, b)
    source = get(a)
    lost = _mentioned(forward.dropped)
    tools_keys = {source.tools_key, source.concepts.get("denied_tools")}
    for key, value in RICH[a].items():
        if key in lost or (key == "name" and source.id_from != "name"):
            continue
        if key in tools_keys and key is not None:
            for allowed in (True, False):
                mine = set(tool_entries(source, {key: value}, allowed)) - lost
                assert mine <= set(tool_entries(source, back.fields, allowed)), (key, allowed)
            continue
        assert back.fields.get(key) == value, key
    assert back.body == BODY


@pytest.mark.parametrize(("a", "b"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_every_field_is_carried_or_listed(a: str, b: str) -> None:
    source, target = get(a), get(b)
    forward = convert(source, target, RICH[a], BODY, "reviewer")
    said = " ".join(forward.dropped)
    concept_of = {key: concept for concept, key in source.concepts.items()}
    for key in RICH[a]:
        concept = concept_of.get(key, "")
        goal = target.concepts.get(concept, key)
        if concept == "denied_tools" and target.tools_style == "map":
            goal = str(target.tools_key)  # a map says which tools are off
        named = key == "name" and target.id_from != "name"  # the new file's name
        assert goal in forward.fields or named or f"`{key}" in said, key


def test_claude_tools_become_an_opencode_tool_map_and_back() -> None:
    forward = convert(get("claude-agent"), get("opencode-agent"),
                      {"description": "x", "tools": "Read, Grep", "disallowedTools": "Bash"},
                      BODY, "x")
    assert forward.fields["tools"] == {"read": True, "grep": True, "bash": False}
    back = convert(get("opencode-agent"), get("claude-agent"), forward.fields, BODY, "x")
    assert back.fields["tools"] == "Read, Grep" and back.fields["disallowedTools"] == "Bash"


def test_models_and_colours_are_translated() -> None:
    forward = convert(get("claude-agent"), get("opencode-agent"),
                      {"description": "x", "model": "sonnet", "color": "green"}, BODY, "x")
    assert forward.fields["model"] == "anthropic/claude-sonnet-4-5"
    assert forward.fields["color"] == "#00FF00"
    copilot = convert(get("claude-agent"), get("copilot-agent"),
                      {"description": "x", "model": "haiku"}, BODY, "x")
    assert copilot.fields["model"] == "Claude Haiku 4.5"


def test_what_does_not_carry_over_is_listed_naming_the_target() -> None:
    forward = convert(get("claude-agent"), get("gemini-agent"),
                      {"name": "x", "description": "x", "model": "opus", "memory": "user"},
                      BODY, "x")
    assert "model" not in forward.fields
    assert any(d.startswith("`model") and "Gemini CLI" in d for d in forward.dropped)
    assert any(d.startswith("`memory`") for d in forward.dropped)


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "generic"])
def test_a_converted_file_is_valid_for_its_tool(kind: str) -> None:
    source = {"name": "reviewer", "description": "Reviews code", "tools": "Read, Grep",
              "model": "sonnet"}
    forward = convert(get("claude-agent"), get(kind), source, BODY, "reviewer")
    fmt = get(kind)
    doc = AgentDocument.from_text(file_text(forward), None, fmt.known_keys)
    relative = PurePosixPath("reviewer/SKILL.md" if fmt.id_from == "folder" else
                             f"reviewer{fmt.suffix}")
    errors = [p for p in checks.validate(fmt, doc, Path("reviewer.md"), relative)
              if p.severity.value == "error"]
    assert errors == []


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "reviewer.md").write_text(
        "---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep\nmodel: sonnet\n"
        "memory: user\n---\nYou review.\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_convert_writes_where_the_target_tool_looks(repo: Path) -> None:
    code, out, err = _run("convert", ".claude/agents/reviewer.md", "--to", "opencode-agent")
    target = repo / ".opencode" / "agents" / "reviewer.md"
    assert code == 0 and out.strip() == ".opencode/agents/reviewer.md"
    assert "not carried over: `memory`" in err
    assert target.read_text() == ("---\ndescription: Reviews code\n"
                                  "model: anthropic/claude-sonnet-4-5\n"
                                  "tools:\n  read: true\n  grep: true\n---\nYou review.\n")


def test_convert_never_writes_over_a_file_without_force(repo: Path) -> None:
    target = repo / ".github" / "agents" / "reviewer.agent.md"
    target.parent.mkdir(parents=True)
    target.write_text("mine\n")
    code, _, err = _run("convert", ".claude/agents/reviewer.md", "--to", "copilot-agent")
    assert code == 1 and "already exists" in err and target.read_text() == "mine\n"
    code, _, _ = _run("convert", ".claude/agents/reviewer.md", "--to", "copilot-agent",
                      "--force")
    assert code == 0 and target.read_text().startswith("---\nname: reviewer\n")


def test_convert_dry_run_writes_nothing(repo: Path) -> None:
    code, out, _ = _run("convert", ".claude/agents/reviewer.md", "--to", "claude-skill",
                        "--dry-run")
    assert code == 0 and "allowed-tools: Read, Grep" in out
    assert not (repo / ".claude" / "skills").exists()


def test_convert_to_the_user_folder_and_back(repo: Path, isolated_home: Path) -> None:
    code, _, _ = _run("convert", ".claude/agents/reviewer.md", "--to", "gemini-agent",
                      "--scope", "user")
    written = isolated_home / ".gemini" / "agents" / "reviewer.md"
    assert code == 0 and written.is_file()
    code, _, _ = _run("convert", str(written), "--to", "claude-agent", "--dir",
                      str(repo / "back"))
    assert code == 0
    assert (repo / "back" / "reviewer.md").read_text().startswith(
        "---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep\n")


def test_convert_refuses_a_file_it_cannot_read(repo: Path) -> None:
    (repo / "broken.md").write_text("no frontmatter\n")
    code, _, err = _run("convert", "broken.md", "--to", "cursor-agent")
    assert code == 1 and "cannot be converted" in err
