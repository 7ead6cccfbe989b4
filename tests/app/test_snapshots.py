"""Snapshot tests: the screen as a person sees it, compared with SVGs accepted by a person.

Update after an intended change with ``pytest tests/app/test_snapshots.py --snapshot-update``
and look at the report. Snapshots depend on how Textual draws, so they are compared only with
the Textual version that made them (``SNAPSHOT_TEXTUAL``); other versions skip with a reason.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from agenttui.app import make_app
from tests.app.support import loaded, open_agent
from tests.conftest import REPO, SAMPLES

SNAPSHOT_TEXTUAL = "8.2.8"

pytestmark = pytest.mark.skipif(
    version("textual") != SNAPSHOT_TEXTUAL,
    reason=f"snapshots were made with Textual {SNAPSHOT_TEXTUAL}, not {version('textual')}")

Compare = Callable[..., bool]


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths on screen are relative to the working folder: make them the same everywhere."""
    monkeypatch.chdir(REPO)


def opened(path: Path, tab: str = "1") -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await open_agent(pilot, path)
        await pilot.press(tab)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.3)
    return run_before


async def just_loaded(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.pause(0.2)


def test_tree_and_form_with_problems(snap_compare: Compare, in_repo: None) -> None:
    app = make_app(["sample_agents"], cwd=REPO)
    assert snap_compare(app, terminal_size=(120, 36),
                        run_before=opened(SAMPLES / "review" / "accessibility-reviewer.md"))


def test_raw_file_view(snap_compare: Compare, in_repo: None) -> None:
    app = make_app(["sample_agents"], cwd=REPO)
    assert snap_compare(app, terminal_size=(100, 30),
                        run_before=opened(SAMPLES / "security-auditor.md", tab="4"))


def test_narrow_terminal_shows_the_tree_alone(snap_compare: Compare, in_repo: None) -> None:
    app = make_app(["sample_agents"], cwd=REPO)
    assert snap_compare(app, terminal_size=(80, 24), run_before=just_loaded)
