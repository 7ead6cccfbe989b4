"""Where Claude Code's split regex disagrees with the file's lines: CR-only line endings (it
finds no frontmatter) and a ``---`` inside a line (its frontmatter ends there)."""

from __future__ import annotations

from typing import Any

from agenttui.model import claude_code, yamlsafe
from agenttui.model.problems import error, warning
from agenttui.model.read_parts import FM_LINE_OFFSET, SKIPS, Reading, Repair, parsed


def against_loader(reading: Reading, lines: list[str]) -> None:
    """Where Claude Code's split regex disagrees with the lines: CR-only line endings (it
    finds no frontmatter) and a ``---`` inside a line (its frontmatter ends there)."""
    parts = reading.split
    rest = parts.text()[len(parts.bom):]
    cut = claude_code.loader_split(rest)
    if cut is None:
        reading.loader_fields = None
        reading.problems.append(error(
            "AT025", "Claude Code finds no frontmatter: its split needs a line feed after the "
                     f"opening `---`, and this file ends its lines with CR alone. {SKIPS}. "
                     "Save the file with LF (or CRLF) line endings.", 1))
        return
    end = len(parts.opening) + len(parts.frontmatter)
    if cut.end < end:
        _mid_line(reading, lines, rest[cut.start:cut.end], cut.end - len(parts.opening))


def _mid_line(reading: Reading, lines: list[str], seen: str, offset: int) -> None:
    index, column = _position(lines, offset)
    reading.loader_fields = loader_parse(seen)
    span = next((s for s in reading.spans if s.start <= index < s.end), None)
    key = span.key if span else None
    lost = [k for k in reading.fields if reading.loader_fields is None
            or k not in reading.loader_fields]
    losing = f"; the fields after it are lost to it ({', '.join(lost)})" if lost else ""
    fix = ("`agenttui fix --unsafe` writes the dashes as `\\x2d` in a quoted value, so every "
           "reader reads the whole frontmatter." if key else "Remove or change the dashes.")
    reading.problems.append(warning(
        "AT023", f"Claude Code ends the frontmatter at the `---` on line "
                 f"{index + FM_LINE_OFFSET}, column {column + 1}, and reads the rest as the "
                 f"start of the body{losing}. {fix}", index + FM_LINE_OFFSET, key, column + 1))
    if span is not None and key in reading.fields and reading.fields_readable:
        reading.repairs.append(Repair(key, "mid-line", span.start, span.end - 1,
                                      reading.fields[key], False))


def _position(lines: list[str], offset: int) -> tuple[int, int]:
    for index, line in enumerate(lines):
        if offset < len(line):
            return index, offset
        offset -= len(line)
    return max(len(lines) - 1, 0), 0


def loader_parse(frontmatter: str) -> dict[str, Any] | None:
    """The values Claude Code parses from ``frontmatter``: YAML, else its retry; None when
    both fail (it then reads an empty frontmatter); ``{}`` for a list or a single value."""
    for text in (frontmatter, claude_code.retry_text(frontmatter)[0]):
        result = yamlsafe.load(text)
        if parsed(result) and not any(i.kind == "duplicate" for i in result.issues):
            return result.value or {}
        if result.issues and result.issues[0].kind == "not-mapping":
            return {}
    return None
