"""Where agents are and where they can go: pure rules the main screen's file actions follow.

No Textual: the functions take the roots, the catalog's agents and the environment, so a
unit test reaches each of them without an app.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath

from agenttui.catalog import Agent
from agenttui.storage.discovery import AgentFile, Root, Scope
from agenttui.storage.scope_folders import scope_folder


def agents_folder(root: Root) -> Path:
    """The agents folder a root stands for (a file given on its own stands for its folder)."""
    return root.path if root.path.is_dir() else root.path.parent


def same_folder(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def destinations(roots: Iterable[Root], cwd: Path | None = None,
                 env: Mapping[str, str] | None = None) -> list[Root]:
    """Writable agents folders: the open folders, then the project and user scopes."""
    places = [r for r in roots if not r.read_only and r.scope is not Scope.PLUGIN
              and r.path.is_dir()]
    for scope in (Scope.PROJECT, Scope.USER):
        try:
            folder = scope_folder(scope.value, cwd, env)
        except (OSError, ValueError):
            continue
        if not any(same_folder(folder, r.path) for r in places):
            places.append(Root(scope, folder))
    return places


def names_taken(agents: Iterable[Agent], roots: Iterable[Root],
                root: Root) -> dict[str, Path] | None:
    """Names already used in ``root`` as ``agents`` know them; None when ``root`` is not one
    of ``roots`` (its names must be read from the folder)."""
    if not any(same_folder(root.path, r.path) for r in roots):
        return None
    names: dict[str, Path] = {}
    for agent in agents:
        if agent.name and same_folder(agents_folder(agent.file.root), root.path):
            names.setdefault(agent.name, agent.path)
    return names


def root_for(roots: Iterable[Root], path: Path) -> Root:
    """The open root a file lies in, else a root of its own folder."""
    for root in roots:
        if root.path.is_dir() and path.is_relative_to(root.path):
            return root
    return Root(Scope.PATH, path.parent)


def file_in(root: Root, path: Path) -> AgentFile:
    """``path`` as a file of ``root``, with its folder relative to the root's agents folder."""
    base = agents_folder(root)
    relative = path.parent.relative_to(base) if path.parent != base else Path(".")
    return AgentFile(path, root, PurePosixPath(*relative.parts))


def with_root(roots: list[Root], root: Root) -> list[Root]:
    """``roots`` with ``root`` in its place by scope (project, user, plugin), once."""
    if root in roots:
        return list(roots)
    return sorted([*roots, root], key=lambda r: r.scope.precedence)


def tree_order(agent: Agent) -> tuple[tuple[str, ...], str]:
    """Discovery's order within a root: files of a folder before its subfolders, by name."""
    return agent.file.folder.parts, agent.path.name.lower()


def free_name(base: str, free: Callable[[str], bool], tries: int = 100) -> str:
    """``base``, or the first of ``base-2`` … that ``free`` accepts (``base`` if none is)."""
    if free(base):
        return base
    for number in range(2, tries):
        if free(f"{base}-{number}"):
            return f"{base}-{number}"
    return base
