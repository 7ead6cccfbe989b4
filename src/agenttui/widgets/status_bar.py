"""`N agents · E errors · W warnings`, the open file and its state."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from agenttui.text import plural as plural  # screens count with it too
from agenttui.widgets.labels import literal, short_path

STATE_STYLES = {"saved": "green", "modified": "bold orange1", "conflict": "bold red",
                "read-only": "dim", "loading": "italic", "": ""}
ELLIPSIS = "…"


class StatusBar(Static):
    """One line; a path too long for it loses its start, never the file name or the state
    (Rich wrapped it onto a second line, which a one-line bar does not show)."""

    _shown: tuple[tuple[int, int, int], str, str, str] | None = None

    def show(self, counts: tuple[int, int, int], path: str, state: str,
             progress: str = "") -> None:
        shown = (counts, path, state, progress)
        if shown == self._shown:
            return  # the status is asked for on every key: unchanged, it redraws nothing
        self._shown = shown
        self.refresh()

    def render(self) -> Text:
        if self._shown is None:
            return Text()
        (agents, errors, warnings), path, state, progress = self._shown
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(plural(agents, "agent"), style="bold")
        text.append(" · ")
        text.append(plural(errors, "error"), style="red" if errors else "")
        text.append(" · ")
        text.append(plural(warnings, "warning"), style="yellow" if warnings else "")
        if progress:
            text.append(f"  {progress}", style="italic")
        tail = Text(f"  [{state}]", style=STATE_STYLES.get(state, "")) if state else Text()
        if path:
            room = self.content_size.width - text.cell_len - tail.cell_len - 5
            text.append("  │  ")
            text.append_text(literal(fit_start(short_path(path), room)))
        text.append_text(tail)
        return text


def fit_start(text: str, width: int) -> str:
    """``text`` in ``width`` cells, cut at the start (``…/folder/agent.md``)."""
    if cell_len(text) <= width:
        return text
    kept = text
    while kept and cell_len(kept) > width - 1:
        kept = kept[1:]
    return ELLIPSIS + kept if width > 0 else ""
