"""Reading frontmatter through Claude Code's quoting retry, line for line: the values it
loads, a warning and a safe fix per line it rewrote, and the two ways the retry misleads
(example lines read as keys; a CRLF file, whose lines it never matches)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from agenttui.model import claude_code, lenient, yamlsafe
from agenttui.model.problems import Problem, error, warning
from agenttui.model.read_parts import (
    FM_LINE_OFFSET,
    SKIPS,
    Reading,
    Repair,
    parsed,
    yaml11_repairs,
    yaml_problem,
)
from agenttui.model.sameness import same_value
from agenttui.model.splitting import Split, strip_eol


def read_retried(parts: Split, lines: list[str], result: yamlsafe.YamlResult, rewritten: list[int],
             known_keys: frozenset[str]) -> Reading:
    """Read through Claude Code's retry: every rewritten line a warning and a safe fix."""
    value = result.value or {}
    moved = frozenset(rewritten)
    spans = [replace(s, end_column=-1, style=None) if s.start in moved else s
             for s in result.spans]  # the quotes were the retry's, not the file's
    problems = [yaml_problem(issue, lines) for issue in result.issues
                if issue.kind != "yaml11" or issue.line not in moved]  # quoted: all agree
    duplicates = frozenset(p.field for p in problems if p.code == "AT013" and p.field)
    repairs = [r for r in yaml11_repairs(result, value) if r.line not in moved]
    as_written = {i.key: i.other for i in result.issues if i.kind == "yaml11" and i.key
                  and i.other is not None and i.line not in moved}
    for index in rewritten:
        key, strict = _retry_line_reading(lines[index], value)
        if key is None:
            continue
        if strict is not _UNREADABLE and not same_value(strict, value[key]):
            as_written[key] = strict
        repairs.append(Repair(key, "retry", index, index, value[key], True))
        problems.append(_retry_problem(lines[index], index, key, value[key], strict))
    if not any(r.family == "retry" for r in repairs):
        problems.append(_tangled_problem(rewritten[0]))
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


def _tangled_problem(index: int) -> Problem:
    """The retry quoted lines that are no key of what it read (they sit inside another
    value, a quoted one going on over lines): it loads, but no line can be fixed alone."""
    at = index + FM_LINE_OFFSET
    return warning("AT010", f"not strict YAML: Claude Code loads this frontmatter only "
                            f"through its retry, which quotes line {at} inside another value; "
                            "strict parsers stop. Quote or indent that value by hand.", at)


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


def read_crlf(parts: Split, lines: list[str]) -> Reading | None:
    """A CRLF file whose frontmatter only loads through the retry: the retry's line pattern
    cannot match a line ending in CR, so Claude Code fails. Read as the retry would read the
    same lines with LF endings, with a safe fix that quotes the values."""
    unix = re.sub(r"\r\n?", "\n", parts.frontmatter)
    retried_text, rewritten = claude_code.retry_text(unix)
    result = yamlsafe.load(retried_text)
    if not parsed(result) or any(i.kind == "duplicate" for i in result.issues):
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
                 f"{SKIPS}. `agenttui fix` quotes the values (the file keeps CRLF), so it "
                 "loads.", at, repairs[0].key if repairs else None)
    return Reading(parts, value, spans, repairs, [problem], strict_yaml=False)
