"""One loading pipeline: ``load_in_steps`` serves the app's worker and ``Catalog.load``."""

from __future__ import annotations

import os
import time
from pathlib import Path

from agenttui.catalog import Catalog, load_in_steps
from agenttui.storage.cache import ParseCache
from agenttui.storage.discovery import Root, Scope


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "agents"
    folder.mkdir()
    for index in range(count):
        (folder / f"agent-{index}.md").write_text(
            f"---\nname: agent-{index}\ndescription: Agent {index}.\n---\nBody.\n")
        hour_ago = time.time() - 3600  # written long before (the cache trusts settled files)
        os.utime(folder / f"agent-{index}.md", (hour_ago, hour_ago))
    return folder


def test_the_first_step_lists_every_file_then_batches_read_them(tmp_path: Path) -> None:
    roots = [Root(Scope.PATH, _folder(tmp_path, 5))]
    steps = list(load_in_steps(roots, ParseCache(), batch=2))
    first, *rest = steps
    assert first.first and len(first.agents) == 5 and first.done == 0
    assert all(a.summary is None for a in first.agents)  # by file name, until read
    assert [len(s.agents) for s in rest] == [2, 2, 1]
    assert [s.done for s in rest] == [2, 4, 5] and rest[-1].complete


def test_a_second_load_comes_whole_from_the_cache(tmp_path: Path) -> None:
    roots = [Root(Scope.PATH, _folder(tmp_path, 3))]
    list(load_in_steps(roots, ParseCache()))
    [only] = list(load_in_steps(roots, ParseCache()))
    assert only.first and only.complete
    assert sorted(a.name or "" for a in only.agents) == ["agent-0", "agent-1", "agent-2"]


def test_catalog_load_over_the_cache_reads_the_same_agents_in_order(tmp_path: Path) -> None:
    roots = [Root(Scope.PATH, _folder(tmp_path, 4))]
    cold = Catalog.load(roots, cache=ParseCache())
    warm = Catalog.load(roots, cache=ParseCache())
    assert [a.name for a in cold.agents] == [a.name for a in warm.agents] == [
        f"agent-{i}" for i in range(4)]
