"""Text for people: file content made safe to show on a terminal, and counted nouns.

Plain functions (no Textual, no Rich), shared by the command line and the app."""

from __future__ import annotations

from pathlib import Path

_SAFE_CONTROLS = "\n\t"


def visible(text: str) -> str:
    """``text`` with control characters (ESC, BEL, C1 controls, ...) shown as escapes, so
    none reach the terminal; newlines and tabs stay."""
    if text.isprintable():
        return text
    return "".join(ch if ch in _SAFE_CONTROLS or ch.isprintable() else _escape(ch)
                   for ch in text)


def visible_line(text: str | Path) -> str:
    """``visible`` for what must stay on one line (a path, a name, a message): a newline is
    shown as ``\\x0a`` too, so a file name cannot start a line of its own."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(ch if ch == "\t" or ch.isprintable() else _escape(ch) for ch in text)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 agent``, ``2 agents``; ``nouns`` when the plural is not ``noun + "s"``."""
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
