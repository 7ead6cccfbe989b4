"""The review's pure parts: what git changed as marks and deleted rows, the field diff's lines,
the list's badges, and switching an agent off and on in the settings files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agenttui.catalog import Agent
from agenttui.enabling import Switched, disabled_agents, switch
from agenttui.git import FileChange, GitState
from agenttui.model import AgentDocument
from agenttui.review import compare, diff_versions, read_review
from agenttui.screens.field_diff_screen import diff_rows
from agenttui.storage.discovery import AgentFile, Root, Scope
from agenttui.storage.settings import SettingsError
from agenttui.widgets.agent_rows import agent_pieces, git_pieces
from tests.unit.git_helpers import make_project

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def doc(text: str) -> AgentDocument:
    return AgentDocument(text.encode(), "a.md")


@needs_git
def test_a_review_marks_every_change_and_keeps_deleted_agents_as_they_were(
        tmp_path: Path) -> None:
    agents = make_project(tmp_path / "proj")
    review = read_review([Root(Scope.PROJECT, agents)], "main")
    marks = {path.relative_to(agents).as_posix(): (c.state.value, c.staged)
             for path, c in review.marks.items()}
    assert marks == {"edited.md": ("modified", False), "fresh.md": ("untracked", False),
                     "gone.md": ("deleted", False), "toolsy.md": ("modified", True),
                     "review/moved.md": ("renamed", True)}
    [ghost] = review.ghosts
    assert (ghost.path, ghost.display_name, ghost.description) == (
        agents / "gone.md", "gone", "Reviews gone")
    assert review.note() == "5 agents changed since main"
    change = review.marks[agents / "edited.md"]
    assert review.changes is not None
    assert compare(review.changes, change).lines()[0] == "model: sonnet → opus"


def test_outside_a_repository_a_review_says_why(tmp_path: Path) -> None:
    review = read_review([Root(Scope.PATH, tmp_path)])
    assert review.changes is None and review.marks == {} and review.ghosts == ()
    assert review.note().startswith("no git review: ")


def test_plugin_folders_are_left_out_of_a_review(tmp_path: Path) -> None:
    review = read_review([Root(Scope.PLUGIN, tmp_path, True, "kit")])
    assert review.unavailable == "no agent folders to compare"


def test_field_diff_rows_name_each_change_with_its_kind() -> None:
    before = doc("---\nname: a\ndescription: Old\nmodel: sonnet\ntools: Read, Write\n---\nx\n")
    after = doc("---\nname: a\ndescription: New\nmodel: opus\ntools: [Read, Bash]\n"
                'color: "\\x1b[31m"\n---\nx\ny\n')  # an escape sequence, quoted
    rows = diff_rows(diff_versions(before, after, Path("a.md")))
    assert rows[0] == [("description:", "field")]
    assert rows[1:4] == [[("  @@ -1 +1 @@", "hunk")], [("  -Old", "deleted")],
                         [("  +New", "inserted")]]
    assert [("model:", "field"), (" ", ""), ("sonnet", "deleted"), (" → ", ""),
            ("opus", "inserted")] in rows
    assert [("tools:", "field"), (" +Bash", "inserted"), (" −Write", "deleted")] in rows
    color = next(row for row in rows if row[0] == ("color:", "field"))
    assert color[2] == ("(unset)", "deleted") and "\x1b" not in color[4][0]  # made visible
    assert [("body:", "field")] in rows and [("  +y", "inserted")] in rows


def test_field_diff_rows_of_the_same_values_and_of_no_change() -> None:
    quoted = doc("---\nname: 'a'\ndescription: b\n---\n")
    plain = doc("---\nname: a\ndescription: b\n---\n")
    assert diff_rows(diff_versions(quoted, plain, Path("a.md"))) == [
        [("Same fields and body: only the way they are written changed.", "note")]]
    assert diff_rows(diff_versions(plain, plain, Path("a.md"))) == [
        [("No change since the reference.", "note")]]


def test_field_diff_rows_list_the_errors_a_change_brings() -> None:
    good = doc("---\nname: a\ndescription: b\n---\n")
    bad = doc("---\nname: a\n---\n")
    rows = diff_rows(diff_versions(good, bad, Path("a.md")))
    assert any(kind == "error" and text.startswith("new error AT102")
               for row in rows for text, kind in row)


def test_badges_of_each_state() -> None:
    path = Path("a.md")
    texts = {state: "".join(p.text for p in git_pieces(FileChange(path, state)))
             for state in GitState}
    assert texts == {GitState.ADDED: " A", GitState.MODIFIED: " M", GitState.DELETED: " D",
                     GitState.RENAMED: " R", GitState.UNTRACKED: " ?"}
    staged = git_pieces(FileChange(path, GitState.MODIFIED, staged=True))
    assert [(p.text, p.role) for p in staged] == [(" M", "git-modified"), ("+", "git-staged")]
    assert git_pieces(None) == []


def test_a_deleted_agent_row_is_struck_and_a_disabled_one_says_so(tmp_path: Path) -> None:
    file = AgentFile(tmp_path / "a.md", Root(Scope.PATH, tmp_path))
    agent = Agent(file, doc("---\nname: a\ndescription: b\n---\n"), None)
    gone = agent_pieces(agent, dirty=False, change=FileChange(file.path, GitState.DELETED))
    assert [(p.text, p.role) for p in gone[1:]] == [("a", "gone"), (" D", "git-deleted")]
    off = agent_pieces(agent, dirty=False, disabled=True)
    assert [(p.text, p.role) for p in off[1:]] == [("a", ""), (" (disabled)", "disabled")]


def test_switch_disables_in_the_project_and_enables_everywhere(tmp_path: Path,
                                                               isolated_home: Path) -> None:
    project = tmp_path / "proj"
    (project / ".claude" / "agents").mkdir(parents=True)
    local = project / ".claude" / "settings.local.json"
    user = isolated_home / ".claude" / "settings.json"
    user.parent.mkdir(parents=True, exist_ok=True)
    local.write_text('{"permissions": {"deny": ["Agent(b)"]}}')
    user.write_text('{"permissions": {"deny": ["Agent(b)", "Bash(rm:*)"]}}')
    assert disabled_agents(project) == (frozenset({"b"}), [])
    off = switch("a", project)
    assert off == Switched("a", False, (project / ".claude" / "settings.json",))
    assert disabled_agents(project)[0] == {"a", "b"}
    on = switch("b", project)
    assert on == Switched("b", True, (local, user))
    assert disabled_agents(project)[0] == {"a"}
    assert '"Bash(rm:*)"' in user.read_text()
    assert on.message(lambda p: p.name) == (
        "Enabled b: Agent(b) removed from settings.local.json, settings.json")
    assert off.message(lambda p: p.name).startswith(
        "Disabled a: Agent(a) added to permissions.deny in settings.json;")


def test_switch_refuses_when_a_settings_file_is_not_json(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    (project / ".claude" / "agents").mkdir(parents=True)
    local = project / ".claude" / "settings.local.json"
    local.write_bytes(b"{not json")
    names, problems = disabled_agents(project)
    assert names == frozenset() and len(problems) == 1 and "not valid JSON" in problems[0]
    with pytest.raises(SettingsError, match="not valid JSON"):
        switch("a", project)
    assert local.read_bytes() == b"{not json"
    assert not (project / ".claude" / "settings.json").exists()
