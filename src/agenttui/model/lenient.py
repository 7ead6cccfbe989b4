"""Reading frontmatter that strict YAML rejects, the way Claude Code reads it.

Two families occur in real files (see the format reference):

1. *one-line*: ``description: Use this ... Examples:\\n\\n- User: "..."`` on a single line.
   Strict YAML stops at the inner ``: ``; Claude Code takes the rest of the line literally.
2. *continued*: a value whose text goes on at column 0 on the following lines (``<example>``,
   ``Context: ...``). Claude Code itself fails on these; we say so and show what we believe
   the value was meant to be.

Every repair here is line-for-line over the frontmatter and is reported, never silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from agenttui.model import yamlsafe
from agenttui.model.splitting import strip_eol
from agenttui.model.yaml_render import render_entry

KEY_LINE = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*")
_NOT_PLAIN = tuple("\"'[{|>&*!#%@`")


@dataclass(frozen=True)
class Repair:
    """One reading strict YAML would not make; ``line`` and ``column`` are 0-based."""

    key: str
    family: str  # "one-line" or "continued"
    line: int
    column: int
    last_line: int  # last frontmatter line (inclusive) of the value
    value: str


@dataclass
class LenientResult:
    value: dict[str, Any] | None
    spans: list[yamlsafe.KeySpan] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    duplicates: list[yamlsafe.YamlIssue] = field(default_factory=list)  # repeated keys


def key_line(line: str) -> tuple[str, str] | None:
    """``(key, rest)`` for a column-0 ``key: value`` line, else None."""
    match = KEY_LINE.fullmatch(strip_eol(line))
    return (match.group(1), match.group(2) or "") if match else None


def read(lines: list[str], known_keys: frozenset[str],
         continued: bool = False) -> LenientResult:
    """Read ``lines`` tolerantly; ``value`` is None when even this reading fails.
    ``continued``: look for the continued family even where quoting one line would do."""
    repairs = _one_line_repairs(lines)
    result = None if continued else _try(lines, repairs)
    if result is None:
        repairs = _continued_repairs(lines, known_keys, repairs)
        result = _try(lines, repairs)
    if result is None or not repairs:
        return LenientResult(None)
    return LenientResult(result.value, _segment(lines, repairs), repairs,
                         _original_places(lines, result.issues))


def _original_places(lines: list[str], duplicates: list[yamlsafe.YamlIssue]) -> list[
        yamlsafe.YamlIssue]:
    """The repeated keys where they stand in ``lines`` (the repaired text's lines differ):
    each top-level repeat at its own key line, a nested one without a place."""
    keys = [parsed[0] if (parsed := key_line(line)) else None for line in lines]
    repeats = [index for index, key in enumerate(keys) if key is not None
               and key in keys[:index]]
    placed = []
    for issue in duplicates:
        line = next((i for i in repeats if keys[i] == issue.key), None)
        if line is not None:
            repeats.remove(line)
        placed.append(replace(issue, line=line, column=0 if line is not None else None))
    return placed


def _one_line_repairs(lines: list[str]) -> list[Repair]:
    repairs = []
    for index, line in enumerate(lines):
        parsed = key_line(line)
        if parsed is None or not _troubled_plain(parsed[1]):
            continue
        if _indented(lines, index + 1):
            continue
        key, rest = parsed
        column = strip_eol(line).index(rest) + _colon_at(rest)
        repairs.append(Repair(key, "one-line", index, column, index, rest))
    return repairs


def _continued_repairs(lines: list[str], known: frozenset[str],
                       earlier: list[Repair]) -> list[Repair]:
    repairs: list[Repair] = []
    index = 0
    while index < len(lines):
        parsed = key_line(lines[index])
        end = _continuation_end(lines, index, known) if parsed else index + 1
        if parsed and end > index + 1 and _has_column0_text(lines[index + 1:end], known):
            key, rest = parsed
            text = "\n".join([rest, *(strip_eol(line) for line in lines[index + 1:end])])
            repairs.append(Repair(key, "continued", index, 0, end - 1, text.rstrip()))
            index = end
            continue
        repairs.extend(r for r in earlier if r.line == index)
        index += 1
    return repairs


def _continuation_end(lines: list[str], start: int, known: frozenset[str]) -> int:
    end = start + 1
    while end < len(lines):
        parsed = key_line(lines[end])
        if parsed and parsed[0] in known:
            break
        end += 1
    while end > start + 1 and not strip_eol(lines[end - 1]).strip():
        end -= 1
    return end


def _has_column0_text(lines: list[str], known: frozenset[str]) -> bool:
    """Text at column 0 that is no field: a plain line, or an example's ``user: "…"``."""
    for line in lines:
        text = strip_eol(line)
        if not text or text[0].isspace() or text.startswith(("#", "- ")):
            continue
        parsed = key_line(line)
        if parsed is None or (parsed[0] not in known and conversation_key(parsed[0])):
            return True
    return False


CONVERSATION_KEYS = frozenset({"user", "assistant", "context", "commentary", "example",
                               "examples", "human", "claude", "response"})


def conversation_key(key: str) -> bool:
    """A key an example's line starts with (``user:``, ``Context:``), not a field's."""
    return key.lower() in CONVERSATION_KEYS or key[:1].isupper()


def _try(lines: list[str], repairs: list[Repair]) -> yamlsafe.YamlResult | None:
    """The reading of ``lines`` with ``repairs`` made, if it reads with no issue but repeated
    keys (which the caller reports as in strict YAML)."""
    if not repairs:
        return None
    out = [strip_eol(line) for line in lines]
    for repair in sorted(repairs, key=lambda r: r.line, reverse=True):
        rendered = _render(repair)
        if rendered is None:
            return None
        out[repair.line:repair.last_line + 1] = rendered
    result = yamlsafe.load("\n".join(out) + "\n")
    if not result.ok or any(issue.kind != "duplicate" for issue in result.issues):
        return None
    return result


def _render(repair: Repair) -> list[str] | None:
    try:
        return render_entry(repair.key, repair.value, None)
    except ValueError:
        return None


def _segment(lines: list[str], repairs: list[Repair]) -> list[yamlsafe.KeySpan]:
    """Spans of top-level keys by their column-0 lines, a continued value counting as one."""
    absorbed = {i for r in repairs for i in range(r.line + 1, r.last_line + 1)}
    starts = [(i, parsed[0]) for i, line in enumerate(lines)
              if i not in absorbed and (parsed := key_line(line)) is not None]
    spans = []
    for number, (start, key) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        while end > start + 1 and _is_trivia(lines[end - 1]):
            end -= 1
        spans.append(yamlsafe.KeySpan(key, start, end, -1, None))
    return spans


def _is_trivia(line: str) -> bool:
    text = strip_eol(line).strip()
    return not text or text.startswith("#")


def _troubled_plain(rest: str) -> bool:
    if not rest or rest.startswith(_NOT_PLAIN):
        return False
    return ": " in rest or rest.endswith(":") or ":\t" in rest


def _colon_at(rest: str) -> int:
    positions = [p for p in (rest.find(": "), rest.find(":\t")) if p >= 0]
    return min(positions) if positions else len(rest) - 1


def _indented(lines: list[str], index: int) -> bool:
    return index < len(lines) and strip_eol(lines[index])[:1] in (" ", "\t") and bool(
        strip_eol(lines[index]).strip())
