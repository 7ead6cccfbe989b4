"""Discovery of every format's folders, and ``list``, ``validate``, ``show``, ``new`` with
``--kind``."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from agenttui.cli import main
from agenttui.storage.discovery import Scope
from agenttui.storage.format_discovery import (
    find_format_roots,
    guess_kind,
    list_format_files,
    project_chain,
)

FILES = {
    ".claude/agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews\n---\nBody.\n",
    ".claude/skills/lint/SKILL.md": "---\nname: lint\ndescription: Lints\n---\nRun it.\n",
    ".claude/skills/lint/reference.md": "Not a skill: a file the skill reads.\n",
    ".claude/commands/git/commit.md": "---\ndescription: Commits\n---\nCommit.\n",
    ".opencode/agents/team/reviewer.md": "---\ndescription: Reviews\nmode: subagent\n---\nGo.\n",
    ".github/agents/planner.agent.md": "---\ndescription: Plans\n---\nPlan.\n",
    ".gemini/agents/auditor.md": "---\nname: auditor\ndescription: Audits\n---\nAudit.\n",
    ".cursor/agents/verifier.md": "---\nname: verifier\ndescription: Checks\n---\nCheck.\n",
    ".factory/droids/droid.md": "---\nname: droid\ndescription: Does\n---\nDo.\n",
    ".factory/droids/nested/ignored.md": "---\nname: nested\ndescription: x\n---\nx\n",
}
IDS = {
    "claude-agent": "reviewer", "claude-skill": "lint", "claude-command": "/git:commit",
    "opencode-agent": "team/reviewer", "copilot-agent": "planner", "gemini-agent": "auditor",
    "cursor-agent": "verifier", "factory-droid": "droid",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    top = tmp_path / "repo"
    (top / ".git").mkdir(parents=True)
    for relative, text in FILES.items():
        path = top / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    work = top / "src" / "pkg"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    return top


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_list_kind_all_finds_every_format_up_to_the_repository_root(project: Path) -> None:
    code, out, _ = _run("list", "--kind", "all", "--json")
    assert code == 0
    found = {entry["kind"]: entry for entry in json.loads(out)}
    assert {kind: entry["name"] for kind, entry in found.items()} == IDS
    assert all(entry["scope"] == "project" for entry in found.values())
    assert found["claude-agent"]["claude_code"]["loads"] is True
    assert found["opencode-agent"]["claude_code"] is None


def test_a_skills_folder_keeps_only_skill_files_and_droids_only_the_top_level(
        project: Path) -> None:
    roots = find_format_roots(["claude-skill", "factory-droid"], cwd=Path.cwd())
    names = sorted(f.path.name for root in roots for f in list_format_files(root))
    assert names == ["SKILL.md", "droid.md"]


def test_the_default_list_is_todays_agents_alone(project: Path) -> None:
    code, out, _ = _run("list", "--json")
    assert code == 0
    assert [(e["kind"], e["name"]) for e in json.loads(out)] == [("claude-agent", "reviewer")]


def test_one_kind_and_its_user_folder(project: Path, isolated_home: Path) -> None:
    user = isolated_home / ".gemini" / "agents"
    user.mkdir(parents=True)
    (user / "mine.md").write_text("---\nname: mine\ndescription: Mine\n---\nMine.\n")
    code, out, _ = _run("list", "--kind", "gemini-agent")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].split()[:3] == ["gemini-agent", "project", "auditor"]
    assert lines[1].split()[:3] == ["gemini-agent", "user", "mine"]


def test_the_project_chain_stops_at_the_repository_root(project: Path) -> None:
    chain = project_chain(Path.cwd())
    assert chain[0] == Path.cwd() and chain[-1] == project


def test_a_kind_is_guessed_from_the_folder_holding_the_file(project: Path) -> None:
    assert guess_kind(project / ".github/agents/planner.agent.md") == "copilot-agent"
    assert guess_kind(project / ".claude/skills/lint/SKILL.md") == "claude-skill"
    assert guess_kind(project / "elsewhere/x.md") == "claude-agent"


def test_validate_kind_all_reports_each_format_by_its_rules(project: Path) -> None:
    (project / ".opencode/agents/team/reviewer.md").write_text(
        "---\ndescription: Reviews\nmode: sub\n---\nGo.\n")
    code, out, _ = _run("validate", "--kind", "all", "--json")
    assert code == 1
    by_kind = {entry["kind"]: [p["code"] for p in entry["problems"]]
               for entry in json.loads(out)}
    assert by_kind["opencode-agent"] == ["AT602"]
    assert by_kind["claude-command"] == [] and by_kind["claude-agent"] == []


def test_a_folder_given_with_kind_all_is_read_as_a_project(project: Path) -> None:
    code, out, _ = _run("list", "--kind", "all", "--json", str(project))
    assert code == 0
    assert {entry["kind"] for entry in json.loads(out)} == set(IDS)
    assert {entry["scope"] for entry in json.loads(out)} == {Scope.PATH.value}


def test_show_with_a_kind(project: Path) -> None:
    code, out, _ = _run("show", "--kind", "all", "--json",
                        str(project / ".opencode/agents/team/reviewer.md"))
    said = json.loads(out)
    assert code == 0 and said["kind"] == "opencode-agent" and said["claude_code"] is None
    assert said["fields"] == {"description": "Reviews", "mode": "subagent"}


def test_new_of_a_kind_goes_where_its_tool_looks(project: Path) -> None:
    code, out, err = _run("new", "helper", "--kind", "claude-skill")
    assert code == 0 and err == ""
    path = project / ".claude/skills/helper/SKILL.md"
    assert out.strip().endswith("SKILL.md") and path.is_file()
    assert _run("new", "helper", "--kind", "claude-skill")[0] == 1  # never over a file
    code, _, _ = _run("new", "helper", "--kind", "copilot-agent", "--scope", "user")
    assert code == 0
    assert (Path.home() / ".copilot/agents/helper.agent.md").is_file()
