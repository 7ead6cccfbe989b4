"""How soon a change made outside the app shows: a file written into a watched folder, from
the write to its row in the tree (the folder watch, its debounce, the rescan in a worker and
the tree's update), in process under Pilot. Run: ``python -m benchmarks.watch_bench N``."""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.filter_bench import loaded_app
from benchmarks.synth import generate

AGENT = "---\nname: {name}\ndescription: Written outside.\n---\nBody.\n"


def change_to_row(folder: Path, home: Path, repeats: int = 5,
                  timeout: float = 300.0) -> list[float]:
    """Seconds from each of ``repeats`` new files written to its row shown."""
    return asyncio.run(_change_to_row(folder, home, repeats, timeout))


async def _change_to_row(folder: Path, home: Path, repeats: int,
                         timeout: float) -> list[float]:
    from agenttui.widgets.agent_tree import AgentTree

    async with loaded_app(folder, home, timeout) as (app, _pilot):
        await asyncio.sleep(1.0)  # the watch starts once loaded
        tree = app.screen.query_one(AgentTree)
        seconds = []
        for n in range(repeats):
            path = folder / f"outside-{n}.md"
            start = time.perf_counter()
            path.write_text(AGENT.format(name=f"outside-{n}"))
            while path not in tree.visible_paths:
                await asyncio.sleep(0.005)
            seconds.append(time.perf_counter() - start)
            await asyncio.sleep(0.5)
    return seconds


def main(argv: list[str]) -> int:
    for count in map(int, argv or ["360"]):
        with tempfile.TemporaryDirectory() as scratch:
            folder, home = Path(scratch) / "agents", Path(scratch) / "home"
            generate(folder, count)
            times = change_to_row(folder, home)
            print(f"{count} agents: write to row median {statistics.median(times) * 1000:.0f} "
                  f"ms, worst {max(times) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
