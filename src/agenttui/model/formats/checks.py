"""Validation that follows a declaration: each field by its type and values, the keys the
tool ignores, the id against the name, the body's limits, and the format's own rules.

Every format's codes are a block of its own (``Format.codes``); the first offsets mean the
same in every block (``OFFSETS``), so ``AT612`` is to OpenCode what ``AT712`` is to Gemini CLI.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from agenttui.model import schema
from agenttui.model.formats.base import Format, Readable
from agenttui.model.problems import Problem, Severity, error, warning
from agenttui.model.schema import Field, Kind

# Offsets in a format's block, with the severity, an example and the fix (``rule_codes``).
REQUIRED, WRONG_TYPE, NOT_ALLOWED, OUT_OF_RANGE, IGNORED_KEY = 0, 1, 2, 3, 4
EMPTY, ID_MISMATCH, NAME_FORM, BODY_TOO_LONG, UNKNOWN_TOOL, TOO_LONG, EMPTY_BODY = range(5, 12)
OWN = 20  # a format's own rules start here
OFFSETS: dict[int, tuple[str, str, str]] = {
    REQUIRED: ("error", "a required field missing", "add the field"),
    WRONG_TYPE: ("error", "a field of the wrong type (a list for text)",
                 "give the field the type it takes"),
    NOT_ALLOWED: ("error", "a value not among the field's values",
                  "one of the listed values (the message suggests the closest)"),
    OUT_OF_RANGE: ("error", "a number out of the field's range", "a number in the range"),
    IGNORED_KEY: ("warning", "a key the tool does not read", "remove it, or use the tool's key"),
    EMPTY: ("error", "a required field left empty", "write a value"),
    ID_MISMATCH: ("warning", "a `name` that differs from the id the tool gives the file",
                  "rename the file (or folder) or the name"),
    NAME_FORM: ("warning", "a name outside the documented form",
                "use the form the message gives"),
    BODY_TOO_LONG: ("error", "a body longer than the tool reads", "shorten the body"),
    UNKNOWN_TOOL: ("warning", "a tool entry the tool does not know", "the closest name is "
                   "suggested"),
    TOO_LONG: ("error", "a value longer than the tool takes", "shorten it"),
    EMPTY_BODY: ("warning", "an empty body", "write the prompt"),
}
_BOOLEAN_WORDS = {"yes": "true", "no": "false", "on": "true", "off": "false", "y": "true",
                  "n": "false"}


def validate(fmt: Format, doc: Readable, path: Path | None,
             relative: PurePosixPath | None = None) -> list[Problem]:
    """Every problem of ``doc`` read as a file of ``fmt``: its reading, then the checks."""
    if fmt.validator is not None:
        return fmt.validator(doc, path)
    problems = list(doc.problems)
    if not doc.fields_editable or fmt.codes is None:
        return sorted(problems, key=Problem.sort_key)
    fields = doc.fields
    problems += _required(fmt, fields)
    for key, value in fields.items():
        line = doc.field_line(key)
        problems += [_at(p, line) for p in check_field(fmt, key, value)]
    rel = relative if relative is not None else (PurePosixPath(path.name) if path else None)
    problems += _id_rules(fmt, doc, rel)
    problems += _body_rules(fmt, doc)
    for rule in fmt.rules:
        problems += rule(fmt, doc, path)
    return sorted(problems, key=Problem.sort_key)


def save_blockers(before: list[Problem], after: list[Problem], old: dict[str, Any],
                  new: dict[str, Any]) -> list[Problem]:
    """The errors of ``after`` (an edit's problems) that block saving it over a file whose
    problems were ``before``: those in the fields the edit changed (``old`` to ``new``), and
    those the edit brought. A file can always be saved in a state it was already in."""
    had = {(p.code, p.field, p.message) for p in before}
    changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    return [p for p in after if p.severity is Severity.ERROR and (
        p.field in changed or (p.code, p.field, p.message) not in had)]


def check_field(fmt: Format, key: str, value: Any) -> list[Problem]:
    """Problems of one value of ``key`` as ``fmt``'s tool reads it (no line numbers)."""
    spec = fmt.by_key.get(key)
    if spec is None:
        return _unknown(fmt, key)
    return _KIND_CHECKS[spec.kind](fmt, spec, value)


def _at(problem: Problem, line: int | None) -> Problem:
    return Problem(problem.severity, problem.code, problem.message, line, problem.field,
                   problem.column)


def _required(fmt: Format, fields: dict[str, Any]) -> list[Problem]:
    return [error(fmt.code(REQUIRED), f"`{f.key}` is required by {fmt.tool}: {f.help}", 2,
                  f.key) for f in fmt.fields if f.required and f.key not in fields]


def _unknown(fmt: Format, key: str) -> list[Problem]:
    if key in fmt.ignored:
        return [warning(fmt.code(IGNORED_KEY), fmt.ignored[key], field=key)]
    if not fmt.unknown_keys:
        return []
    return [warning(fmt.code(IGNORED_KEY), f"{fmt.tool} ignores `{key}`: it is not a field of "
                    f"its {fmt.title}; it is kept{did_you_mean(key, tuple(fmt.by_key))}",
                    field=key)]


def did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def type_name(value: Any) -> str:
    names = {list: "a list", dict: "a mapping", bool: "a boolean", int: "a number",
             float: "a number", str: "text", type(None): "empty"}
    return names.get(type(value), type(value).__name__)


def _wrong(fmt: Format, spec: Field, expected: str, value: Any) -> list[Problem]:
    return [error(fmt.code(WRONG_TYPE), f"`{spec.key}` must be {expected} for {fmt.tool}, "
                  f"not {type_name(value)}", field=spec.key)]


def _text(fmt: Format, spec: Field, value: Any) -> list[Problem]:
    if not isinstance(value, str):
        return _wrong(fmt, spec, "text", value)
    if spec.required and not value.strip():
        return [error(fmt.code(EMPTY), f"`{spec.key}` is empty: {spec.help}", field=spec.key)]
    if spec.max_length is not None and len(value) > spec.max_length:
        return [error(fmt.code(TOO_LONG), f"`{spec.key}` is {len(value):,} characters; "
                      f"{fmt.tool} takes at most {spec.max_length:,}", field=spec.key)]
    return []


def _choice(fmt: Format, spec: Field, value: Any) -> list[Problem]:
    if isinstance(value, str) and (value in spec.choices or not spec.choices):
        return []
    if not isinstance(value, str):
        return _wrong(fmt, spec, "one of " + ", ".join(spec.choices), value)
    hint = did_you_mean(value, spec.choices)
    make = warning if spec.open else error
    effect = "passes on as written" if spec.open else "does not take"
    return [make(fmt.code(NOT_ALLOWED), f"`{spec.key}` is {value!r}, which {fmt.tool} "
                 f"{effect}; its values: {', '.join(spec.choices)}{hint}", field=spec.key)]


def _number(fmt: Format, spec: Field, value: Any) -> list[Problem]:
    whole = spec.kind is Kind.INTEGER
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not number or (whole and not float(value).is_integer()):
        return _wrong(fmt, spec, "a whole number" if whole else "a number", value)
    low, high = spec.minimum, spec.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        return [error(fmt.code(OUT_OF_RANGE), f"`{spec.key}` is {value!r}; {fmt.tool} takes "
                      f"{_range(low, high)}", field=spec.key)]
    return []


def _range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"


def _boolean(fmt: Format, spec: Field, value: Any) -> list[Problem]:
    if isinstance(value, bool):
        return []
    if isinstance(value, str) and value.lower() in _BOOLEAN_WORDS:
        return [error(fmt.code(WRONG_TYPE), f"`{spec.key}: {value}` is the text {value!r} to "
                      "YAML 1.2 readers (only true and false are booleans): write "
                      f"`{_BOOLEAN_WORDS[value.lower()]}`", field=spec.key)]
    return _wrong(fmt, spec, "true or false", value)


def _tool_list(fmt: Format, spec: Field, value: Any) -> list[Problem]:
    from agenttui.model.tools import parse_tools

    if isinstance(value, list) and not all(isinstance(i, str) for i in value):
        return _wrong(fmt, spec, "a list of tool names", value)
    if not isinstance(value, (str, list)):
        return _wrong(fmt, spec, "a list of tool names", value)
    return [p for entry in parse_tools(value) for p in _tool_entry(fmt, spec, entry)]


def _tool_map(fmt: Format, spec: Field, value: Any) -> list[Problem]:
    if not isinstance(value, dict):
        example = "{read: true, bash: false}"
        return [error(fmt.code(WRONG_TYPE), f"`{spec.key}` must be a mapping of tool names to "
                      f"true or false for {fmt.tool} ({example}), not {type_name(value)}",
                      field=spec.key)]
    problems = [error(fmt.code(WRONG_TYPE), f"`{spec.key}.{name}` must be true or false, not "
                      f"{entry!r}", field=spec.key)
                for name, entry in value.items() if not isinstance(entry, bool)]
    return problems + [p for name in value for p in _tool_entry(fmt, spec, str(name))]


def _tool_entry(fmt: Format, spec: Field, entry: str) -> list[Problem]:
    """A warning for a tool name the format does not know (MCP tools, patterns and tools of
    its own namespaces pass: the declaration lists its built-in tools only)."""
    if not fmt.tool_names or any(ch in entry for ch in "*/.(") or entry.startswith("mcp"):
        return []
    if entry in fmt.tool_names:
        return []
    if fmt.accepts_claude_tools and entry in schema.TOOL_NAMES:
        return []
    lowered = {name.lower(): name for name in fmt.tool_names}
    close = lowered.get(entry.lower())
    hint = f"; did you mean `{close}`?" if close else did_you_mean(entry, tuple(fmt.tool_names))
    return [warning(fmt.code(UNKNOWN_TOOL), f"`{entry}` is not a tool {fmt.tool} lists{hint}",
                    field=spec.key)]


def _string_list(fmt: Format, spec: Field, value: Any) -> list[Problem]:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return []
    return _wrong(fmt, spec, "a list of text", value)


def _any(fmt: Format, spec: Field, value: Any) -> list[Problem]:
    return []


_Check = Callable[[Format, Field, Any], list[Problem]]
_KIND_CHECKS: dict[Kind, _Check] = {
    Kind.TEXT: _text, Kind.LONG_TEXT: _text, Kind.CHOICE: _choice, Kind.INTEGER: _number,
    Kind.NUMBER: _number, Kind.BOOLEAN: _boolean, Kind.TOOLS: _tool_list,
    Kind.TOOL_MAP: _tool_map, Kind.STRING_LIST: _string_list,
    Kind.YAML: _any,
}


def _id_rules(fmt: Format, doc: Readable, relative: PurePosixPath | None) -> list[Problem]:
    key = fmt.id_field
    name = doc.fields.get(key) if key else None
    if not key or not isinstance(name, str) or not name:
        return []
    line = doc.field_line(key)
    problems = []
    if fmt.name_pattern and not re.fullmatch(fmt.name_pattern, name):
        problems.append(warning(fmt.code(NAME_FORM), f"the name {name!r} is not of the form "
                                f"{fmt.tool} documents for its {fmt.title} (lowercase letters, "
                                "digits and hyphens)", line, key))
    if relative is not None:
        file_id = fmt.file_id(relative).rsplit("/", 1)[-1]
        if file_id != name:
            problems.append(warning(fmt.code(ID_MISMATCH), _mismatch(fmt, name, file_id),
                                    line, key))
    return problems


def _mismatch(fmt: Format, name: str, file_id: str) -> str:
    where = "folder" if fmt.id_from == "folder" else "file"
    if fmt.id_from in ("folder", "file", "path"):
        return (f"the name {name!r} differs from the {where} name {file_id!r}, which is what "
                f"{fmt.tool} calls it by")
    return (f"the name {name!r} differs from the file name {file_id!r}; people look for one "
            "by the other")


def _body_rules(fmt: Format, doc: Readable) -> list[Problem]:
    body = doc.body
    if fmt.body_limit is not None and len(body) > fmt.body_limit:
        return [error(fmt.code(BODY_TOO_LONG), f"the body is {len(body):,} characters; "
                      f"{fmt.tool} reads at most {fmt.body_limit:,}", doc.body_line)]
    if fmt.body_required and not body.strip():
        return [warning(fmt.code(EMPTY_BODY), f"the body is empty: it is what {fmt.tool} "
                        "gives the model", doc.body_line)]
    return []


def severity_of(offset: int) -> Severity:
    return Severity(OFFSETS[offset][0])
