"""`N agents · E errors · W warnings`, the open file and its state."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from agenttui.text import plural as plural  # screens count with it too
from agenttui.widgets.labels import literal, short_path
from agenttui.widgets.styling import foreground

STATES = ("saved", "modified", "conflict", "read-only", "locked", "loading")
"""The file states with a style of their own (``status-bar--modified``, … in app.tcss)."""
ELLIPSIS = "…"


class StatusBar(Static):
    """One line; a path too long for it loses its start, never the file name or the state
    (Rich wrapped it onto a second line, which a one-line bar does not show)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status-bar--agents", "status-bar--errors", "status-bar--warnings",
        "status-bar--progress", *(f"status-bar--{state}" for state in STATES)}

    _shown: tuple[tuple[int, int, int], str, str, str, str] | None = None

    def show(self, counts: tuple[int, int, int], path: str, state: str,
             progress: str = "", kept: str = "") -> None:
        """``path`` is the agent shown and ``state`` its state; ``kept`` names the agent
        whose unsaved edits are kept while another is shown."""
        shown = (counts, path, state, progress, kept)
        if shown == self._shown:
            return  # the status is asked for on every key: unchanged, it redraws nothing
        self._shown = shown
        self.refresh()

    def render(self) -> Text:
        if self._shown is None:
            return Text()
        (agents, errors, warnings), path, state, progress, kept = self._shown
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(plural(agents, "agent"), style=self._style("agents"))
        text.append(" · ")
        text.append(plural(errors, "error"), style=self._style("errors") if errors else "")
        text.append(" · ")
        text.append(plural(warnings, "warning"),
                    style=self._style("warnings") if warnings else "")
        if progress:
            text.append(f"  {progress}", style=self._style("progress"))
        tail = Text(f"  [{state}]", style=self._style(state)) if state else Text()
        if kept:
            tail.append("  unsaved: ", style=self._style("modified"))
            tail.append_text(literal(f"{kept} *", self._style("modified")))
        if path:
            room = self.content_size.width - text.cell_len - tail.cell_len - 5
            text.append("  │  ")
            text.append_text(literal(fit_start(short_path(path), room)))
        text.append_text(tail)
        return text

    def _style(self, part: str) -> Style:
        """The style of ``part`` (``agents``, ``errors``, a state…): none for a state
        without a component class."""
        return foreground(self, f"status-bar--{part}")


def fit_start(text: str, width: int) -> str:
    """``text`` in ``width`` cells, cut at the start (``…/folder/agent.md``)."""
    if cell_len(text) <= width:
        return text
    kept = text
    while kept and cell_len(kept) > width - 1:
        kept = kept[1:]
    return ELLIPSIS + kept if width > 0 else ""
