"""The tree's filter: the bulk matcher agrees with ``fuzzy_match``, and filtering hides and
shows the nodes load made (rows, folders, scopes, cursor) without rebuilding them."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult

from agenttui.catalog import Catalog
from agenttui.storage.discovery import Root, Scope
from agenttui.widgets.agent_tree import AgentTree, fuzzy_match, matching
from tests.unit.test_discovery import write

LETTERS = st.text(alphabet="abcrevw \n", max_size=12)


@given(st.lists(LETTERS, max_size=8), LETTERS)
def test_matching_is_fuzzy_match_over_a_list(haystacks: list[str], query: str) -> None:
    expected = [i for i, text in enumerate(haystacks) if fuzzy_match(query, text)]
    assert matching(query, haystacks) == expected


class TreeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield AgentTree(id="tree")


def catalog(tmp_path: Path) -> Catalog:
    project, user = tmp_path / "project", tmp_path / "user"
    for relative, name in [("code-reviewer.md", "code-reviewer"),
                           ("db/migrator.md", "db-migrator"),
                           ("db/deep/reviewer-two.md", "reviewer-two"),
                           ("ops/deployer.md", "deployer")]:
        write(project / relative, name)
    (user / "empty").mkdir(parents=True)
    return Catalog.load([Root(Scope.PROJECT, project), Root(Scope.USER, user)])


def rows(tree: AgentTree) -> list[str]:
    """What the tree lays out, one label per line, indented by depth."""
    lines = []
    for line in range(tree.last_line + 1):
        node = tree.get_node_at_line(line)
        assert node is not None
        depth, parent = 0, node.parent
        while parent is not None and parent is not tree.root:
            depth, parent = depth + 1, parent.parent
        label = node.label
        lines.append("  " * depth + (label.plain if not isinstance(label, str) else label).strip())
    return lines


async def test_filter_hides_rows_folders_and_scopes_then_shows_them_again(
        tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(AgentTree)
        tree.load(agents.roots, agents.agents)
        everything = rows(tree)
        assert len(everything) == 2 + 4 + 3  # scopes, agents, folders (db, db/deep, ops)
        assert tree.set_filter("review") == 2
        assert [p.name for p in tree.visible_paths] == ["code-reviewer.md", "reviewer-two.md"]
        shown = rows(tree)
        assert [row.strip() for row in shown[1:]] == ["code-reviewer", "db/", "deep/",
                                                      "reviewer-two"]
        assert not any("USER" in row or "ops/" in row for row in shown)
        assert tree.set_filter("nothing matches this") == 0 and rows(tree) == []
        assert tree.set_filter("  ") == 4 and rows(tree) == everything


async def test_the_cursor_stays_on_a_shown_row_else_goes_to_the_first_match(
        tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(AgentTree)
        tree.load(agents.roots, agents.agents)
        migrator = next(p for p in tree.visible_paths if p.name == "migrator.md")
        tree.select_path(migrator)
        tree.set_filter("db")
        assert tree.cursor_node is not None and tree.cursor_node.data == migrator
        tree.set_filter("deployer")
        assert tree.cursor_node is not None and tree.cursor_node.data is not None
        assert tree.cursor_node.data.name == "deployer.md"
        tree.set_filter("")
        assert tree.cursor_node is not None and tree.cursor_node.data is not None
        assert tree.cursor_node.data.name == "deployer.md"


async def test_rows_filtered_out_are_still_updated(tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(AgentTree)
        tree.load(agents.roots, agents.agents)
        tree.set_filter("review")
        deployer = next(a for a in agents.agents if a.path.name == "deployer.md")
        tree.set_dirty(deployer.path, True)
        tree.set_filter("")
        assert any(row.endswith("deployer *") for row in rows(tree))
        assert tree.set_filter("deployer") == 1
        tree.select_path(deployer.path)
        tree.set_filter("review")
        tree.select_path(deployer.path)  # filtered out: the cursor does not go there
        assert tree.cursor_node is not None and tree.cursor_node.data != deployer.path
