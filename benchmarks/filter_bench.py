"""Time per keystroke of the tree filter, in process, driven by Textual's Pilot."""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from benchmarks.pty_run import MARKERS_VAR

WORD = "review"
SIZE = (120, 40)


@dataclass(frozen=True)
class FilterTiming:
    median_ms: float
    worst_ms: float
    keys: int


def filter_timing(folder: Path, word: str = WORD, timeout: float = 120.0) -> FilterTiming:
    """Open ``folder`` in the app, wait until every agent is listed, then type ``/`` and
    ``word``, timing each key press until the app has handled it and repainted."""
    return asyncio.run(_filter_timing(folder, word, timeout))


async def _filter_timing(folder: Path, word: str, timeout: float) -> FilterTiming:
    from agenttui.app import make_app

    with tempfile.TemporaryDirectory() as scratch:
        markers = Path(scratch) / "markers.txt"
        os.environ[MARKERS_VAR] = str(markers)
        try:
            app = make_app([str(folder)])
            async with app.run_test(size=SIZE) as pilot:
                await _wait_loaded(pilot, markers, timeout)
                await pilot.press("slash")
                await pilot.pause()
                timings = [await _timed_press(pilot, key) for key in word]
        finally:
            del os.environ[MARKERS_VAR]
    return FilterTiming(statistics.median(timings), max(timings), len(timings))


async def _wait_loaded(pilot: Pilot[Any], markers: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while "loaded" not in _events(markers):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the app did not report `loaded` within {timeout:.0f} s")
        await asyncio.sleep(0.05)
    await pilot.pause()


def _events(markers: Path) -> set[str]:
    if not markers.exists():
        return set()
    return {line.split(" ", 1)[0] for line in markers.read_text().splitlines()}


async def _timed_press(pilot: Pilot[Any], key: str) -> float:
    start = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    return (time.perf_counter() - start) * 1000
