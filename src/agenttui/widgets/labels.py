"""Text from files made safe to show: never markup, never control sequences."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from rich.style import Style
from rich.text import Text

from agenttui.text import visible as visible  # one definition, shared with the command line

AGENT_COLOURS = {
    "red": "red", "green": "green", "yellow": "bright_yellow", "orange": "yellow",
    "blue": "blue", "purple": "magenta", "pink": "bright_magenta", "cyan": "cyan",
}
"""Claude Code's agent colours (a file's ``color`` field: data, not the app's styling) as
the 16 ANSI colours, which every terminal has and draws in its own palette (orange is
ANSI's dark yellow); any other value is drawn without a colour, as Claude Code shows it.
The one table of colour names in the app."""
_ACTIVE = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))  # what a terminal could act on


def literal(text: str, style: str | Style = "") -> Text:
    """A Rich ``Text`` that shows ``text`` exactly: brackets are never read as markup."""
    return Text(visible(text), style=style)


def in_place(text: str) -> str:
    """``text`` for an editor: each control, format or bidi character (ESC, BEL, U+009B,
    U+202E, a newline in a one-line input...) becomes one visible character (``␛``, ``␇``,
    ``␊``, ``�``), so the cursor still counts the characters the value really holds. Tabs
    stay tabs."""
    if text.isprintable():
        return text
    return "".join(_picture(ch) if ch != "\t" and unicodedata.category(ch) in _ACTIVE
                   else ch for ch in text)


def _picture(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟
    return "\u2421" if code == 0x7F else "\ufffd"


def swatch_style(color: str) -> str:
    """The terminal colour to draw Claude Code's agent ``color`` with ("" when Claude Code
    does not know it either)."""
    return AGENT_COLOURS.get(color, "")


def one_line(text: str, width: int = 80) -> str:
    flat = " ".join(visible(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def short_path(path: str | Path) -> str:
    """``path`` relative to the working folder when inside it, else with ``~`` for home."""
    full = Path(path)
    try:
        return str(full.relative_to(Path.cwd())) if full.is_absolute() else str(full)
    except ValueError:
        pass
    home = os.path.expanduser("~")
    text = str(full)
    if home not in ("", "/") and text.startswith(home + os.sep):
        return "~" + text[len(home):]
    return text

