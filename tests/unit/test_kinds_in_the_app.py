"""The pure rules behind the app's kinds: the roots of every kind, the outline grouped by
tool, the kind key's cycle, the form's rows per declaration, the number and tool-map
editors' values, conversion plans and their places, and save blockers of other formats."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from agenttui.catalog import Catalog, load_agent, load_in_steps
from agenttui.conversion_plan import places, plan, target_kinds, write
from agenttui.kind_filter import ALL, kind_note, kinds_present, next_kind, shown_roots
from agenttui.model import AgentDocument
from agenttui.model.formats import DISCOVERED, get
from agenttui.model.formats.checks import save_blockers, validate
from agenttui.model.formats.form_fields import form_fields, form_tools
from agenttui.model.schema import Kind
from agenttui.rescan import rescan
from agenttui.storage.cache import ParseCache
from agenttui.storage.discovery import Scope
from agenttui.storage.format_discovery import find_kind_roots
from agenttui.widgets.agent_outline import Outline
from agenttui.widgets.agent_rows import group_pieces, scope_note
from agenttui.widgets.format_editors import parse_number, tool_map
from tests.conftest import REPO

MIXED = REPO / "sample_agents_mixed"
HOUR_AGO = time.time() - 3600


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    target = tmp_path / "mixed"
    shutil.copytree(MIXED, target)
    return target


def test_every_kind_of_the_mixed_sample_has_a_root(mixed: Path) -> None:
    roots = find_kind_roots(DISCOVERED, [str(mixed)], cwd=mixed)
    assert kinds_present(roots) == list(DISCOVERED)
    claude = [r for r in roots if r.format_kind == "claude-agent"]
    assert [r.kind for r in claude] == [None]  # Claude Code's agents: the default kind
    assert claude[0].path == mixed / ".claude" / "agents"


def test_without_paths_claude_agents_come_as_discovery_finds_them(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    for folder in (".claude/agents", ".opencode/agents"):
        (project / folder).mkdir(parents=True)
    roots = find_kind_roots(DISCOVERED, cwd=project, env={"HOME": str(tmp_path / "home")})
    assert [(r.scope, r.kind) for r in roots] == [(Scope.PROJECT, None),
                                                  (Scope.PROJECT, "opencode-agent")]


def _catalog(roots: list) -> Catalog:  # type: ignore[type-arg]
    catalog = Catalog(roots)
    for step in load_in_steps(roots, ParseCache(Path("/nonexistent/cache.json"))):
        catalog.add(step.agents)
    return catalog


def test_the_outline_groups_by_tool_then_scope_with_counts(mixed: Path) -> None:
    roots = find_kind_roots(DISCOVERED, [str(mixed)], cwd=mixed)
    catalog = _catalog(roots)
    outline = Outline(roots, catalog.agents)
    tops = ["".join(p.text for p in group_pieces(g)) for g in outline.scopes]
    assert tops[0] == "▼ Claude Code subagents  2"
    assert "▼ OpenCode agents  1" in tops and "▼ Factory droids  1" in tops
    assert len(tops) == len(DISCOVERED)
    skill = catalog.agents[[a.kind for a in catalog.agents].index("claude-skill")]
    group = outline.group_of[outline.paths.index(skill.path)]
    assert group.is_scope  # a skill's folder is the skill: no folder row for it
    assert scope_note(group) == "Claude Code path"
    assert skill.display_name == "changelog"


def test_one_kind_has_no_tool_rows(mixed: Path) -> None:
    roots = find_kind_roots(["claude-agent"], [str(mixed / ".claude" / "agents")], cwd=mixed)
    outline = Outline(roots, _catalog(roots).agents)
    assert [g.kind for g in outline.scopes] == [""]
    assert outline.scopes[0].is_scope


def test_other_kinds_are_read_by_their_declaration(mixed: Path) -> None:
    roots = find_kind_roots(DISCOVERED, [str(mixed)], cwd=mixed)
    agents = {a.display_name: a for a in _catalog(roots).agents}
    assert set(agents) >= {"/git:commit", "team/reviewer", "docs-writer", "migrator"}
    assert [p.code for p in agents["team/reviewer"].problems] == ["AT622"]
    reviewer = agents["team/reviewer"]
    assert reviewer.document is None and reviewer.summary is not None  # as the cache keeps it
    whole = load_agent(reviewer.file)
    assert (reviewer.problems, reviewer.fields, reviewer.tools, reviewer.read_only) == (
        whole.problems, {k: whole.fields[k] for k in reviewer.fields}, whole.tools,
        whole.read_only)


def test_a_rescan_reads_another_kind_again_only_when_it_changed(mixed: Path) -> None:
    roots = find_kind_roots(["opencode-agent"], [str(mixed)], cwd=mixed)
    path = mixed / ".opencode" / "agents" / "team" / "reviewer.md"
    os.utime(path, (HOUR_AGO, HOUR_AGO))  # written long before it is looked up
    cache = ParseCache(Path("/nonexistent/cache.json"))
    assert [a.path for a in rescan(roots, {path}, cache).fresh] == [path]  # not cached yet
    assert not rescan(roots, {path}, cache)
    path.write_text(path.read_text().replace("mode: subagent", "mode: sometimes"))
    os.utime(path, (HOUR_AGO, HOUR_AGO))  # the same mtime: the change of ctime tells
    fresh = rescan(roots, {path}, cache).fresh
    assert [a.path for a in fresh] == [path]
    assert "mode" in {p.field for p in fresh[0].problems}


def test_the_kind_key_cycles_through_the_kinds_then_every_kind() -> None:
    present = ["claude-agent", "opencode-agent"]
    assert next_kind(ALL, present) == "claude-agent"
    assert next_kind("claude-agent", present) == "opencode-agent"
    assert next_kind("opencode-agent", present) == ALL
    assert next_kind("cursor-agent", present) == "claude-agent"  # gone since: from the top
    assert kind_note(ALL) == "" and kind_note("opencode-agent") == "OpenCode agents only"


def test_shown_roots_keep_one_kind(mixed: Path) -> None:
    roots = find_kind_roots(DISCOVERED, [str(mixed)], cwd=mixed)
    assert [r.format_kind for r in shown_roots(roots, "gemini-agent")] == ["gemini-agent"]
    assert shown_roots(roots, ALL) == roots


def test_the_form_follows_the_declaration() -> None:
    fmt = get("opencode-agent")
    rows = {f.key: f for f in form_fields(fmt, ["description", "tools", "name", "mine"])}
    assert rows["temperature"].kind is Kind.NUMBER
    assert rows["tools"].kind is Kind.TOOL_MAP
    assert rows["mode"].kind is Kind.CHOICE and rows["mode"].choices == ("primary",
                                                                         "subagent", "all")
    assert rows["mine"].kind is Kind.YAML and "OpenCode" in rows["mine"].help
    assert rows["name"].kind is Kind.YAML and "OpenCode ignores `name`" in rows["name"].help
    assert [f.key for f in form_fields(fmt, [])] == [f.key for f in fmt.fields]


def test_a_generic_file_shows_its_own_keys_as_yaml() -> None:
    rows = form_fields(get("generic"), ["title", "tags"])
    assert [(f.key, f.kind) for f in rows] == [("title", Kind.YAML), ("tags", Kind.YAML)]


def test_tool_pickers_offer_the_formats_own_names() -> None:
    claude = ("Read", "Grep")
    assert form_tools(get("opencode-agent"), claude)[:3] == ("read", "write", "edit")
    assert form_tools(get("claude-skill"), claude) == claude
    assert "read_file" in form_tools(get("gemini-agent"), claude)


@pytest.mark.parametrize(("text", "number"), [("0.2", 0.2), ("1", 1), (" 2 ", 2),
                                              ("1e400", None), ("nan", None), ("x", None)])
def test_a_number_field_reads_what_it_writes(text: str, number: float | None) -> None:
    assert parse_number(text) == number
    if number is not None:
        assert type(parse_number(text)) is type(number)


def test_ticks_turn_a_tool_map_on_and_off_keeping_its_order() -> None:
    before = {"write": False, "edit": False, "bash": True}
    assert tool_map(before, ["bash", "edit"]) == {"write": False, "edit": True, "bash": True}
    assert list(tool_map(before, ["read"])) == ["write", "edit", "bash", "read"]
    assert tool_map(before, []) == {"write": False, "edit": False, "bash": False}


def test_a_save_is_blocked_by_the_errors_an_edit_brings_only() -> None:
    fmt = get("opencode-agent")
    known = fmt.known_keys
    old = AgentDocument(b"---\ndescription: x\ncolor: sky\n---\nbody\n", "a.md", known)
    new = old.with_field("temperature", 9, like=old)
    before, after = validate(fmt, old, None), validate(fmt, new, None)
    blocking = save_blockers(before, after, old.fields, new.fields)
    assert [p.code for p in blocking] == ["AT603"]  # not the AT622 the file had
    assert save_blockers(before, before, old.fields, old.fields) == []


def test_a_plan_lists_what_carries_over_and_what_does_not(mixed: Path) -> None:
    roots = find_kind_roots(DISCOVERED, [str(mixed)], cwd=mixed)
    agent = next(a for a in _catalog(roots).agents if a.display_name == "code-reviewer")
    assert "claude-agent" not in target_kinds(agent.kind)
    made = plan(agent, "opencode-agent")
    assert made.refusal is None and made.name == "code-reviewer"
    assert "tools" in made.carried and "read: true" in made.text
    assert made.dropped == () and "#0000FF" in made.text  # blue, as OpenCode writes it
    assert any(d.startswith("`tools`") for d in plan(agent, "cursor-agent").dropped)
    where = places(agent, made.target, made.name, roots, cwd=mixed,
                   env={"HOME": str(mixed / "home")})
    assert where[0].label == "beside it"
    assert where[0].path == mixed / ".opencode" / "agents" / "code-reviewer.md"
    assert where[0].root.kind == "opencode-agent"
    # the project's folder is the same one here (the working directory): listed once
    assert [p.label for p in where[1:]] == ["user"]
    assert where[1].path == mixed / "home" / ".config" / "opencode" / "agents" / (
        "code-reviewer.md")


def test_a_plan_reads_an_agent_the_cache_summarised(mixed: Path) -> None:
    roots = find_kind_roots(["claude-agent"], [str(mixed / ".claude" / "agents")], cwd=mixed)
    agent = next(a for a in _catalog(roots).agents if a.display_name == "test-runner")
    made = plan(agent.__class__(agent.file, None, None), "gemini-agent")
    assert "max_turns: 12" in made.text


def test_a_skill_goes_into_a_folder_of_its_name(mixed: Path) -> None:
    roots = find_kind_roots(DISCOVERED, [str(mixed)], cwd=mixed)
    agent = next(a for a in _catalog(roots).agents if a.display_name == "migrator")
    made = plan(agent, "claude-skill")
    where = places(agent, made.target, made.name, roots, cwd=mixed,
                   env={"HOME": str(mixed / "home")})
    assert where[0].path == mixed / ".claude" / "skills" / "migrator" / "SKILL.md"


def test_write_never_replaces_a_file_unasked(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "x.md"
    write(path, "one\n")
    with pytest.raises(FileExistsError):
        write(path, "two\n")
    assert path.read_text() == "one\n"
    write(path, "two\n", replace=True)
    assert path.read_text() == "two\n"
