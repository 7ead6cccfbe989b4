"""Regenerate screenshots/*.svg from the app running on sample_agents/ (and, for the mixed
tree, on sample_agents_mixed/: one small file of every other tool's kind).

    python scripts/screenshots.py

Each picture is the app built by ``make_app`` and driven with Textual's Pilot, the way the
tests drive it; nothing is drawn by hand. HOME and the cache live in a temporary folder so
the pictures never show the machine's own agents.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "screenshots"
SAMPLES = REPO / "sample_agents"
MIXED = REPO / "sample_agents_mixed"

Scene = Callable[..., Awaitable[None]]


async def _open(pilot: object, name: str, tab: str = "1") -> None:
    from tests.app.support import open_agent

    await open_agent(pilot, SAMPLES / name)  # type: ignore[arg-type]
    await pilot.press(tab)  # type: ignore[attr-defined]
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause(0.5)  # type: ignore[attr-defined]


async def main_view(pilot: object) -> None:
    await _open(pilot, "review/accessibility-reviewer.md")


async def form_view(pilot: object) -> None:
    await _open(pilot, "security-auditor.md")


async def preview_view(pilot: object) -> None:
    await _open(pilot, "test-runner.md", tab="3")


async def raw_view(pilot: object) -> None:
    await _open(pilot, "release-manager.md", tab="4")


async def diff_view(pilot: object) -> None:
    from tests.app.support import main_screen

    await _open(pilot, "code-reviewer.md")
    screen = main_screen(pilot.app)  # type: ignore[attr-defined]
    assert screen.editor.session is not None
    screen.editor.set_field("model", "opus")
    screen.editor.set_field("tools", "Read, Grep, Glob")
    screen.query_one("#tree").focus()
    await pilot.press("d")  # type: ignore[attr-defined]
    await pilot.pause(0.5)  # type: ignore[attr-defined]


async def filter_view(pilot: object) -> None:
    from tests.app.support import loaded

    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("slash", *"review")  # type: ignore[attr-defined]
    await pilot.pause(0.5)  # type: ignore[attr-defined]


async def help_view(pilot: object) -> None:
    from tests.app.support import loaded

    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("question_mark")  # type: ignore[attr-defined]
    await pilot.pause(0.5)  # type: ignore[attr-defined]


async def narrow_tree(pilot: object) -> None:
    from tests.app.support import loaded

    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.pause(0.3)  # type: ignore[attr-defined]


async def narrow_agent(pilot: object) -> None:
    await _open(pilot, "db-migrator.md")


async def mixed_tree(pilot: object) -> None:
    from tests.app.support import open_agent

    await open_agent(pilot, MIXED / ".opencode" / "agents" / "team" / "reviewer.md")  # type: ignore[arg-type]
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause(0.5)  # type: ignore[attr-defined]


FOLDERS = {"mixed": "sample_agents_mixed"}  # the scenes not on sample_agents
SCENES: dict[str, tuple[Scene, tuple[int, int]]] = {
    "main": (main_view, (120, 36)),
    "form": (form_view, (120, 36)),
    "preview": (preview_view, (160, 40)),
    "file": (raw_view, (120, 36)),
    "diff": (diff_view, (120, 36)),
    "filter": (filter_view, (120, 30)),
    "help": (help_view, (100, 36)),
    "narrow": (narrow_tree, (80, 24)),
    "narrow-agent": (narrow_agent, (80, 24)),
    "mixed": (mixed_tree, (120, 36)),
}


async def shoot(name: str, scene: Scene, size: tuple[int, int]) -> Path:
    from agenttui.app import make_app

    app = make_app([FOLDERS.get(name, "sample_agents")], cwd=REPO)
    async with app.run_test(size=size) as pilot:
        await scene(pilot)
        return Path(app.save_screenshot(f"{name}.svg", str(OUT)))


def isolate() -> None:
    """Keep the pictures free of this machine's agents, cache and settings."""
    home = Path(tempfile.mkdtemp(prefix="agenttui-shots-"))
    os.environ.update(HOME=str(home), CLAUDE_CONFIG_DIR=str(home / ".claude"),
                      AGENTTUI_DATA_DIR=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
                      XDG_DATA_HOME=str(home / "share"),
                      AGENTTUI_MANAGED_DIR=str(home / "managed"))
    os.environ.pop("AGENTTUI_BENCH_MARKERS", None)


def main(names: list[str]) -> int:
    isolate()
    os.chdir(REPO)
    sys.path.insert(0, str(REPO))
    OUT.mkdir(exist_ok=True)
    for name in names or list(SCENES):
        scene, size = SCENES[name]
        path = asyncio.run(shoot(name, scene, size))
        print(f"{path.relative_to(REPO)}  {size[0]}x{size[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
