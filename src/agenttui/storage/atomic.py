"""Writing a file atomically, and removing what an interrupted write left behind.

Every file agenttui writes (an agent, the parse cache, the trash index) is written one way:
the bytes go to a temporary file in the target's folder, are flushed and fsynced, and get
their permissions there; the caller then moves it into place (``os.replace``, or a link for a
file that must not exist yet) and the folder is fsynced. Whatever fails, or interrupts, the
temporary file is removed before the error goes on.

A temporary file is called ``.agenttui-<pid>-<8 hex digits>.tmp``: short whatever the target
is called (a 250-byte agent file name leaves no room for a longer one), hidden, never taken
for an agent (it does not end in ``.md``), and named for the process that made it. A process
killed while writing leaves it behind; later runs remove such leftovers (:func:`sweep`), and
only those: names of this pattern whose process is gone, or that are an hour old.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import struct
import sys
import time
from collections.abc import Iterator
from pathlib import Path

TEMP_PATTERN = re.compile(r"\.agenttui-([1-9][0-9]{0,9})-[0-9a-f]{8}\.tmp")
# What versions before this one called their temporary agent files (tempfile.mkstemp names).
LEGACY_PATTERN = re.compile(r"\..+\.[a-z0-9_]{8}\.agenttui-tmp")
ABANDONED_AFTER = 10.0  # seconds untouched before a dead process's file is removed
STALE_AFTER = 3600.0  # seconds untouched before any agenttui temporary file is removed
_APPEND_ONLY, _IMMUTABLE = 0x20, 0x10  # FS_APPEND_FL, FS_IMMUTABLE_FL (chattr +a, +i)
_FLAGS = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)


class TempFileError(OSError):
    """The temporary file could not be made or written; the target was not touched."""


def temp_name() -> str:
    return f".agenttui-{os.getpid()}-{secrets.token_hex(4)}.tmp"


@contextlib.contextmanager
def staged(folder: Path, data: bytes, mode: int, owner: os.stat_result | None = None,
           ) -> Iterator[Path]:
    """A new temporary file in ``folder`` holding ``data``, fsynced, with ``mode`` (and, when
    ``owner`` says so and this process may, that file's owner and group). The body moves it
    into place; when the body fails or does not move it, it is removed on the way out.
    Raises :class:`TempFileError` when the file cannot be made or written."""
    sweep(folder)
    path, fd = _create(folder)
    try:
        _fill(fd, data, mode, owner)
        yield path
    finally:
        discard(path)


def replace_atomic(target: Path, data: bytes, mode: int = 0o600) -> None:
    """Put ``data`` in ``target``, replacing it if it exists; never a torn file."""
    with staged(target.parent, data, mode) as tmp:
        os.replace(tmp, target)
    fsync_folder(target.parent)


def discard(path: Path) -> bool:
    """Remove a temporary file if it is still there; False when it could not be removed."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every system can)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def is_temp_name(name: str) -> bool:
    """Whether ``name`` is one agenttui gives its temporary files (now or formerly)."""
    return bool(TEMP_PATTERN.fullmatch(name) or LEGACY_PATTERN.fullmatch(name))


def abandoned(path: Path, now: float | None = None) -> bool:
    """Whether ``path``, a temporary file by its name, was left by a write that will never
    finish: its process is gone (and it is untouched for a few seconds), or it is untouched
    for an hour. A name of another pattern, or a file of another user, never is."""
    match = TEMP_PATTERN.fullmatch(path.name)
    if match is None and not LEGACY_PATTERN.fullmatch(path.name):
        return False
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_uid != getattr(os, "getuid", lambda: 0)():
        return False
    age = (time.time() if now is None else now) - info.st_mtime
    if age >= STALE_AFTER:
        return True
    return match is not None and age >= ABANDONED_AFTER and not _alive(int(match.group(1)))


def sweep(folder: Path) -> int:
    """Remove the abandoned temporary files directly in ``folder``; returns how many."""
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries if is_temp_name(entry.name)]
    except OSError:
        return 0
    now = time.time()
    return sum(1 for name in names if abandoned(folder / name, now) and discard(folder / name))


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":  # on Windows os.kill would end the process
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or this system cannot say: assume alive
        return True
    return True


def _create(folder: Path) -> tuple[Path, int]:
    if _removal_refused(folder):
        raise TempFileError(errno.EPERM, "the folder is append-only or immutable (chattr): "
                                         "a file there cannot be replaced")
    for _ in range(8):
        path = folder / temp_name()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FLAGS, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise TempFileError(exc.errno, exc.strerror or str(exc)) from None
        return path, fd
    raise TempFileError(errno.EEXIST, "no free temporary file name")


def _fill(fd: int, data: bytes, mode: int, owner: os.stat_result | None) -> None:
    """Write, set the mode and owner, and fsync; ``fd`` is closed whatever happens."""
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            _chmod(handle.fileno(), mode)
            _keep_owner(handle.fileno(), owner)
            os.fsync(handle.fileno())
    except OSError as exc:
        raise TempFileError(exc.errno, exc.strerror or str(exc)) from None


def _chmod(fd: int, mode: int) -> None:
    """The mode, by the open file (Windows has no ``fchmod``, nor modes to keep beyond
    read-only, which a save refuses before it starts)."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)


def _keep_owner(fd: int, owner: os.stat_result | None) -> None:
    """Give the new file the old one's owner and group (only root can, and only root must:
    otherwise saving someone's agent as root would leave them a file they cannot edit)."""
    if owner is None or not hasattr(os, "fchown"):
        return
    if (owner.st_uid, owner.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(PermissionError):
            os.fchown(fd, owner.st_uid, owner.st_gid)


def _removal_refused(folder: Path) -> bool:
    """True for an append-only or immutable folder (Linux ``chattr +a``/``+i``): a file made
    there could never be renamed over the target nor removed again, so none is made."""
    if not sys.platform.startswith("linux"):
        return False
    import fcntl

    request = 0x80006601 | (struct.calcsize("l") << 16)  # FS_IOC_GETFLAGS
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _FLAGS)
    except OSError:
        return False
    try:
        flags = struct.unpack("i", fcntl.ioctl(fd, request, struct.pack("i", 0)))[0]
    except OSError:  # a file system without these flags
        return False
    finally:
        os.close(fd)
    return bool(flags & (_APPEND_ONLY | _IMMUTABLE))
