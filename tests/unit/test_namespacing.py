"""Plugin agents are namespaced as Claude Code names them: ``plugin:folder:name``."""

from __future__ import annotations

from pathlib import Path

from agenttui.catalog import Catalog
from agenttui.storage.discovery import Root, Scope
from tests.unit.test_discovery import write


def _plugin(tmp_path: Path, plugin: str) -> Root:
    return Root(Scope.PLUGIN, tmp_path / plugin / "agents", read_only=True, plugin=plugin)


def test_one_name_in_two_plugins_is_no_clash(tmp_path: Path) -> None:
    first, second = _plugin(tmp_path, "one"), _plugin(tmp_path, "two")
    write(first.path / "reviewer.md", "reviewer")
    write(second.path / "reviewer.md", "reviewer")
    catalog = Catalog.load([first, second])
    assert [a.qualified_name for a in catalog.agents] == ["one:reviewer", "two:reviewer"]
    assert all(not a.cross for a in catalog.agents)


def test_subfolders_join_the_id(tmp_path: Path) -> None:
    root = _plugin(tmp_path, "my-plugin")
    write(root.path / "review" / "security.md", "security")
    write(root.path / "security.md", "security")
    catalog = Catalog.load([root])
    assert sorted(a.display_name for a in catalog.agents) == [
        "my-plugin:review:security", "my-plugin:security"]
    assert all(not a.cross for a in catalog.agents)


def test_a_plugin_agent_neither_hides_nor_is_hidden_by_a_user_agent(tmp_path: Path) -> None:
    plugin = _plugin(tmp_path, "p")
    write(plugin.path / "helper.md", "helper")
    user = write(tmp_path / "u" / "helper.md", "helper")
    catalog = Catalog.load([Root(Scope.USER, user.parent), plugin])
    assert all(not a.cross and a.shadowed_by is None for a in catalog.agents)


def test_plugins_under_a_folder_given_by_path_are_namespaced(tmp_path: Path) -> None:
    for plugin in ("one", "two"):
        (tmp_path / "plugins" / plugin / ".claude-plugin").mkdir(parents=True)
        write(tmp_path / "plugins" / plugin / "agents" / "review" / "reviewer.md", "reviewer")
    write(tmp_path / "loose" / "agents" / "reviewer.md", "reviewer")  # no plugin: a name
    catalog = Catalog.load([Root(Scope.PATH, tmp_path)])
    assert sorted(str(a.qualified_name) for a in catalog.agents) == [
        "one:review:reviewer", "reviewer", "two:review:reviewer"]
    assert all(not a.cross for a in catalog.agents)


def test_a_plugin_agent_that_does_not_parse_loads_with_a_placeholder(tmp_path: Path) -> None:
    root = _plugin(tmp_path, "p")
    broken = root.path / "broken.md"
    broken.parent.mkdir(parents=True)
    broken.write_text("---\nname: broken\ndescription: 'open\n---\nbody\n")
    user = write(tmp_path / "u" / "broken.md", "broken")
    user.write_text(broken.read_text())
    catalog = Catalog.load([Root(Scope.USER, user.parent), root])
    said = {a.scope: a.claude_code for a in catalog.agents}
    assert said[Scope.USER] is not None and said[Scope.USER]["outcome"] == "skipped"
    assert said[Scope.PLUGIN] is not None and said[Scope.PLUGIN]["loads"]
