"""Turn file bytes into the pieces a document is made of, with every problem as a value.

The fields are read as Claude Code reads them: YAML 1.2 core-schema scalars, and where that
parse fails, Claude Code's quoting retry (``claude_code.retry_text``), line for line. What
other readers make of the same text (YAML 1.1, strict parsers) is a warning beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from agenttui.model import claude_code, lenient, yamlsafe
from agenttui.model.limits import MAX_FILE_BYTES, MAX_FRONTMATTER_LINES
from agenttui.model.problems import Problem, error, warning
from agenttui.model.splitting import Split, split, split_lines, strip_eol

FM_LINE_OFFSET = 2  # frontmatter line 0 is file line 2 (1-based, after the opening fence)

_YAML_KIND_CODES = {
    "tag": "AT016", "aliases": "AT017", "depth": "AT018", "size": "AT019",
    "not-mapping": "AT015", "duplicate": "AT013", "tab": "AT020", "yaml11": "AT022",
}
_YAML_WARNINGS = frozenset({"AT020", "AT022"})  # Claude Code reads it; other readers may not
_SKIPS = ("Claude Code skips the agent (a plugin agent loads under its file name with a "
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
            + _SKIPS, 1)], fields_readable=False)
    lines = split_lines(parts.frontmatter)
    if len(lines) > MAX_FRONTMATTER_LINES:
        return Reading(parts, problems=[error(
            "AT019", f"the frontmatter has {len(lines)} lines, more than the "
                     f"{MAX_FRONTMATTER_LINES} agenttui reads; shorten it", 2)],
            strict_yaml=False, fields_readable=False)
    reading = _read_frontmatter(parts, lines, known_keys)
    _against_loader(reading, lines)
    return reading


def _no_frontmatter(text: str) -> Problem:
    if not text.strip():
        return error("AT001", "the file is empty: Claude Code cannot load an agent from it")
    return error("AT004", "no frontmatter: the first line must be `---`, followed by the fields "
                          "and another `---`; " + _SKIPS, 1)


def _read_frontmatter(parts: Split, lines: list[str], known_keys: frozenset[str]) -> Reading:
    result = yamlsafe.load(parts.frontmatter)
    if result.ok:
        return _strict(parts, lines, result)
    first = result.issues[0]
    if first.kind != "syntax":
        return _unreadable(parts, lines, first)
    retried_text, rewritten = claude_code.retry_text(parts.frontmatter)
    retried = yamlsafe.load(retried_text)
    if _parsed(retried):
        return _retried(parts, lines, retried, rewritten, known_keys)
    if "\r" in parts.frontmatter:
        crlf = _crlf(parts, lines)
        if crlf is not None:
            return crlf
    for continued in (False, True):
        loose = lenient.read(lines, known_keys, continued)
        if loose.value is not None and any(r.family == "continued" for r in loose.repairs):
            return _continued(parts, loose)
    return _unreadable(parts, lines, first)


def _against_loader(reading: Reading, lines: list[str]) -> None:
    """Where Claude Code's split regex disagrees with the lines: CR-only line endings (it
    finds no frontmatter) and a ``---`` inside a line (its frontmatter ends there)."""
    parts = reading.split
    rest = parts.text()[len(parts.bom):]
    cut = claude_code.loader_split(rest)
    if cut is None:
        reading.loader_fields = None
        reading.problems.append(error(
            "AT025", "Claude Code finds no frontmatter: its split needs a line feed after the "
                     f"opening `---`, and this file ends its lines with CR alone. {_SKIPS}. "
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
        if _parsed(result) and not any(i.kind == "duplicate" for i in result.issues):
            return result.value or {}
        if result.issues and result.issues[0].kind == "not-mapping":
            return {}
    return None


def _parsed(result: yamlsafe.YamlResult) -> bool:
    """Parsed with no issue but duplicates (reported, and Claude Code refuses them) or the
    warnings that only other readers need."""
    return result.ok and all(i.kind in ("duplicate", "tab", "yaml11") for i in result.issues)


def _strict(parts: Split, lines: list[str], result: yamlsafe.YamlResult) -> Reading:
    problems = [_yaml_problem(issue, lines) for issue in result.issues]
    duplicates = frozenset(p.field for p in problems if p.code == "AT013" and p.field)
    value = result.value or {}
    repairs = _yaml11_repairs(result, value)
    as_written = {i.key: i.other for i in result.issues
                  if i.kind == "yaml11" and i.key and i.other is not None}
    return Reading(parts, value, result.spans, repairs, problems=problems,
                   strict_yaml=not any(i.kind in ("tab", "yaml11") for i in result.issues),
                   duplicate_keys=duplicates, loader_fields=None if duplicates else value,
                   as_written=as_written)


def _yaml11_repairs(result: yamlsafe.YamlResult, value: dict[str, Any]) -> list[Repair]:
    keys = {issue.key for issue in result.issues if issue.kind == "yaml11" and issue.key}
    spans = {span.key: span for span in result.spans}
    return [Repair(key, "yaml11", spans[key].start, spans[key].end - 1, value[key], True)
            for key in sorted(keys, key=lambda k: spans[k].start) if key in spans]


def _retried(parts: Split, lines: list[str], result: yamlsafe.YamlResult, rewritten: list[int],
             known_keys: frozenset[str]) -> Reading:
    """Read through Claude Code's retry: every rewritten line a warning and a safe fix."""
    value = result.value or {}
    moved = frozenset(rewritten)
    spans = [replace(s, end_column=-1, style=None) if s.start in moved else s
             for s in result.spans]  # the quotes were the retry's, not the file's
    problems = [_yaml_problem(issue, lines) for issue in result.issues
                if issue.kind != "yaml11" or issue.line not in moved]  # quoted: all agree
    duplicates = frozenset(p.field for p in problems if p.code == "AT013" and p.field)
    repairs = [r for r in _yaml11_repairs(result, value) if r.line not in moved]
    as_written = {i.key: i.other for i in result.issues if i.kind == "yaml11" and i.key
                  and i.other is not None and i.line not in moved}
    for index in rewritten:
        key, strict = _retry_line_reading(lines[index], value)
        if key is None:
            continue
        if strict is not _UNREADABLE and strict != value[key]:
            as_written[key] = strict
        repairs.append(Repair(key, "retry", index, index, value[key], True))
        problems.append(_retry_problem(lines[index], index, key, value[key], strict))
    key_like = _key_like(lines, spans, value, known_keys)
    if key_like is not None:
        repairs.append(key_like)
        problems.append(_key_like_problem(key_like))
    return Reading(parts, value, spans, repairs, problems, strict_yaml=False,
                   duplicate_keys=duplicates, loader_fields=None if duplicates else value,
                   as_written=as_written)


