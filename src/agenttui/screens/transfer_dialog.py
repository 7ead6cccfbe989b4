"""A modal choosing where an agent goes (another scope's agents folder) and whether to move it
or copy it; each destination is checked as it is picked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioButton, RadioSet

from agenttui.text import visible


@dataclass(frozen=True)
class Transfer:
    """What the dialog returns: ``move`` or ``copy``, and the destination folder."""

    action: str
    folder: Path


TransferCheck = Callable[[Path], "str | None"]
"""Why the agent cannot go to a folder, or None."""


class TransferDialog(ModalScreen[Transfer | None]):
    """Pick a destination among ``destinations`` ((folder, label) pairs), then Move or Copy.

    ``can_move`` False (a read-only source) offers Copy only."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]


    def __init__(self, title: str, destinations: Sequence[tuple[Path, str]],
                 check: TransferCheck, *, can_move: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.destinations = tuple(destinations)
        self.check = check
        self.can_move = can_move

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(visible(self.title_text), classes="title", markup=False)
            with RadioSet(id="destination"):
                for index, (folder, label) in enumerate(self.destinations):
                    yield RadioButton(visible(label), value=index == 0, name=str(folder))
            yield Label("", id="problem", markup=False)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Copy", variant="primary", id="copy")
                if self.can_move:
                    yield Button("Move", variant="warning", id="move")

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()
        self._refresh_problem()

    @on(RadioSet.Changed)
    def _changed(self) -> None:
        self._refresh_problem()

    @property
    def folder(self) -> Path | None:
        pressed = self.query_one(RadioSet).pressed_button
        return Path(pressed.name) if pressed is not None and pressed.name else None

    @on(Button.Pressed, "#copy, #move")
    def _chosen(self, event: Button.Pressed) -> None:
        folder = self.folder
        if folder is not None and self._refresh_problem() is None:
            self.dismiss(Transfer(event.button.id or "copy", folder))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _refresh_problem(self) -> str | None:
        folder = self.folder
        problem = "no destination" if folder is None else self.check(folder)
        self.query_one("#problem", Label).update(visible(problem or ""))
        for button in self.query("#copy, #move").results(Button):
            button.disabled = problem is not None
        return problem
