"""A modal asking for an agent name (and, for a new agent, a scope), checked as you type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet

from agenttui.model.template import name_warning


@dataclass(frozen=True)
class NameChoice:
    """What the dialog returns: the name, the scope picked (if asked) and the keep flag."""

    name: str
    scope: str | None = None
    keep_file_name: bool = False


NameCheck = Callable[[NameChoice], "str | None"]
"""Why a choice is refused, or None when it is fine."""


class NameDialog(ModalScreen[NameChoice | None]):
    """Ask for a name; Enter accepts only a name ``check`` has nothing against."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]


    def __init__(self, title: str, check: NameCheck, *, value: str = "",
                 scopes: Sequence[tuple[str, str]] = (), keep_file_name: bool | None = None,
                 accept_label: str = "OK") -> None:
        """``scopes`` are (key, label) pairs to choose from; ``keep_file_name`` None hides it."""
        super().__init__()
        self.title_text = title
        self.check = check
        self.value = value
        self.scopes = tuple(scopes)
        self.keep_file_name = keep_file_name
        self.accept_label = accept_label

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            yield Input(self.value, placeholder="lowercase-name", id="name")
            if self.scopes:
                with RadioSet(id="scope"):
                    for index, (key, label) in enumerate(self.scopes):
                        yield RadioButton(label, value=index == 0, name=key)
            if self.keep_file_name is not None:
                yield Checkbox("Keep the file name (it never matched the name)",
                               self.keep_file_name, id="keep")
            yield Label("", id="problem", markup=False)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button(self.accept_label, variant="primary", id="accept")

    def on_mount(self) -> None:
        self._refresh_problem()

    @on(Input.Changed)
    @on(RadioSet.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self._refresh_problem()

    @on(Input.Submitted)
    @on(Button.Pressed, "#accept")
    def _accept(self) -> None:
        if self._refresh_problem() is None:
            self.dismiss(self.choice)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @property
    def choice(self) -> NameChoice:
        keep = self.query("#keep").results(Checkbox)
        return NameChoice(self.query_one("#name", Input).value.strip(), self._scope(),
                          any(box.value for box in keep))

    def _scope(self) -> str | None:
        for radios in self.query("#scope").results(RadioSet):
            pressed = radios.pressed_button
            return pressed.name if pressed is not None else None
        return None

    def _refresh_problem(self) -> str | None:
        choice = self.choice
        problem = self.check(choice)
        label = self.query_one("#problem", Label)
        warned = name_warning(choice.name) if problem is None else None
        where = "" if choice.keep_file_name else f"file: {choice.name}.md"
        label.update(problem or "\n".join(part for part in (warned, where) if part))
        label.set_class(problem is not None, "-invalid")
        label.set_class(warned is not None, "-warned")
        self.query_one("#accept", Button).disabled = problem is not None
        return problem
