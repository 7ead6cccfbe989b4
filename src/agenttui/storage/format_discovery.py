"""Where every format's files live: each declaration's project, user and plugin folders.

The project folders are looked for in every folder from the working directory up to the
repository root (the nearest folder holding ``.git``; without one, up to the home folder,
which is never a project), the closest first. User folders are under the home folder, or
under the environment variable a declaration names (``$CLAUDE_CONFIG_DIR``,
``$XDG_CONFIG_HOME``). Plugin folders are inside each installed Claude Code plugin. The
folders are walked as ``discovery`` walks agents folders (``walk``: bounded, links within
scope, SECURITY.md), and a declaration's file pattern keeps its files (``*/SKILL.md``).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath

from agenttui.model.formats import DEFAULT_KIND, DISCOVERED, get
from agenttui.model.formats.base import Folder, Format
from agenttui.storage.discovery import (
    AgentFile,
    DiscoveryError,
    Root,
    Scope,
    _installed_plugins,
    _is_folder,
    _path_root,
    find_roots,
    list_agent_files,
)
from agenttui.storage.scope_folders import claude_config_dir, home_dir
from agenttui.storage.walk import Notes

__all__ = ["file_relative", "find_format_roots", "find_kind_roots", "guess_kind",
           "list_format_files", "project_chain", "relative_path", "target_file",
           "target_folder"]


def find_format_roots(kinds: Sequence[str], paths: Sequence[str] = (), *,
                      cwd: Path | None = None, env: Mapping[str, str] | None = None,
                      skipped: Notes = None) -> list[Root]:
    """The roots of ``kinds``: of the given paths (each read as the one kind asked, or with
    several kinds as a project holding their folders), else every discovered folder."""
    start = Path(os.path.abspath(cwd or Path.cwd()))
    if paths:
        return [root for raw in paths for root in _given(raw, kinds, start)]
    formats = [get(kind) for kind in kinds]
    roots = [Root(Scope.PROJECT, found, kind=fmt.kind) for fmt in formats
             for found in _project_folders(fmt, start, env, skipped)]
    roots += [Root(Scope.USER, found, kind=fmt.kind) for fmt in formats
              for found in _user_folders(fmt, env, skipped)]
    roots += _plugin_roots(formats, env, skipped)
    return _unique(roots)


def find_kind_roots(kinds: Sequence[str], paths: Sequence[str] = (), *,
                    cwd: Path | None = None, env: Mapping[str, str] | None = None,
                    skipped: Notes = None) -> list[Root]:
    """The roots of ``kinds`` as the app and the listings show them: Claude Code's agents
    found as ``discovery`` finds them (managed, project, user, plugins), then each other
    kind's folders; of the given paths, each read as ``find_format_roots`` reads it. A root
    of Claude Code's agents has no ``kind`` (the default), wherever it was found."""
    if paths:
        found = find_format_roots(kinds, paths, cwd=cwd, env=env, skipped=skipped)
        return [replace(root, kind=None) if root.kind == DEFAULT_KIND else root
                for root in found]
    others = [kind for kind in kinds if kind != DEFAULT_KIND]
    roots = find_format_roots(others, cwd=cwd, env=env, skipped=skipped) if others else []
    if DEFAULT_KIND in kinds:
        roots = [*find_roots([], cwd=cwd, env=env, skipped=skipped), *roots]
    return roots


def _given(raw: str, kinds: Sequence[str], cwd: Path) -> list[Root]:
    """A file given is read as the one kind asked (with several, as the kind whose folder
    holds it); a folder given, as a project holding the kinds' folders, else as a folder of
    files of that kind."""
    checked = _path_root(raw, cwd)  # (it says what is wrong with the path)
    given = Path(os.path.normpath(cwd / os.path.expanduser(raw)))
    if not _is_folder(given):
        kind = kinds[0] if len(kinds) == 1 else guess_kind(checked.path, kinds)
        return [Root(Scope.PATH, checked.path, kind=kind)]
    inside = [Root(Scope.PATH, given / folder.path, kind=fmt.kind)
              for fmt in (get(kind) for kind in kinds) for folder in fmt.folders
              if folder.scope == "project" and _is_folder(given / folder.path)]
    kind = kinds[0] if len(kinds) == 1 else guess_kind(given / "x.md", kinds)
    return inside or [Root(Scope.PATH, given, kind=kind)]


def guess_kind(path: Path, kinds: Sequence[str] = DISCOVERED) -> str:
    """The kind whose folders hold ``path`` (``.opencode/agents/x.md`` is OpenCode's), the
    longest folder winning; Claude Code's agents when none does."""
    text = path.as_posix()
    best, length = kinds[0] if kinds else "claude-agent", 0
    for kind in kinds:
        for folder in get(kind).folders:
            marker = f"/{folder.path}/"
            if folder.scope != "plugin" and marker in f"/{text}" and len(marker) > length:
                best, length = kind, len(marker)
    return best


def project_chain(start: Path, env: Mapping[str, str] | None = None) -> list[Path]:
    """The folders from ``start`` up to the repository root, the closest first; without a
    repository, up to (not including) the home folder."""
    home = Path(os.path.abspath(home_dir(env)))
    chain: list[Path] = []
    for folder in (start, *start.parents):
        if folder == home:
            break
        chain.append(folder)
        if os.path.exists(folder / ".git"):
            break
    return chain


