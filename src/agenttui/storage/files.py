"""Reading a file with a snapshot of what was read, and saving it back atomically.

A save never leaves a torn file: the new bytes go to a temporary file in the same folder,
are flushed and fsynced, take the old file's permissions and are renamed over it
(``atomic.staged``). Before the
rename the file on disk is compared (by content hash) with the snapshot the edit started from;
a difference is a conflict and nothing is written. A symlink is written through: its target
is replaced and the link stays a link.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from agenttui.model.limits import MAX_FILE_BYTES
from agenttui.storage.atomic import TempFileError, fsync_folder, staged

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)


class SaveError(OSError):
    """The save did not happen; the file on disk is as it was."""


class ConflictError(SaveError):
    """The file changed on disk since it was read; nothing was written."""


@dataclass(frozen=True)
class Snapshot:
    """What was read from a file, to notice later whether it changed underneath us."""

    data: bytes
    sha256: str
    mtime_ns: int
    size: int

    def matches(self, other: Snapshot) -> bool:
        return self.sha256 == other.sha256


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_snapshot(path: Path, limit: int = MAX_FILE_BYTES + 1) -> Snapshot:
    """Read at most ``limit`` bytes of ``path`` (following links). Raises ``OSError``.

    The file is opened without blocking, so a pipe or device named like an agent file is
    refused instead of waiting forever for a writer.
    """
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _NOCTTY)
    with open(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, f"{path} is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, socket or device)")
        data = handle.read(limit)
    return Snapshot(data, digest(data), info.st_mtime_ns, info.st_size)


def changed_on_disk(path: Path, snapshot: Snapshot) -> bool:
    """True when the file now differs from ``snapshot`` (or is gone). Cheap when unchanged."""
    try:
        info = os.stat(path)
    except OSError:
        return True
    if info.st_size != snapshot.size:
        return True
    if info.st_mtime_ns == snapshot.mtime_ns:
        return False
    try:
        return read_snapshot(path).sha256 != snapshot.sha256
    except OSError:
        return True


def save_atomic(path: Path, data: bytes, expected: Snapshot | None) -> Snapshot:
    """Write ``data`` to ``path`` atomically; ``expected`` None means the file must not exist.

    Raises ``ConflictError`` when the file on disk is not what ``expected`` says, and
    ``SaveError`` for any other failure; in both cases the old file is untouched and no
    temporary file is left.
    """
    target = Path(os.path.realpath(path))
    _check_unchanged(target, expected)
    mode, owner = _mode_for(target)
    if expected is not None and not _may_write(target, mode):
        raise SaveError(f"{target} is read-only; make it writable to save")
    try:
        with staged(target.parent, data, mode, owner) as tmp:
            _check_unchanged(target, expected)
            if expected is None:
                _link_new(tmp, target)
            else:
                os.replace(tmp, target)
    except TempFileError as exc:
        raise SaveError(f"cannot write {target}: {exc.strerror or exc}") from None
    except SaveError:
        raise
    except OSError as exc:
        raise SaveError(f"cannot replace {target}: {exc.strerror or exc}") from None
    fsync_folder(target.parent)
    info = os.stat(target)
    return Snapshot(data, digest(data), info.st_mtime_ns, info.st_size)


def _check_unchanged(target: Path, expected: Snapshot | None) -> None:
    if expected is None:
        if os.path.lexists(target):
            raise ConflictError(f"{target} already exists")
        return
    try:
        current = read_snapshot(target)
    except FileNotFoundError:
        raise ConflictError(f"{target} was deleted since it was read") from None
    except OSError as exc:
        raise SaveError(f"cannot read {target}: {exc.strerror or exc}") from None
    if current.sha256 != expected.sha256:
        raise ConflictError(f"{target} changed on disk since it was read")


def _mode_for(target: Path) -> tuple[int, os.stat_result | None]:
    """The permissions (and owner) the new file takes: the old file's, or the umask's."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask, None
    return stat.S_IMODE(info.st_mode), info


def _may_write(target: Path, mode: int) -> bool:
    """The rename would replace even a read-only file; respect the mode (root included)."""
    return bool(mode & stat.S_IWUSR) and os.access(target, os.W_OK)


def _link_new(tmp: Path, target: Path) -> None:
    """Move a new file into place without ever replacing one that appeared meanwhile (the
    temporary name is removed on leaving ``staged``)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise ConflictError(f"{target} already exists") from None
    except OSError:  # a file system without hard links
        os.replace(tmp, target)
