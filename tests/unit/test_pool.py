"""Reading many files in worker processes gives what reading them here gives, in order, and
survives a pool that cannot start or a worker that dies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from benchmarks.synth import Mix, generate

from agenttui import catalog, pool
from agenttui.storage.cache import ParseCache
from agenttui.storage.discovery import find_roots, list_agent_files

PARENT = os.getpid()


def _square_or_die(n: int) -> int:
    if n == 7 and os.getpid() != PARENT:
        os._exit(3)  # a worker killed mid-task (out of memory, a signal)
    return n * n


def _files(tmp_path: Path) -> list[catalog.AgentFile]:
    generate(tmp_path / "agents", 80, mix=Mix(one_line=0.1, continued=0.1, crlf=0.1))
    roots = find_roots([str(tmp_path / "agents")], cwd=tmp_path, env={})
    return [f for root in roots for f in list_agent_files(root)]


def _same(one: catalog.Agent, other: catalog.Agent) -> bool:
    return (one.path, one.summary, one.base_problems) == (other.path, other.summary,
                                                          other.base_problems)


@pytest.mark.skipif(pool.usable_cpus() < 2, reason="one CPU: the pool is never used")
def test_worker_processes_read_what_this_process_reads(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files(tmp_path)
    here = list(catalog.read_summaries(files, ParseCache(tmp_path / "a.json")))
    monkeypatch.setattr(catalog, "PARALLEL_MIN", 1)
    cache = ParseCache(tmp_path / "b.json")
    pooled = list(catalog.read_summaries(files, cache))
    assert len(pooled) == len(files) == 80
    assert all(_same(a, b) for a, b in zip(here, pooled, strict=True))
    assert cache._entries.keys() == {str(f.path) for f in files}


@pytest.mark.skipif(pool.usable_cpus() < 2, reason="one CPU: the pool is never used")
def test_a_dead_worker_leaves_the_rest_to_this_process() -> None:
    assert list(pool.map_in_order(_square_or_die, list(range(100)), 1)) == [
        n * n for n in range(100)]


def test_without_a_pool_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "_executor", lambda count, minimum: None)
    assert list(pool.map_in_order(_square_or_die, [1, 2, 3], 1)) == [1, 4, 9]
    monkeypatch.undo()
    assert pool._executor(10, 400) is None  # too few to pay for a pool
