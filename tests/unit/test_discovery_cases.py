"""Where agents are found and which one a name resolves to: each case in tests/data/discovery
is a tree of files, a working directory and what Claude Code's precedence makes of them.

A case's ``tree`` maps paths (below a temporary folder) to an agent's name, ``null`` for a
folder (a path ending in ``/``), or ``{"text": ...}`` for a file's text (``{root}`` is the
temporary folder). ``roots`` are the scopes discovered from ``cwd``, ``shadowed`` which file
hides which, ``errors`` the cross-file error codes, ``lookups`` what ``show NAME`` opens (a
path, or an error's words) and ``writes`` what ``set NAME`` refuses. HOME is ``home``,
the managed settings folder ``managed``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from agenttui.catalog import Catalog
from agenttui.storage.discovery import find_roots
from tests.unit.hostile_helpers import cli

CASES = sorted((Path(__file__).parents[1] / "data" / "discovery").glob("*.json"))
AGENT = "---\nname: {name}\ndescription: Reviews code.\n---\nBody.\n"


def build(case: dict[str, Any], root: Path) -> None:
    for relative, content in case["tree"].items():
        path = root / relative
        if content is None:
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content["text"] if isinstance(content, dict) else AGENT.format(name=content)
        path.write_text(text.replace("{root}", str(root)))


@pytest.fixture(params=CASES, ids=[c.stem for c in CASES])
def case(request: pytest.FixtureRequest, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], Path]:
    said: dict[str, Any] = json.loads(request.param.read_text())
    build(said, tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(tmp_path / "home" / ".claude"))
    monkeypatch.setenv("AGENTTUI_MANAGED_DIR", str(tmp_path / "managed"))
    cwd = tmp_path / said["cwd"]
    cwd.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(cwd)
    return said, tmp_path


def test_the_scopes_found(case: tuple[dict[str, Any], Path]) -> None:
    said, root = case
    roots = find_roots([], cwd=Path.cwd(), env=os.environ)
    assert [[r.scope.value, str(r.path.relative_to(root))] for r in roots] == said["roots"]
    read_only = [str(r.path.relative_to(root)) for r in roots if r.read_only]
    assert read_only == said.get("read_only", [])


def test_which_agent_wins_a_name(case: tuple[dict[str, Any], Path]) -> None:
    said, root = case
    catalog = Catalog.load(find_roots([], cwd=Path.cwd(), env=os.environ))
    shadowed = {str(a.path.relative_to(root)): str(a.shadowed_by.relative_to(root))
                for a in catalog.agents if a.shadowed_by}
    assert shadowed == said["shadowed"]
    errors = {str(a.path.relative_to(root)): [p.code for p in a.cross if p.code == "AT201"]
              for a in catalog.agents}
    assert {path: found for path, found in errors.items() if found} == said["errors"]


def test_show_by_name(case: tuple[dict[str, Any], Path],
                      capsys: pytest.CaptureFixture[str]) -> None:
    said, root = case
    for name, want in said["lookups"].items():
        run = cli(capsys, "show", "--json", name)
        if isinstance(want, str):
            assert run.code == 0, (name, run.err)
            assert run.json()["path"] == str(root / want), name
            assert f"{name} is the " in run.err
        else:
            assert run.code == 1 and run.out == "", name
            assert want["error"] in run.err, (name, run.err)


def test_set_by_name_refuses_read_only_agents(case: tuple[dict[str, Any], Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    said, root = case
    before = {p: p.read_bytes() for p in root.rglob("*.md")}
    for name, want in said.get("writes", {}).items():
        run = cli(capsys, "set", name, "model", "opus")
        assert run.code == 1 and want["error"] in run.err, (name, run.err)
    assert {p: p.read_bytes() for p in root.rglob("*.md")} == before
