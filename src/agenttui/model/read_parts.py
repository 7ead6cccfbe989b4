"""What a reading of a file is made of, shared by the ways of reading one: the fields and
where they sit (``Reading``), the fixes (``Repair``), and the problems YAML issues make."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agenttui.model import lenient, yamlsafe
from agenttui.model.problems import Problem, error, warning
from agenttui.model.splitting import Split

FM_LINE_OFFSET = 2  # frontmatter line 0 is file line 2 (1-based, after the opening fence)

_YAML_KIND_CODES = {
    "tag": "AT016", "aliases": "AT017", "depth": "AT018", "size": "AT019",
    "not-mapping": "AT015", "duplicate": "AT013", "tab": "AT020", "yaml11": "AT022",
}
_YAML_WARNINGS = frozenset({"AT020", "AT022"})  # Claude Code reads it; other readers may not
SKIPS = ("Claude Code skips the agent (a plugin agent loads under its file name with a "
          "placeholder description)")


@dataclass(frozen=True)
class Repair:
    """One fix: the lines ``line``..``last_line`` (0-based, in the frontmatter) become
    ``key: value`` written so every reader reads ``value``; ``absorbs`` are keys those lines
    held that the fix folds into ``value``. ``safe``: Claude Code reads the same values after
    it; otherwise the fix writes agenttui's reading of what was meant."""

    key: str
    family: str  # retry, crlf, yaml11, continued, key-like, mid-line
    line: int
    last_line: int
    value: Any
    safe: bool
    absorbs: tuple[str, ...] = ()


@dataclass
class Reading:
    """What a file says: fields, where each key sits, how it was read, what is wrong.

    ``loader_fields`` are the values Claude Code's loader parses from these lines (None when
    its parse fails and it reads an empty frontmatter)."""

    split: Split
    fields: dict[str, Any] = field(default_factory=dict)
    spans: list[yamlsafe.KeySpan] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    strict_yaml: bool = True
    fields_readable: bool = True  # False: values are a best guess, edits are refused
    duplicate_keys: frozenset[str] = frozenset()
    loader_fields: dict[str, Any] | None = None
    as_written: dict[str, Any] = field(default_factory=dict)  # strict readings that differ


def parsed(result: yamlsafe.YamlResult) -> bool:
    """Parsed with no issue but duplicates (reported, and Claude Code refuses them) or the
    warnings that only other readers need."""
    return result.ok and all(i.kind in ("duplicate", "tab", "yaml11") for i in result.issues)



def yaml11_repairs(result: yamlsafe.YamlResult, value: dict[str, Any]) -> list[Repair]:
    keys = {issue.key for issue in result.issues if issue.kind == "yaml11" and issue.key}
    spans = {span.key: span for span in result.spans}
    return [Repair(key, "yaml11", spans[key].start, spans[key].end - 1, value[key], True)
            for key in sorted(keys, key=lambda k: spans[k].start) if key in spans]



def yaml_problem(issue: yamlsafe.YamlIssue, lines: list[str]) -> Problem:
    line = issue.line + FM_LINE_OFFSET if issue.line is not None else None
    column = issue.column + 1 if issue.column is not None else None
    where = f" (line {line}, column {column})" if line is not None else ""
    code = _YAML_KIND_CODES.get(issue.kind, "AT012")
    key = issue.key if issue.kind in ("duplicate", "yaml11") else (
        _key_at(lines, issue.line) if issue.line is not None else None)
    message = issue.message + where
    if code == "AT012":
        message = f"invalid YAML: {message}; Claude Code cannot parse it, even after its " \
                  f"retry: {SKIPS}"
    elif code == "AT013":
        message += f"; Claude Code's YAML parser refuses a repeated key: {SKIPS}"
    elif code == "AT022":
        message += "; `agenttui fix` writes it so both read what Claude Code reads"
    make = warning if code in _YAML_WARNINGS else error
    return make(code, message, line, key, column)


def _key_at(lines: list[str], fm_line: int) -> str | None:
    if not lines:
        return None
    if fm_line < len(lines) and lines[fm_line].startswith("<<:"):
        return "<<"  # a merge key belongs to no field above it
    return key_at_lines(lines, min(fm_line, len(lines) - 1))



def key_at_lines(lines: list[str], index: int) -> str | None:
    for position in range(index, -1, -1):
        parsed = lenient.key_line(lines[position])
        if parsed:
            return parsed[0]
    return None

