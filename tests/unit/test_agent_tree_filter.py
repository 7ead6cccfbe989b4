"""The agent list's filter: the bulk matcher agrees with ``fuzzy_match``; matches are ranked best
first (exact, prefix, substring, then ``textual.fuzzy``'s score); while a filter is set the list
is flat, each row with its scope, the cursor on the best match; clearing it shows the tree again."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult

from agenttui.catalog import Catalog
from agenttui.storage.discovery import Root, Scope
from agenttui.widgets.agent_search import in_order, ranked
from agenttui.widgets.agent_tree import AgentTree, fuzzy_match, matching
from tests.unit.test_discovery import write

LETTERS = st.text(alphabet="abcrevw \n", max_size=12)


@given(st.lists(LETTERS, max_size=8), LETTERS)
def test_matching_is_fuzzy_match_over_a_list(haystacks: list[str], query: str) -> None:
    expected = [i for i, text in enumerate(haystacks) if fuzzy_match(query, text)]
    assert matching(query, haystacks) == expected


@given(st.lists(LETTERS, max_size=8), LETTERS)
def test_ranking_keeps_every_match_once(haystacks: list[str], query: str) -> None:
    found = matching(query, haystacks)
    assert sorted(ranked(query, index_of(haystacks), found)) == found


def index_of(haystacks: list[str]) -> list[str]:
    return [text.partition("\n")[0] for text in haystacks]


@given(st.text(alphabet="abc-\n", max_size=8), st.text("abc-", min_size=1, max_size=4))
def test_in_order_places_each_letter_at_its_first_place_after_the_last(
        name: str, letters: str) -> None:
    found = in_order(letters).match(name)
    position, expected = 0, []
    for ch in letters:
        position = name.find(ch, position) + 1
        if not position:
            assert found is None
            return
        expected.append(position - 1)
    assert found is not None
    assert [found.start(group) for group in range(1, len(letters) + 1)] == expected


def names(*shown: str) -> list[str]:
    """Search texts with these names and a description that holds `bash`."""
    return [f"{name}\nruns bash for you" for name in shown]


def test_exact_then_prefix_then_substring_then_fuzzy_then_description() -> None:
    texts = names("shell", "my-bash-helper", "b-a-s-h", "bash-pro", "bash", "bash-pro-max",
                  "b-ash")
    order = ranked("bash", index_of(texts), matching("bash", texts))
    assert [texts[i].partition("\n")[0] for i in order] == [
        "bash", "bash-pro", "bash-pro-max", "my-bash-helper", "b-ash", "b-a-s-h", "shell"]


def test_every_word_in_the_name_ranks_before_a_match_elsewhere() -> None:
    texts = names("review-code", "other", "code-reviewer")
    order = ranked("code review", index_of(texts), matching("code review", texts))
    assert [texts[i].partition("\n")[0] for i in order][:2] == ["code-reviewer", "review-code"]


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


async def test_a_filter_shows_the_matches_flat_and_ranked_with_their_scope(
        tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(AgentTree)
        tree.load(agents.roots, agents.agents)
        everything = tree.row_texts()
        assert len(everything) == 2 + 4 + 3  # scopes, agents, folders (db, db/deep, ops)
        assert tree.set_filter("review") == 2
        assert [p.name for p in tree.visible_paths] == ["reviewer-two.md", "code-reviewer.md"]
        assert tree.row_texts() == ["  reviewer-two  project db/deep/",
                                    "  code-reviewer  project"]
        assert tree.set_filter("nothing matches this") == 0 and tree.row_texts() == []
        assert tree.cursor_path is None
        assert tree.set_filter("  ") == 4 and tree.row_texts() == everything


async def test_the_cursor_goes_to_the_best_match_and_back_to_its_agent_after(
        tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(AgentTree)
        tree.load(agents.roots, agents.agents)
        migrator = next(p for p in tree.visible_paths if p.name == "migrator.md")
        tree.select_path(migrator)
        tree.set_filter("r")
        assert tree.cursor_path is not None and tree.cursor_path.name == "reviewer-two.md"
        await pilot.press("down")
        assert tree.cursor_path is not None and tree.cursor_path.name == "code-reviewer.md"
        tree.set_filter("deployer")
        assert tree.cursor_path is not None and tree.cursor_path.name == "deployer.md"
        tree.set_filter("")
        assert tree.cursor_path is not None and tree.cursor_path.name == "deployer.md"


async def test_clearing_a_filter_that_matched_nothing_goes_back_where_the_cursor_was(
        tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(AgentTree)
        tree.load(agents.roots, agents.agents)
        migrator = next(p for p in tree.visible_paths if p.name == "migrator.md")
        tree.select_path(migrator)
        tree.set_filter("m")
        tree.set_filter("mzzz")
        assert tree.cursor_path is None
        tree.set_filter("")
        assert tree.cursor_path == migrator


async def test_clearing_the_filter_unfolds_the_group_of_the_agent_under_the_cursor(
        tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(AgentTree)
        tree.load(agents.roots, agents.agents)
        tree.focus()
        tree.select_path(next(p for p in tree.visible_paths if p.name == "deployer.md"))
        await pilot.press("left", "left")  # to ops/, then fold it
        assert not any("deployer" in row for row in tree.row_texts())
        tree.set_filter("deploy")
        tree.set_filter("")
        assert tree.cursor_path is not None and tree.cursor_path.name == "deployer.md"
        assert any("deployer" in row for row in tree.row_texts())


async def test_rows_filtered_out_are_still_updated(tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(AgentTree)
        tree.load(agents.roots, agents.agents)
        tree.set_filter("review")
        deployer = next(a for a in agents.agents if a.path.name == "deployer.md")
        tree.set_dirty(deployer.path, True)
        tree.set_filter("")
        assert any(row.endswith("deployer *") for row in tree.row_texts())
        assert tree.set_filter("deployer") == 1
        tree.select_path(deployer.path)
        tree.set_filter("review")
        tree.select_path(deployer.path)  # filtered out: the cursor does not go there
        assert tree.cursor_path != deployer.path


async def test_a_reload_keeps_the_filter(tmp_path: Path) -> None:
    agents = catalog(tmp_path)
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(AgentTree)
        tree.load(agents.roots, agents.agents)
        tree.set_filter("review")
        tree.load(agents.roots, agents.agents)
        assert [p.name for p in tree.visible_paths] == ["reviewer-two.md", "code-reviewer.md"]


def test_ties_keep_the_tree_order() -> None:
    """`bash` puts bash-pro before devops-bash-helper, which came first in the tree; two
    matches of one tier and score stay as the tree has them."""
    texts = names("devops-bash-helper", "bash-pro", "bash-ops", "ops-bash-tool")
    order = ranked("bash", index_of(texts), matching("bash", texts))
    assert [texts[i].partition("\n")[0] for i in order] == [
        "bash-pro", "bash-ops", "ops-bash-tool", "devops-bash-helper"]
