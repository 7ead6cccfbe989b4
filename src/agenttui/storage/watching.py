"""Watching the agents folders for changes made outside agenttui (``watchfiles``).

``FolderWatch`` calls back once per batch of changes that may add, remove, rename or change an
agent file under the roots (debounced, so a save that writes a temporary file and renames it
is one batch); the caller reads the folders again (``rescan``). Folders are watched with their
subfolders; a file given as a root is watched through its folder, for that file only. A
place that cannot be watched (gone, no permission, the system's limit of watches reached)
ends the watch quietly: refreshing by hand still works.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agenttui.storage.atomic import is_temp_name
from agenttui.storage.discovery import Root

DEBOUNCE_MS = 250  # changes this close together are one batch (watchfiles' own is 1.6 s)
STEP_MS = 50  # how often the watching thread looks for changes, and for the stop


@dataclass(frozen=True)
class Targets:
    """What to watch: ``folders`` with their subfolders, ``files`` through their folder."""

    folders: tuple[Path, ...]
    files: tuple[Path, ...]

    @property
    def file_folders(self) -> tuple[Path, ...]:
        return tuple(dict.fromkeys(path.parent for path in self.files))


def targets(roots: Iterable[Root]) -> Targets:
    """The folders and files of ``roots`` that exist now (nothing else can be watched)."""
    folders: list[Path] = []
    files: list[Path] = []
    for root in roots:
        if os.path.isdir(root.path):
            folders.append(root.path)
        elif os.path.isdir(root.path.parent):
            files.append(root.path)
    return Targets(tuple(dict.fromkeys(folders)), tuple(dict.fromkeys(files)))


def relevant(path: str, files: Sequence[Path] = ()) -> bool:
    """Whether a change at ``path`` can change the agents: an agent file (``.md``, not
    hidden, not a temporary file of a save) or a folder of them; ``files`` are the roots
    that are files, the only ones that count in their folder when it is watched."""
    name = os.path.basename(path)
    if name.startswith(".") or is_temp_name(name):
        return False
    if files:
        return Path(path) in files
    return name[-3:].lower() == ".md" or "." not in name or os.path.isdir(path)


class FolderWatch:
    """Threads that call ``changed`` after each batch of relevant changes under ``roots``,
    until ``stop``. Plain threads rather than workers of the app: a watch never ends by
    itself, and the app's workers are what waiting for its work to be done waits for."""

    def __init__(self, roots: Iterable[Root], changed: Callable[[], object]) -> None:
        self.targets = targets(roots)
        self.changed = changed
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def watching(self) -> bool:
        """Whether a thread still watches (none when nothing could be watched)."""
        return any(thread.is_alive() for thread in self._threads)

    def start(self) -> None:
        found = self.targets
        for paths, files in ((found.folders, ()), (found.file_folders, found.files)):
            if paths:
                thread = threading.Thread(target=self._run, args=(paths, files),
                                          name="agenttui-watch", daemon=True)
                self._threads.append(thread)
                thread.start()

    def stop(self, wait: float = 1.0) -> None:
        """Stop watching; the threads end within ``STEP_MS`` (waited for up to ``wait``)."""
        self._stop.set()
        for thread in self._threads:
            thread.join(wait)

    def _run(self, paths: tuple[Path, ...], files: tuple[Path, ...]) -> None:
        from watchfiles import watch  # its Rust extension: loaded once the app is up

        def wanted(_change: Any, path: str) -> bool:
            return relevant(path, files)

        try:
            for _batch in watch(*paths, watch_filter=wanted, recursive=not files,
                                debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=self._stop):
                self.changed()
        except (OSError, RuntimeError):  # gone, no permission, out of watches (inotify's limit)
            return
