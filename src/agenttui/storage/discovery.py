"""Where agents live: the project, user and plugin scopes, or paths given on the command line.

Discovery only lists files; it never parses them. Folders are walked recursively, never
entering the same directory twice, so cycles cannot hang it; dangling links are listed (they
show as unreadable agents) and everything that is not a ``.md`` file is skipped.

The walk stays in scope (SECURITY.md, "Links"): a link to a file is followed wherever it
leads (agents linked from a dotfiles repository), a link to a folder only when the folder is
inside the agents folder (or a folder already followed) or directly holds agent files, and
never to the home folder, the repository or the agents folder itself, or above them. It stops
at :data:`MAX_DEPTH` levels, :data:`MAX_FOLDERS` folders and :data:`MAX_FILES` files. What it
leaves out, and folders it cannot read, are reported as :class:`Skipped` warnings. Abandoned
temporary files of agenttui's own (``atomic``) met on the way are removed from writable roots.
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
from agenttui.model.problems import Problem, warning
from agenttui.storage.atomic import abandoned, discard, is_temp_name
from agenttui.storage.scope_folders import claude_config_dir, home_dir

SKIPPED_FOLDERS = frozenset({".git", "node_modules", "__pycache__", ".venv"})
MAX_DEPTH = 16  # folder levels below an agents folder
MAX_FOLDERS = 20_000  # folders read under one root
MAX_FILES = 100_000  # agent files listed under one root
MAX_NOTES = 20  # skipped places reported one by one under one root; the rest are counted
MAX_PLUGIN_INDEX = 16 * 1024 * 1024  # bytes of installed_plugins.json read


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


@dataclass(frozen=True)
class Skipped:
    """A place discovery left out (or could not read), and the warning that says so."""

    path: Path
    problem: Problem


Notes = list[Skipped] | None  # where a caller wants the skipped places; None: not reported


def find_roots(paths: Sequence[str] = (), *, cwd: Path | None = None,
               env: Mapping[str, str] | None = None, skipped: Notes = None) -> list[Root]:
    """The roots to show: the given paths, or else every discovered scope that exists.
    Places that cannot be looked into (a folder without permission on the way) are added
    to ``skipped``."""
    if paths:
        return [_path_root(raw, cwd) for raw in paths]
    start = Path(os.path.abspath(cwd or Path.cwd()))
    roots = [Root(Scope.PROJECT, folder) for folder in _project_folders(start, env, skipped)]
    user = claude_config_dir(env) / "agents"
    if _is_folder(user, skipped) and all(root.path != user for root in roots):
        roots.append(Root(Scope.USER, user))
    roots += _plugin_roots(claude_config_dir(env) / "plugins", skipped)
    return roots


def list_agent_files(root: Root, skipped: Notes = None) -> list[AgentFile]:
    """Every ``.md`` file under ``root``, sorted by folder then name; a file given as the
    root is listed whatever its name. What the walk leaves out is added to ``skipped``."""
    try:
        is_folder = stat.S_ISDIR(os.stat(root.path).st_mode)
    except (OSError, ValueError) as exc:
        if not isinstance(exc, (FileNotFoundError, NotADirectoryError)):
            _note(skipped, root.path, "AT401", f"cannot read {root.path}: {_reason(exc)}")
            return []
        is_folder = False
    if not is_folder:
        return [AgentFile(root.path, root)]
    walk = _Walk(root, skipped)
    found = [AgentFile(path, root, folder) for path, folder in walk.run()]
    if not root.read_only:
        for leftover in walk.leftovers:
            if abandoned(leftover):
                discard(leftover)
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
        raise DiscoveryError(f"{raw}: {_reason(exc)}") from None
    if _is_folder(path):
        nested = path / ".claude" / "agents"
        if _is_folder(nested) and not any(path.glob("*.md")):
            path = nested
    elif not os.path.exists(path):
        raise DiscoveryError(f"{raw}: a link to nothing")
    return Root(Scope.PATH, Path(os.path.normpath(path)))


def _project_folders(start: Path, env: Mapping[str, str] | None, skipped: Notes) -> list[Path]:
    home = Path(os.path.abspath(home_dir(env)))
    for folder in (start, *start.parents):
        if folder == home:
            break
        candidate = folder / ".claude" / "agents"
        if _is_folder(candidate, skipped):
            return [candidate]
    return []


def _plugin_roots(plugins: Path, skipped: Notes) -> list[Root]:
    roots = []
    for name, install in _installed_plugins(plugins, skipped):
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
    for agents in sorted(cache.glob("*/*/agents")) + sorted(cache.glob("*/*/*/agents")):
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
        _note(skipped, path, "AT401", f"cannot look into {path}: {_reason(exc)}")
        return False


def _note(skipped: Notes, path: Path, code: str, message: str) -> None:
    if skipped is not None:
        skipped.append(Skipped(path, warning(code, message)))


def _reason(exc: Exception) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    return str(exc)


class _Walk:
    """One bounded walk of a root's folders (see the module's docstring)."""

    def __init__(self, root: Root, skipped: Notes) -> None:
        self.root = root
        self.skipped = skipped
        top = os.path.realpath(root.path)
        self.inside = [top]  # real folders a link to a folder may lead into
        self.ceilings = [*_ceilings(top), ("the agents folder", top)]  # never to these or above
        self.seen: set[tuple[int, int]] = set()
        self.folders = 0
        self.files: list[tuple[Path, PurePosixPath]] = []
        self.leftovers: list[Path] = []
        self.dropped = 0  # agent files found past MAX_FILES
        self.notes = 0

    def run(self) -> list[tuple[Path, PurePosixPath]]:
        stack = [(self.root.path, PurePosixPath("."))]
        files, cap = self.files, MAX_FILES
        while stack and self._limit() is None:
            folder, relative = stack.pop()
            for entry in self._read(folder) or ():
                name = entry.name
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if is_dir:
                    self._folder(folder, entry, relative, stack)
                elif name[:1] != "." and name[-3:].lower() == ".md" and len(files) < cap:
                    files.append((_child(folder, name), relative))  # 10,000 at every start
                else:
                    self._odd_file(folder, name)
        limit = self._limit()
        if limit is not None and (stack or self.dropped):
            self._report(self.root.path, "AT403", f"stopped after {limit} under "
                         f"{self.root.path}; agent files left out: {self.dropped:,}, "
                         f"folders not read: {len(stack):,}", counted=False)
        if self.notes > MAX_NOTES:
            self._report(self.root.path, "AT403", f"places skipped under {self.root.path} "
                         f"beyond the {MAX_NOTES} shown: {self.notes - MAX_NOTES:,}",
                         counted=False)
        return self.files

    def _read(self, folder: Path) -> list[os.DirEntry[str]] | None:
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in self.seen:
                return None
            self.seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError as exc:
            self._report(folder, "AT401", f"cannot read the folder {folder}: {_reason(exc)}")
            return None
        self.folders += 1
        return entries

    def _limit(self) -> str | None:
        if len(self.files) >= MAX_FILES:
            return f"{MAX_FILES:,} agent files"
        if self.folders >= MAX_FOLDERS:
            return f"{MAX_FOLDERS:,} folders"
        return None

    def _folder(self, folder: Path, entry: os.DirEntry[str], relative: PurePosixPath,
                stack: list[tuple[Path, PurePosixPath]]) -> None:
        if entry.name in SKIPPED_FOLDERS or entry.name.startswith("."):
            return
        path = _child(folder, entry.name)
        if _is_link(entry) and not self._may_follow(path):
            return
        if len(relative.parts) >= MAX_DEPTH:
            self._report(path, "AT403", f"not read: {path} is more than {MAX_DEPTH} folders "
                         f"below {self.root.path}")
            return
        stack.append((path, relative / entry.name))

    def _odd_file(self, folder: Path, name: str) -> None:
        """A file that is not listed: hidden (maybe a leftover of a save), not ``.md``, or
        an agent file past the bound."""
        if name.startswith("."):
            if is_temp_name(name):
                self.leftovers.append(_child(folder, name))
        elif name.lower().endswith(".md"):
            self.dropped += 1

    def _may_follow(self, link: Path) -> bool:
        """Whether the walk may go through ``link``, a link to a folder."""
        target = os.path.realpath(link)
        if any(_within(target, top) for top in self.inside):
            return True  # a folder of the walk's own (a cycle stops at ``seen``)
        above = next((what for what, ceiling in self.ceilings if _within(ceiling, target)), None)
        if above is not None:
            why = f"which is {above} or holds it"
        elif not _holds_agent_files(target):
            why = "outside the agents folder, which holds no agent files"
        else:
            self.inside.append(target)
            return True
        self._report(link, "AT402", f"link not followed: {link} leads to {target}, {why}")
        return False

    def _report(self, path: Path, code: str, message: str, counted: bool = True) -> None:
        if counted:
            self.notes += 1
            if self.notes > MAX_NOTES:
                return
        _note(self.skipped, path, code, message)


def _ceilings(top: str) -> list[tuple[str, str]]:
    """The home folder and the repository holding ``top`` (the nearest folder above it
    with a ``.git``), real paths: a link to a folder never leads to them or above."""
    home = os.path.realpath(home_dir())
    found = [("the home folder", home)]
    for folder in Path(top).parents:
        if str(folder) == home:
            break
        if os.path.lexists(folder / ".git"):
            found.append(("the repository", str(folder)))
            break
    return found


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _holds_agent_files(folder: str, look: int = 256) -> bool:
    """Whether ``folder`` directly holds a file that looks like an agent (``name.md``
    starting with ``---``); at most ``look`` entries are looked at."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in itertools.islice(entries, look) if _is_md(e.name)]
    except OSError:
        return False
    return any(_starts_like_an_agent(os.path.join(folder, name)) for name in names[:32])


def _starts_like_an_agent(path: str) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        head = os.read(fd, 8)
    except OSError:
        return False
    finally:
        os.close(fd)
    return head.removeprefix(b"\xef\xbb\xbf").startswith(b"---")


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return True


def _child(folder: Path, name: str) -> Path:
    """``folder / name`` for a name from ``os.scandir``: pathlib's own shortcut for a name
    known to be one plain part (what its glob uses) where this Python has it, five times
    faster than parsing the name again; 10,000 files are listed at every start."""
    make = getattr(folder, "_make_child_relpath", None)
    return make(name) if make is not None else folder / name


def _is_md(name: str) -> bool:
    return name.lower().endswith(".md") and not name.startswith(".")


def _tilde(path: Path) -> str:
    home = str(home_dir())
    text = str(path)
    return "~" + text[len(home):] if text == home or text.startswith(home + os.sep) else text
