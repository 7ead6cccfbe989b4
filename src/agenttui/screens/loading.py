"""Loading the catalog without blocking: file names first, then parsed agents in batches."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.screen import Screen

from agenttui.catalog import Agent, Catalog, load_agent
from agenttui.storage.discovery import AgentFile, Root, list_agent_files
from agenttui.widgets.agent_tree import AgentTree

BATCH = 250


def bench_marker(name: str) -> None:
    """Record a moment for the benchmarks when ``AGENTTUI_BENCH_MARKERS`` names a file."""
    target = os.environ.get("AGENTTUI_BENCH_MARKERS")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{name} {time.monotonic()}\n")


class LoadingMixin(Screen[None]):
    """Fills ``catalog`` and the tree; the main screen provides the rest."""

    roots: list[Root]
    catalog: Catalog
    loading_progress: str = ""
    loaded: bool = False
    update_status: Callable[..., None]
    open_path: Callable[[Path], None]

    def start_loading(self) -> None:
        self._load_catalog()

    @work(thread=True, exclusive=True, group="load")
    def _load_catalog(self) -> None:
        files = [f for root in self.roots for f in list_agent_files(root)]
        self.app.call_from_thread(self._files_listed, files)
        for start in range(0, len(files), BATCH):
            batch = [load_agent(f) for f in files[start:start + BATCH]]
            self.app.call_from_thread(self._batch_loaded, batch, start + len(batch), len(files))
        self.app.call_from_thread(self._loading_finished)

    def _files_listed(self, files: list[AgentFile]) -> None:
        self.catalog.add(Agent(f, None, None) for f in files)
        self.query_one(AgentTree).load(self.roots, self.catalog.agents)
        self._progress(0, len(files))

    def _batch_loaded(self, batch: list[Agent], done: int, total: int) -> None:
        self.catalog.add(batch)
        self.query_one(AgentTree).refresh_agents(batch)
        self._progress(done, total)

    def _loading_finished(self) -> None:
        self.query_one(AgentTree).refresh_agents(self.catalog.agents)
        self.loading_progress = ""
        self.loaded = True
        self.update_status()
        bench_marker("loaded")
        if not self.catalog.agents:
            self.notify(_nothing_found(self.roots), title="No agents", timeout=10)
        elif len(self.catalog.agents) == 1:
            self.open_path(self.catalog.agents[0].path)

    def _progress(self, done: int, total: int) -> None:
        self.loading_progress = f"reading {done}/{total}…" if done < total else ""
        self.update_status()



def _nothing_found(roots: list[Root]) -> str:
    if not roots:
        return ("No .claude/agents folder from here upwards, in ~/.claude/agents, or in "
                "installed plugins. Run `agenttui PATH` on a folder of agent files.")
    return "No agent files (*.md) in " + ", ".join(str(r.path) for r in roots)
