"""Managing agents as files: new, duplicate, rename, delete to the trash, restore, move, copy.

Every operation checks what it can before touching anything (the name, clashes with files
and with agents of the same name in the scope, write permission) and then either completes
or leaves every file and folder as it was. Refusals raise :class:`OperationError` with a
message meant for the user. ``taken`` maps the names of the agents already in the scope to
their files; when omitted, the scope's folder is read to find them.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from pathlib import Path

from agenttui.model import AgentDocument, EditError
from agenttui.model.limits import MAX_FILE_BYTES
from agenttui.model.template import name_problem, new_agent_text
from agenttui.storage.discovery import Root, Scope, list_agent_files
from agenttui.storage.files import SaveError, Snapshot, changed_on_disk, read_snapshot, save_atomic
from agenttui.storage.paths import UnsafePathError, safe_agent_path
from agenttui.storage.permissions import file_refusal, folder_refusal
from agenttui.storage.transfer import (
    OperationError,
    make_folder,
    move_file,
    reason,
    remove_folders,
    write_new,
)
from agenttui.storage.trash import Trash, TrashEntry

__all__ = [
    "OperationError", "Trash", "TrashEntry", "agent_names", "copy_agent", "delete_agent",
    "duplicate_agent", "file_matches_name", "move_agent", "name_refusal", "new_agent",
    "rename_agent", "restore_deleted", "transfer_refusal",
]

Names = Mapping[str, Path]
Env = Mapping[str, str] | None


def new_agent(folder: Path, name: str, *, description: str | None = None,
              model: str | None = None, tools: str | None = None,
              taken: Names | None = None, env: Env = None) -> Path:
    """Create ``folder/name.md`` from the template (creating ``folder`` if needed)."""
    _refuse(folder_refusal(folder, env))
    target = _checked_target(folder, name, folder, taken)
    try:
        data = new_agent_text(name, description, model, tools).encode("utf-8")
    except EditError as exc:
        raise OperationError(str(exc)) from None
    _create(folder, target, data)
    return target


def duplicate_agent(path: Path, name: str, *, root: Path | None = None,
                    taken: Names | None = None, env: Env = None) -> Path:
    """Copy ``path`` beside itself as ``name``: same fields and body, new name."""
    doc, _ = _read(path)
    _refuse(folder_refusal(path.parent, env))
    target = _checked_target(path.parent, name, root or path.parent, taken)
    write_new(target, _named(doc, name))
    return target


def rename_agent(path: Path, name: str, *, keep_file_name: bool = False,
                 root: Path | None = None, taken: Names | None = None,
                 snapshot: Snapshot | None = None, env: Env = None) -> Path:
    """Change ``name`` (one minimal edit) and the file name with it; returns the new path.

    ``keep_file_name`` changes only the field (for files whose name never matched).
    """
    _refuse_symlink(path, "rename")
    _refuse(file_refusal(path, env))
    doc, current = _read(path, snapshot)
    if keep_file_name:
        _check_name(name, root or path.parent, taken, ignore=path)
        target = path
    else:
        target = _checked_target(path.parent, name, root or path.parent, taken, ignore=path)
    _rewrite(path, target, _named(doc, name), current)
    return target


def delete_agent(path: Path, *, snapshot: Snapshot | None = None, trash: Trash | None = None,
                 env: Env = None) -> TrashEntry:
    """Move ``path`` to agenttui's trash, from where :func:`restore_deleted` puts it back."""
    if not os.path.lexists(path):
        raise OperationError(f"{path} no longer exists")
    _refuse(file_refusal(path, env))
    if snapshot is not None:
        _read(path, snapshot)
    return (trash or Trash()).put(path)


def restore_deleted(entry_id: str | None = None, *, trash: Trash | None = None,
                    env: Env = None) -> Path:
    """Put back the last deleted file (or the one with ``entry_id``); returns its path."""
    trash = trash or Trash()
    entries = trash.entries()
    if not entries:
        raise OperationError("nothing to restore: no deleted agents are kept")
    entry = entries[-1] if entry_id is None else next(
        (e for e in entries if e.id == entry_id), None)
    if entry is None:
        raise OperationError(f"no deleted agent with id {entry_id}")
    _refuse(folder_refusal(entry.original.parent, env))
    trash.take(entry)
    return entry.original


def move_agent(path: Path, folder: Path, *, taken: Names | None = None,
               snapshot: Snapshot | None = None, env: Env = None) -> Path:
    """Move ``path`` into the agents folder ``folder`` (another scope), keeping its file name."""
    _refuse_symlink(path, "move")
    _refuse(file_refusal(path, env))
    _refuse(folder_refusal(folder, env))
    doc, current = _read(path, snapshot)
    target = _transfer_target(path, doc, folder, taken)
    created = make_folder(folder)
    try:
        if changed_on_disk(path, current):
            raise OperationError(f"{path} changed on disk since it was read; reload it first")
        move_file(path, target)
    except OperationError:
        remove_folders(created)
        raise
    return target


def copy_agent(path: Path, folder: Path, *, taken: Names | None = None,
               env: Env = None) -> Path:
    """Copy ``path`` into the agents folder ``folder``; the source may be read-only."""
    _refuse(folder_refusal(folder, env))
    doc, current = _read(path)
    if len(current.data) < current.size:  # only the first MAX_FILE_BYTES were read
        raise OperationError(f"{path} is larger than agenttui reads "
                             f"({MAX_FILE_BYTES // 2**20} MiB); copy it with another tool")
    target = _transfer_target(path, doc, folder, taken)
    _create(folder, target, current.data)
    return target


