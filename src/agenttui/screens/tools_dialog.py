"""The tools picker: every known tool, ticked or not, narrowed by a filter as you type.

The form shows the tools on one line (``Read, Grep, Bash +2``); enter on it opens this.
Space ticks the highlighted tool, enter in the filter ticks the one tool it matches or adds
what it says (``mcp__server__tool``, ``Bash(git:*)``), ctrl+s or OK returns the ticked
tools and escape leaves them as they were. The file's order stays: tools ticked now go last.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList
from textual.widgets.selection_list import Selection

from agenttui.model.tools import parse_tools
from agenttui.widgets.labels import literal
from agenttui.widgets.safe_inputs import SafeInput

TICK = "✓ "
"""Marks a ticked tool under NO_COLOR, where the box's colour cannot tell ticked from not."""


class ToolsDialog(ModalScreen[list[str] | None]):
    """Tick tools among ``known`` (and those already ``chosen``); returns the ticked ones."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "accept", "OK", priority=True),
        Binding("down", "to_list", "To the list", show=False),
    ]

    def __init__(self, title: str, known: Sequence[str], chosen: Sequence[str]) -> None:
        super().__init__()
        self.title_text = title
        self.chosen = list(dict.fromkeys(chosen))
        self.known = tuple(dict.fromkeys([*known, *self.chosen]))

    def compose(self) -> ComposeResult:
        with Vertical(id="tools-dialog"):
            yield Label(self.title_text, classes="title", markup=False)
            yield SafeInput(placeholder="filter, or a tool to add: mcp__server__tool, "
                                        "Bash(git:*) … (enter)", id="tools-filter")
            yield SelectionList[str](id="tools-list")
            yield Label("", id="tools-summary", markup=False)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("OK", variant="primary", id="accept")

    def on_mount(self) -> None:
        self._list("")
        self.query_one("#tools-filter", Input).focus()

    # -- handlers -------------------------------------------------------------------------

    @on(Input.Changed, "#tools-filter")
    def _filtered(self, event: Input.Changed) -> None:
        self._list(event.value)

    @on(Input.Submitted, "#tools-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        """Tick the one tool the filter shows, or add what it says as tools of its own."""
        listing = self.query_one("#tools-list", SelectionList)
        shown = [listing.get_option_at_index(i).value for i in range(listing.option_count)]
        entries = shown if len(shown) == 1 else parse_tools(event.value)
        for entry in entries:
            if entry not in self.known:
                self.known = (*self.known, entry)
            if entry not in self.chosen:
                self.chosen.append(entry)
        event.input.value = ""
        self._list("")

    @on(SelectionList.SelectedChanged, "#tools-list")
    def _toggled(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Follow the ticks of the tools shown (the others, filtered out, stay as they are)."""
        listing = event.selection_list
        ticked = set(listing.selected)
        shown = [listing.get_option_at_index(i).value for i in range(listing.option_count)]
        for tool in shown:
            if tool in ticked and tool not in self.chosen:
                self.chosen.append(tool)
            elif tool not in ticked and tool in self.chosen:
                self.chosen.remove(tool)
        self._mark(listing)

    @on(Button.Pressed, "#accept")
    def action_accept(self) -> None:
        self.dismiss(list(self.chosen))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_to_list(self) -> None:
        listing = self.query_one("#tools-list", SelectionList)
        if listing.option_count and listing.highlighted is None:
            listing.highlighted = 0
        listing.focus()

    # -- drawing --------------------------------------------------------------------------

    def _list(self, query: str) -> None:
        """Show the tools whose names hold ``query`` (any case), ticked as chosen."""
        wanted = query.strip().lower()
        listing = self.query_one("#tools-list", SelectionList)
        listing.clear_options()
        listing.add_options([Selection(self._prompt(tool), tool, tool in self.chosen)
                             for tool in self.known if wanted in tool.lower()])
        self._summarize()

    def _mark(self, listing: SelectionList[str]) -> None:
        if self.app.no_color:  # the tick glyph follows the box
            for index in range(listing.option_count):
                tool = listing.get_option_at_index(index).value
                listing.replace_option_prompt_at_index(index, self._prompt(tool))
        self._summarize()

    def _prompt(self, tool: str) -> Text:
        """The tool's name, never markup; under NO_COLOR a tick before it when it is ticked."""
        if not self.app.no_color:
            return literal(tool)
        return Text.assemble(TICK if tool in self.chosen else " " * len(TICK), literal(tool))

    def _summarize(self) -> None:
        count = len(self.chosen)
        self.query_one("#tools-summary", Label).update(
            f"{count} ticked: {', '.join(self.chosen)}" if count else
            "none ticked: the agent inherits every tool")
