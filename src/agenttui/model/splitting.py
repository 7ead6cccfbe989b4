"""Split an agent file into frontmatter and body, by lines, as Claude Code's split does.

The opening fence is the first line: ``---`` and perhaps trailing spaces (a UTF-8 BOM may
precede it). The frontmatter ends at the next line that starts with ``---`` (Claude Code's
split closes at the first three dashes, so ``--- x`` and a line of 56 dashes close it too).
A ``---`` inside a line ends Claude Code's frontmatter there, mid-line; this split keeps the
lines whole and ``claude_code`` tells the difference. Everything after the closing fence is
body, byte for byte. LF, CRLF and CR line endings are all understood, and the slices kept here
concatenate back to the original text exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOM = "\ufeff"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FENCE = "---"
_OPENING = re.compile("---[ \t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]*")


def split_lines(text: str) -> list[str]:
    """Split ``text`` into lines that keep their line endings (``"".join`` gives ``text``)."""
    lines = _LINE.findall(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def strip_eol(line: str) -> str:
    return line.rstrip("\r\n")


def detect_newline(text: str) -> str:
    """The file's dominant newline, used for lines agenttui writes; LF when there are none."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"), key=lambda pair: pair[0])
    return best[1] if best[0] else "\n"


@dataclass(frozen=True)
class Split:
    """The raw slices of a file; ``bom + opening + frontmatter + closing + body`` is the text."""

    bom: str
    opening: str
    frontmatter: str
    closing: str
    body: str

    @property
    def has_frontmatter(self) -> bool:
        return bool(self.opening) and bool(self.closing)

    @property
    def unclosed(self) -> bool:
        return bool(self.opening) and not self.closing

    @property
    def body_line(self) -> int:
        """1-based line number of the first body line."""
        return 1 + len(split_lines(self.opening + self.frontmatter + self.closing))

    def text(self) -> str:
        return self.bom + self.opening + self.frontmatter + self.closing + self.body


def split(text: str) -> Split:
    """Split ``text``; a file without an opening fence is all body.

    Lines are matched one at a time up to the closing fence, so the body (most of a file) is
    never split into lines.
    """
    bom = BOM if text.startswith(BOM) else ""
    rest = text[len(bom):]
    lines = _LINE.finditer(rest)
    opening = next(lines).group()
    if not _OPENING.fullmatch(strip_eol(opening)):
        return Split(bom, "", "", "", rest)
    for line in lines:
        if not line.group():
            break
        if line.group().startswith(_FENCE):
            return Split(bom, opening, rest[len(opening):line.start()], line.group(),
                         rest[line.end():])
    return Split(bom, opening, rest[len(opening):], "", "")
