"""The system prompt editor: Markdown, with undo, posting ``BodyEdited`` as you type."""

from __future__ import annotations

from textual.message import Message

from agenttui.widgets.safe_inputs import SafeTextArea


class BodyEditor(SafeTextArea):
    """A Markdown TextArea; ``load`` replaces its text without posting an edit. Control
    characters in the prompt are drawn as visible stand-ins (``SafeTextArea``)."""

    class BodyEdited(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", language="markdown", soft_wrap=True, show_line_numbers=True,
                         tab_behavior="indent", id=id)
        self._loaded = ""

    def load(self, text: str, read_only: bool) -> None:
        self._loaded = text
        self.read_only = read_only
        self.load_text(text)

    def on_text_area_changed(self, event: SafeTextArea.Changed) -> None:
        event.stop()
        if self.text != self._loaded:
            self._loaded = self.text
            self.post_message(self.BodyEdited(self.text))
