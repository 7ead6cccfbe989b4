"""``list`` and ``validate`` answer the same from the parse cache as from parsing."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from benchmarks.synth import Mix, generate

from agenttui import catalog
from agenttui.catalog import Agent, Catalog
from agenttui.cli import main
from agenttui.storage.cache import ParseCache
from agenttui.storage.discovery import find_roots

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
