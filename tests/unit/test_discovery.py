"""Discovery of scopes and files: never hangs, never crashes, never reads the real home."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from agenttui.storage.discovery import DiscoveryError, Scope, find_roots, list_agent_files
from agenttui.storage.walk import child as make_child

AGENT = "---\nname: {name}\ndescription: d\n---\nbody\n"


def write(path: Path, name: str = "a") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(AGENT.format(name=name))
    return path


def env_for(home: Path) -> dict[str, str]:
    return {"HOME": str(home)}


def test_project_user_and_plugin_scopes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    project = home / "src" / "app"
    write(project / ".claude" / "agents" / "p.md")
    write(home / ".claude" / "agents" / "u.md")
    install = home / ".claude" / "plugins" / "cache" / "market" / "toolkit" / "1.0"
    write(install / "agents" / "k.md")
    (home / ".claude" / "plugins" / "installed_plugins.json").write_text(json.dumps(
        {"version": 2, "plugins": {"toolkit@market": [{"installPath": str(install)}]}}))
    roots = find_roots(cwd=project / "deep" / "er", env=env_for(home))
    assert [(r.scope, r.read_only, r.plugin) for r in roots] == [
        (Scope.PROJECT, False, None), (Scope.USER, False, None), (Scope.PLUGIN, True, "toolkit")]


def test_project_search_stops_at_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    write(home / ".claude" / "agents" / "u.md")
    roots = find_roots(cwd=home / "work", env=env_for(home))
    assert [r.scope for r in roots] == [Scope.USER]


def test_claude_config_dir(tmp_path: Path) -> None:
    write(tmp_path / "cfg" / "agents" / "u.md")
    roots = find_roots(cwd=tmp_path, env={"HOME": str(tmp_path / "h"),
                                          "CLAUDE_CONFIG_DIR": str(tmp_path / "cfg")})
    assert [(r.scope, r.path) for r in roots] == [(Scope.USER, tmp_path / "cfg" / "agents")]


def test_plugins_from_cache_without_index(tmp_path: Path) -> None:
    cache = tmp_path / "h" / ".claude" / "plugins" / "cache"
    write(cache / "m" / "kit" / "2.0" / "agents" / "a.md")
    [root] = find_roots(cwd=tmp_path, env=env_for(tmp_path / "h"))
    assert root.plugin == "kit" and root.read_only


def test_paths_given(tmp_path: Path) -> None:
    one = write(tmp_path / "one.md")
    roots = find_roots([str(one), str(tmp_path)], cwd=tmp_path)
    assert [r.scope for r in roots] == [Scope.PATH, Scope.PATH]
    with pytest.raises(DiscoveryError, match="no such file"):
        find_roots([str(tmp_path / "missing")])


def test_walk_survives_cycles_links_and_odd_entries(tmp_path: Path) -> None:
    root_dir = tmp_path / "agents"
    write(root_dir / "a.md")
    write(root_dir / "sub" / "b.md", "b")
    (root_dir / "x.md").mkdir()
    (root_dir / "notes.txt").write_text("not an agent")
    (root_dir / "sub" / "loop").symlink_to(root_dir)
    (root_dir / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    (root_dir / "link.md").symlink_to(root_dir / "a.md")
    [root] = find_roots([str(root_dir)])
    found = {(str(f.folder), f.path.name) for f in list_agent_files(root)}
    assert found == {(".", "a.md"), (".", "dangling.md"), (".", "link.md"), ("sub", "b.md")}


def test_unreadable_folder_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "ok" / "a.md")
    write(tmp_path / "ok" / "locked" / "b.md")
    real = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    [root] = find_roots([str(tmp_path / "ok")])
    assert [f.path.name for f in list_agent_files(root)] == ["a.md"]


@pytest.mark.parametrize("name", ["a.md", "with space.md", "caf\u00e9.md", "back\\slash.md",
                                  "caf\udce9.md", ".hidden.md", "a..md"])
def test_a_listed_child_path_is_the_folder_joined_with_the_name(tmp_path: Path,
                                                                name: str) -> None:
    child = make_child(tmp_path, name)
    assert child == tmp_path / name and str(child) == os.path.join(str(tmp_path), name)
    assert child.name == name and child.parent == tmp_path
