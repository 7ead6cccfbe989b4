"""Creating, moving and removing single files so that a failure leaves things as they were.

Nothing here ever replaces an existing file: a new file is linked into place (refused when
the name is taken) and a move is a hard link followed by removing the old name, which on one
filesystem keeps the file's inode, permissions and times. Across filesystems the bytes are
copied with the same permissions and times. When a later step fails, the earlier ones are
undone before the error is raised.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from pathlib import Path

from agenttui.storage.files import ConflictError, SaveError, save_atomic

_NO_HARD_LINK = frozenset({errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK, errno.EACCES})


class OperationError(Exception):
    """An operation was refused or could not finish; the message says why.

    When it is raised, files and folders are as they were before the operation started.
    """


def reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def file_mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def write_new(path: Path, data: bytes, mode: int | None = None) -> None:
    """Create ``path`` holding ``data``; refused when anything already has that name."""
    try:
        save_atomic(path, data, None)
    except ConflictError:
        raise OperationError(f"{path} already exists") from None
    except SaveError as exc:
        raise OperationError(str(exc)) from None
    if mode is not None:
        try:
            os.chmod(path, mode)
        except OSError as exc:
            undo_create(path)
            raise OperationError(f"cannot set the permissions of {path}: {reason(exc)}") from None


def move_file(source: Path, target: Path) -> None:
    """Give ``source`` (a file, or a symlink itself) the name ``target``, never replacing one."""
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        raise OperationError(f"{target} already exists") from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINK:
            raise OperationError(f"cannot move {source} to {target}: {reason(exc)}") from None
        _copy_new(source, target)
    try:
        os.unlink(source)
    except OSError as exc:
        undo_create(target)
        raise OperationError(f"cannot remove {source}: {reason(exc)}") from None


def undo_create(path: Path) -> None:
    """Remove a file this operation created; says so plainly when even that fails."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OperationError(
            f"could not undo: {path} was created but cannot be removed: {reason(exc)}") from None


def make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents; returns the folders created, deepest first."""
    missing = [p for p in (folder, *folder.parents) if not os.path.exists(p)]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        remove_folders(missing)
        raise OperationError(f"cannot create {folder}: {reason(exc)}") from None
    return missing


def remove_folders(created: list[Path]) -> None:
    """Remove folders :func:`make_folder` created (those still empty), deepest first."""
    for folder in created:
        try:
            folder.rmdir()
        except OSError:
            return


def _copy_new(source: Path, target: Path) -> None:
    if os.path.islink(source):
        try:
            os.symlink(os.readlink(source), target)
        except OSError as exc:
            raise OperationError(f"cannot create {target}: {reason(exc)}") from None
        return
    try:
        data = source.read_bytes()
        mode = file_mode(source)
    except OSError as exc:
        raise OperationError(f"cannot read {source}: {reason(exc)}") from None
    write_new(target, data, mode)
    with contextlib.suppress(OSError):  # the times are a courtesy; the bytes are in place
        shutil.copystat(source, target)