def name_refusal(folder: Path, name: str, *, root: Path | None = None,
                 taken: Names | None = None, ignore: Path | None = None,
                 keep_file_name: bool = False) -> str | None:
    """Why ``name`` cannot be given to an agent in ``folder`` (as the form shows it), or None:
    the agent-name rules, ``paths.file_name_refusal`` and the clashes in the scope.

    ``keep_file_name`` checks the name alone (a rename that leaves the file where it is)."""
    try:
        if keep_file_name:
            _check_name(name, root or folder, taken, ignore)
        else:
            _checked_target(folder, name, root or folder, taken, ignore)
    except OperationError as exc:
        return str(exc)
    return None


def transfer_refusal(path: Path, folder: Path, *, taken: Names | None = None) -> str | None:
    """Why ``path`` cannot be moved or copied into ``folder`` (as a dialog shows it), or None."""
    try:
        doc, _ = _read(path)
        _transfer_target(path, doc, folder, taken)
    except OperationError as exc:
        return str(exc)
    return None


def file_matches_name(path: Path, name: str | None) -> bool:
    """True when the file is called ``<name>.md``; rename offers to keep a file name otherwise."""
    return name is not None and path.stem == name


def agent_names(folder: Path) -> dict[str, Path]:
    """Names of the agents in ``folder`` and its subfolders, each with the first file using it."""
    names: dict[str, Path] = {}
    for file in list_agent_files(Root(Scope.PATH, folder)) if os.path.isdir(folder) else []:
        try:
            name = AgentDocument(read_snapshot(file.path).data, str(file.path)).name
        except OSError:
            continue
        if name is not None:
            names.setdefault(name, file.path)
    return names


def _checked_target(folder: Path, name: str, root: Path, taken: Names | None,
                    ignore: Path | None = None) -> Path:
    _check_name(name, root, taken, ignore)
    target = _safe_path(folder, name)
    if os.path.lexists(target) and not (ignore and _same_file(target, ignore)):
        raise OperationError(f"{target.name} already exists in {folder}")
    return target


def _check_name(name: str, root: Path, taken: Names | None, ignore: Path | None) -> None:
    _refuse(name_problem(name))
    other = (agent_names(root) if taken is None else taken).get(name)
    if other is not None and not (ignore and _same_file(other, ignore)):
        raise OperationError(f"an agent named `{name}` already exists in this scope: {other}")


def _transfer_target(path: Path, doc: AgentDocument, folder: Path,
                     taken: Names | None) -> Path:
    if _same_file(path.parent, folder):
        raise OperationError(f"{path.name} is already in {folder}")
    target = _safe_path(folder, path.name if path.suffix == ".md" else path.stem)
    if os.path.lexists(target):
        raise OperationError(f"{target.name} already exists in {folder}")
    other = (agent_names(folder) if taken is None else taken).get(doc.name or "")
    if doc.name and other is not None:
        raise OperationError(
            f"an agent named `{doc.name}` already exists in {folder}: {other}")
    return target


def _safe_path(folder: Path, name: str) -> Path:
    try:
        return safe_agent_path(folder, name)
    except UnsafePathError as exc:
        raise OperationError(str(exc)) from None


def _read(path: Path, snapshot: Snapshot | None = None) -> tuple[AgentDocument, Snapshot]:
    try:
        current = read_snapshot(path)
    except FileNotFoundError:
        raise OperationError(f"{path} no longer exists") from None
    except OSError as exc:
        raise OperationError(f"cannot read {path}: {reason(exc)}") from None
    if snapshot is not None and not current.matches(snapshot):
        raise OperationError(f"{path} changed on disk since it was read; reload it first")
    return AgentDocument(current.data, str(path)), current


def _named(doc: AgentDocument, name: str) -> bytes:
    try:
        return doc.with_field("name", name).to_bytes()
    except EditError as exc:
        raise OperationError(f"cannot change the name of {doc.path}: {exc}") from None


def _create(folder: Path, target: Path, data: bytes) -> None:
    created = make_folder(folder)
    try:
        write_new(target, data)
    except OperationError:
        remove_folders(created)
        raise


def _rewrite(path: Path, target: Path, data: bytes, current: Snapshot) -> None:
    """Edit the name line in place (an atomic save), then rename the file (one atomic
    rename): a process killed at any moment leaves exactly one of the two names, holding the
    old bytes or the new ones. When the rename fails, the old bytes are put back."""
    saved = current if data == current.data else _save(path, data, current)
    if target.name == path.name:
        return
    try:
        if os.path.lexists(target) and not _same_file(target, path):
            raise FileExistsError(errno.EEXIST, f"{target.name} appeared meanwhile")
        os.rename(path, target)
    except OSError as exc:
        _save(path, current.data, saved)
        raise OperationError(f"cannot rename {path} to {target.name}: {reason(exc)}") from None


def _save(path: Path, data: bytes, expected: Snapshot) -> Snapshot:
    try:
        return save_atomic(path, data, expected)
    except SaveError as exc:
        raise OperationError(str(exc)) from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _refuse_symlink(path: Path, verb: str) -> None:
    if os.path.islink(path):
        raise OperationError(f"{path} is a symbolic link to {os.readlink(path)}; "
                             f"{verb} the file it points to instead")


def _refuse(problem: str | None) -> None:
    if problem is not None:
        raise OperationError(problem)
