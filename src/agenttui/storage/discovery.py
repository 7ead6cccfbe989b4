"""Where agents live: the managed, project, user and plugin scopes, or paths given on the
command line.

The managed folder is ``.claude/agents`` in Claude Code's managed settings folder (read-only).
The project folders are every ``.claude/agents`` from the working directory up to the
repository root (the nearest folder holding ``.git``), never the home folder or above it; on a
name held in two of them the closest wins (``crosscheck``).

Discovery only lists files; it never parses them. Folders are walked recursively by
``walk``, in scope and within bounds (SECURITY.md, "Links"); dangling links are listed (they
show as unreadable agents) and everything that is not a ``.md`` file is skipped. Places that
cannot be looked into, or that the walk leaves out, are :class:`~walk.Skipped` warnings.
"""

from __future__ import annotations

import itertools
import json
import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Any

from agenttui.model.crosscheck import SCOPE_PRECEDENCE
from agenttui.model.formats import DEFAULT_KIND
from agenttui.storage.scope_folders import claude_config_dir, home_dir, managed_dir
from agenttui.storage.walk import Notes, Skipped, note, reason, walk

__all__ = ["AgentFile", "DiscoveryError", "Root", "Scope", "Skipped", "find_roots",
           "list_agent_files"]
MAX_PLUGIN_INDEX = 16 * 1024 * 1024  # bytes of installed_plugins.json read
MAX_PLUGINS = 1_000  # plugin folders read (each walk has its own bounds: ``walk``)


class DiscoveryError(Exception):
    """A path given on the command line cannot be used; the message says why."""


class Scope(str, Enum):
    """Where an agent comes from. Precedence: managed, project, user, then plugin."""

    MANAGED = "managed"
    PROJECT = "project"
    USER = "user"
    PLUGIN = "plugin"
    PATH = "path"

    @property
    def precedence(self) -> int:
        """0 for the scope whose agents win, and so on; PATH comes last."""
        order = SCOPE_PRECEDENCE
        return order.index(self.value) if self.value in order else len(order)


@dataclass(frozen=True)
class Root:
    """An agents folder (or, for the PATH scope, a folder or file given by the user)."""

    scope: Scope
    path: Path
    read_only: bool = False
    plugin: str | None = None
    kind: str | None = None  # the format of its files (``model.formats``); None: agents

    @property
    def format_kind(self) -> str:
        """The kind of its files, Claude Code's agents when none was given."""
        return self.kind or DEFAULT_KIND

    @property
    def label(self) -> str:
        where = _tilde(self.path)
        if self.plugin:
            return f"plugin {self.plugin}  {where}"
        return f"{self.scope.value}  {where}"

    @property
    def is_agents(self) -> bool:
        """Whether its files are Claude Code's agents (the default kind)."""
        return self.kind in (None, DEFAULT_KIND)


@dataclass(frozen=True)
class AgentFile:
    """One agent file as found: its path (maybe a link), root, and folder within the root."""

    path: Path
    root: Root
    folder: PurePosixPath = field(default_factory=lambda: PurePosixPath("."))


def find_roots(paths: Sequence[str] = (), *, cwd: Path | None = None,
               env: Mapping[str, str] | None = None, skipped: Notes = None) -> list[Root]:
    """The roots to show: the given paths, or else every discovered scope that exists.
    Places that cannot be looked into (a folder without permission on the way) are added
    to ``skipped``."""
    if paths:
        return [_path_root(raw, cwd) for raw in paths]
    start = Path(os.path.abspath(cwd or Path.cwd()))
    managed = managed_dir(env) / ".claude" / "agents"
    roots = [Root(Scope.MANAGED, managed, read_only=True)] if _is_folder(managed, skipped) else []
    roots += [Root(Scope.PROJECT, folder) for folder in _project_folders(start, env, skipped)]
    roots.append(Root(Scope.USER, claude_config_dir(env) / "agents"))
    if not _is_folder(roots[-1].path, skipped):
        roots.pop()
    roots += _plugin_roots(claude_config_dir(env) / "plugins", skipped)
    return _first_of_each_folder(roots)


def _first_of_each_folder(roots: list[Root]) -> list[Root]:
    """Each folder once, as the first (highest) scope that has it: a project under
    ``$CLAUDE_CONFIG_DIR``'s parent, a managed folder set to a project's."""
    kept: dict[Path, Root] = {}
    for root in roots:
        kept.setdefault(root.path, root)
    return list(kept.values())


def list_agent_files(root: Root, skipped: Notes = None) -> list[AgentFile]:
    """Every ``.md`` file under ``root``, sorted by folder then name; a file given as the
    root is listed whatever its name. What the walk leaves out is added to ``skipped``."""
    try:
        is_folder = stat.S_ISDIR(os.stat(root.path).st_mode)
    except (OSError, ValueError) as exc:
        if not isinstance(exc, (FileNotFoundError, NotADirectoryError)):
            note(skipped, root.path, "AT401", f"cannot read {root.path}: {reason(exc)}")
            return []
        is_folder = False
    if not is_folder:
        return [AgentFile(root.path, root)]
    found = [AgentFile(path, root, folder)
             for path, folder in walk(root.path, skipped, clean=not root.read_only)]
    return sorted(found, key=lambda f: (f.folder.parts, f.path.name.lower()))


