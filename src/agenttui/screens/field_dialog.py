"""Go to a field: the form's fields by name, narrowed as you type; enter jumps to the first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from agenttui.widgets.labels import literal
from agenttui.widgets.safe_inputs import SafeInput


class FieldDialog(ModalScreen[str | None]):
    """Pick one of ``fields`` (key, help) pairs; returns its key, None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, fields: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.fields = tuple(fields)

    def compose(self) -> ComposeResult:
        with Vertical(id="field-dialog"):
            yield Label("Go to field", classes="title")
            yield SafeInput(placeholder="a field's name: mod, perm, col…", id="field-filter")
            yield OptionList(id="field-list")

    def on_mount(self) -> None:
        self._list("")
        self.query_one("#field-filter", Input).focus()

    @on(Input.Changed, "#field-filter")
    def _filtered(self, event: Input.Changed) -> None:
        self._list(event.value)

    @on(Input.Submitted, "#field-filter")
    def _submitted(self) -> None:
        listing = self.query_one("#field-list", OptionList)
        index = listing.highlighted
        if index is not None:
            self.dismiss(listing.get_option_at_index(index).id)

    @on(OptionList.OptionSelected, "#field-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        listing = self.query_one("#field-list", OptionList)
        if listing.option_count:
            current = listing.highlighted or 0
            listing.highlighted = (current + step) % listing.option_count

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _list(self, query: str) -> None:
        """The fields whose keys start with ``query`` first, then those that hold it."""
        wanted = query.strip().lower()
        starts = [f for f in self.fields if f[0].lower().startswith(wanted)]
        holds = [f for f in self.fields if wanted in f[0].lower() and f not in starts]
        listing = self.query_one("#field-list", OptionList)
        listing.clear_options()
        listing.add_options([Option(_prompt(key, help), id=key) for key, help in starts + holds])
        if listing.option_count:
            listing.highlighted = 0


def _prompt(key: str, help: str) -> Text:
    """The key, then as much of its help as fits on the line."""
    text = Text.assemble(literal(key, "bold"), "  ", literal(help, "dim"))
    text.no_wrap, text.overflow = True, "ellipsis"
    return text