_UNREADABLE = object()


def _retry_line_reading(line: str, value: dict[str, Any]) -> tuple[str | None, Any]:
    """The key of a line the retry rewrote, and what strict YAML reads of the line alone."""
    match = claude_code.RETRY_LINE.fullmatch(strip_eol(line))
    if match is None or match.group(1) not in value:
        return None, None
    alone = yamlsafe.load(strip_eol(line) + "\n")
    if alone.ok and not alone.issues and alone.value is not None:
        return match.group(1), alone.value.get(match.group(1))
    return match.group(1), _UNREADABLE


def _retry_problem(line: str, index: int, key: str, read: Any, strict: Any) -> Problem:
    at = index + FM_LINE_OFFSET
    text = strip_eol(line)
    column = _trouble_column(text)
    if strict is not _UNREADABLE and strict != read:
        return error(
            "AT026", f"Claude Code's retry quotes line {at}: `{key}` becomes "
                     f"{yamlsafe.describe(read)}, where strict YAML reads "
                     f"{_shape(strict)}. Claude Code uses the text. `agenttui fix` writes "
                     f"that text in strict YAML; then write the `{key}` you meant.",
            at, key, column + 1)
    return warning(
        "AT010", f"not strict YAML: the unquoted `{key}` value holds "
                 f"`{_trouble(text, column)}` at line {at}, column {column + 1}. Claude Code "
                 "loads it through its retry, which quotes the rest of the line; strict "
                 "parsers (PyYAML, GitHub, Copilot CLI) stop there. `agenttui fix` quotes it "
                 "(the same text).", at, key, column + 1)


def _trouble_column(text: str) -> int:
    match = claude_code.RETRY_LINE.fullmatch(text)
    start = match.start(2) if match else 0
    found = claude_code.RETRY_SPECIAL.search(text, start)
    return found.start() if found else start


def _trouble(text: str, column: int) -> str:
    return ": " if text.startswith(": ", column) else text[column:column + 1]


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a mapping"
    return yamlsafe.describe(value)


def _key_like(lines: list[str], spans: list[yamlsafe.KeySpan], value: dict[str, Any],
              known: frozenset[str]) -> Repair | None:
    """Lines such as ``user: "…"`` at column 0 right after a text value: the continued family
    written as keys. Claude Code reads them as keys of their own; the guess folds them into
    the value above (the first such run only: one fix at a time)."""
    for number, span in enumerate(spans):
        if span.key not in known or not isinstance(value.get(span.key), str):
            continue
        run = []
        for later in spans[number + 1:]:
            if later.key in known or not _conversation_key(later.key, value.get(later.key)):
                break
            run.append(later)
        if run and span.end == span.start + 1:
            last = run[-1].end - 1
            text = "\n".join([value[span.key], *(strip_eol(line).rstrip()
                                                  for line in lines[span.start + 1:last + 1])])
            return Repair(span.key, "key-like", span.start, last, text.rstrip(), False,
                          tuple(s.key for s in run))
    return None


