"""Claude Code's own frontmatter loader, rule for rule (the format reference's "How Claude
Code's loader reads a file"): its split regex, and the quoting retry it makes when the YAML
parse fails. Patterns are JavaScript's, spelled out: ``\\s`` and ``.`` there are not Python's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# JavaScript's \s, and its `.` (anything but a line terminator).
_JS_SPACE = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_JS_DOT = "[^\n\r\u2028\u2029]"
# /^---\s*\n([\s\S]*?)---\s*\n?/
SPLIT = re.compile(f"---{_JS_SPACE}*\n(.*?)---{_JS_SPACE}*\n?", re.S)
# /^([a-zA-Z_-]+):\s+(.+)$/ over each line of the frontmatter split at "\n"
RETRY_LINE = re.compile(f"([a-zA-Z_-]+):{_JS_SPACE}+({_JS_DOT}+)")
# /[{}[\]*&#!|>%@`]|: /
RETRY_SPECIAL = re.compile(r"[{}\[\]*&#!|>%@`]|: ")


@dataclass(frozen=True)
class LoaderSplit:
    """Where Claude Code's split puts the frontmatter: offsets in the text after the BOM."""

    start: int
    end: int  # the frontmatter is text[start:end]; the closing `---` starts at ``end``


def loader_split(text: str) -> LoaderSplit | None:
    """Claude Code's split of ``text`` (a BOM already removed), or None: no frontmatter."""
    match = SPLIT.match(text)
    if match is None:
        return None
    return LoaderSplit(match.start(1), match.end(1))


def retry_text(frontmatter: str) -> tuple[str, list[int]]:
    """The frontmatter as Claude Code's retry rewrites it, and the 0-based lines it rewrote.
    Each line stays one line, so line numbers carry over."""
    lines = frontmatter.split("\n")
    rewritten = []
    for index, line in enumerate(lines):
        quoted = retry_line(line)
        if quoted is not None:
            lines[index] = quoted
            rewritten.append(index)
    return "\n".join(lines), rewritten


def retry_line(line: str) -> str | None:
    """``key: "value"`` as the retry writes ``line``, or None when it leaves the line alone."""
    match = RETRY_LINE.fullmatch(line)
    if match is None:
        return None
    key, value = match.groups()
    if _wrapped(value) or not RETRY_SPECIAL.search(value):
        return None
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{key}: "{escaped}"'


def _wrapped(value: str) -> bool:
    return len(value) >= 1 and value[0] in "\"'" and value.endswith(value[0])


def loads_by_fields(fields: dict[str, object]) -> str | None:
    """Why Claude Code skips an agent with these values, or None when it loads it."""
    name, description = fields.get("name"), fields.get("description")
    if not isinstance(name, str) or not name:
        return "it has no `name`"
    if not isinstance(description, str) or not description:
        return "it has no `description`"
    if ":" in name:
        return "its name holds `:`"
    if name.startswith("-"):
        return "its name starts with `-`"
    if fields.get("hooks") == []:
        return "`hooks: []` drops the whole agent"
    return None
