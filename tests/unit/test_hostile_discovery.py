"""Discovery as an adversary sees it: links out of scope, huge or deep trees, folders that
cannot be looked into. The walk stays in scope, stops at its bounds, and says what it left out.

Tests run as root, whom permissions do not stop: a folder without execute permission is
emulated by making every look below it fail with EACCES (``_lock``), as the system would.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agenttui.storage import atomic, walk
from agenttui.storage.discovery import Root, Scope, Skipped, find_roots, list_agent_files
from tests.unit.hostile_helpers import agent_text, cli

AGENT = agent_text("name: a\ndescription: An agent.\n")


def _agent(path: Path, name: str = "a") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(agent_text(f"name: {name}\ndescription: An agent.\n"))
    return path


def _listed(root_dir: Path, skipped: list[Skipped] | None = None) -> set[str]:
    return {f"{f.folder}/{f.path.name}"
            for f in list_agent_files(Root(Scope.PATH, root_dir), skipped)}


def _codes(skipped: list[Skipped]) -> list[str]:
    return [s.problem.code for s in skipped]


def _lock(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` behave as if it had no execute permission: nothing below it can be
    looked up (stat, lstat, scandir and open of a path inside it fail with EACCES)."""
    inside = str(folder) + os.sep

    def guard(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(path, (str, Path)) and (str(path) + os.sep).startswith(inside) \
                    and str(path) != str(folder):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path, *args, **kwargs)
        return call

    for name in ("stat", "lstat", "scandir", "open"):
        monkeypatch.setattr(os, name, guard(getattr(os, name)))


