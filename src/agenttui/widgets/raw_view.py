"""The whole file as it is on disk (or as it will be saved), highlighted in the theme's colours."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from agenttui.text import visible
from agenttui.widgets.styling import on_theme_change

MAX_RAW_CHARS = 200_000

TOKEN_CLASSES = {
    "Comment": "raw-view--comment",
    "Error": "raw-view--error",
    "Generic.Heading": "raw-view--heading",
    "Generic.Subheading": "raw-view--heading",
    "Generic.Strong": "raw-view--strong",
    "Generic.Emph": "raw-view--emphasis",
    "Keyword": "raw-view--keyword",
    "Name": "raw-view--name",
    "Name.Tag": "raw-view--key",  # a frontmatter key
    "Literal.Number": "raw-view--number",
    "Punctuation": "raw-view--punctuation",
    "Literal.String": "raw-view--string",
}
"""Pygments' token kinds (YAML, then Markdown) → the component class that colours them
(a kind not named takes its parent's: ``Name.Variable`` is drawn as ``Name``)."""


class RawView(VerticalScroll):
    """``show(text)`` renders ``text`` with Markdown/YAML highlighting and line numbers."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(TOKEN_CLASSES.values())

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text: str | None = ""
        self._note = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="raw-text")

    def on_mount(self) -> None:
        on_theme_change(self, self._draw)

    def show(self, text: str | None, note: str = "") -> None:
        self._text, self._note = text, note
        self._draw()

    def _draw(self) -> None:
        static = self.query_one("#raw-text", Static)
        if self._text is None:
            static.update(self._note or "This file is not UTF-8 text.")
            return
        from rich.syntax import Syntax  # with pygments' lexers: ~25 ms, paid when first shown

        from agenttui.widgets.file_lexer import AgentFileLexer, ComponentSyntaxTheme

        shown = visible(self._text[:MAX_RAW_CHARS]).replace("\r\n", "\n").replace("\r", "\n")
        static.update(Syntax(shown, AgentFileLexer(), line_numbers=True, word_wrap=True,
                             theme=ComponentSyntaxTheme(self, TOKEN_CLASSES)))
