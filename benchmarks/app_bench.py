"""The app under a pseudo-terminal: start-up, peak memory, filter latency and bytes written per
keystroke."""

from __future__ import annotations

import re
import shutil
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.cli_bench import agenttui_command, isolated_env
from benchmarks.pty_run import PtyApp, launch

BARE_APP = Path(__file__).with_name("bare_app.py")
CURSOR_DOWN = b"j"
WARM_UP_MOVES = 2  # a Tree repaints every row when its cursor first lands on one
FILTER = b"/"
# A cursor move to the first column of a row of the tree, below the 3-row filter box and
# above the status line and footer (at 120x40): the frame that shows the filtered rows. The
# echo of the key only writes the filter box; the frame after writes only scrollbars.
TREE_ROW = re.compile(rb"\x1b\[([4-9]|[1-2][0-9]|3[0-7]);1H")
WORD = "review"
ESCAPE = b"\x1b"  # clears the filter and goes back to the tree
OPEN = b"\r"
PROMPT_TAB = b"2"
TYPED = b"x"


@dataclass
class AppRun:
    """One start: seconds from launch to each moment the app reported, and its peak RSS."""

    cold: bool  # started with an empty parse cache
    first_byte: float | None
    first_frame: float | None
    listed: float | None  # every file has a row in the tree
    loaded: float | None  # every agent read and shown
    peak_rss_mb: float | None = None


@dataclass
class Interaction:
    """One session at the largest size: bytes written per key and filter latency."""

    first_moves_bytes: list[int] = field(default_factory=list)
    cursor_bytes: list[int] = field(default_factory=list)
    typed_bytes: list[int] = field(default_factory=list)
    filter_ms: list[float] = field(default_factory=list)  # key sent -> last byte it caused
    # key -> the frame with the tree's new rows; None for a key that changed no row
    filter_rows_ms: list[float | None] = field(default_factory=list)
    typed_ms: list[float] = field(default_factory=list)  # the same for the prompt editor
    peak_rss_mb: float | None = None


def start_times(argv: Sequence[str], home: Path, runs: int, wait_loaded: bool,
                cold_first: bool = False) -> list[AppRun]:
    """Launch ``argv`` ``runs`` times and time its first frame (and full load). With
    ``cold_first`` the first run starts with an empty parse cache, the later ones with the
    cache that run left."""
    results = []
    env = isolated_env(home)
    for index in range(runs):
        cold = cold_first and index == 0
        if cold:
            shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
        app = launch(argv, env, home / "markers.txt")
        results.append(_observe(app, wait_loaded, cold))
        app.settle(quiet=0.3)  # (the cold run writes its cache after `loaded`)
        app.quit()
        results[-1].peak_rss_mb = _mb(app.rusage_kb)
    return results


def _observe(app: PtyApp, wait_loaded: bool, cold: bool = False) -> AppRun:
    first_frame = app.wait_for("first-frame", 60)
    loaded = app.wait_for("loaded", 300) if wait_loaded else None
    if first_frame is None or (wait_loaded and loaded is None):
        app.quit(timeout=3)
        raise app.failure("the app did not report its first frame and `loaded`")
    first_byte = None if app.first_byte is None else app.first_byte - app.launched
    listed = app.wait_for("listed", 0) if wait_loaded else None
    return AppRun(cold, first_byte, first_frame, listed, loaded)


def app_argv(folder: Path) -> list[str]:
    return [*agenttui_command(), str(folder)]


def bare_argv(rows: int = 0) -> list[str]:
    return [sys.executable, str(BARE_APP), *(["--rows", str(rows)] if rows else [])]


def bare_filter(rows: int, home: Path) -> list[tuple[float, float]]:
    """The floor for a filter keystroke: for each key of WORD typed into the bare app's Input
    (above a Tree of ``rows`` rows; nothing else changes), milliseconds to its first frame
    (the key's echo) and to the last byte it caused."""
    app = launch(bare_argv(rows), isolated_env(home), home / "markers.txt")
    _observe(app, wait_loaded=False)
    app.settle(quiet=0.3)
    latencies = []
    for ch in WORD:
        chunks = app.bursts(ch.encode())
        if not chunks:
            raise app.failure(f"typing {ch!r} into the bare app drew nothing")
        latencies.append((chunks[0][0] * 1000, chunks[-1][0] * 1000))
        app.settle(quiet=0.3)
    app.quit(timeout=3)
    return latencies


def interaction(folder: Path, home: Path, repeats: int = 5) -> Interaction:
    """One start (warm cache), then: cursor moves in the tree; ``/`` and WORD typed into the
    filter, timing each key to the end of the frame it causes; escape; open the agent under
    the cursor, go to the prompt editor and type characters into it."""
    app = launch(app_argv(folder), isolated_env(home), home / "markers.txt")
    _observe(app, wait_loaded=True)
    app.settle()
    result = Interaction()
    result.first_moves_bytes = [app.response(CURSOR_DOWN)[1] for _ in range(WARM_UP_MOVES)]
    result.cursor_bytes = [app.response(CURSOR_DOWN)[1] for _ in range(repeats)]
    app.send(FILTER)
    app.settle(quiet=0.3)
    for ch in WORD:
        chunks = app.bursts(ch.encode())
        if not chunks:
            raise app.failure(f"typing {ch!r} into the filter drew nothing")
        rows = next((at for at, chunk in chunks if TREE_ROW.search(chunk)), None)
        result.filter_ms.append(chunks[-1][0] * 1000)
        result.filter_rows_ms.append(None if rows is None else rows * 1000)  # None: same rows
        app.settle(quiet=0.3)
    # escape the filter; enter the agent (the focus goes to its form); escape back to the
    # list, the agent still entered; `2`: the Prompt tab with the focus in its editor
    for keys in (ESCAPE, OPEN, ESCAPE, PROMPT_TAB):
        app.send(keys)
        app.settle(quiet=0.3)
    for _ in range(repeats):
        latency, written = app.response(TYPED)
        result.typed_bytes.append(written)
        if latency is not None:
            result.typed_ms.append(latency * 1000)
        app.settle(quiet=0.3)
    app.quit(timeout=3)  # (the agent is modified now: the app asks, and is killed)
    result.peak_rss_mb = _mb(app.rusage_kb)
    if not all(result.typed_bytes):
        raise app.failure("typing into the prompt editor drew nothing")
    return result


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _mb(kilobytes: int | None) -> float | None:
    return None if kilobytes is None else kilobytes / 1024
