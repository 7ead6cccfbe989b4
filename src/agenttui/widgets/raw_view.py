"""The whole file as it is on disk (or as it will be saved), highlighted."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from agenttui.widgets.labels import visible

MAX_RAW_CHARS = 200_000


class RawView(VerticalScroll):
    """``show(text)`` renders ``text`` with Markdown/YAML highlighting and line numbers."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("", id="raw-text")

    def show(self, text: str | None, note: str = "") -> None:
        static = self.query_one("#raw-text", Static)
        if text is None:
            static.update(note or "This file is not UTF-8 text.")
            return
        from rich.syntax import Syntax  # with pygments' lexers: ~25 ms, paid when first shown

        from agenttui.widgets.file_lexer import AgentFileLexer

        shown = visible(text[:MAX_RAW_CHARS]).replace("\r\n", "\n").replace("\r", "\n")
        static.update(Syntax(shown, AgentFileLexer(), line_numbers=True, word_wrap=True,
                             theme="ansi_dark", background_color="default"))
