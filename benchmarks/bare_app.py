"""The baselines for the app: a bare Textual app with agenttui's main widgets and nothing else.

Run as a script under the same pseudo-terminal as the real app; it reports its first frame the
same way (a ``first-frame`` line in the file named by ``AGENTTUI_BENCH_MARKERS``).

    python benchmarks/bare_app.py                 # Tree, Markdown, Footer: the start-up baseline
    python benchmarks/bare_app.py --rows 10000    # an Input above a Tree of 10,000 rows: the
                                                  # floor for a filter keystroke (typing into
                                                  # the Input changes nothing else)
"""

from __future__ import annotations

import argparse
import os
import time
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Markdown, Tree

CSS = """
#left { width: 36; }
Tree { height: 1fr; }
"""


class BareApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [("ctrl+q", "quit", "Quit")]
    CSS = CSS

    def __init__(self, rows: int = 0) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="left"):
                if self.rows:
                    yield Input(placeholder="filter")
                yield self._tree()
            yield Markdown("# agent\n\nThe body of the selected agent.")
        yield Footer()

    def _tree(self) -> Tree[None]:
        tree: Tree[None] = Tree("agents")
        tree.show_root = False
        if self.rows:
            branch = tree.root.add("PATH  agents", expand=True)
            for index in range(self.rows):
                branch.add_leaf(f"● agent-{index:05d}")
        return tree

    def on_mount(self) -> None:
        if self.rows:
            self.query_one(Input).focus()

    def on_ready(self) -> None:
        path = os.environ.get("AGENTTUI_BENCH_MARKERS")
        if path:
            with open(path, "a", encoding="utf-8") as markers:
                markers.write(f"first-frame {time.monotonic()}\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=0)
    BareApp(parser.parse_args().rows).run()
