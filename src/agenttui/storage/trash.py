"""agenttui's trash: deleted agent files kept so the last deletions can be restored.

The trash is the folder ``trash`` in agenttui's data folder (``platformdirs.user_data_dir``,
or ``$AGENTTUI_DATA_DIR`` when set). Each deleted file is moved there under a unique name and
recorded in ``index.json`` with the path it came from and when. Only the last
:data:`KEEP` deletions are kept; older copies are removed when a new one arrives.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from agenttui.storage.atomic import replace_atomic
from agenttui.storage.paths import MAX_NAME_BYTES
from agenttui.storage.transfer import OperationError, move_file, reason

ENV_VAR = "AGENTTUI_DATA_DIR"
KEEP = 50
FORMAT = 1


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """agenttui's data folder: ``$AGENTTUI_DATA_DIR`` or the platform's user data folder."""
    override = (os.environ if env is None else env).get(ENV_VAR)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("agenttui", appauthor=False))


@dataclass(frozen=True)
class TrashEntry:
    """One deleted file: where it was, where its copy is kept, and when it was deleted."""

    id: str
    original: Path
    stored: Path
    deleted_at: float

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "original": str(self.original), "stored": self.stored.name,
                "deleted_at": self.deleted_at}


class Trash:
    """The trash folder and its index; every change to both happens together or not at all."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "trash"

    @property
    def index_path(self) -> Path:
        return self.folder / "index.json"

    def entries(self) -> list[TrashEntry]:
        """The deletions that can be restored, oldest first."""
        try:
            raw = json.loads(self.index_path.read_bytes())
        except FileNotFoundError:
            return []
        except (OSError, ValueError, RecursionError) as exc:
            raise OperationError(f"cannot read the trash index {self.index_path}: {exc}") from None
        items = raw.get("entries", []) if isinstance(raw, dict) else []
        return [entry for item in items if (entry := self._entry(item)) is not None]

    def latest(self) -> TrashEntry | None:
        entries = self.entries()
        return entries[-1] if entries else None

    def put(self, path: Path) -> TrashEntry:
        """Record ``path`` in the index, then move it into the trash: a process killed in
        between leaves the file where it was (and an entry ``take`` finds empty), never a
        copy in the trash that the index does not know."""
        self._make_folder()
        entry_id = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"
        entry = TrashEntry(entry_id, Path(os.path.abspath(path)),
                           self.folder / _stored_name(entry_id, path.name), time.time())
        before, had_index = self.entries(), os.path.lexists(self.index_path)
        self._write([*before, entry])
        try:
            move_file(path, entry.stored)
        except OperationError:
            self._unrecord(before, had_index)
            raise
        self._prune([*before, entry])
        return entry

    def take(self, entry: TrashEntry) -> None:
        """Put ``entry``'s file back where it was, then drop it from the index (killed in
        between, the entry is found empty later); refused when that name is taken again."""
        if not os.path.lexists(entry.stored):
            self._write([e for e in self.entries() if e.id != entry.id])
            raise OperationError(f"the deleted copy of {entry.original} is no longer in the trash")
        if os.path.lexists(entry.original):
            raise OperationError(f"{entry.original} exists again; nothing was restored "
                                 "(the deleted copy stays in the trash)")
        if not os.path.isdir(entry.original.parent):
            raise OperationError(f"cannot restore {entry.original}: its folder is gone")
        remaining = [e for e in self.entries() if e.id != entry.id]
        move_file(entry.stored, entry.original)
        try:
            self._write(remaining)
        except OperationError:
            move_file(entry.original, entry.stored)
            raise

    def _unrecord(self, before: list[TrashEntry], had_index: bool) -> None:
        """Put the index back as it was (best effort: an entry without a copy is harmless)."""
        with contextlib.suppress(OperationError, OSError):
            if had_index:
                self._write(before)
            else:
                os.unlink(self.index_path)

    def _entry(self, item: Any) -> TrashEntry | None:
        """One entry of the index, or None for what no deletion wrote (a damaged index):
        paths that are not absolute or hold a NUL (which no system call takes)."""
        if not isinstance(item, dict):
            return None
        try:
            original, stored = str(item["original"]), Path(str(item["stored"])).name
            if "\0" in original + stored or not os.path.isabs(original) or not stored:
                return None
            return TrashEntry(str(item["id"]), Path(original), self.folder / stored,
                              _time(item["deleted_at"]))
        except (KeyError, TypeError, ValueError):
            return None

    def _make_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise OperationError(f"cannot create the trash folder {self.folder}: "
                                 f"{reason(exc)}") from None

    def _write(self, entries: list[TrashEntry]) -> None:
        """Replace the index; ASCII JSON, so a path that is not UTF-8 (held by Python as
        lone surrogates) is kept as ``\\udcff`` and read back exactly."""
        text = json.dumps({"format": FORMAT, "entries": [e.to_json() for e in entries[-KEEP:]]},
                          indent=1)
        try:
            replace_atomic(self.index_path, text.encode("ascii"))
        except OSError as exc:
            raise self._index_error(exc) from None

    def _index_error(self, exc: OSError) -> OperationError:
        return OperationError(f"cannot write the trash index {self.index_path}: {reason(exc)}")

    def _prune(self, entries: list[TrashEntry]) -> None:
        """Remove the copies that fell out of the index (best effort: they are only extra)."""
        for old in entries[:-KEEP]:
            with contextlib.suppress(OSError):
                os.unlink(old.stored)


def _stored_name(entry_id: str, name: str) -> str:
    """``<id>-<name>``, the name cut to fit the 255 bytes a file name may have (the index
    keeps the original path: the stored name only helps someone looking in the folder)."""
    room = MAX_NAME_BYTES - len(entry_id) - 1
    return f"{entry_id}-{os.fsdecode(os.fsencode(name)[:room])}"


def _time(value: Any) -> float:
    """A deletion time from the index: a number a clock can show, else 0 (the epoch)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("not a time")
    seconds = float(value) if abs(value) < 1e12 else 0.0
    return seconds if math.isfinite(seconds) and seconds >= 0 else 0.0
