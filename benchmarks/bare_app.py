"""The baseline for app start: a bare Textual app with agenttui's main widgets and nothing else.

Run as a script under the same pseudo-terminal as the real app; it reports its first frame the
same way (a ``first-frame`` line in the file named by ``AGENTTUI_BENCH_MARKERS``).
"""

from __future__ import annotations

import os
import time
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Markdown, Tree


class BareApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Tree("agents")
            yield Markdown("# agent\n\nThe body of the selected agent.")
        yield Footer()

    def on_ready(self) -> None:
        path = os.environ.get("AGENTTUI_BENCH_MARKERS")
        if path:
            with open(path, "a", encoding="utf-8") as markers:
                markers.write(f"first-frame {time.monotonic()}\n")


if __name__ == "__main__":
    BareApp().run()
