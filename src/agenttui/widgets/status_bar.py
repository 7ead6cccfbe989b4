"""`N agents · E errors · W warnings`, the open file and its state."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from agenttui.widgets.labels import literal, short_path

STATE_STYLES = {"saved": "green", "modified": "bold orange1", "conflict": "bold red",
                "read-only": "dim", "loading": "italic", "": ""}


class StatusBar(Static):
    _shown: tuple[tuple[int, int, int], str, str, str] | None = None
    def show(self, counts: tuple[int, int, int], path: str, state: str,
             progress: str = "") -> None:
        shown = (counts, path, state, progress)
        if shown == self._shown:
            return  # the status is asked for on every key: unchanged, it redraws nothing
        self._shown = shown
        agents, errors, warnings = counts
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(plural(agents, "agent"), style="bold")
        text.append(" · ")
        text.append(plural(errors, "error"), style="red" if errors else "")
        text.append(" · ")
        text.append(plural(warnings, "warning"), style="yellow" if warnings else "")
        if progress:
            text.append(f"  {progress}", style="italic")
        if path:
            text.append("  │  ")
            text.append_text(literal(short_path(path)))
        if state:
            text.append(f"  [{state}]", style=STATE_STYLES.get(state, ""))
        self.update(text)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

