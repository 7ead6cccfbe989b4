"""The differences between the file on disk and the edited version, as a unified diff."""

from __future__ import annotations

import difflib
from typing import ClassVar

from rich.syntax import Syntax
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from agenttui.widgets.labels import literal, visible


def unified_diff(before: str, after: str, path: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"{path} (on disk)", f"{path} (edited)")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ no newline\n"
                   for line in lines)


class DiffScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,d", "close", "Close"),
    ]

    def __init__(self, before: str, after: str, path: str, title: str = "Changes") -> None:
        super().__init__()
        self.diff = unified_diff(before, after, path)
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="diff-dialog"):
            yield Label(literal(self.title_text), id="diff-title")
            with VerticalScroll():
                if self.diff:
                    yield Static(Syntax(visible(self.diff), "diff", theme="ansi_dark",
                                        background_color="default", word_wrap=True))
                else:
                    yield Static("No changes: the edited version is what is on disk.")
            yield Label("escape closes", classes="hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
