"""Driving the app in tests: start it on a folder, wait for loading and for an agent to open."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from agenttui.app import AgentTuiApp
from agenttui.model import Problem
from agenttui.screens.choice_dialog import ChoiceDialog
from agenttui.screens.main_screen import MainScreen
from agenttui.widgets.frontmatter_form import FrontmatterForm
from agenttui.widgets.status_bar import StatusBar
from tests.conftest import SAMPLES


def copy_samples(tmp_path: Path) -> Path:
    """A writable copy of ``sample_agents/`` (tests never edit the real one)."""
    target = tmp_path / "sample_agents"
    shutil.copytree(SAMPLES, target)
    return target


async def wait_until(pilot: Pilot[None], ready: Callable[[], bool], what: str,
                     timeout: float = 10.0) -> None:
    """Let the app run until ``ready()`` holds; fail the test naming ``what`` if it never does."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


def dialog_ready(app: App[Any]) -> bool:
    """A question is on screen with its buttons (a screen is pushed before it is composed)."""
    return isinstance(app.screen, ChoiceDialog) and bool(app.screen.query("#cancel"))


async def settle(pilot: Pilot[None]) -> None:
    """Let every worker finish, so a test ends with the app at rest."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def steady_cursors(pilot: Pilot[Any]) -> None:
    """Stop every text cursor blinking, shown steadily, so a snapshot never catches one
    half-way through a blink."""
    for screen in pilot.app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False
    await pilot.pause()


def main_screen(app: AgentTuiApp) -> MainScreen:
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            return screen
    raise AssertionError("the main screen is not on the stack")


async def loaded(pilot: Pilot[None]) -> MainScreen:
    app = pilot.app
    assert isinstance(app, AgentTuiApp)
    await wait_until(pilot, lambda: main_screen(app).loaded, "the catalog to load")
    await pilot.pause()
    return main_screen(app)


async def open_agent(pilot: Pilot[None], path: Path) -> MainScreen:
    """Open ``path`` the way a user does: cursor onto it in the tree, then enter."""
    screen = await loaded(pilot)
    tree = screen.query_one("#tree")
    screen.query_one("#tree").focus()
    screen.query_one("#tree").select_path(path)  # type: ignore[attr-defined]
    await pilot.pause()
    assert tree.has_focus
    await pilot.press("enter")
    await wait_until(pilot, lambda: _is_open(screen, path), f"{path.name} to open")
    await pilot.pause()
    if not screen.narrow:  # (where the list and the agent share the screen)
        tree.focus()  # enter put the focus in the agent's form: back to the list, where
        await pilot.pause()  # the tests' keys (`1`-`4`, `d`, `f`, …) start
    return screen


def _is_open(screen: MainScreen, path: Path) -> bool:
    session = screen.editor.session
    return session is not None and session.agent.path == path


def dirty(screen: MainScreen) -> bool:
    """Whether the open agent has unsaved edits."""
    session = screen.editor.session
    return session is not None and session.dirty


def not_dirty(screen: MainScreen) -> bool:
    """Whether an agent is open, with no unsaved edits."""
    session = screen.editor.session
    return session is not None and not session.dirty


def open_name(screen: MainScreen) -> str | None:
    """The open agent's file name."""
    session = screen.editor.session
    return session.agent.path.name if session is not None else None


def blocking(screen: MainScreen) -> list[Problem]:
    """The open agent's errors that block a save."""
    session = screen.editor.session
    return session.blocking() if session is not None else []


def field_input(screen: MainScreen, key: str) -> Input:
    """The text input of the form row for ``key``."""
    form = screen.query_one(FrontmatterForm)
    return form.query_one(f"#field-{key} Input", Input)


def status(screen: MainScreen) -> str:
    return str(screen.query_one(StatusBar).render())


@dataclass(frozen=True)
class Notice:
    title: str
    message: str


def record_notices(app: App[None]) -> list[Notice]:
    """Every notification ``app`` shows from now on, in order (its ``notify``, wrapped: the
    list Textual keeps of them is private)."""
    said: list[Notice] = []
    shown = app.notify

    def notify(message: str, *, title: str = "", **options: Any) -> None:
        said.append(Notice(title, str(message)))
        shown(message, title=title, **options)

    app.notify = notify  # type: ignore[method-assign]
    return said


def type_at_once(app: App[Any], *keys: str) -> None:
    """Queue ``keys`` for the app all at once, as a fast typist or a paste does: no key waits
    for the one before it to be handled (``pilot.press`` waits for the app to be idle after
    each key). Each key is a key name (``slash``, ``enter``) or a single character."""
    names = {"/": "slash", " ": "space", "]": "right_square_bracket",
             "[": "left_square_bracket", "?": "question_mark"}
    for key in keys:
        name = names.get(key, key)
        char = key if len(key) == 1 else {"slash": "/", "space": " "}.get(key)
        app.post_message(events.Key(name, char))
