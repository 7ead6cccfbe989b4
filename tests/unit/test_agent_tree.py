"""The agent list in a small host app: groups that fold, keys, the cursor and its messages,
the badges of a row, and drawing only the rows that are on screen or changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from textual.app import App, ComposeResult

from agenttui.catalog import Agent, Catalog
from agenttui.storage.discovery import AgentFile, Root, Scope
from agenttui.widgets import agent_tree
from agenttui.widgets.agent_tree import AgentTree
from tests.unit.test_discovery import write


class TreeApp(App[None]):
    """The list alone, recording the messages it posts."""

    def __init__(self) -> None:
        super().__init__()
        self.highlighted: list[Path | None] = []
        self.selected: list[Path] = []

    def compose(self) -> ComposeResult:
        yield AgentTree(id="tree")

    def on_agent_tree_agent_highlighted(self, event: AgentTree.AgentHighlighted) -> None:
        assert event.control is self.query_one(AgentTree)
        self.highlighted.append(event.path)

    def on_agent_tree_agent_selected(self, event: AgentTree.AgentSelected) -> None:
        self.selected.append(event.path)


def catalog(tmp_path: Path) -> Catalog:
    project, user = tmp_path / "project", tmp_path / "user"
    for relative, name in [("code-reviewer.md", "code-reviewer"),
                           ("db/migrator.md", "db-migrator"),
                           ("db/deep/reviewer-two.md", "reviewer-two"),
                           ("ops/deployer.md", "deployer")]:
        write(project / relative, name)
    (user / "empty").mkdir(parents=True)
    return Catalog.load([Root(Scope.PROJECT, project), Root(Scope.USER, user)])


async def loaded(pilot: Any, agents: Catalog) -> AgentTree:
    tree = pilot.app.query_one(AgentTree)
    tree.load(agents.roots, agents.agents)
    tree.focus()
    await pilot.pause()
    return tree


def cursor_name(tree: AgentTree) -> str | None:
    return None if tree.cursor_path is None else tree.cursor_path.name


async def test_scopes_and_folders_are_rows_with_counts_and_guides(tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = await loaded(pilot, agents)
        rows = tree.row_texts()
        assert rows[0].startswith("▼ PROJECT  ") and rows[0].endswith("  4")
        assert rows[1:] [:7] == ["├   code-reviewer", "├ ▼ db/  2", "│ ├   db-migrator ⚠1",
                                 "│ └ ▼ deep/  1", "│   └   reviewer-two",
                                 "└ ▼ ops/  1", "  └   deployer"]
        assert rows[8].startswith("▼ USER  ") and rows[8].endswith("  0")


async def test_the_cursor_starts_on_the_first_agent_and_says_so(tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = await loaded(pilot, agents)
        assert cursor_name(tree) == "code-reviewer.md"
        assert [p.name for p in pilot.app.highlighted if p] == ["code-reviewer.md"]


async def test_keys_move_fold_and_unfold(tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = await loaded(pilot, agents)
        await pilot.press("j")
        assert cursor_name(tree) is None  # db/
        await pilot.press("enter")  # folds db/
        assert "│ ├   db-migrator ⚠1" not in tree.row_texts() and "├ ▶ db/  2" in tree.row_texts()
        await pilot.press("space")  # unfolds it
        assert "│ ├   db-migrator ⚠1" in tree.row_texts()
        await pilot.press("h")  # folds it
        assert "├ ▶ db/  2" in tree.row_texts()
        await pilot.press("l", "l")  # unfolds it, then goes in
        assert cursor_name(tree) == "migrator.md"
        await pilot.press("h")  # to the folder that holds it
        assert cursor_name(tree) is None and tree.row_texts()[2] == "├ ▼ db/  2"
        await pilot.press("k", "left")  # code-reviewer, then its scope
        assert tree.row_texts()[0].startswith("▼ PROJECT")
        await pilot.press("left")  # folds the scope
        assert len(tree.row_texts()) == 2
        await pilot.press("end")
        assert tree.row_texts()[-1].startswith("▼ USER")
        await pilot.press("home", "right", "down")
        assert cursor_name(tree) == "code-reviewer.md"


async def test_up_down_page_and_end_keep_within_the_rows(tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = await loaded(pilot, agents)
        await pilot.press("up", "up", "k")
        assert tree.row_texts()[0].startswith("▼ PROJECT") and cursor_name(tree) is None
        await pilot.press("pagedown")
        assert tree.row_texts()[-1].startswith("▼ USER")  # the last row, under the cursor
        await pilot.press("down", "j")
        await pilot.press("pageup", "down")
        assert cursor_name(tree) == "code-reviewer.md"


async def test_enter_on_an_agent_posts_agent_selected(tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = await loaded(pilot, agents)
        await pilot.press("enter")
        await pilot.pause()
        assert [p.name for p in pilot.app.selected] == ["code-reviewer.md"]
        assert cursor_name(tree) == "code-reviewer.md"


async def test_a_click_moves_the_cursor_and_selects_an_agent(tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = await loaded(pilot, agents)
        await pilot.click(AgentTree, offset=(8, 3))  # migrator
        await pilot.pause()
        assert cursor_name(tree) == "migrator.md"
        assert [p.name for p in pilot.app.selected] == ["migrator.md"]
        await pilot.click(AgentTree, offset=(4, 2))  # db/: folds it
        assert "├ ▶ db/  2" in tree.row_texts() and pilot.app.selected[-1].name == "migrator.md"


async def test_agent_highlighted_once_per_agent_under_the_cursor(tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = await loaded(pilot, agents)
        await pilot.press("down", "down", "down", "down")  # db/, migrator, deep/, reviewer-two
        tree.set_filter("deployer")
        tree.set_filter("deployer ")  # the same query: no move
        tree.select_path(tree.visible_paths[0])  # already there
        await pilot.pause()
        names = [None if p is None else p.name for p in pilot.app.highlighted]
        assert names == ["code-reviewer.md", None, "migrator.md", None, "reviewer-two.md",
                         "deployer.md"]


async def test_badges_name_colour_problems_shadowing_and_read_only(tmp_path: Path) -> None:
    project, user, plugin = tmp_path / "project", tmp_path / "user", tmp_path / "plugin"
    (project / "ok.md").parent.mkdir(parents=True)
    (project / "ok.md").write_text("---\nname: ok\ndescription: d\ncolor: blue\n---\nb\n")
    (project / "broken.md").write_text("---\nname: broken\n---\nb\n")
    (project / "warned.md").write_text("---\nname: Warned_Name\ndescription: d\n---\nb\n")
    (project / "nameless.md").write_text("---\ndescription: d\n---\nb\n")
    write(user / "ok.md", "ok")
    write(plugin / "tool.md", "tool")
    agents = Catalog.load([Root(Scope.PROJECT, project), Root(Scope.USER, user),
                           Root(Scope.PLUGIN, plugin, read_only=True, plugin="kit")])
    async with TreeApp().run_test(size=(100, 20)) as pilot:
        tree = await loaded(pilot, agents)
        rows = tree.row_texts()
        assert "├ ● ok" in rows
        assert "├   broken ✗1" in rows
        assert "└   Warned_Name ⚠1" in rows
        assert any(row.startswith("├   nameless") for row in rows)  # the file name
        assert "└   ok (shadowed)" in rows
        assert "└   kit:tool ro" in rows  # the name Claude Code gives it
        assert any(row.startswith("▼ PLUGIN  kit  ") for row in rows)


async def test_dirty_marks_come_and_go_on_their_row(tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = await loaded(pilot, agents)
        reviewer = tree.visible_paths[0]
        tree.set_dirty(reviewer, True)
        assert tree.row_texts()[1] == "├   code-reviewer *"
        await pilot.pause()
        assert tree.render_line(1).text.startswith("├   code-reviewer *")
        tree.set_dirty(reviewer, False)
        await pilot.pause()
        assert tree.render_line(1).text.rstrip() == "├   code-reviewer"


async def test_text_from_files_is_one_row_of_visible_characters(tmp_path: Path) -> None:
    root = Root(Scope.PATH, tmp_path)
    (tmp_path / "x.md").write_text('---\nname: "a\\e[31m[bold]b\\nc\\td"\ndescription: d\n---\n')
    agents = Catalog.load([root])
    async with TreeApp().run_test() as pilot:
        tree = await loaded(pilot, agents)
        assert tree.row_texts()[1].startswith("└   a\\x1b[31m[bold]b␊c d")
        assert "\x1b" not in tree.render_line(1).text


async def test_long_names_are_cut_to_the_width_keeping_the_badges(tmp_path: Path) -> None:
    root = Root(Scope.PATH, tmp_path)
    write(tmp_path / "long.md", "a-very-long-agent-name-that-goes-on-and-on-" * 3)
    (tmp_path / "bad.md").write_text("---\nname: " + "B" * 80 + "\n---\n")
    agents = Catalog.load([root])
    async with TreeApp().run_test(size=(30, 10)) as pilot:
        tree = await loaded(pilot, agents)
        width = tree.scrollable_content_region.width
        lines = [tree.render_line(y).text for y in range(3)]
        assert all(len(line) == width for line in lines)
        assert any(line.endswith("B… ✗1 ⚠2") for line in lines)
        assert any("a-very-long-agent-" in line and "…" in line for line in lines)


def counting(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The agents whose rows the list draws from now on."""
    drawn: list[Path] = []
    original: Callable[..., Any] = agent_tree.agent_pieces

    def pieces(agent: Agent, **kwargs: Any) -> Any:
        drawn.append(agent.path)
        return original(agent, **kwargs)

    monkeypatch.setattr(agent_tree, "agent_pieces", pieces)
    return drawn


