"""Turn file bytes into the pieces a document is made of, with every problem as a value.

The fields are read as Claude Code reads them: YAML 1.2 core-schema scalars, and where that
parse fails, Claude Code's quoting retry (``claude_code.retry_text``), line for line. What
other readers make of the same text (YAML 1.1, strict parsers) is a warning beside it.
"""

from __future__ import annotations

import re
from typing import Any

from agenttui.model import claude_code, lenient, yamlsafe
from agenttui.model.limits import MAX_FILE_BYTES, MAX_FRONTMATTER_LINES
from agenttui.model.loader_check import against_loader, loader_parse
from agenttui.model.problems import Problem, error
from agenttui.model.read_parts import (
    FM_LINE_OFFSET,
    SKIPS,
    Reading,
    Repair,
    key_at_lines,
    parsed,
    yaml11_repairs,
    yaml_problem,
)
from agenttui.model.retry_reading import read_crlf, read_retried
from agenttui.model.splitting import Split, split, split_lines, strip_eol

__all__ = ["FM_LINE_OFFSET", "Reading", "Repair", "decode", "loader_parse", "read_text"]


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
            "AT005", "the frontmatter is never closed: add a line `---` after the last field; "
            + SKIPS, 1)], fields_readable=False)
    lines = split_lines(parts.frontmatter)
    if len(lines) > MAX_FRONTMATTER_LINES:
        return Reading(parts, problems=[error(
            "AT019", f"the frontmatter has {len(lines)} lines, more than the "
                     f"{MAX_FRONTMATTER_LINES} agenttui reads; shorten it", 2)],
            strict_yaml=False, fields_readable=False)
    reading = _read_frontmatter(parts, lines, known_keys)
    against_loader(reading, lines)
    return reading


def _no_frontmatter(text: str) -> Problem:
    if not text.strip():
        return error("AT001", "the file is empty: Claude Code cannot load an agent from it")
    return error("AT004", "no frontmatter: the first line must be `---`, followed by the fields "
                          "and another `---`; " + SKIPS, 1)


def _read_frontmatter(parts: Split, lines: list[str], known_keys: frozenset[str]) -> Reading:
    result = yamlsafe.load(parts.frontmatter)
    if result.ok:
        return _strict(parts, lines, result)
    first = result.issues[0]
    if first.kind != "syntax":
        return _unreadable(parts, lines, first)
    retried_text, rewritten = claude_code.retry_text(parts.frontmatter)
    retried = yamlsafe.load(retried_text)
    if parsed(retried):
        return read_retried(parts, lines, retried, rewritten, known_keys)
    if "\r" in parts.frontmatter:
        crlf = read_crlf(parts, lines)
        if crlf is not None:
            return crlf
    for continued in (False, True):
        loose = lenient.read(lines, known_keys, continued)
        if loose.value is not None and any(r.family == "continued" for r in loose.repairs):
            return _continued(parts, loose)
    return _unreadable(parts, lines, first)



def _strict(parts: Split, lines: list[str], result: yamlsafe.YamlResult) -> Reading:
    problems = [yaml_problem(issue, lines) for issue in result.issues]
    duplicates = frozenset(p.field for p in problems if p.code == "AT013" and p.field)
    value = result.value or {}
    repairs = yaml11_repairs(result, value)
    if any(i.kind == "tab" for i in result.issues):
        repairs = sorted(repairs + _tab_repairs(lines, result.spans, value), key=lambda r: r.line)
    as_written = {i.key: i.other for i in result.issues
                  if i.kind == "yaml11" and i.key and i.other is not None}
    return Reading(parts, value, result.spans, repairs, problems=problems,
                   strict_yaml=not any(i.kind in ("tab", "yaml11") for i in result.issues),
                   duplicate_keys=duplicates, loader_fields=None if duplicates else value,
                   as_written=as_written)



def _tab_repairs(lines: list[str], spans: list[yamlsafe.KeySpan],
                 value: dict[str, Any]) -> list[Repair]:
    """A safe fix for each key whose lines hold a tab after a colon (PyYAML stops there):
    written again with spaces, the same value."""
    return [Repair(span.key, "tab", span.start, span.end - 1, value[span.key], True)
            for span in spans if span.key in value
            and any(":\t" in line for line in lines[span.start:span.end])]


def _continued(parts: Split, loose: lenient.LenientResult) -> Reading:
    problems = [_continued_problem(r) for r in loose.repairs if r.family == "continued"]
    problems += [yaml_problem(dup, []) for dup in loose.duplicates]
    repairs = [Repair(r.key, r.family, r.line, r.last_line, (loose.value or {})[r.key], False)
               for r in loose.repairs]
    return Reading(parts, loose.value or {}, loose.spans, repairs, problems, strict_yaml=False,
                   duplicate_keys=frozenset(d.key for d in loose.duplicates if d.key))


def _continued_problem(repair: lenient.Repair) -> Problem:
    line = repair.line + FM_LINE_OFFSET
    last = repair.last_line + FM_LINE_OFFSET
    preview = repair.value.replace("\n", "⏎")
    preview = preview[:90] + ("…" if len(preview) > 90 else "")
    return error(
        "AT011",
        f"Claude Code cannot parse this frontmatter, even after its retry: the `{repair.key}` "
        f"value goes on at column 0 on lines {line + 1}-{last}. {SKIPS}. agenttui reads it "
        f"as: {preview!r}. `agenttui fix --unsafe` makes it a block scalar (`|`) holding those "
        "lines.", line, repair.key, 1)


def _unreadable(parts: Split, lines: list[str], issue: yamlsafe.YamlIssue) -> Reading:
    problem = _tab_problem(lines) or yaml_problem(issue, lines)
    salvaged = _salvage(lines)
    return Reading(parts, salvaged, problems=[problem], strict_yaml=False, fields_readable=False)


def _tab_problem(lines: list[str]) -> Problem | None:
    for index, line in enumerate(lines):
        indent = re.match(r"[ \t]*", line)
        if indent and "\t" in indent.group(0) and strip_eol(line).strip():
            return error("AT014", "a tab is used for indentation; YAML allows only spaces "
                                  f"(line {index + FM_LINE_OFFSET}); {SKIPS}",
                         index + FM_LINE_OFFSET, key_at_lines(lines, index), 1)
    return None



def _salvage(lines: list[str]) -> dict[str, Any]:
    """Best-guess single-line string values, for listing a file that cannot be parsed."""
    found: dict[str, Any] = {}
    for line in lines:
        parsed = lenient.key_line(line)
        if parsed and parsed[1] and parsed[0] not in found:
            found[parsed[0]] = parsed[1].strip("\"'")
    return found
