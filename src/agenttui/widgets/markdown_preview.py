"""The body rendered as Markdown, updated off the keys; Textual's Markdown highlights code
blocks in the colours of the app's theme (dark, light or ANSI) and again when it changes.

Links in the body are shown, never opened: clicking one names its target in a notification
instead of handing a URL from an untrusted file to the browser."""

from __future__ import annotations

from markdown_it import MarkdownIt
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Markdown

from agenttui.text import visible
from agenttui.widgets.labels import one_line

DEBOUNCE_SECONDS = 0.25
MAX_PREVIEW_CHARS = 200_000


def _text_not_html() -> MarkdownIt:
    """Markdown without raw HTML: the preview drops HTML blocks, and prompts and descriptions
    are full of tags meant as text (``<example>``, ``<commentary>``), which must show."""
    return MarkdownIt("gfm-like", {"html": False})


class MarkdownPreview(VerticalScroll):
    """Call ``show(text)`` as often as you like; it renders the latest after a pause."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pending: str | None = None
        self._shown: str | None = None
        self._timer: Timer | None = None

    def compose(self):  # type: ignore[no-untyped-def]
        yield Markdown("", open_links=False, parser_factory=_text_not_html)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.notify(one_line(event.href, 200), title="Link (not opened)", markup=False)

    def show(self, text: str, immediately: bool = False) -> None:
        self._pending = text
        if self._timer is not None:
            self._timer.stop()
        if immediately:
            self._render_pending()
        else:
            self._timer = self.set_timer(DEBOUNCE_SECONDS, self._render_pending)

    def _render_pending(self) -> None:
        text = self._pending
        if text is None or text == self._shown:
            return
        self._shown = text
        shown = visible(text[:MAX_PREVIEW_CHARS])
        if len(text) > MAX_PREVIEW_CHARS:
            shown += f"\n\n*(preview shows the first {MAX_PREVIEW_CHARS:,} characters)*"
        self.query_one(Markdown).update(shown)
