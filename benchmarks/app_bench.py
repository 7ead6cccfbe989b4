"""The app under a pseudo-terminal: start-up, peak memory and bytes written per keystroke."""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.cli_bench import agenttui_command, isolated_env
from benchmarks.pty_run import PtyApp, launch

BARE_APP = Path(__file__).with_name("bare_app.py")
CURSOR_DOWN = b"j"
TO_BODY = b"\t\t"  # from the tree to the body editor
TYPED = b"x"
WINDOW = 1.0  # seconds of output counted after a key (and, before it, of idle output)


@dataclass
class AppRun:
    first_byte: float | None
    first_frame: float | None
    loaded: float | None
    peak_rss_mb: float | None
    cursor_bytes: int | None = None
    typed_bytes: int | None = None


def start_times(argv: Sequence[str], home: Path, runs: int, wait_loaded: bool) -> list[AppRun]:
    """Launch ``argv`` ``runs`` times and time its first frame (and full load)."""
    results = []
    for _ in range(runs):
        app = launch(argv, isolated_env(home), home / "markers.txt")
        results.append(_observe(app, wait_loaded))
        app.quit()
        results[-1].peak_rss_mb = _mb(app.rusage_kb)
    return results


def _observe(app: PtyApp, wait_loaded: bool) -> AppRun:
    first_frame = app.wait_for("first-frame", 60)
    loaded = app.wait_for("loaded", 120) if wait_loaded else None
    if first_frame is None or (wait_loaded and loaded is None):
        app.quit(timeout=3)
        raise app.failure("the app did not report its first frame and `loaded`")
    first_byte = None if app.first_byte is None else app.first_byte - app.launched
    return AppRun(first_byte, first_frame, loaded, None)


def app_argv(folder: Path) -> list[str]:
    return [*agenttui_command(), str(folder)]


def bare_argv() -> list[str]:
    return [sys.executable, str(BARE_APP)]


def keystroke_bytes(folder: Path, home: Path, repeats: int = 3) -> AppRun:
    """One full start, then bytes written per cursor move and per typed body character."""
    app = launch(app_argv(folder), isolated_env(home), home / "markers.txt")
    run = _observe(app, wait_loaded=True)
    app.settle()
    run.cursor_bytes = _per_key(app, CURSOR_DOWN, repeats)
    app.send(TO_BODY)
    app.settle()
    run.typed_bytes = _per_key(app, TYPED, repeats)
    app.quit(timeout=3)
    run.peak_rss_mb = _mb(app.rusage_kb)
    return run


def _per_key(app: PtyApp, key: bytes, repeats: int) -> int:
    """Median over ``repeats`` of the bytes written after ``key``, less the idle output (a
    blinking cursor) counted over as long a window just before."""
    counts = []
    for _ in range(repeats):
        idle = app.pump(WINDOW)
        app.send(key)
        counts.append(max(0, app.pump(WINDOW) - idle))
    return int(statistics.median(counts))


def _mb(kilobytes: int | None) -> float | None:
    return None if kilobytes is None else kilobytes / 1024
