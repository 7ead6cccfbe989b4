"""``list`` and ``validate`` answer the same from the parse cache as from parsing."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from benchmarks.synth import Mix, generate, generate_mixed

from agenttui import catalog
from agenttui.catalog import Agent, Catalog
from agenttui.cli import main
from agenttui.model.formats import DISCOVERED
from agenttui.storage.cache import ParseCache
from agenttui.storage.discovery import find_roots
from agenttui.storage.format_discovery import find_kind_roots
from tests.conftest import REPO

HOUR_AGO = time.time() - 3600


def _agents(tmp_path: Path) -> Path:
    folder = tmp_path / "agents"
    for made in generate(folder, 30, mix=Mix(one_line=0.1, continued=0.1, list_tools=0.2)):
        os.utime(made.path, (HOUR_AGO, HOUR_AGO))  # written long before it is looked up
    return folder


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    parsed: list[Path] = []
    real = catalog._summarize  # the reader of one file, for the command line and the app

    def counting(path: str) -> Any:
        parsed.append(Path(path))
        return real(path)

    monkeypatch.setattr(catalog, "_summarize", counting)
    return parsed


@pytest.mark.parametrize("command", [("list", "--json"), ("list",), ("validate",),
                                     ("validate", "--json")])
def test_a_second_run_is_served_from_the_cache_with_the_same_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        command: tuple[str, ...]) -> None:
    folder = _agents(tmp_path)
    parsed = _count_parses(monkeypatch)
    first = _run(capsys, *command, str(folder))
    assert len(parsed) == 30
    second = _run(capsys, *command, str(folder))
    assert len(parsed) == 30
    assert second == first


def test_a_changed_file_is_parsed_again(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _agents(tmp_path)
    _run(capsys, "list", str(folder))
    target = sorted(folder.glob("*.md"))[0]
    target.write_bytes(target.read_bytes().replace(b"\nmodel: ", b"\nmodel: opus\nx-old: ", 1))
    parsed = _count_parses(monkeypatch)
    _, out = _run(capsys, "validate", str(folder))
    assert parsed == [target]
    assert f"{target}:" in out and "x-old" in out


def test_cached_agents_say_what_parsed_agents_say(tmp_path: Path) -> None:
    roots = find_roots([str(_agents(tmp_path))])
    fresh = Catalog.load(roots)
    Catalog.load(roots, cache=ParseCache())
    cached = Catalog.load(roots, cache=ParseCache())
    assert all(agent.summary is not None and agent.document is None for agent in cached.agents)
    assert [_said(a) for a in cached.agents] == [_said(a) for a in fresh.agents]


def _said(agent: Agent) -> tuple[object, ...]:
    return (agent.path, agent.read_only, agent.name, agent.description, agent.tools,
            agent.fields.get("model"), agent.problems, agent.shadowed_by)


def _mixed(tmp_path: Path) -> Path:
    """The mixed sample (every kind, with its problems) and synthetic files of each kind."""
    folder = tmp_path / "mixed"
    shutil.copytree(REPO / "sample_agents_mixed", folder)
    generate_mixed(folder, 6, 3)
    for path in folder.rglob("*.md"):
        os.utime(path, (HOUR_AGO, HOUR_AGO))  # written long before it is looked up
    return folder


def _count_kind_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The files of other kinds than Claude Code's read by the reader of one file."""
    read: list[tuple[str, ...]] = []
    real = catalog._summarize

    def counting(work: Any) -> Any:
        if not isinstance(work, str):
            read.append(work)
        return real(work)

    monkeypatch.setattr(catalog, "_summarize", counting)
    return read


def _uncached(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line reading every file whole, with no parse cache."""
    real = Catalog.load

    def load(roots: Any, workers: int = 8, cache: Any = None) -> Catalog:
        return real(roots, workers)

    monkeypatch.setattr(Catalog, "load", load)


@pytest.mark.parametrize("command", ["list", "validate"])
def test_every_kind_answers_the_same_cold_warm_and_without_the_cache(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        command: str) -> None:
    folder = _mixed(tmp_path)
    argv = (command, "--json", "--kind", "all", str(folder))
    read = _count_kind_reads(monkeypatch)
    cold = _run(capsys, *argv)
    others = len(read)
    assert others >= 7 * 3 + 7  # every other kind's file was read once ...
    assert {work[1] for work in read} >= {"opencode-agent", "claude-skill", "cursor-agent"}
    warm = _run(capsys, *argv)
    assert len(read) == others  # ... and not again
    with monkeypatch.context() as patched:
        _uncached(patched)
        whole = _run(capsys, *argv)
    assert len(read) == others
    assert cold[0] == warm[0] == whole[0]
    entries = [json.loads(out) for out in (cold[1], warm[1], whole[1])]
    assert len(entries[0]) == len(list(folder.rglob("*.md")))
    assert any(entry["problems" if command == "validate" else "errors"]
               for entry in entries[0] if entry["kind"] != "claude-agent")
    for cold_entry, warm_entry, whole_entry in zip(*entries, strict=True):
        assert cold_entry == warm_entry == whole_entry  # field by field, problem by problem
    assert cold[1] == warm[1] == whole[1]


def test_cached_files_of_other_kinds_say_what_their_full_reading_says(tmp_path: Path) -> None:
    roots = find_kind_roots(DISCOVERED, [str(_mixed(tmp_path))], cwd=tmp_path)
    whole = Catalog.load(roots)
    Catalog.load(roots, cache=ParseCache())
    cached = Catalog.load(roots, cache=ParseCache())
    assert {a.kind for a in cached.agents} == set(DISCOVERED)
    assert all(a.summary is not None and a.document is None for a in cached.agents)
    assert [_kind_said(a) for a in cached.agents] == [_kind_said(a) for a in whole.agents]


def _kind_said(agent: Agent) -> tuple[object, ...]:
    return (*_said(agent), agent.kind, agent.qualified_name, agent.claude_code,
            agent.errors, agent.warnings)


def test_a_file_read_as_two_kinds_keeps_two_entries(tmp_path: Path) -> None:
    """The same file given as OpenCode's agent and as Cursor's: each reading its own."""
    path = _mixed(tmp_path) / ".opencode" / "agents" / "team" / "reviewer.md"
    opencode = find_kind_roots(["opencode-agent"], [str(path)], cwd=tmp_path)
    cursor = find_kind_roots(["cursor-agent"], [str(path)], cwd=tmp_path)
    for roots in (opencode, cursor, opencode, cursor):
        cache = ParseCache()
        [agent] = Catalog.load(roots, cache=cache).agents
        [whole] = Catalog.load(roots).agents
        assert agent.kind == whole.kind == roots[0].kind
        assert agent.problems == whole.problems


def test_the_pool_reads_other_kinds_as_one_process_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    roots = find_kind_roots(DISCOVERED, [str(_mixed(tmp_path))], cwd=tmp_path)
    alone = Catalog.load(roots, cache=ParseCache(tmp_path / "alone.json"))
    monkeypatch.setattr(catalog, "PARALLEL_MIN", 2)
    pooled = Catalog.load(roots, cache=ParseCache(tmp_path / "pooled.json"))
    assert [_kind_said(a) for a in pooled.agents] == [_kind_said(a) for a in alone.agents]
    assert ParseCache(tmp_path / "pooled.json")._entries.keys() == \
        ParseCache(tmp_path / "alone.json")._entries.keys()
