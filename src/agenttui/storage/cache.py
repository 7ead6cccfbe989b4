"""A cache of what parsing agent files found, so repeated lookups skip the parsing.

Entries are JSON values (whatever the caller derives from a file: fields, problems, ...) keyed
by the file's path (and for a reading other than Claude Code's, its kind: ``kind_key``) and
kept in one file in the user cache folder. An entry is used only while the file's size,
mtime_ns, ctime_ns and inode are those recorded, and only when the file had not been modified
in the second before it was parsed (a write landing in the same clock tick as the parse could
otherwise go unnoticed; such entries are parsed again next time).
A cache that cannot be read or written is ignored: it only ever costs a re-parse.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import Any

import platformdirs

from agenttui import __version__
from agenttui.model.problems import Problem, Severity
from agenttui.storage.atomic import replace_atomic

FORMAT = 2  # 2: summaries hold Claude Code's verdict
RACY_NS = 1_000_000_000
Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def default_path() -> Path:
    """``<user cache dir>/agenttui/parsed-<version>.json``; a new version starts empty."""
    folder = Path(platformdirs.user_cache_dir("agenttui", appauthor=False))
    return folder / f"parsed-{__version__}-{FORMAT}.json"


def kind_key(path: Path, *reading: str) -> str:
    """The key of ``path`` read another way than as a Claude Code agent (its kind, and what
    else the reading depends on): the path, then each part after a NUL, which no path holds,
    so one file read as two kinds has two entries and ``prune`` still finds it by path."""
    return "\0".join([str(path), *reading])


def stamp(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class ParseCache:
    """Cached values by file; ``get`` misses on any change, ``save`` writes atomically."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self._entries: dict[str, list[Any]] = self._read()
        self._changed = False

    def _read(self) -> dict[str, list[Any]]:
        try:
            entries = _loads(self.path.read_bytes())
        except (OSError, ValueError, RecursionError):  # RecursionError: absurdly nested
            return {}
        return entries if isinstance(entries, dict) else {}

    def get(self, path: Path, info: os.stat_result, key: str | None = None) -> Any | None:
        """The value stored for ``path`` (under ``key``, by default the path's text) when the
        file is unchanged since, else None."""
        entry = self._entries.get(str(path) if key is None else key)
        if not isinstance(entry, list) or len(entry) != 3:
            return None
        recorded, parsed_at, value = entry
        current = stamp(info)
        if not isinstance(parsed_at, int) or recorded != list(current) \
                or current[1] > parsed_at - RACY_NS:
            return None
        return value

    def put(self, path: Path, info: os.stat_result, value: Any, parsed_at: int, *,
            checked: bool = False) -> None:
        """Remember ``value`` for ``path`` as it was (``info``) when parsed at ``parsed_at``
        (``time.time_ns()`` taken before reading the file). A value JSON cannot hold as it
        is (a mapping with number keys, an integer beyond 64 bits, NaN) is not remembered: a
        lookup must find exactly what parsing found. ``checked``: the caller has made sure
        with ``keeps`` (a reading process does, so the process saving the cache need not)."""
        if not checked and not keeps(value):
            self._entries.pop(str(path), None)
            return
        self.remember(str(path), stamp(info), value, parsed_at)

    def remember(self, key: str, recorded: Stamp, value: Any, parsed_at: int) -> None:
        """``put`` for a value the caller knows JSON keeps, by the path's text and stamp."""
        self._entries[key] = [list(recorded), parsed_at, value]
        self._changed = True

    def prune(self, folders: list[Path], seen: set[str]) -> None:
        """Forget files under ``folders`` whose paths are not in ``seen`` (deleted or renamed
        since), under every key (``kind_key``)."""
        prefixes = tuple(os.path.join(str(folder), "") for folder in folders)
        stale = [key for key in self._entries if key.startswith(prefixes)
                 and key.partition("\0")[0] not in seen]
        for key in stale:
            del self._entries[key]
        self._changed = self._changed or bool(stale)

    def save(self) -> None:
        """Write the cache if it changed; failures are ignored (the cache is optional)."""
        if not self._changed:
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            replace_atomic(self.path, _dumps(self._entries))
            self._changed = False


SMALL_ENTRIES = 200  # below this, and below SMALL_BYTES, the standard library's JSON is used
SMALL_BYTES = 256 * 1024


def _dumps(value: Any) -> bytes:
    """JSON by orjson (a 15 MB cache in a third of the time), or by the standard encoder for
    a small value (importing orjson takes longer than encoding it) and for what orjson
    refuses: a path that is not UTF-8 holds lone surrogates, which it rejects."""
    if isinstance(value, (dict, list)) and len(value) < SMALL_ENTRIES:
        return json.dumps(value, separators=(",", ":")).encode("ascii")
    import orjson  # ~20 ms to import: not on the app's way to its first frame

    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        return json.dumps(value).encode("ascii")


def _loads(data: bytes) -> Any:
    if len(data) < SMALL_BYTES:
        return json.loads(data)
    import orjson

    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:  # a lone surrogate escaped by the standard encoder
        return json.loads(data)


def keeps(value: Any) -> bool:
    """Whether JSON holds ``value`` exactly, as the cache must."""
    try:
        return bool(_loads(_dumps(value)) == value)
    except (TypeError, ValueError):
        return False


def problem_record(problem: Problem) -> list[Any]:
    """A problem as a JSON list (every attribute, in order)."""
    return [problem.severity.value, problem.code, problem.message, problem.line, problem.field,
            problem.column]


def problem_from_record(record: list[Any]) -> Problem:
    """The problem ``problem_record`` wrote; ValueError or TypeError for anything else (a
    damaged cache file)."""
    severity, code, message, line, field, column = record
    if not (isinstance(code, str) and isinstance(message, str) and _optional(line, int)
            and _optional(field, str) and _optional(column, int)):
        raise ValueError(f"not a problem record: {record!r:.80}")
    return Problem(Severity(severity), code, message, line, field, column)


def _optional(value: Any, kind: type) -> bool:
    return value is None or (isinstance(value, kind) and not isinstance(value, bool))


def now_ns() -> int:
    """The time to pass to ``put``: take it before reading the file."""
    return time.time_ns()
