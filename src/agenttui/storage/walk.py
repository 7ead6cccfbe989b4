"""The walk of an agents folder: every ``.md`` file below it, within scope and within bounds.

A folder is never entered twice, so link cycles cannot hang the walk. A link to a file is
followed wherever it leads (agents linked from a dotfiles repository); a link to a folder
only when the folder is inside the agents folder (or a folder already followed) or directly
holds agent files, and never to the home folder, the repository holding the agents folder, the
agents folder itself, or above them. The walk stops at :data:`MAX_DEPTH` levels,
:data:`MAX_FOLDERS` folders and :data:`MAX_FILES` files. What it leaves out, and folders it
cannot read, are :class:`Skipped` warnings (at most :data:`MAX_NOTES` one by one, then a
count). Abandoned temporary files of agenttui's own (``atomic``) met on the way are removed
when the caller allows it.
"""

from __future__ import annotations

import itertools
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from agenttui.model.problems import Problem, warning
from agenttui.storage.atomic import abandoned, discard, is_temp_name
from agenttui.storage.scope_folders import home_dir

SKIPPED_FOLDERS = frozenset({".git", "node_modules", "__pycache__", ".venv"})
MAX_DEPTH = 16  # folder levels below an agents folder
MAX_FOLDERS = 20_000  # folders read under one root
MAX_FILES = 100_000  # agent files listed under one root
MAX_NOTES = 20  # skipped places reported one by one under one root; the rest are counted
Found = list[tuple[Path, PurePosixPath]]  # (file, its folder relative to the top)


@dataclass(frozen=True)
class Skipped:
    """A place discovery left out (or could not read), and the warning that says so."""

    path: Path
    problem: Problem


Notes = list[Skipped] | None  # where a caller wants the skipped places; None: not reported



def note(skipped: Notes, path: Path, code: str, message: str) -> None:
    if skipped is not None:
        skipped.append(Skipped(path, warning(code, message)))


def reason(exc: Exception) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    return str(exc)



def walk(top: Path, skipped: Notes = None, clean: bool = False) -> Found:
    """The ``.md`` files under the folder ``top``; ``clean`` removes abandoned leftovers."""
    found = _Walk(top, skipped)
    files = found.run()
    for leftover in found.leftovers if clean else ():
        if abandoned(leftover):
            discard(leftover)
    return files


class _Walk:
    """One bounded walk of a folder (see the module's docstring)."""

    def __init__(self, top: Path, skipped: Notes) -> None:
        self.top = top
        self.skipped = skipped
        real = os.path.realpath(top)
        self.inside = [real]  # real folders a link to a folder may lead into
        self.ceilings = [*_ceilings(real), ("the agents folder", real)]  # never to these or above
        self.seen: set[tuple[int, int]] = set()
        self.folders = 0
        self.files: Found = []
        self.leftovers: list[Path] = []
        self.dropped = 0  # agent files found past MAX_FILES
        self.notes = 0

    def run(self) -> Found:
        stack = [(self.top, PurePosixPath("."))]
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
                    files.append((child(folder, name), relative))  # 10,000 at every start
                else:
                    self._odd_file(folder, name)
        limit = self._limit()
        if limit is not None and (stack or self.dropped):
            self._report(self.top, "AT403", f"stopped after {limit} under "
                         f"{self.top}; agent files left out: {self.dropped:,}, "
                         f"folders not read: {len(stack):,}", counted=False)
        if self.notes > MAX_NOTES:
            self._report(self.top, "AT403", f"places skipped under {self.top} "
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
            self._report(folder, "AT401", f"cannot read the folder {folder}: {reason(exc)}")
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
        path = child(folder, entry.name)
        if _is_link(entry) and not self._may_follow(path):
            return
        if len(relative.parts) >= MAX_DEPTH:
            self._report(path, "AT403", f"not read: {path} is more than {MAX_DEPTH} folders "
                         f"below {self.top}")
            return
        stack.append((path, relative / entry.name))

    def _odd_file(self, folder: Path, name: str) -> None:
        """A file that is not listed: hidden (maybe a leftover of a save), not ``.md``, or
        an agent file past the bound."""
        if name.startswith("."):
            if is_temp_name(name):
                self.leftovers.append(child(folder, name))
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
        note(self.skipped, path, code, message)


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
            names = [e.name for e in itertools.islice(entries, look)
                     if is_md(e.name) and _is_regular(e)]
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


def _is_regular(entry: os.DirEntry[str]) -> bool:
    """A regular file (through links), known without opening it (a device may act on open)."""
    try:
        return entry.is_file()
    except OSError:
        return False


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return True


def child(folder: Path, name: str) -> Path:
    """``folder / name`` for a name from ``os.scandir``: pathlib's own shortcut for a name
    known to be one plain part (what its glob uses) where this Python has it, five times
    faster than parsing the name again; 10,000 files are listed at every start."""
    make = getattr(folder, "_make_child_relpath", None)
    return make(name) if make is not None else folder / name


def is_md(name: str) -> bool:
    return name.lower().endswith(".md") and not name.startswith(".")
