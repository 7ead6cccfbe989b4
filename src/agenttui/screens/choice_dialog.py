"""A modal question with a few answers (Delete / Cancel, Move / Copy / Cancel, ...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from agenttui.text import visible


class ChoiceDialog(ModalScreen[str | None]):
    """Ask ``question``; returns the key of the answer picked, or None for Cancel / Escape.

    Cancel has the focus at first, so Enter alone never changes anything.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]


    def __init__(self, question: str, answers: Sequence[tuple[str, str]], *,
                 danger: bool = False) -> None:
        """``answers`` are (key, button label) pairs; ``danger`` colours them as errors."""
        super().__init__()
        self.question = question
        self.answers = tuple(answers)
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(visible(self.question), id="question", markup=False)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                for key, label in self.answers:
                    yield Button(label, name=key, id=f"answer-{key}", classes="answer",
                                 variant="error" if self.danger else "primary")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, ".answer")
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.name)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