async def test_refreshing_one_agent_draws_only_its_row(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = await loaded(pilot, agents)
        drawn = counting(monkeypatch)
        migrator = next(a for a in agents.agents if a.path.name == "migrator.md")
        tree.refresh_agents([migrator])
        await pilot.pause()
        assert drawn == [migrator.path]
        drawn.clear()
        await pilot.press("down")  # two rows change: the old cursor row's and the new one
        await pilot.pause()
        assert len(drawn) <= 1  # (the other is a folder's)


def many(root: Root, count: int) -> list[Agent]:
    """``count`` agents, unread (named by their files), 250 to a folder."""
    return [Agent(AgentFile(root.path / f"f{i // 250}" / f"agent-{i:05}.md", root,
                            PurePosixPath(f"f{i // 250}")), None, None)
            for i in range(count)]


async def test_ten_thousand_agents_draw_only_the_rows_on_screen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = Root(Scope.PATH, tmp_path)
    agents = many(root, 10_000)
    async with TreeApp().run_test(size=(60, 24)) as pilot:
        tree = pilot.app.query_one(AgentTree)
        drawn = counting(monkeypatch)
        tree.load([root], agents)
        tree.focus()
        await pilot.pause()
        assert 0 < len(drawn) <= 24
        assert len(tree.visible_paths) == 10_000 and len(tree.row_texts()) == 10_000 + 41
        drawn.clear()
        await pilot.press("end")
        await pilot.pause()
        assert tree.cursor_path == agents[-1].path and 0 < len(drawn) <= 24
        assert tree.render_line(tree.scrollable_content_region.height - 1).text.startswith(
            "  └   agent-09999 ro")
        assert tree.set_filter("agent-0999") == 37  # 10 hold it, 27 its letters in order
        assert tree.visible_paths[:10] == [agent.path for agent in agents[9990:]]
        assert tree.cursor_path == agents[9990].path
        tree.set_filter("")
        assert tree.cursor_path == agents[9990].path
