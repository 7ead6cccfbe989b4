"""Reviewing with git in the app: marks in the list, the changed agents only, ] and [ over
them, the field diff, `agenttui review`'s view, and disabling an agent, in a repository each
test makes with `git init`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from agenttui.app import Actions, make_app
from agenttui.screens.field_diff_screen import FieldDiffScreen
from agenttui.screens.main_screen import MainScreen
from agenttui.widgets.agent_tree import AgentTree
from tests.app.support import loaded, record_notices, settle, status, wait_until
from tests.unit.git_helpers import make_project
from tests.unit.git_helpers import review_agent as agent

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "proj"
    make_project(root)
    monkeypatch.chdir(root)
    return root


def tree_of(screen: MainScreen) -> AgentTree:
    return screen.query_one(AgentTree)


async def git_read(pilot: Pilot[None]) -> MainScreen:
    screen = await loaded(pilot)
    await wait_until(pilot, lambda: screen.reviewer.review is not None, "git's answer")
    await settle(pilot)
    return screen


def rows(screen: MainScreen) -> list[str]:
    return [" ".join(row.split()) for row in tree_of(screen).row_texts()]


@needs_git
async def test_changed_agents_carry_their_state_and_deleted_ones_are_rows(
        project: Path) -> None:
    app = make_app(cwd=project)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await git_read(pilot)
        assert rows(screen) == [
            "▼ PROJECT .claude/agents 7", "├ edited M", "├ fresh ?", "├ gone D", "├ kept",
            "├ toolsy M+", "└ ▼ review/ 2", "├ deep", "└ moved R+"]
        assert screen.git_note == ""  # no review asked: the marks only
        await pilot.press("g")
        await settle(pilot)
        assert rows(screen) == ["edited M project", "fresh ? project", "gone D project",
                                "toolsy M+ project", "moved R+ project review/"]
        assert "5 agents changed since the merge base with main" in status(screen)
        assert "] Next change" in _footer(screen)
        await pilot.press("g")
        await settle(pilot)
        assert len(rows(screen)) == 9 and "] Next change" not in _footer(screen)


def _footer(screen: MainScreen) -> str:
    return " ".join(f"{key} {active.binding.description}"
                    for key, active in screen.active_bindings.items() if active.binding.show
                    ).replace("right_square_bracket", "]")


@needs_git
async def test_brackets_walk_the_changed_agents_in_the_changed_only_view(
        project: Path) -> None:
    agents = project / ".claude" / "agents"
    app = make_app(cwd=project)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await git_read(pilot)
        notices = record_notices(app)
        tree = tree_of(screen)
        tree.focus()
        await pilot.press("g", "home")
        walked = []
        for _ in range(5):
            await pilot.press("right_square_bracket")
            await settle(pilot)
            walked.append(tree.cursor_path)
        assert walked == [agents / "fresh.md", agents / "gone.md", agents / "toolsy.md",
                          agents / "review" / "moved.md", agents / "edited.md"]
        assert screen.editor.path == agents / "edited.md"
        assert any("gone was deleted since the merge base with main" in n.message
                   for n in notices)  # the deleted agent's row: nothing to open
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert tree.cursor_path == agents / "review" / "moved.md"
        await pilot.press("g", "right_square_bracket")  # every agent: ] is problems again
        await settle(pilot)
        assert notices[-1].message == "No agent has problems."


@needs_git
async def test_review_opens_on_the_changed_agents_with_the_first_shown(project: Path) -> None:
    agents = project / ".claude" / "agents"
    app = make_app(cwd=project, review="main")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await git_read(pilot)
        await wait_until(pilot, lambda: screen.editor.path is not None, "the first agent")
        assert screen.changed_only
        assert rows(screen)[0] == "edited M project" and len(rows(screen)) == 5
        assert tree_of(screen).cursor_path == agents / "edited.md"
        assert screen.editor.path == agents / "edited.md"
        assert "5 agents changed since main" in status(screen)
        # shown, not entered: the review's keys act at once and type nothing into the form
        assert screen.focused is tree_of(screen) and screen.editor.browsing
        before = (agents / "edited.md").read_bytes()
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, FieldDiffScreen), "the diff")
        assert not screen.editor.dirty and (agents / "edited.md").read_bytes() == before


@needs_git
async def test_review_of_an_unknown_reference_says_so(project: Path) -> None:
    app = make_app(cwd=project, review="no-such-branch")
    async with app.run_test(size=(120, 40)) as pilot:
        notices = record_notices(app)
        screen = await git_read(pilot)
        assert not screen.changed_only and len(rows(screen)) == 8  # no deleted row
        assert "no-such-branch: no such commit" in status(screen)
        await wait_until(pilot, lambda: bool(notices), "the refusal")
        assert notices[0].title == "No review"


@needs_git
async def test_field_diff_shows_each_change_as_fields(project: Path) -> None:
    agents = project / ".claude" / "agents"
    app = make_app(cwd=project)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await git_read(pilot)
        tree = tree_of(screen)
        tree.focus()
        shown = {}
        for name in ("edited.md", "toolsy.md", "gone.md", "review/moved.md"):
            tree.select_path(agents / name)
            await pilot.press("D")
            await wait_until(pilot, lambda: isinstance(app.screen, FieldDiffScreen),
                             "the field diff")
            diff = app.screen
            assert isinstance(diff, FieldDiffScreen)
            shown[name] = (diff.title_text, ["".join(t for t, _ in row) for row in diff.rows])
            await pilot.press("pagedown", "escape")
            await wait_until(pilot, lambda: app.screen is screen, "the diff to close")
        assert shown["edited.md"][0] == (".claude/agents/edited.md: modified since the merge "
                                         "base with main")
        assert "model: sonnet → opus" in shown["edited.md"][1]
        assert "  +More." in shown["edited.md"][1]
        assert shown["toolsy.md"][1] == ["tools: +Bash −Write"]
        assert shown["toolsy.md"][0].endswith(", staged")
        assert "name: gone → (unset)" in shown["gone.md"][1]
        assert shown["review/moved.md"][0].startswith(
            ".claude/agents/review/moved.md: renamed from .claude/agents/moved.md")
        assert shown["review/moved.md"][1] == ["No change since the reference."]
        notices = record_notices(app)
        tree.select_path(agents / "kept.md")
        await pilot.press("D")
        assert notices[-1].message == ".claude/agents/kept.md has not changed since the merge " \
                                      "base with main."


@needs_git
async def test_a_save_marks_the_agent_modified(project: Path) -> None:
    agents = project / ".claude" / "agents"
    app = make_app(cwd=project)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await git_read(pilot)
        assert "├ kept" in rows(screen)
        tree_of(screen).select_path(agents / "kept.md")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.editor.session is not None, "kept to open")
        screen.editor.set_field("model", "haiku")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "├ kept M" in rows(screen), "kept marked modified")


async def test_outside_a_repository_nothing_is_marked_and_g_says_why(tmp_path: Path) -> None:
    folder = tmp_path / "agents"
    folder.mkdir()
    (folder / "solo.md").write_text(agent("solo"))
    (folder / "other.md").write_text(agent("other"))
    app = make_app([str(folder)], cwd=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await git_read(pilot)
        notices = record_notices(app)
        assert rows(screen)[1:] == ["├ other", "└ solo"]
        await pilot.press("g")
        assert "not in a git repository" in notices[-1].message or (
            "git is not installed" in notices[-1].message)
        assert not screen.changed_only and len(rows(screen)) == 3


async def test_without_git_the_app_works_and_says_so(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "agents"
    folder.mkdir()
    (folder / "solo.md").write_text(agent("solo"))
    (folder / "other.md").write_text(agent("other"))
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    app = make_app([str(folder)], cwd=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await git_read(pilot)
        notices = record_notices(app)
        await pilot.press("D")
        assert notices[-1].message == "No git review: git is not installed (no `git` command " \
                                      "found)"
        assert rows(screen)[1:] == ["├ other", "└ solo"]


async def test_disable_and_enable_an_agent_from_the_list(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "proj"
    agents = root / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "solo.md").write_text(agent("solo"))
    (agents / "other.md").write_text(agent("other"))
    settings = root / ".claude" / "settings.json"
    settings.write_text('{\n    "model": "opus",\n    "permissions": {"allow": ["Read"]}\n}\n')
    monkeypatch.chdir(root)  # messages name paths relative to it
    if True:
        app = make_app(cwd=root)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await git_read(pilot)
            notices = record_notices(app)
            tree = tree_of(screen)
            tree.focus()
            tree.select_path(agents / "solo.md")
            await pilot.press("o")
            await wait_until(pilot, lambda: "└ solo (disabled)" in rows(screen), "disabled")
            assert notices[-1].title == "Disabled"
            assert notices[-1].message.startswith(
                "Disabled solo: Agent(solo) added to permissions.deny in .claude/settings.json")
            assert settings.read_text() == (
                '{\n    "model": "opus",\n    "permissions": {"allow": ["Read"], '
                '"deny": ["Agent(solo)"]}\n}\n')
            await pilot.press("o")
            await wait_until(pilot, lambda: "└ solo" in rows(screen), "enabled")
            assert notices[-1].message == ("Enabled solo: Agent(solo) removed from "
                                           ".claude/settings.json")
            assert "Agent(solo)" not in settings.read_text()


async def test_a_settings_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    agents = root / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "solo.md").write_text(agent("solo"))
    (agents / "other.md").write_text(agent("other"))
    settings = root / ".claude" / "settings.json"
    broken = b'{"permissions": {"deny": ["Agent(other)",]}}\n'
    settings.write_bytes(broken)
    app = make_app(cwd=root)
    async with app.run_test(size=(120, 40)) as pilot:
        notices = record_notices(app)
        screen = await git_read(pilot)
        assert any(n.title == "Settings not read" for n in notices)  # said at start
        tree = tree_of(screen)
        tree.focus()
        tree.select_path(agents / "solo.md")
        await pilot.press("o")
        await wait_until(pilot, lambda: notices[-1].title == "Not changed", "the refusal")
        await settle(pilot)
        assert "not valid JSON" in notices[-1].message
        assert str(settings) in notices[-1].message
        assert settings.read_bytes() == broken
        assert "(disabled)" not in " ".join(rows(screen))


@needs_git
async def test_the_palette_offers_the_review_commands(project: Path) -> None:
    app = make_app(cwd=project)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await git_read(pilot)
        hits = {hit.text: hit async for hit in Actions(screen).search("changed")}
        assert {"Changed agents only (since the git reference), or every agent again  (g)",
                "Next changed agent  (] in the changed-only view)"} <= hits.keys()
        hits["Changed agents only (since the git reference), or every agent again  (g)"
             ].command()
        await settle(pilot)
        assert screen.changed_only and len(rows(screen)) == 5


@needs_git
async def test_an_agent_deleted_outside_becomes_a_deleted_row(project: Path) -> None:
    agents = project / ".claude" / "agents"
    app = make_app(cwd=project)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await git_read(pilot)
        assert "├ kept" in rows(screen)
        (agents / "kept.md").unlink()
        await pilot.press("f5")  # read the folders again (the watch does it too)
        await wait_until(pilot, lambda: "├ kept D" in rows(screen), "kept marked deleted")
        assert screen.catalog.get(agents / "kept.md") is None  # a row, not an agent