def _count_scandir(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    """Fail the test (not with an OSError the walk would swallow) past ``limit`` folders."""
    real, calls = os.scandir, [0]

    def scandir(path: Any = ".") -> Any:
        calls[0] += 1
        assert calls[0] <= limit, f"the walk read more than {limit} folders"
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


# -- links -------------------------------------------------------------------------------

def test_a_link_to_a_system_folder_is_not_walked(tmp_path: Path) -> None:
    root_dir = tmp_path / "agents"
    _agent(root_dir / "a.md")
    (root_dir / "usr").symlink_to("/usr", target_is_directory=True)
    skipped: list[Skipped] = []
    assert _listed(root_dir, skipped) == {"./a.md"}
    [note] = skipped
    assert note.problem.code == "AT402" and note.path == root_dir / "usr"
    assert "link not followed" in note.problem.message and "/usr" in note.problem.message


def test_a_link_to_a_folder_elsewhere_without_agent_files_is_not_walked(tmp_path: Path) -> None:
    root_dir = tmp_path / "agents"
    _agent(root_dir / "a.md")
    _agent(tmp_path / "elsewhere" / "docs" / "deep" / "readme.md")  # no agent file on top
    (root_dir / "elsewhere").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    skipped: list[Skipped] = []
    assert _listed(root_dir, skipped) == {"./a.md"}
    assert _codes(skipped) == ["AT402"]


def test_a_link_to_the_file_system_root_is_refused_at_once(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    root_dir = tmp_path / "agents"
    _agent(root_dir / "a.md")
    (root_dir / "everything").symlink_to("/", target_is_directory=True)
    _count_scandir(monkeypatch, 20)
    skipped: list[Skipped] = []
    assert _listed(root_dir, skipped) == {"./a.md"}
    assert _codes(skipped) == ["AT402"]
    assert "which is the home folder or holds it" in skipped[0].problem.message


@pytest.mark.parametrize("where", ["home", "repository", "parent"])
def test_a_link_to_home_the_repository_or_above_the_agents_folder_is_refused(
        isolated_home: Path, tmp_path: Path, where: str) -> None:
    repo = isolated_home / "repo"
    (repo / ".git").mkdir(parents=True)
    root_dir = repo / ".claude" / "agents"
    _agent(root_dir / "a.md")
    _agent(isolated_home / "b.md", "b")  # each target directly holds an agent file
    _agent(repo / "c.md", "c")
    _agent(repo / ".claude" / "d.md", "d")
    target = {"home": isolated_home, "repository": repo, "parent": root_dir.parent}[where]
    (root_dir / "up").symlink_to(target, target_is_directory=True)
    skipped: list[Skipped] = []
    assert _listed(root_dir, skipped) == {"./a.md"}
    assert _codes(skipped) == ["AT402"]
    what = {"home": "the home folder", "repository": "the repository",
            "parent": "the agents folder"}[where]
    assert f"which is {what} or holds it" in skipped[0].problem.message


def test_links_to_agent_files_and_agent_folders_elsewhere_are_followed(tmp_path: Path) -> None:
    """Agents linked from a dotfiles repository: a file, or a whole folder of agents."""
    dotfiles = tmp_path / "dotfiles"
    _agent(dotfiles / "agents" / "shared.md", "shared")
    _agent(dotfiles / "agents" / "more" / "deeper.md", "deeper")
    _agent(dotfiles / "solo.md", "solo")
    root_dir = tmp_path / "agents"
    _agent(root_dir / "a.md")
    (root_dir / "team").symlink_to(dotfiles / "agents", target_is_directory=True)
    (root_dir / "solo.md").symlink_to(dotfiles / "solo.md")
    skipped: list[Skipped] = []
    assert _listed(root_dir, skipped) == {"./a.md", "./solo.md", "team/shared.md",
                                          "team/more/deeper.md"}
    assert skipped == []


def test_a_link_within_the_agents_folder_is_followed(tmp_path: Path) -> None:
    root_dir = tmp_path / "agents"
    _agent(root_dir / "real" / "deep" / "b.md", "b")
    (root_dir / "alias").symlink_to(root_dir / "real" / "deep", target_is_directory=True)
    skipped: list[Skipped] = []
    found = _listed(root_dir, skipped)
    assert len(found) == 1 and found <= {"alias/b.md", "real/deep/b.md"}  # walked once
    assert skipped == []


# -- bounds -------------------------------------------------------------------------------

def test_the_walk_stops_at_the_depth_bound(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    monkeypatch.setattr(walk, "MAX_DEPTH", 3)
    root_dir = tmp_path / "agents"
    folder = root_dir
    for level in range(6):
        _agent(folder / f"level{level}.md", f"level{level}")
        folder = folder / f"d{level}"
    skipped: list[Skipped] = []
    found = _listed(root_dir, skipped)
    assert found == {"./level0.md", "d0/level1.md", "d0/d1/level2.md", "d0/d1/d2/level3.md"}
    [note] = skipped
    assert note.problem.code == "AT403" and "more than 3 folders" in note.problem.message
    assert note.path == root_dir / "d0" / "d1" / "d2" / "d3"


def test_the_walk_stops_at_the_file_bound(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    monkeypatch.setattr(walk, "MAX_FILES", 10)
    root_dir = tmp_path / "agents"
    for n in range(15):
        _agent(root_dir / f"a{n:02}.md", f"a{n}")
    _agent(root_dir / "sub" / "later.md", "later")
    skipped: list[Skipped] = []
    assert len(_listed(root_dir, skipped)) == 10
    [note] = skipped
    assert note.problem.code == "AT403"
    assert "stopped after 10 agent files" in note.problem.message
    assert "agent files left out: 5, folders not read: 1" in note.problem.message


def test_the_walk_stops_at_the_folder_bound(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    monkeypatch.setattr(walk, "MAX_FOLDERS", 5)
    root_dir = tmp_path / "agents"
    for n in range(12):
        _agent(root_dir / f"f{n:02}" / "a.md")
    skipped: list[Skipped] = []
    assert len(_listed(root_dir, skipped)) == 4  # the root is one of the five folders
    assert _codes(skipped) == ["AT403"] and "5 folders" in skipped[0].problem.message


def test_skipped_places_are_reported_up_to_a_bound_then_counted(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root_dir = tmp_path / "agents"
    for n in range(walk.MAX_NOTES + 7):
        (root_dir / f"link{n:02}").parent.mkdir(parents=True, exist_ok=True)
        (root_dir / f"link{n:02}").symlink_to("/usr", target_is_directory=True)
    skipped: list[Skipped] = []
    _listed(root_dir, skipped)
    assert len(skipped) == walk.MAX_NOTES + 1
    assert skipped[-1].problem.message.endswith(f"beyond the {walk.MAX_NOTES} shown: 7")


# -- folders that cannot be looked into -------------------------------------------------

def test_a_project_folder_without_permission_on_the_way_is_a_message(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        isolated_home: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    _agent(project / ".claude" / "agents" / "a.md")
    _agent(isolated_home / ".claude" / "agents" / "mine.md", "mine")
    monkeypatch.chdir(project)
    _lock(monkeypatch, project / ".claude")
    run = cli(capsys, "list")
    assert run.code == 0 and "mine" in run.out
    assert "warning AT401" in run.err and "permission denied" in run.err
    assert str(project / ".claude" / "agents") in run.err
    checked = cli(capsys, "validate", "--strict")
    assert checked.code == 1 and "AT401" in checked.out


def test_a_user_folder_without_permission_is_a_message(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        isolated_home: Path, tmp_path: Path) -> None:
    _agent(isolated_home / ".claude" / "agents" / "mine.md", "mine")
    monkeypatch.chdir(tmp_path)
    _lock(monkeypatch, isolated_home / ".claude")
    run = cli(capsys, "list", "--json")
    assert run.code == 0 and run.json() == [] and "AT401" in run.err


def test_a_given_folder_inside_a_locked_one_is_a_one_line_error(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    _agent(tmp_path / "locked" / "agents" / "a.md")
    _lock(monkeypatch, tmp_path / "locked")
    for command in ("list", "validate"):
        run = cli(capsys, command, str(tmp_path / "locked" / "agents"))
        assert run.code == 1 and run.err.count("\n") == 1 and "permission denied" in run.err


def test_an_unreadable_subfolder_is_reported(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    root_dir = tmp_path / "agents"
    _agent(root_dir / "a.md")
    _agent(root_dir / "locked" / "inner" / "b.md", "b")
    _lock(monkeypatch, root_dir / "locked")
    run = cli(capsys, "validate", "--json", str(root_dir))
    entries = run.json()
    assert [e["problems"][0]["code"] for e in entries if "locked" in e["path"]] == ["AT401"]
    assert any(e["path"].endswith("a.md") for e in entries)


@pytest.mark.parametrize("index", [
    {"plugins": {"kit@market": [{"installPath": "/tmp/a\u0000b"}]}},
    "[" * 100_000,
])
def test_a_hostile_plugin_index_is_no_traceback(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch,
                                                isolated_home: Path, tmp_path: Path,
                                                index: object) -> None:
    plugins = isolated_home / ".claude" / "plugins"
    plugins.mkdir(parents=True)
    text = index if isinstance(index, str) else json.dumps(index)
    (plugins / "installed_plugins.json").write_text(text)
    monkeypatch.chdir(tmp_path)
    run = cli(capsys, "list")
    assert run.code == 0
    assert find_roots([], cwd=tmp_path) == []


# -- leftovers of interrupted saves ------------------------------------------------------

def _leftover(folder: Path) -> Path:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)  # a process that is gone
    path = folder / f".agenttui-{pid}-0123abcd.tmp"
    path.write_bytes(b"half a save")
    then = os.stat(path).st_mtime - atomic.ABANDONED_AFTER - 1
    os.utime(path, (then, then))
    return path


def test_listing_removes_abandoned_temporary_files_of_writable_folders(
        capsys: pytest.CaptureFixture[str], isolated_home: Path, tmp_path: Path) -> None:
    root_dir = tmp_path / "agents"
    _agent(root_dir / "a.md")
    leftover = _leftover(root_dir)
    _agent(root_dir / "sub" / "b.md", "b")
    deeper = _leftover(root_dir / "sub")
    others = [root_dir / ".a.md.swp", root_dir / ".agenttui-notes.tmp"]
    for path in others:
        path.write_bytes(b"not ours")
    assert cli(capsys, "list", str(root_dir)).code == 0
    assert not leftover.exists() and not deeper.exists()
    assert all(path.exists() for path in others)


def test_plugin_folders_are_never_cleaned(isolated_home: Path) -> None:
    agents = isolated_home / ".claude" / "plugins" / "cache" / "market" / "kit" / "agents"
    _agent(agents / "a.md")
    leftover = _leftover(agents)
    [root] = find_roots([], cwd=isolated_home)
    assert root.read_only and [f.path.name for f in list_agent_files(root)] == ["a.md"]
    assert leftover.exists()


def test_fix_of_folders_that_cannot_be_looked_into(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    _agent(tmp_path / "locked" / "agents" / "a.md")
    root_dir = tmp_path / "agents"
    _agent(root_dir / "b.md", "b")
    (root_dir / "hidden.md").symlink_to(tmp_path / "locked" / "agents" / "a.md")
    _lock(monkeypatch, tmp_path / "locked")
    run = cli(capsys, "fix", "--check", str(tmp_path / "locked" / "agents"))
    assert run.code == 1 and "permission denied" in run.err
    assert cli(capsys, "fix", "--check", str(root_dir)).code == 0


def test_plugin_index_lists_nested_deeper_than_the_recursion_limit(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        isolated_home: Path, tmp_path: Path) -> None:
    plugins = isolated_home / ".claude" / "plugins"
    _agent(tmp_path / "kit" / "agents" / "k.md", "k")
    plugins.mkdir(parents=True)
    install = json.dumps({"installPath": str(tmp_path / "kit")})
    (plugins / "installed_plugins.json").write_text(
        '{"plugins": {"kit@market": ' + "[" * 900 + install + "]" * 900 + "}}")
    monkeypatch.chdir(tmp_path)
    [root] = find_roots([], cwd=tmp_path)
    assert root.plugin == "kit"
    assert "kit:k" in cli(capsys, "list").out


@pytest.mark.parametrize("where", ["argument", "config"])
def test_a_tilde_of_an_unknown_user_is_no_traceback(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path, where: str) -> None:
    monkeypatch.chdir(tmp_path)
    if where == "argument":
        run = cli(capsys, "list", "~no-such-user-here/agents")
        assert run.code == 1 and "no such file or folder" in run.err
    else:
        monkeypatch.setenv("CLAUDE_CONFIG_DIR", "~no-such-user-here/.claude")
        assert cli(capsys, "list").code == 0


def test_a_damaged_cache_entry_is_read_again(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    from agenttui.storage.cache import ParseCache

    path = _agent(tmp_path / "agents" / "a.md")
    os.utime(path, (os.stat(path).st_mtime - 3600,) * 2)  # not "just written": cache it
    assert cli(capsys, "list", "--json", str(path.parent)).json()[0]["name"] == "a"
    cache = ParseCache()
    [(key, (recorded, parsed_at, said))] = json.loads(cache.path.read_bytes()).items()
    damaged = [[recorded, str(parsed_at), said],
               [recorded, parsed_at, ["not", "a", "summary"]],
               [recorded, parsed_at, said | {"problems": [["error", 1, [], "x", None, None]]}],
               [recorded, parsed_at, said | {"problems": [["fatal", "AT1", "m", 1, None, None]]}],
               [recorded, parsed_at, said | {"writable": "yes"}]]
    for entry in damaged:
        cache.path.write_text(json.dumps({key: entry}))
        listed = cli(capsys, "list", "--json", str(path.parent)).json()
        assert [(e["name"], e["errors"]) for e in listed] == [("a", 0)]