def _project_folders(fmt: Format, start: Path, env: Mapping[str, str] | None,
                     skipped: Notes) -> list[Path]:
    return [top / folder.path for top in project_chain(start, env) for folder in fmt.folders
            if folder.scope == "project" and _is_folder(top / folder.path, skipped)]


def user_folder(folder: Folder, env: Mapping[str, str] | None) -> Path:
    """Where a user folder is: under its environment variable when set, else the home."""
    values = os.environ if env is None else env
    if folder.env and values.get(folder.env):
        return Path(os.path.expanduser(values[folder.env])) / folder.env_path
    return home_dir(env) / folder.path


def _user_folders(fmt: Format, env: Mapping[str, str] | None, skipped: Notes) -> list[Path]:
    return [path for folder in fmt.folders if folder.scope == "user"
            if _is_folder(path := user_folder(folder, env), skipped)]


def _plugin_roots(formats: list[Format], env: Mapping[str, str] | None,
                  skipped: Notes) -> list[Root]:
    wanted = [(fmt, folder) for fmt in formats for folder in fmt.folders
              if folder.scope == "plugin"]
    if not wanted:
        return []
    plugins = _installed_plugins(claude_config_dir(env) / "plugins", skipped)
    return [Root(Scope.PLUGIN, install / folder.path, read_only=True, plugin=name,
                 kind=fmt.kind)
            for name, install in plugins for fmt, folder in wanted
            if _is_folder(install / folder.path, skipped)]


def _unique(roots: list[Root]) -> list[Root]:
    """Each (kind, folder) once: the home folder's ``.claude`` is the user's, not a project's."""
    seen: set[tuple[str | None, Path]] = set()
    kept = []
    for root in roots:
        key = (root.kind, Path(os.path.realpath(root.path)))
        if key not in seen:
            seen.add(key)
            kept.append(root)
    return kept


def list_format_files(root: Root, skipped: Notes = None) -> list[AgentFile]:
    """The files of ``root`` its format reads: those its folder's pattern matches (a file
    given as the root, or any file of a folder given by path, whatever its pattern)."""
    found = list_agent_files(root, skipped)
    if root.kind is None or root.scope is Scope.PATH:
        return [f for f in found if root.scope is not Scope.PATH or _may_be(root, f)]
    fmt = get(root.kind)
    where = root.path.as_posix()
    patterns = [f.files for f in fmt.folders
                if where.endswith(f.path) or (f.env_path and where.endswith(f.env_path))]
    return [f for f in found if any(_matches(relative_path(f), p) for p in patterns or ["**"])]


def _may_be(root: Root, file: AgentFile) -> bool:
    """A folder given by path holds skills as ``<id>/SKILL.md``: for the skills kind, only
    those; every other kind takes every file."""
    if root.kind is None or file.path == root.path:
        return True
    patterns = {f.files for f in get(root.kind).folders}
    return not any(p.endswith("/SKILL.md") for p in patterns) or file.path.name == "SKILL.md"


def _matches(relative: PurePosixPath, pattern: str) -> bool:
    if pattern == "**":
        return True
    parts = pattern.split("/")
    if parts[0] == "**":
        return fnmatch.fnmatchcase(relative.name, parts[-1])
    return len(relative.parts) == len(parts) and all(
        fnmatch.fnmatchcase(part, glob) for part, glob in zip(relative.parts, parts,
                                                             strict=True))


def relative_path(file: AgentFile) -> PurePosixPath:
    """The file's path below the folder it was found in (its name for a file given alone)."""
    folders = [part for part in file.folder.parts if part not in (".", "")]
    if file.path == file.root.path and file.root.kind:
        return file_relative(file.path, file.root.kind)
    return PurePosixPath(*folders, file.path.name)


def file_relative(path: Path, kind: str) -> PurePosixPath:
    """A file named alone: its path below its format's folder when it is in one
    (``.claude/skills/lint/SKILL.md`` is ``lint/SKILL.md``), else its folder and name for
    a format that names files by their folder, else its name."""
    text = path.as_posix()
    for folder in get(kind).folders:
        marker = f"/{folder.path}/"
        at = text.rfind(marker)
        if at >= 0:
            return PurePosixPath(text[at + len(marker):])
    fmt = get(kind)
    if fmt.id_from == "folder":
        return PurePosixPath(path.parent.name, path.name)
    return PurePosixPath(path.name)


def target_folder(fmt: Format, scope: str, cwd: Path | None = None,
                  env: Mapping[str, str] | None = None) -> Path:
    """The folder a new file of ``fmt`` goes to: its first folder of ``scope``, in the
    repository root (or the working directory outside one), or under the home folder."""
    folder = next((f for f in fmt.folders if f.scope == scope), None)
    if folder is None:
        raise DiscoveryError(f"{fmt.label} have no {scope} folder")
    if scope == "user":
        return user_folder(folder, env)
    start = Path(os.path.abspath(cwd or Path.cwd()))
    chain = project_chain(start, env)
    top = chain[-1] if chain and os.path.exists(chain[-1] / ".git") else start
    return top / folder.path


def target_file(fmt: Format, folder: Path, name: str) -> Path:
    """Where a file of ``fmt`` whose id is ``name`` goes in ``folder``."""
    if fmt.id_from == "folder":
        return folder / name / "SKILL.md"
    return folder / f"{name}{fmt.suffix}"
