"""The name and choice dialogs on their own: live checking, what they return, cancelling."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widgets import Button, Label

from agenttui.screens.choice_dialog import ChoiceDialog
from agenttui.screens.name_dialog import NameChoice, NameDialog
from agenttui.storage.operations import name_refusal


class Host(App[None]):
    """Pushes one dialog and keeps what it returned."""

    def __init__(self, dialog: Screen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def refuse_taken(choice: NameChoice) -> str | None:
    """Refuse what operations refuse, with `reviewer` taken in the project scope only."""
    taken = {"reviewer": Path("/p/reviewer.md")} if choice.scope == "project" else {}
    return name_refusal(Path("/nonexistent/agents"), choice.name, taken=taken)


def problem(app: App[Any]) -> str:
    return str(app.screen.query_one("#problem", Label).render())


async def test_name_dialog_checks_as_you_type_and_returns_the_choice() -> None:
    app = Host(NameDialog("New agent", refuse_taken,
                          scopes=[("project", "project"), ("user", "user")]))
    async with app.run_test() as pilot:
        await pilot.press(":")
        assert "contains `:`" in problem(app)
        assert app.screen.query_one("#accept", Button).disabled
        await pilot.press("enter")
        assert app.results == []
        await pilot.press("backspace", "R")
        assert "AT103" in problem(app) and "file: R.md" in problem(app)  # a warning only
        assert not app.screen.query_one("#accept", Button).disabled
        await pilot.press("backspace", *"reviewer")
        assert "already exists" in problem(app)
        await pilot.press("tab", "down", "space")
        await pilot.pause()
        assert problem(app) == "file: reviewer.md"
        await pilot.press("shift+tab", "enter")
    assert app.results == [NameChoice("reviewer", "user", False)]


async def test_name_dialog_can_keep_the_file_name() -> None:
    app = Host(NameDialog("Rename", refuse_taken, value="old", keep_file_name=False))
    async with app.run_test() as pilot:
        await pilot.click("#keep")
        app.screen.query_one("#name").focus()
        await pilot.press("end", *"-x", "enter")
    assert app.results == [NameChoice("old-x", None, True)]


async def test_name_dialog_escape_returns_nothing() -> None:
    app = Host(NameDialog("Duplicate", refuse_taken, value="copy"))
    async with app.run_test() as pilot:
        await pilot.press("escape")
    assert app.results == [None]


async def test_choice_dialog_starts_on_cancel() -> None:
    app = Host(ChoiceDialog("Delete [reviewer].md?", [("delete", "Delete")], danger=True))
    async with app.run_test() as pilot:
        assert "[reviewer].md" in str(app.screen.query_one("#question", Label).render())
        await pilot.press("enter")
    assert app.results == [None]


async def test_choice_dialog_returns_the_answer_picked() -> None:
    app = Host(ChoiceDialog("Where to?", [("move", "Move"), ("copy", "Copy")]))
    async with app.run_test() as pilot:
        await pilot.press("tab", "tab", "enter")
    assert app.results == ["copy"]
