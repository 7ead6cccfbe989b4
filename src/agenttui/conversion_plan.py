"""What "Convert to…" in the app does with the agent under the cursor: the kinds it can
become, what carries over and what does not for each, the folders the new file can go to
(beside it, in the project, in your user folder) and the write, never over a file unasked.

Pure (no Textual): the app's dialog shows a ``Plan`` and runs ``write`` in a worker.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from agenttui.catalog import Agent, load_agent
from agenttui.model import EditError
from agenttui.model.formats import DEFAULT_KIND, DISCOVERED, get
from agenttui.model.formats.base import Format
from agenttui.storage.discovery import DiscoveryError, Root, Scope
from agenttui.storage.format_discovery import relative_path, target_file, target_folder


@dataclass(frozen=True)
class Plan:
    """The agent as a file of ``target``: its id, text, the target's keys it writes and
    every field that does not carry over (with why); ``refusal`` when it cannot be made."""

    target: Format
    name: str
    text: str
    carried: tuple[str, ...]
    dropped: tuple[str, ...]
    refusal: str | None = None


@dataclass(frozen=True)
class Place:
    """A folder the new file can go to: its label, the root it makes, the file's path."""

    label: str
    root: Root
    path: Path


def target_kinds(kind: str) -> list[str]:
    """The kinds an agent of ``kind`` can be converted to: every discovered kind but its
    own (the generic kind has no fields to map to)."""
    return [k for k in DISCOVERED if k != kind]


def plan(agent: Agent, target_kind: str) -> Plan:
    """``agent`` as a file of ``target_kind`` (its file is read again when the catalog
    holds only a summary of it)."""
    from agenttui.model.formats.convert import convert, file_text

    target = get(target_kind)
    source = get(agent.kind)
    document = agent.document or load_agent(agent.file).document
    if document is None or not document.fields_editable:
        return Plan(target, "", "", (), (), "its frontmatter cannot be read (the problems "
                    "say why), so it cannot be converted")
    name = source.document_id(relative_path(agent.file), document.fields).lstrip("/")
    converted = convert(source, target, document.fields, document.body, name)
    try:
        text = file_text(converted)
    except EditError as exc:
        return Plan(target, converted.name, "", (), tuple(converted.dropped),
                    f"it cannot be written as one of the {target.label}: {exc}")
    return Plan(target, converted.name, text, tuple(converted.fields),
                tuple(converted.dropped))


def places(agent: Agent, target: Format, name: str, roots: Sequence[Root],
           cwd: Path | None = None, env: Mapping[str, str] | None = None) -> list[Place]:
    """Where the new file can go, each folder once: the target's folder in the project the
    agent is in (beside it), then in the project (the repository root), then yours."""
    found: list[Place] = []
    beside = _beside(agent, target)
    if beside is not None:
        found.append(_place("beside it", Scope.PROJECT if agent.scope is Scope.PROJECT
                            else Scope.PATH, beside, target, name, roots))
    for scope in (Scope.PROJECT, Scope.USER):
        try:
            folder = target_folder(target, scope.value, cwd, env)
        except DiscoveryError:
            continue
        found.append(_place(scope.value, scope, folder, target, name, roots))
    unique: dict[Path, Place] = {}
    for place in found:
        unique.setdefault(Path(os.path.abspath(place.path)), place)
    return list(unique.values())


def _beside(agent: Agent, target: Format) -> Path | None:
    """The target's project folder in the project holding the agent's folder: for
    ``X/.claude/agents``, ``X/.opencode/agents``; None when the agent is in no folder of
    its format (a folder given by path)."""
    where = agent.file.root.path.as_posix()
    for folder in get(agent.kind).folders:
        if folder.scope == "project" and where.endswith("/" + folder.path):
            top = Path(where[: -len(folder.path) - 1])
            project = next((f for f in target.folders if f.scope == "project"), None)
            return top / project.path if project is not None else None
    return None


def _place(label: str, scope: Scope, folder: Path, target: Format, name: str,
           roots: Sequence[Root]) -> Place:
    kind = None if target.kind == DEFAULT_KIND else target.kind
    root = next((r for r in roots if r.format_kind == target.kind and _same(r.path, folder)),
                Root(scope, folder, kind=kind))
    return Place(label, root, target_file(target, folder, name))


def _same(a: Path, b: Path) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)


def write(path: Path, text: str, replace: bool = False) -> Path:
    """Write the new file atomically; an existing one only with ``replace`` (else
    ``FileExistsError``). Raises ``OSError`` (and ``SaveError``) when it cannot."""
    from agenttui.storage.files import ConflictError, read_snapshot, save_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    expected = read_snapshot(path) if replace and path.exists() else None
    try:
        save_atomic(path, text.encode("utf-8"), expected)
    except ConflictError:
        raise FileExistsError(f"{path} already exists") from None
    return path
