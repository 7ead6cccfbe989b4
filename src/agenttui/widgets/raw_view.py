"""The whole file as it is on disk (or as it will be saved), highlighted."""

from __future__ import annotations

from collections.abc import Iterator

from pygments.lexer import Lexer
from pygments.lexers import MarkdownLexer, YamlLexer
from pygments.token import _TokenType
from rich.syntax import Syntax
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
        shown = visible(text[:MAX_RAW_CHARS]).replace("\r\n", "\n").replace("\r", "\n")
        static.update(Syntax(shown, AgentFileLexer(), line_numbers=True, word_wrap=True,
                             theme="ansi_dark", background_color="default"))


class AgentFileLexer(Lexer):
    """YAML for the frontmatter block (between the opening and closing ``---``), Markdown
    for the rest: one lexer for the whole file would read ``key: value`` then ``---`` as a
    Markdown heading."""

    name = "Agent file"

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, _TokenType, str]]:
        split = _frontmatter_end(text)
        for index, token, value in YamlLexer().get_tokens_unprocessed(text[:split]):
            yield index, token, value
        for index, token, value in MarkdownLexer().get_tokens_unprocessed(text[split:]):
            yield index + split, token, value


def _frontmatter_end(text: str) -> int:
    """Where the body starts: after the closing ``---`` line, or 0 with no frontmatter."""
    if not text.lstrip("\ufeff").startswith("---"):
        return 0
    position = text.find("\n") + 1
    while position:
        end = text.find("\n", position)
        line = text[position:] if end < 0 else text[position:end]
        if line.rstrip() == "---":
            return len(text) if end < 0 else end + 1
        if end < 0:
            break
        position = end + 1
    return 0
