"""Loading the catalog without blocking: file names first, then parsed agents in batches."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.screen import Screen

from agenttui.catalog import Agent, Catalog, prune_cache, read_summaries, split_cached
from agenttui.storage.cache import ParseCache
from agenttui.storage.discovery import Root, list_agent_files
from agenttui.widgets.agent_tree import AgentTree

BATCH = 1000
BATCH_SECONDS = 0.2


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
        """List the files; show at once every agent the parse cache knows unchanged (the
        others by file name); then read the others, sending a batch every ``BATCH`` files or
        ``BATCH_SECONDS``, whichever comes first."""
        files = [f for root in self.roots for f in list_agent_files(root)]
        cache = ParseCache()
        known, unread = split_cached(files, cache)
        self.app.call_from_thread(self._files_listed, [
            agent or Agent(f, None, None) for f, agent in zip(files, known, strict=True)],
            not unread)
        done, batch, sent = len(files) - len(unread), [], time.monotonic()
        for agent in read_summaries(unread, cache):
            batch.append(agent)
            if len(batch) >= BATCH or time.monotonic() - sent > BATCH_SECONDS:
                done += len(batch)
                self.app.call_from_thread(self._batch_loaded, batch, done, len(files))
                batch, sent = [], time.monotonic()
        if batch:
            self.app.call_from_thread(self._batch_loaded, batch, len(files), len(files))
        if unread:
            self.app.call_from_thread(self._loading_finished, True)
        prune_cache(cache, self.roots, files)
        cache.save()  # after the tree is complete: writing 10,000 entries takes ~0.5 s

    def _files_listed(self, agents: list[Agent], complete: bool) -> None:
        self.catalog.add(agents)
        self.query_one(AgentTree).load(self.roots, self.catalog.agents)
        bench_marker("listed")  # every file has its row (by file name until it is read)
        if complete:  # every agent came from the cache
            self._loading_finished(False)
        else:
            self._progress(sum(1 for a in agents if a.summary is not None), len(agents))

    def _batch_loaded(self, batch: list[Agent], done: int, total: int) -> None:
        self.catalog.add(batch)
        self.query_one(AgentTree).refresh_agents(batch)
        self._progress(done, total)

    def _loading_finished(self, read_some: bool) -> None:
        if read_some:  # names read since may have changed earlier rows' cross-file problems
            self.query_one(AgentTree).refresh_agents(self.catalog.agents)
        self.loading_progress = ""
        self.loaded = True
        self.update_status()
        bench_marker("loaded")
        # The catalog and the tree now live as long as the app: take them (and the rest of
        # what is alive) out of the cyclic collector's walks. At 10,000 agents its full
        # passes took 100-300 ms and fell on keystrokes; freed objects are still freed.
        gc.freeze()
        if not self.catalog.agents:
            self.notify(_nothing_found(self.roots), title="No agents", timeout=10)
        elif len(self.catalog.agents) == 1:
            self.open_path(self.catalog.agents[0].path)

    def on_unmount(self) -> None:
        gc.unfreeze()  # what the load froze may be garbage once this screen is gone

    def _progress(self, done: int, total: int) -> None:
        self.loading_progress = f"reading {done}/{total}…" if done < total else ""
        self.update_status()



def _nothing_found(roots: list[Root]) -> str:
    if not roots:
        return ("No .claude/agents folder from here upwards, in ~/.claude/agents, or in "
                "installed plugins. Run `agenttui PATH` on a folder of agent files.")
    return "No agent files (*.md) in " + ", ".join(str(r.path) for r in roots)
