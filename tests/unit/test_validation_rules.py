"""Field rules used by the form as you type, and tool parsing."""

from __future__ import annotations

import pytest

from agenttui.model.validation import check_field, parse_tools


@pytest.mark.parametrize(("key", "value", "code"), [
    ("name", "Reviewer", "AT103"),
    ("name", "a:b", "AT104"),
    ("name", "", "AT106"),
    ("description", ["x"], "AT105"),
    ("model", "gpt-4", "AT110"),
    ("permissionMode", "yolo", "AT111"),
    ("maxTurns", -1, "AT113"),
    ("maxTurns", True, "AT113"),
    ("background", "maybe", "AT114"),
    ("tools", "Reed", "AT120"),
    ("tool", "Read", "AT130"),
    ("skills", {"a": 1}, "AT105"),
])
def test_bad_values(key: str, value: object, code: str) -> None:
    assert [p.code for p in check_field(key, value)] == [code]


@pytest.mark.parametrize(("key", "value"), [
    ("name", "code-reviewer-2"), ("model", "opus"), ("model", "claude-opus-4-1"),
    ("model", "sonnet[1m]"), ("background", "on"), ("tools", "Read, Bash(npm test:*)"),
    ("tools", ["mcp__github__create_issue", "Agent(planner, coder)"]), ("maxTurns", 3),
    ("mcpServers", ["github", {"db": {"command": "pg"}}]),
])
def test_good_values(key: str, value: object) -> None:
    assert check_field(key, value) == []


def test_unknown_tool_suggests_the_closest() -> None:
    [problem] = check_field("tools", "Read, Grp")
    assert "did you mean `Grep`" in problem.message


def test_unknown_key_suggests_the_field() -> None:
    [problem] = check_field("tool", "Read")
    assert "did you mean `tools`" in problem.message


def test_parse_tools_keeps_parenthesised_commas() -> None:
    assert parse_tools("Read, Agent(a, b), Bash(git log:*)") == [
        "Read", "Agent(a, b)", "Bash(git log:*)"]
    assert parse_tools(["Read", " Grep "]) == ["Read", "Grep"]
    assert parse_tools(None) == []
