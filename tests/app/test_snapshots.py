"""Snapshot tests: the screen as a person sees it, compared with SVGs accepted by a person.

One snapshot for each main state: the list and the form, the preview, the file, the diff, the
help, a dialog, an 80×24 terminal and a light theme. Update after an intended change with
``pytest tests/app/test_snapshots.py -n 0 --snapshot-update`` and look at the report (in one
process: the report is not made across xdist's workers). Snapshots
depend on how Textual draws, so they are compared only with the Textual version that made
them (``SNAPSHOT_TEXTUAL``); other versions skip with a reason.

Each is deterministic: the app runs on ``sample_agents`` from the repository (paths relative
to it), nothing is saved, every step waits for the app to be at rest, and text cursors are
steady (``steady_cursors``: a blinking one made a snapshot fail half the time).
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen

from agenttui.app import make_app
from tests.app.support import (
    field_input,
    loaded,
    main_screen,
    open_agent,
    status,
    steady_cursors,
    wait_until,
)
from tests.conftest import REPO, SAMPLES

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SNAPSHOT_TEXTUAL = "8.2.8"

pytestmark = pytest.mark.skipif(
    version("textual") != SNAPSHOT_TEXTUAL,
    reason=f"snapshots were made with Textual {SNAPSHOT_TEXTUAL}, not {version('textual')}")

Compare = Callable[..., bool]
Step = Callable[[Pilot[Any]], Awaitable[None]]
WITH_PROBLEMS = SAMPLES / "review" / "accessibility-reviewer.md"


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths on screen are relative to the working folder: make them the same everywhere.
    Git stops looking for a repository at the checkout, so what is changed in it (the list
    marks changed agents) never shows in these snapshots."""
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(REPO))


async def at_rest(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.3)  # the preview renders after a short pause
    await steady_cursors(pilot)


def opened(path: Path, *keys: str, theme: str = "") -> Step:
    """Open ``path``, then press ``keys`` (a tab, a dialog…)."""
    async def run_before(pilot: Pilot[Any]) -> None:
        if theme:
            pilot.app.theme = theme
        await open_agent(pilot, path)
        await pilot.press(*keys)
        await at_rest(pilot)
    return run_before


def edited_then(*keys: str) -> Step:
    """Open the agent with problems, add a letter to its name (never saved), press ``keys``."""
    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await open_agent(pilot, WITH_PROBLEMS)
        field_input(screen, "name").focus()
        await pilot.press("end", "z")
        await wait_until(pilot, lambda: "[modified]" in status(screen), "the edit")
        screen.query_one("#tree").focus()
        await pilot.press(*keys)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ModalScreen), "a dialog")
        await at_rest(pilot)
    return run_before


async def just_loaded(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await at_rest(pilot)


def snapshot(snap_compare: Compare, run_before: Step, size: tuple[int, int] = (120, 36)) -> bool:
    return snap_compare(make_app(["sample_agents"], cwd=REPO), terminal_size=size,
                        run_before=run_before)


def test_tree_and_form_with_problems(snap_compare: Compare, in_repo: None) -> None:
    assert snapshot(snap_compare, opened(WITH_PROBLEMS, "1"))


def test_preview(snap_compare: Compare, in_repo: None) -> None:
    assert snapshot(snap_compare, opened(SAMPLES / "code-reviewer.md", "3"), (100, 30))


def test_raw_file_view(snap_compare: Compare, in_repo: None) -> None:
    assert snapshot(snap_compare, opened(SAMPLES / "security-auditor.md", "4"), (100, 30))


def test_diff_of_an_edit(snap_compare: Compare, in_repo: None) -> None:
    assert snapshot(snap_compare, edited_then("d"), (100, 30))


def test_help(snap_compare: Compare, in_repo: None) -> None:
    assert snapshot(snap_compare, opened(SAMPLES / "code-reviewer.md", "question_mark"))


def test_rename_dialog_with_its_name_field(snap_compare: Compare, in_repo: None) -> None:
    assert snapshot(snap_compare, opened(SAMPLES / "code-reviewer.md", "r"), (100, 30))


def test_narrow_terminal_shows_the_tree_alone(snap_compare: Compare, in_repo: None) -> None:
    assert snapshot(snap_compare, just_loaded, (80, 24))


def test_mixed_tree_of_every_kind(snap_compare: Compare, in_repo: None) -> None:
    """Claude Code's agents, skills and commands and the other tools' agents, by tool, with
    an OpenCode agent open in its own form (a number, a choice, its tools map)."""
    opencode = REPO / "sample_agents_mixed" / ".opencode" / "agents" / "team" / "reviewer.md"
    assert snap_compare(make_app(["sample_agents_mixed"], cwd=REPO), terminal_size=(120, 36),
                        run_before=opened(opencode))


def test_light_theme(snap_compare: Compare, in_repo: None) -> None:
    assert snapshot(snap_compare, opened(WITH_PROBLEMS, "1", theme="textual-light"))


async def reviewed(pilot: Pilot[Any]) -> None:
    screen = await loaded(pilot)
    await wait_until(pilot, lambda: main_screen(pilot.app).reviewer.review is not None
                     and screen.editor.session is not None, "the review's first agent")
    await at_rest(pilot)


@needs_git
def test_review_of_a_branch(snap_compare: Compare, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    """`agenttui review main`: the changed agents only, with their state, the first open."""
    from tests.unit.git_helpers import make_project

    root = tmp_path / "proj"
    make_project(root)
    monkeypatch.chdir(root)
    assert snap_compare(make_app(cwd=root, review="main"), terminal_size=(100, 30),
                        run_before=reviewed)
