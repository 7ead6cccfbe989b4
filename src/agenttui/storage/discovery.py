"""Where agents live: the project, user and plugin scopes, or paths given on the command line.

Discovery only lists files; it never parses them. Folders are walked recursively, following
symlinks but never entering the same directory twice, so cycles cannot hang it; dangling links
are listed (they show as unreadable agents) and everything that is not a ``.md`` file is skipped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Any

from agenttui.storage.scope_folders import claude_config_dir, home_dir

SKIPPED_FOLDERS = frozenset({".git", "node_modules", "__pycache__", ".venv"})


class DiscoveryError(Exception):
    """A path given on the command line cannot be used; the message says why."""


class Scope(str, Enum):
    """Where an agent comes from. Precedence: project, then user, then plugin."""

    PROJECT = "project"
    USER = "user"
    PLUGIN = "plugin"
    PATH = "path"

    @property
    def precedence(self) -> int:
        return {"project": 0, "user": 1, "plugin": 2, "path": 3}[self.value]


@dataclass(frozen=True)
class Root:
    """An agents folder (or, for the PATH scope, a folder or file given by the user)."""

    scope: Scope
    path: Path
    read_only: bool = False
    plugin: str | None = None

    @property
    def label(self) -> str:
        where = _tilde(self.path)
        if self.plugin:
            return f"plugin {self.plugin}  {where}"
        return f"{self.scope.value}  {where}"


@dataclass(frozen=True)
class AgentFile:
    """One agent file as found: its path (maybe a link), root, and folder within the root."""

    path: Path
    root: Root
    folder: PurePosixPath = field(default_factory=lambda: PurePosixPath("."))


def find_roots(paths: Sequence[str] = (), *, cwd: Path | None = None,
               env: Mapping[str, str] | None = None) -> list[Root]:
    """The roots to show: the given paths, or else every discovered scope that exists."""
    if paths:
        return [_path_root(raw, cwd) for raw in paths]
    start = Path(os.path.abspath(cwd or Path.cwd()))
    roots = [Root(Scope.PROJECT, folder) for folder in _project_folders(start, env)]
    user = claude_config_dir(env) / "agents"
    if user.is_dir() and all(root.path != user for root in roots):
        roots.append(Root(Scope.USER, user))
    roots += _plugin_roots(claude_config_dir(env) / "plugins")
    return roots


def list_agent_files(root: Root) -> list[AgentFile]:
    """Every ``.md`` file under ``root``, sorted by folder then name; a file given as the
    root is listed whatever its name."""
    if not root.path.is_dir():
        return [AgentFile(root.path, root)]
    found = [AgentFile(path, root, folder) for path, folder in _walk(root.path)]
    return sorted(found, key=lambda f: (f.folder.parts, f.path.name.lower()))


def _path_root(raw: str, cwd: Path | None) -> Root:
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = (cwd or Path.cwd()) / path
    if not os.path.lexists(path):
        raise DiscoveryError(f"{raw}: no such file or folder")
    if path.is_dir():
        nested = path / ".claude" / "agents"
        if nested.is_dir() and not any(path.glob("*.md")):
            path = nested
    elif not path.exists():
        raise DiscoveryError(f"{raw}: a link to nothing")
    return Root(Scope.PATH, Path(os.path.normpath(path)))


def _project_folders(start: Path, env: Mapping[str, str] | None) -> list[Path]:
    home = Path(os.path.abspath(home_dir(env)))
    for folder in (start, *start.parents):
        if folder == home:
            break
        candidate = folder / ".claude" / "agents"
        if candidate.is_dir():
            return [candidate]
    return []


def _plugin_roots(plugins: Path) -> list[Root]:
    roots = []
    for name, install in _installed_plugins(plugins):
        agents = install / "agents"
        if agents.is_dir():
            roots.append(Root(Scope.PLUGIN, agents, read_only=True, plugin=name))
    return roots


def _installed_plugins(plugins: Path) -> list[tuple[str, Path]]:
    """(plugin name, install folder) from ``installed_plugins.json``, tolerant of its versions;
    without that file, plugin folders found in the plugin cache."""
    try:
        data = json.loads((plugins / "installed_plugins.json").read_text("utf-8"))
    except (OSError, ValueError):
        return _cached_plugins(plugins / "cache")
    entries = data.get("plugins", data) if isinstance(data, dict) else {}
    found: dict[Path, str] = {}
    for key, value in entries.items() if isinstance(entries, dict) else []:
        for install in _install_paths(value):
            found.setdefault(install, str(key).split("@", 1)[0])
    return [(name, path) for path, name in found.items()]


def _install_paths(value: Any) -> Iterator[Path]:
    if isinstance(value, dict):
        path = value.get("installPath")
        if isinstance(path, str):
            yield Path(path).expanduser()
    elif isinstance(value, list):
        for item in value:
            yield from _install_paths(item)


def _cached_plugins(cache: Path) -> list[tuple[str, Path]]:
    """Plugin folders under ``cache/<marketplace>/<plugin>[/<version>]`` holding ``agents/``."""
    if not cache.is_dir():
        return []
    found = []
    for agents in sorted(cache.glob("*/*/agents")) + sorted(cache.glob("*/*/*/agents")):
        plugin = agents.parent
        name = plugin.name if plugin.parent.parent == cache else plugin.parent.name
        found.append((name, plugin))
    return found


def _walk(top: Path) -> Iterator[tuple[Path, PurePosixPath]]:
    seen: set[tuple[int, int]] = set()
    stack = [(top, PurePosixPath("."))]
    while stack:
        folder, relative = stack.pop()
        try:
            info = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        for entry in entries:
            yield from _entry(folder, entry, relative, stack)


def _entry(folder: Path, entry: os.DirEntry[str], relative: PurePosixPath,
           stack: list[tuple[Path, PurePosixPath]]) -> Iterator[tuple[Path, PurePosixPath]]:
    try:
        is_dir = entry.is_dir()
    except OSError:
        is_dir = False
    if is_dir:
        if entry.name not in SKIPPED_FOLDERS and not entry.name.startswith("."):
            stack.append((Path(entry.path), relative / entry.name))
        return
    if _is_md(entry.name):
        yield _child(folder, entry.name), relative


def _child(folder: Path, name: str) -> Path:
    """``folder / name`` for a name from ``os.scandir``: pathlib's own shortcut for a name
    known to be one plain part (what its glob uses) where this Python has it, five times
    faster than parsing the name again; 10,000 files are listed at every start."""
    make = getattr(folder, "_make_child_relpath", None)
    return make(name) if make is not None else folder / name


def _is_md(name: str) -> bool:
    return name.lower().endswith(".md") and not name.startswith(".")


def _tilde(path: Path) -> str:
    home = str(Path.home())
    text = str(path)
    return "~" + text[len(home):] if text == home or text.startswith(home + os.sep) else text