def _path_root(raw: str, cwd: Path | None) -> Root:
    path = Path(os.path.expanduser(raw))  # Path.expanduser raises for ~nosuchuser
    if not path.is_absolute():
        path = (cwd or Path.cwd()) / path
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise DiscoveryError(f"{raw}: no such file or folder") from None
    except (OSError, ValueError) as exc:
        raise DiscoveryError(f"{raw}: {reason(exc)}") from None
    if _is_folder(path):
        nested = path / ".claude" / "agents"
        if _is_folder(nested) and not any(path.glob("*.md")):
            path = nested
    elif not os.path.exists(path):
        raise DiscoveryError(f"{raw}: a link to nothing")
    return Root(Scope.PATH, Path(os.path.normpath(path)))


def _project_folders(start: Path, env: Mapping[str, str] | None, skipped: Notes) -> list[Path]:
    """The ``.claude/agents`` folders from ``start`` up to the repository root, closest
    first; the walk stops before the home folder (its ``.claude`` is the user's) and at the
    file system's root (the parents of a path are as many as its parts)."""
    home = Path(os.path.abspath(home_dir(env)))
    found = []
    for folder in (start, *start.parents):
        if folder == home:
            break
        candidate = folder / ".claude" / "agents"
        if _is_folder(candidate, skipped):
            found.append(candidate)
        if _exists(folder / ".git"):
            break
    return found


def _exists(path: Path) -> bool:
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def _plugin_roots(plugins: Path, skipped: Notes) -> list[Root]:
    """The installed plugins' agents folders, the first :data:`MAX_PLUGINS` of them (an
    index of a million entries would be a million walks)."""
    installed = _installed_plugins(plugins, skipped)
    if len(installed) > MAX_PLUGINS:
        note(skipped, plugins, "AT403", f"only the first {MAX_PLUGINS:,} installed plugins "
             "are read; there are more")
    roots = []
    for name, install in installed[:MAX_PLUGINS]:
        agents = install / "agents"
        if _is_folder(agents, skipped):
            roots.append(Root(Scope.PLUGIN, agents, read_only=True, plugin=name))
    return roots


def _installed_plugins(plugins: Path, skipped: Notes) -> list[tuple[str, Path]]:
    """(plugin name, install folder) from ``installed_plugins.json``, tolerant of its versions;
    without that file, plugin folders found in the plugin cache."""
    try:
        with open(plugins / "installed_plugins.json", "rb") as handle:
            data = json.loads(handle.read(MAX_PLUGIN_INDEX))
    except (OSError, ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        return _cached_plugins(plugins / "cache", skipped)
    entries = data.get("plugins", data) if isinstance(data, dict) else {}
    found: dict[Path, str] = {}
    for key, value in entries.items() if isinstance(entries, dict) else []:
        for install in _install_paths(value):
            found.setdefault(install, str(key).split("@", 1)[0])
    return [(name, path) for path, name in found.items()]


def _install_paths(value: Any) -> Iterator[Path]:
    """Every ``installPath`` in ``value`` and the lists in it (without recursion: the JSON
    may nest lists as deep as its parser allows)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            path = item.get("installPath")
            if isinstance(path, str):
                yield Path(os.path.expanduser(path))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _cached_plugins(cache: Path, skipped: Notes) -> list[tuple[str, Path]]:
    """Plugin folders under ``cache/<marketplace>/<plugin>[/<version>]`` holding ``agents/``."""
    if not _is_folder(cache, skipped):
        return []
    found = []
    first = sorted(itertools.islice(cache.glob("*/*/agents"), MAX_PLUGINS + 1))
    then = sorted(itertools.islice(cache.glob("*/*/*/agents"), MAX_PLUGINS + 1 - len(first)))
    for agents in first + then:  # one past the bound: enough to say there are more
        plugin = agents.parent
        name = plugin.name if plugin.parent.parent == cache else plugin.parent.name
        found.append((name, plugin))
    return found


def _is_folder(path: Path, skipped: Notes = None) -> bool:
    """Whether ``path`` is a folder (through links); a folder that cannot be looked into
    (no permission on the way, a link loop) is not, and is noted in ``skipped``."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except (OSError, ValueError) as exc:  # ValueError: a NUL in a path from a JSON file
        note(skipped, path, "AT401", f"cannot look into {path}: {reason(exc)}")
        return False


def _tilde(path: Path) -> str:
    home = str(home_dir())
    text = str(path)
    return "~" + text[len(home):] if text == home or text.startswith(home + os.sep) else text
