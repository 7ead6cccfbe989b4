"""The tree's share of a filter keystroke, in process: ``AgentTree.set_filter`` on each prefix
of a word plus the repaint of the tree's visible lines, timed directly (Pilot's ``press`` and
``pause`` wait for the app to look idle, tens of milliseconds each, so they cannot time this).
The whole keystroke, key to frame on the terminal, is timed under a pseudo-terminal in
``app_bench.interaction``."""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.geometry import Region
from textual.pilot import Pilot

from benchmarks.app_bench import WORD
from benchmarks.cli_bench import isolated_env
from benchmarks.pty_run import MARKERS_VAR

SIZE = (120, 40)
IDLE = 2.0  # seconds between `loaded` and the first key (the tree prepares search texts)


@dataclass(frozen=True)
class FilterTiming:
    milliseconds: list[float]
    shown: list[int]  # agents matching each prefix

    @property
    def median_ms(self) -> float:
        return statistics.median(self.milliseconds)

    @property
    def worst_ms(self) -> float:
        return max(self.milliseconds)


def filter_timing(folder: Path, home: Path, word: str = WORD,
                  timeout: float = 300.0) -> FilterTiming:
    """Open ``folder`` in the app (with HOME and the caches under ``home``), wait until every
    agent is listed, then filter by each prefix of ``word`` and then by nothing."""
    return asyncio.run(_filter_timing(folder, home, word, timeout))


async def _filter_timing(folder: Path, home: Path, word: str, timeout: float) -> FilterTiming:
    from agenttui.widgets.agent_tree import AgentTree

    async with loaded_app(folder, home, timeout) as (app, pilot):
        await asyncio.sleep(IDLE)
        tree = app.screen.query_one(AgentTree)
        visible = Region(0, 0, tree.size.width, tree.size.height)
        timings, shown = [], []
        for query in [word[:end] for end in range(1, len(word) + 1)] + [""]:
            start = time.perf_counter()
            shown.append(tree.set_filter(query))
            tree.render_lines(visible)
            timings.append((time.perf_counter() - start) * 1000)
            await pilot.pause()
    return FilterTiming(timings, shown)


@contextlib.asynccontextmanager
async def loaded_app(folder: Path, home: Path,
                     timeout: float) -> AsyncIterator[tuple[Any, Pilot[Any]]]:
    """The app on ``folder`` under Pilot, with HOME and the caches in ``home`` (the process's
    environment put back after), once it has reported every agent ``loaded``."""
    from agenttui.app import make_app

    saved = dict(os.environ)
    with tempfile.TemporaryDirectory() as scratch:
        markers = Path(scratch) / "markers.txt"
        os.environ.update(isolated_env(home), **{MARKERS_VAR: str(markers)})
        try:
            app = make_app([str(folder)])
            async with app.run_test(size=SIZE) as pilot:
                await _wait_loaded(pilot, markers, timeout)
                yield app, pilot
        finally:
            os.environ.clear()
            os.environ.update(saved)


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
