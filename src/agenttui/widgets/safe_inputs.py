"""Input and TextArea that edit text from files exactly but never draw its control characters.

Textual draws an ``Input`` value or a ``TextArea`` line as it is: an ESC, a C1 control such as
U+009B or a bidi override in a field value or a prompt would go to the terminal inside the
frame (Rich drops BEL, backspace and carriage return, nothing else). These widgets keep the
real text as their value and draw each such character as one visible stand-in (``labels.
in_place``: ``␛``, ``␇``, ``�``), so cursor, selection and editing still line up.

Limits, all cosmetic and only on a line that holds such a character: Textual counts a control
character as zero cells wide while its stand-in takes one, so a soft-wrapped line may lose its
last cells at the right edge, and syntax highlighting of that line may be shifted.
"""

from __future__ import annotations

from typing import Any

from rich.highlighter import Highlighter
from rich.text import Text
from textual.widgets import Input, TextArea

from agenttui.widgets.labels import in_place


class StandIns(Highlighter):
    """An ``Input``'s highlighter that draws each control character of its value as a stand-in
    (``in_place`` keeps the length, so every index into the value still lines up), then
    applies ``then``. The input hands it ``Text(value)``, from which Rich has dropped BEL,
    backspace and carriage return: the characters come from the input's value itself."""

    def __init__(self, owner: Input, then: Highlighter | None = None) -> None:
        self.owner = owner
        self.then = then

    def __call__(self, text: str | Text) -> Text:
        if isinstance(text, str):
            text = Text(text)
        value = self.owner.value
        plain = value if len(value) != len(text.plain) else text.plain
        shown = Text(in_place(plain), style=text.style, justify=text.justify,
                     overflow=text.overflow, no_wrap=text.no_wrap, end=text.end,
                     spans=list(text.spans))
        return shown if self.then is None else self.then(shown)

    def highlight(self, text: Text) -> None:
        """Unused: ``__call__`` makes a new text (``highlight`` may only restyle one)."""


class SafeInput(Input):
    """An ``Input`` whose value is drawn through ``StandIns``, its highlighter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.highlighter = StandIns(self, self.highlighter)


class SafeTextArea(TextArea):
    """A ``TextArea`` whose lines are drawn with ``in_place``."""

    def get_line(self, line_index: int) -> Text:
        return Text(in_place(self.document.get_line(line_index)), end="", no_wrap=True)
