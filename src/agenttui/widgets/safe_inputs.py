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

from rich.text import Text
from textual.widgets import Input, TextArea

from agenttui.widgets.labels import in_place


class SafeInput(Input):
    """An ``Input`` whose value is drawn with ``in_place``."""

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(in_place(self.value), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        return text


class SafeTextArea(TextArea):
    """A ``TextArea`` whose lines are drawn with ``in_place``."""

    def get_line(self, line_index: int) -> Text:
        return Text(in_place(self.document.get_line(line_index)), end="", no_wrap=True)
