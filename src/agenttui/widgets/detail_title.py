"""The detail's title line: which agent is shown, in what state, and which one holds unsaved
edits while another is shown."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widgets import Static

from agenttui.widgets.labels import literal
from agenttui.widgets.styling import foreground

HINTS = {
    "": "enter or tab: edit",
    "modified": "modified · ctrl+s saves",
    "conflict": "changed on disk · ctrl+s asks",
    "locked": "read-only while another agent has unsaved edits · enter: edit (asks)",
    "read-only": "read-only",
}


class DetailTitle(Static):
    """``show(shown, state, kept)``: the shown agent's name and state (``modified``,
    ``conflict``, ``locked``, ``read-only`` or "" when it can be edited), and the agent whose
    unsaved edits are kept aside (None: none)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail-title--name", "detail-title--hint", "detail-title--kept"}

    _shown: tuple[str | None, str, str | None] | None = None

    def show(self, shown: str | None, state: str, kept: str | None) -> None:
        if (shown, state, kept) != self._shown:
            self._shown = (shown, state, kept)
            self.refresh()

    def render(self) -> Text:
        if self._shown is None or self._shown[0] is None:
            return Text("No agent shown", style=foreground(self, "detail-title--hint"))
        shown, state, kept = self._shown
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append_text(literal(shown or "", foreground(self, "detail-title--name")))
        text.append(f"  {HINTS.get(state, state)}", style=foreground(self, "detail-title--hint"))
        if kept is not None and kept != shown:
            text.append("   unsaved: ", style=foreground(self, "detail-title--kept"))
            text.append_text(literal(f"{kept} *", foreground(self, "detail-title--kept")))
        return text