def _conversation_key(key: str, value: Any) -> bool:
    return isinstance(value, str) and lenient.conversation_key(key)


def _key_like_problem(repair: Repair) -> Problem:
    line = repair.line + FM_LINE_OFFSET
    keys = ", ".join(f"`{key}`" for key in repair.absorbs)
    return warning(
        "AT021", f"lines {line + 1}-{repair.last_line + FM_LINE_OFFSET} look like the rest of "
                 f"`{repair.key}` (examples at column 0), but Claude Code reads them as keys "
                 f"of their own ({keys}, which it ignores) and `{repair.key}` as line {line} "
                 "alone. `agenttui fix --unsafe` makes them one block scalar (`|`).",
        line, repair.key, 1)


def _crlf(parts: Split, lines: list[str]) -> Reading | None:
    """A CRLF file whose frontmatter only loads through the retry: the retry's line pattern
    cannot match a line ending in CR, so Claude Code fails. Read as the retry would read the
    same lines with LF endings, with a safe fix that quotes the values."""
    unix = re.sub(r"\r\n?", "\n", parts.frontmatter)
    retried_text, rewritten = claude_code.retry_text(unix)
    result = yamlsafe.load(retried_text)
    if not _parsed(result) or any(i.kind == "duplicate" for i in result.issues):
        return None
    value = result.value or {}
    moved = frozenset(rewritten)
    spans = [replace(s, end_column=-1, style=None) if s.start in moved else s
             for s in result.spans]  # the quotes were the retry's, not the file's
    repairs = [Repair(key, "crlf", index, index, value[key], True) for index in rewritten
               if (key := _retry_line_reading(lines[index], value)[0]) is not None]
    at = repairs[0].line + FM_LINE_OFFSET if repairs else 2
    problem = error(
        "AT024", f"Claude Code cannot load this CRLF file: its YAML parse stops at line {at}, "
                 "and the retry that quotes such values never matches a line ending in CR. "
                 f"{_SKIPS}. `agenttui fix` quotes the values (the file keeps CRLF), so it "
                 "loads.", at, repairs[0].key if repairs else None)
    return Reading(parts, value, spans, repairs, [problem], strict_yaml=False)


def _continued(parts: Split, loose: lenient.LenientResult) -> Reading:
    problems = [_continued_problem(r) for r in loose.repairs if r.family == "continued"]
    problems += [_yaml_problem(dup, []) for dup in loose.duplicates]
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
        f"value goes on at column 0 on lines {line + 1}-{last}. {_SKIPS}. agenttui reads it "
        f"as: {preview!r}. `agenttui fix --unsafe` makes it a block scalar (`|`) holding those "
        "lines.", line, repair.key, 1)


def _unreadable(parts: Split, lines: list[str], issue: yamlsafe.YamlIssue) -> Reading:
    problem = _tab_problem(lines) or _yaml_problem(issue, lines)
    salvaged = _salvage(lines)
    return Reading(parts, salvaged, problems=[problem], strict_yaml=False, fields_readable=False)


def _yaml_problem(issue: yamlsafe.YamlIssue, lines: list[str]) -> Problem:
    line = issue.line + FM_LINE_OFFSET if issue.line is not None else None
    column = issue.column + 1 if issue.column is not None else None
    where = f" (line {line}, column {column})" if line is not None else ""
    code = _YAML_KIND_CODES.get(issue.kind, "AT012")
    key = issue.key if issue.kind in ("duplicate", "yaml11") else (
        _key_at(lines, issue.line) if issue.line is not None else None)
    message = issue.message + where
    if code == "AT012":
        message = f"invalid YAML: {message}; Claude Code cannot parse it, even after its " \
                  f"retry: {_SKIPS}"
    elif code == "AT013":
        message += f"; Claude Code's YAML parser refuses a repeated key: {_SKIPS}"
    elif code == "AT022":
        message += "; `agenttui fix` writes it so both read what Claude Code reads"
    make = warning if code in _YAML_WARNINGS else error
    return make(code, message, line, key, column)


def _key_at(lines: list[str], fm_line: int) -> str | None:
    if not lines:
        return None
    if fm_line < len(lines) and lines[fm_line].startswith("<<:"):
        return "<<"  # a merge key belongs to no field above it
    return _key_at_lines(lines, min(fm_line, len(lines) - 1))


def _tab_problem(lines: list[str]) -> Problem | None:
    for index, line in enumerate(lines):
        indent = re.match(r"[ \t]*", line)
        if indent and "\t" in indent.group(0) and strip_eol(line).strip():
            return error("AT014", "a tab is used for indentation; YAML allows only spaces "
                                  f"(line {index + FM_LINE_OFFSET}); {_SKIPS}",
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
