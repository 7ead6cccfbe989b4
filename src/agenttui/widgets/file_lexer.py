"""Highlighting for a whole agent file: YAML frontmatter, then a Markdown body, in the
colours of the theme."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from pygments.lexer import Lexer
from pygments.lexers import MarkdownLexer, YamlLexer
from pygments.token import _TokenType
from rich.style import Style
from rich.syntax import SyntaxTheme
from textual.widget import Widget

from agenttui.widgets.styling import foreground


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


class ComponentSyntaxTheme(SyntaxTheme):
    """A Rich syntax theme whose token styles are component classes of ``widget``, coloured
    by ``app.tcss``. ``classes`` maps a token kind (``"Name.Tag"``) to a component class; a
    token of a kind not named takes its parent's (``Name.Tag.X`` → ``Name.Tag`` → ``Name``),
    or no style at all."""

    def __init__(self, widget: Widget, classes: Mapping[str, str]) -> None:
        self._widget = widget
        self._classes = {tuple(kind.split(".")): name for kind, name in classes.items()}
        self._styles: dict[tuple[str, ...], Style] = {}

    def get_style_for_token(self, token_type: tuple[str, ...]) -> Style:
        style = self._styles.get(token_type)
        if style is None:
            style = self._styles[token_type] = self._look_up(token_type)
        return style

    def get_background_style(self) -> Style:
        return Style.null()  # the widget's own background

    def _look_up(self, token_type: tuple[str, ...]) -> Style:
        for end in range(len(token_type), 0, -1):  # the kind, then its parents
            component = self._classes.get(token_type[:end])
            if component is not None:
                return foreground(self._widget, component)
        return Style.null()
