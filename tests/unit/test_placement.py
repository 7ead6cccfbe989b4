"""Where agents are and where they can go (``placement``), without an app."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from agenttui.catalog import Catalog, load_agent
from agenttui.placement import (
    agents_folder,
    destinations,
    file_in,
    free_name,
    names_taken,
    root_for,
    tree_order,
    with_root,
)
from agenttui.storage.discovery import Root, Scope, list_agent_files


def _agent_file(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(f"---\nname: {name}\ndescription: Does {name}.\n---\nBody.\n")
    return path


def test_free_name_counts_up_from_two_past_taken_names() -> None:
    taken = {"reviewer-copy", "reviewer-copy-2"}
    assert free_name("reviewer-copy", lambda n: n not in taken) == "reviewer-copy-3"
    assert free_name("fresh", lambda n: n not in taken) == "fresh"
    assert free_name("x", lambda n: False, tries=5) == "x"


def test_a_file_root_stands_for_its_folder(tmp_path: Path) -> None:
    path = _agent_file(tmp_path / "agents", "solo")
    assert agents_folder(Root(Scope.PATH, path)) == tmp_path / "agents"
    assert agents_folder(Root(Scope.PATH, tmp_path)) == tmp_path


def test_destinations_list_open_folders_then_project_and_user(tmp_path: Path) -> None:
    here = tmp_path / "work" / "agents"
    here.mkdir(parents=True)
    plugin = Root(Scope.PLUGIN, tmp_path, read_only=True, plugin="p")
    env = {"HOME": str(tmp_path / "home"), "CLAUDE_CONFIG_DIR": str(tmp_path / "config")}
    places = destinations([Root(Scope.PATH, here), plugin], cwd=tmp_path / "work", env=env)
    assert [r.scope for r in places] == [Scope.PATH, Scope.PROJECT, Scope.USER]
    assert places[0].path == here
    assert places[2].path == tmp_path / "config" / "agents"


def test_destinations_name_an_open_scope_folder_once(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path / "home"), "CLAUDE_CONFIG_DIR": str(tmp_path / "config")}
    user = tmp_path / "config" / "agents"
    user.mkdir(parents=True)
    places = destinations([Root(Scope.USER, user)], cwd=tmp_path, env=env)
    assert [r.scope for r in places] == [Scope.USER, Scope.PROJECT]


def test_names_taken_are_those_of_the_root_or_none_for_a_folder_not_open(
        tmp_path: Path) -> None:
    one, other = tmp_path / "one", tmp_path / "two"
    first = _agent_file(one, "alpha")
    _agent_file(other, "beta")
    roots = [Root(Scope.PATH, one), Root(Scope.PATH, other)]
    catalog = Catalog.load(roots)
    assert names_taken(catalog.agents, roots, roots[0]) == {"alpha": first}
    assert names_taken(catalog.agents, roots, Root(Scope.USER, tmp_path / "else")) is None


def test_a_created_file_finds_its_root_and_folder(tmp_path: Path) -> None:
    root = Root(Scope.PATH, tmp_path)
    made = _agent_file(tmp_path / "review" / "deep", "nested")
    assert root_for([root], made) == root
    assert root_for([root], Path("/elsewhere/x.md")) == Root(Scope.PATH, Path("/elsewhere"))
    assert file_in(root, made).folder == PurePosixPath("review", "deep")
    assert file_in(root, _agent_file(tmp_path, "top")).folder == PurePosixPath(".")


def test_a_new_scope_takes_its_place_by_precedence(tmp_path: Path) -> None:
    user, plugin = Root(Scope.USER, tmp_path / "u"), Root(Scope.PLUGIN, tmp_path / "p")
    project = Root(Scope.PROJECT, tmp_path / "proj")
    assert with_root([user, plugin], project) == [project, user, plugin]
    assert with_root([user, plugin], user) == [user, plugin]


def test_tree_order_puts_a_folders_files_before_its_subfolders(tmp_path: Path) -> None:
    _agent_file(tmp_path / "a", "inner")
    _agent_file(tmp_path, "Zed")
    _agent_file(tmp_path, "alpha")
    agents = [load_agent(f) for f in list_agent_files(Root(Scope.PATH, tmp_path))]
    ordered = sorted(reversed(agents), key=tree_order)
    assert [a.path.name for a in ordered] == ["alpha.md", "Zed.md", "inner.md"]
