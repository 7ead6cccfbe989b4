"""Turn file bytes into the pieces a document is made of, with every problem as a value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from agenttui.model import lenient, yamlsafe
from agenttui.model.limits import MAX_FILE_BYTES
from agenttui.model.problems import Problem, error, warning
from agenttui.model.splitting import Split, split, split_lines, strip_eol

FM_LINE_OFFSET = 2  # frontmatter line 0 is file line 2 (1-based, after the opening fence)

_YAML_KIND_CODES = {
    "tag": "AT016", "aliases": "AT017", "depth": "AT018", "size": "AT019",
    "not-mapping": "AT015", "duplicate": "AT013", "tab": "AT020",
}
_YAML_WARNINGS = frozenset({"AT020"})  # read as Claude Code reads it; strict parsers do not


@dataclass
class Reading:
    """What a file says: fields, where each key sits, how it was read, what is wrong."""

    split: Split
    fields: dict[str, Any] = field(default_factory=dict)
    spans: list[yamlsafe.KeySpan] = field(default_factory=list)
    repairs: list[lenient.Repair] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    strict_yaml: bool = True
    fields_readable: bool = True  # False: values are a best guess, edits are refused
    duplicate_keys: frozenset[str] = frozenset()


def decode(data: bytes) -> tuple[str | None, list[Problem]]:
    """The text of ``data``, or None with the problem that stops it from being read."""
    if not data:
        return "", []  # reading the empty text reports AT001, once
    if len(data) > MAX_FILE_BYTES:
        return None, [error("AT006", f"the file is larger than {MAX_FILE_BYTES >> 20} MiB; "
                                     "agenttui shows it read-only")]
    if b"\0" in data:
        return None, [error("AT003", "the file holds NUL bytes: it is binary, not an agent file")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return None, [error("AT002", f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at "
                                     f"offset {exc.start}); agenttui shows it read-only", line)]


def read_text(text: str, known_keys: frozenset[str]) -> Reading:
    parts = split(text)
    if not parts.opening:
        return Reading(parts, problems=[_no_frontmatter(text)], fields_readable=False)
    if parts.unclosed:
        return Reading(parts, problems=[error(
            "AT005", "the frontmatter is never closed: add a line `---` after the last field",
            1)], fields_readable=False)
    return _read_frontmatter(parts, known_keys)


def _no_frontmatter(text: str) -> Problem:
    if not text.strip():
        return error("AT001", "the file is empty: Claude Code cannot load an agent from it")
    return error("AT004", "no frontmatter: the first line must be `---`, followed by the fields "
                          "and another `---`", 1)


def _read_frontmatter(parts: Split, known_keys: frozenset[str]) -> Reading:
    result = yamlsafe.load(parts.frontmatter)
    if result.ok:
        return _strict(parts, result)
    lines = split_lines(parts.frontmatter)
    if result.issues[0].kind == "syntax":
        loose = lenient.read(lines, known_keys)
        if loose.value is not None:
            return _lenient(parts, loose, result.issues[0])
    return _unreadable(parts, lines, result.issues[0])


def _strict(parts: Split, result: yamlsafe.YamlResult) -> Reading:
    problems = [_yaml_problem(issue, parts) for issue in result.issues]
    duplicates = frozenset(p.field for p in problems if p.code == "AT013" and p.field)
    return Reading(parts, result.value or {}, result.spans, problems=problems,
                   strict_yaml=not any(issue.kind == "tab" for issue in result.issues),
                   duplicate_keys=duplicates)


def _lenient(parts: Split, loose: lenient.LenientResult, issue: yamlsafe.YamlIssue) -> Reading:
    problems = [_repair_problem(repair, issue) for repair in loose.repairs]
    repeated = [_yaml_problem(dup, parts) for dup in loose.duplicates]
    return Reading(parts, loose.value or {}, loose.spans, loose.repairs, problems + repeated,
                   strict_yaml=False,
                   duplicate_keys=frozenset(p.field for p in repeated if p.field))


def _unreadable(parts: Split, lines: list[str], issue: yamlsafe.YamlIssue) -> Reading:
    problem = _tab_problem(lines) or _yaml_problem(issue, parts)
    salvaged = _salvage(lines)
    return Reading(parts, salvaged, problems=[problem], strict_yaml=False, fields_readable=False)


def _repair_problem(repair: lenient.Repair, issue: yamlsafe.YamlIssue) -> Problem:
    line = repair.line + FM_LINE_OFFSET
    if repair.family == "one-line":
        return warning(
            "AT010",
            f"not strict YAML: the unquoted `{repair.key}` value contains `: ` at line {line}, "
            f"column {repair.column + 1}. Claude Code reads the rest of the line as the value, "
            "but strict parsers (PyYAML, GitHub, Copilot CLI) stop with \"mapping values are "
            "not allowed here\". `agenttui fix` quotes it.",
            line, repair.key, repair.column + 1)
    last = repair.last_line + FM_LINE_OFFSET
    preview = repair.value.replace("\n", "⏎")
    preview = preview[:90] + ("…" if len(preview) > 90 else "")
    return error(
        "AT011",
        f"Claude Code cannot parse this frontmatter: the `{repair.key}` value goes on at "
        f"column 0 on lines {line + 1}-{last}. agenttui reads it as: {preview!r}. "
        "`agenttui fix --unsafe` makes it a block scalar (`|`) holding those lines.",
        line, repair.key, 1)


def _yaml_problem(issue: yamlsafe.YamlIssue, parts: Split) -> Problem:
    line = issue.line + FM_LINE_OFFSET if issue.line is not None else None
    column = issue.column + 1 if issue.column is not None else None
    where = f" (line {line}, column {column})" if line is not None else ""
    code = _YAML_KIND_CODES.get(issue.kind, "AT012")
    key = _key_at(parts, issue.line) if issue.line is not None else None
    message = issue.message + where
    if code == "AT012":
        message = f"invalid YAML: {message}; Claude Code cannot load this frontmatter"
    make = warning if code in _YAML_WARNINGS else error
    return make(code, message, line, key, column)


def _key_at(parts: Split, fm_line: int) -> str | None:
    lines = split_lines(parts.frontmatter)
    if fm_line < len(lines) and lines[fm_line].startswith("<<:"):
        return "<<"  # a merge key belongs to no field above it
    return _key_at_lines(lines, min(fm_line, len(lines) - 1))


def _tab_problem(lines: list[str]) -> Problem | None:
    for index, line in enumerate(lines):
        indent = re.match(r"[ \t]*", line)
        if indent and "\t" in indent.group(0) and strip_eol(line).strip():
            return error("AT014", "a tab is used for indentation; YAML allows only spaces "
                                  f"(line {index + FM_LINE_OFFSET})",
                         index + FM_LINE_OFFSET, _key_at_lines(lines, index), 1)
    return None


def _key_at_lines(lines: list[str], index: int) -> str | None:
    for position in range(index, -1, -1):
        parsed = lenient.key_line(lines[position])
        if parsed:
            return parsed[0]
    return None


def _salvage(lines: list[str]) -> dict[str, Any]:
    """Best-guess single-line string values, for listing a file that cannot be parsed."""
    found: dict[str, Any] = {}
    for line in lines:
        parsed = lenient.key_line(line)
        if parsed and parsed[1] and parsed[0] not in found:
            found[parsed[0]] = parsed[1].strip("\"'")
    return found
