"""The differences between the file on disk and the edited version, as a unified diff."""

from __future__ import annotations

import difflib
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from agenttui.text import visible
from agenttui.widgets.labels import literal
from agenttui.widgets.styling import foreground, on_theme_change

LINE_KINDS = {"@": "hunk", "+": "inserted", "-": "deleted", "\\": "note"}
"""How a line of a unified diff starts → its kind, and its component class
(``diff-screen--inserted``); the first two lines (``---``/``+++`` and the paths) are the
``header``."""


def unified_diff(before: str, after: str, path: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"{path} (on disk)", f"{path} (edited)")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ no newline\n"
                   for line in lines)


def diff_lines(diff: str) -> list[tuple[str, str | None]]:
    """Each line of ``diff`` (made visible, newline kept) with its kind (None: context)."""
    lines = visible(diff).splitlines(keepends=True)
    return [(line, "header" if number < 2 else LINE_KINDS.get(line[:1]))
            for number, line in enumerate(lines)]


class DiffScreen(ModalScreen[None]):
    """The diff, its lines coloured by kind with the theme's colours (app.tcss)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,d", "close", "Close"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"diff-screen--{kind}" for kind in ("header", *LINE_KINDS.values())}

    def __init__(self, before: str, after: str, path: str, title: str = "Changes") -> None:
        super().__init__()
        self.diff = unified_diff(before, after, path)
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="diff-dialog"):
            yield Label(literal(self.title_text), id="diff-title")
            with VerticalScroll():
                yield Static("No changes: the edited version is what is on disk.",
                             id="diff-text")
            yield Label("escape closes", classes="hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
        self._draw()
        on_theme_change(self, self._draw)

    def action_close(self) -> None:
        self.dismiss(None)

    def _draw(self) -> None:
        if not self.diff:
            return
        text = Text()
        for line, kind in diff_lines(self.diff):
            text.append(line, style=foreground(self, f"diff-screen--{kind}") if kind else "")
        text.rstrip()
        self.query_one("#diff-text", Static).update(text)
