"""Highlighting for a whole agent file: YAML frontmatter, then a Markdown body."""

from __future__ import annotations

from collections.abc import Iterator

from pygments.lexer import Lexer
from pygments.lexers import MarkdownLexer, YamlLexer
from pygments.token import _TokenType


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
