"""Field rules used by the form as you type, and tool parsing."""

from __future__ import annotations

import pytest

from agenttui.model.problems import Severity
from agenttui.model.tools import parse_tools
from agenttui.model.validation import check_field


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
    ("background", "on", "AT114"),
    ("background", "yes", "AT114"),
    ("tools", "Read, Reed", "AT120"),
    ("tools", "Reed", "AT123"),
    ("tools", '["Read", "Grep"]', "AT123"),
    ("tools", None, "AT122"),
    ("color", "teal", "AT112"),
    ("color", "Blue", "AT112"),
    ("hooks", [], "AT144"),
    ("name", "-reviewer", "AT108"),
    ("name", "a/b", "AT109"),
    ("name", "a\\b", "AT109"),
    ("name", "a..b", "AT109"),
    ("name", "a\x1bb", "AT109"),
    ("tool", "Read", "AT130"),
    ("skills", {"a": 1}, "AT105"),
])
def test_bad_values(key: str, value: object, code: str) -> None:
    assert [p.code for p in check_field(key, value)] == [code]


@pytest.mark.parametrize(("key", "value"), [
    ("name", "code-reviewer-2"), ("model", "opus"), ("model", "claude-opus-4-1"),
    ("model", "sonnet[1m]"), ("background", True), ("tools", "Read, Bash(npm test:*)"),
    ("permissionMode", "auto"), ("permissionMode", "manual"), ("maxTurns", 5.0),
    ("tools", "Workflow, Workflow(plugin:name), TaskCreate, TaskGet, TaskList, TaskUpdate"),
    ("tools", "TaskOutput, TaskStop, AskUserQuestion, mcp__github, mcp__github__*"),
    ("tools", "Agent(planner, coder), Read"), ("color", "blue"),
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


def test_commas_inside_parentheses_do_not_split() -> None:
    assert parse_tools("Agent(a, b), Read") == ["Agent(a, b)", "Read"]


@pytest.mark.parametrize("name", ["a:b", "-a", "a/b", "a\\b", "a..b", "a\x07b"])
def test_new_and_rename_refuse_what_the_form_reports_as_an_error(name: str) -> None:
    from agenttui.model.template import name_problem

    [problem] = check_field("name", name)
    assert problem.severity is Severity.ERROR
    assert name_problem(name) == problem.message


@pytest.mark.parametrize("name", ["UX New", "Reviewer", "my agent"])
def test_new_and_rename_take_with_its_warning_what_the_form_and_set_take(name: str) -> None:
    """One rule for names: outside the documented form is a warning everywhere (new and
    rename refused `UX New` while the form and `set` took it with a warning)."""
    from agenttui.model.template import name_problem, name_warning

    [problem] = check_field("name", name)
    assert problem.severity is Severity.WARNING
    assert name_problem(name) is None
    assert name_warning(name) == f"{problem.code} {problem.message}"


def test_an_error_the_edit_leaves_alone_blocks_no_save() -> None:
    from agenttui.model import AgentDocument
    from agenttui.model.validation import save_blockers

    doc = AgentDocument.from_text(
        "---\nname: a\ndescription: d\npermissionMode: yolo\n---\nbody\n")
    assert save_blockers(doc, doc.with_body("new body\n")) == []
    assert save_blockers(doc, doc.with_field("description", "e")) == []
    assert [p.code for p in save_blockers(doc, doc.with_field("permissionMode", "nope"))] == [
        "AT111"]
    assert [p.code for p in save_blockers(doc, doc.with_field("maxTurns", 0))] == ["AT113"]
