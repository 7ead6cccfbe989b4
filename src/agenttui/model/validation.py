"""What Claude Code accepts, checked field by field from the one declaration in ``schema``.

``check_field`` answers for one value (the form calls it as you type); ``validate`` answers for
a whole document, adding line numbers, file-level rules and the problems found while reading.
Cross-file rules (duplicate and shadowed names) live in ``crosscheck``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agenttui.model import schema, tools
from agenttui.model.problems import Problem, Severity, error, warning
from agenttui.model.schema import Field, Kind
from agenttui.model.tools import parse_tools

if TYPE_CHECKING:  # annotations only: validating needs no YAML reader
    from agenttui.model.document import AgentDocument

__all__ = ["check_field", "save_blockers", "validate"]

_Rule = Callable[[Field, Any], list[Problem]]


def validate(doc: AgentDocument, path: Path | None = None) -> list[Problem]:
    """Every problem of one document: reading, fields, file name and body."""
    problems = list(doc.problems)
    if not doc.fields_editable:
        return problems
    fields = doc.fields
    problems += _required(fields, doc)
    for key, value in fields.items():
        line = doc.field_line(key)
        problems += [_at(p, line) for p in check_field(key, value)]
    problems += _both_allowed_and_denied(fields, doc)
    problems += _file_rules(doc, path)
    return sorted(problems, key=Problem.sort_key)


def save_blockers(original: AgentDocument, edited: AgentDocument,
                  path: Path | None = None) -> list[Problem]:
    """The errors that block saving ``edited`` over ``original``: those in the fields the
    edit changed, and those the edit brought. A file can always be saved in a state it was
    already in (an unknown value the edit leaves alone blocks nothing)."""
    before = {(p.code, p.field, p.message) for p in validate(original, path)}
    old, new = original.fields, edited.fields
    changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    return [p for p in validate(edited, path) if p.severity is Severity.ERROR and (
        p.field in changed or (p.code, p.field, p.message) not in before)]


def check_field(key: str, value: Any) -> list[Problem]:
    """Problems of one field's value (no line numbers)."""
    field = schema.BY_KEY.get(key)
    if field is None:
        return [_unknown_key(key)]
    rule = _RULES.get(field.key) or _KIND_RULES[field.kind]
    return rule(field, value)


def _at(problem: Problem, line: int | None) -> Problem:
    return Problem(problem.severity, problem.code, problem.message, line, problem.field,
                   problem.column)


def _required(fields: dict[str, Any], doc: AgentDocument) -> list[Problem]:
    missing = [f for f in schema.FIELDS if f.required and f.key not in fields]
    codes = {"name": "AT101", "description": "AT102"}
    return [error(codes.get(f.key, "AT101"), f"`{f.key}` is required: {f.help} Without it "
                                             f"{_SKIPPED}", 2, f.key)
            for f in missing]


_SKIPPED = ("Claude Code skips the agent (a plugin agent loads under its file name with a "
            "placeholder description).")


def _wrong_type(field: Field, expected: str, value: Any) -> list[Problem]:
    return [error("AT105", f"`{field.key}` must be {expected}, not {_type_name(value)}",
                  field=field.key)]


def _type_name(value: Any) -> str:
    names = {list: "a list", dict: "a mapping", bool: "a boolean", int: "a number",
             float: "a number", str: "text", type(None): "empty"}
    return names.get(type(value), type(value).__name__)


def _text(field: Field, value: Any) -> list[Problem]:
    if not isinstance(value, str):
        return _wrong_type(field, "text", value)
    if field.required and not value.strip():
        return [error("AT106", f"`{field.key}` is empty: {field.help} Claude Code skips the "
                               "agent.", field=field.key)]
    return []


def _name(field: Field, value: Any) -> list[Problem]:
    return _text(field, value) or name_problems(value)


def name_problems(name: str) -> list[Problem]:
    """The one rule for an agent's name (the form, ``set``, ``new`` and ``rename`` apply it):
    errors for what Claude Code refuses or what cannot be a folder name (the agent's memory
    lives in a folder of that name), a warning outside the documented form."""
    reason = _name_error(name)
    if reason is not None:
        return [error(reason[0], reason[1], field="name")]
    if not re.fullmatch(schema.NAME_PATTERN, name):
        suggestion = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        return [warning("AT103", f"the name {name!r} is not an agent name of the documented "
                                 "form (lowercase letters, digits and hyphens); try "
                                 f"{suggestion!r}", field="name")]
    return []


def _name_error(name: str) -> tuple[str, str] | None:
    if ":" in name:
        return "AT104", (f"the name {name!r} contains `:`, which Claude Code reserves for "
                         "plugin namespaces: it rejects the agent")
    if name.startswith("-"):
        return "AT108", f"the name {name!r} starts with `-`: Claude Code skips the agent"
    if "/" in name or "\\" in name or ".." in name or not name.isprintable():
        return "AT109", (f"the name {name!r} holds path separators (`/`, `\\`), `..` or a "
                         "control character: it is also the name of the agent's memory folder")
    return None


def _choice(field: Field, value: Any) -> list[Problem]:
    if not isinstance(value, str):
        return _wrong_type(field, "one of " + ", ".join(field.choices), value)
    if value in field.choices:
        return []
    close = difflib.get_close_matches(value, field.choices, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    allowed = ", ".join(field.choices)
    return [error("AT111", f"`{field.key}` is {value!r}; allowed: {allowed}{hint}",
                  field=field.key)]


def _model(field: Field, value: Any) -> list[Problem]:
    if isinstance(value, str) and (value in field.choices or re.fullmatch(
            schema.FULL_MODEL_PATTERN, value)):
        return []
    if not isinstance(value, str):
        return _wrong_type(field, "a model alias or id", value)
    close = difflib.get_close_matches(value, field.choices, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return [warning("AT110", f"unknown model {value!r}: use an alias "
                             f"({', '.join(field.choices)}) or a full id like "
                             f"claude-sonnet-4-5{hint}", field=field.key)]


def _color(field: Field, value: Any) -> list[Problem]:
    """An unknown colour only changes how Claude Code shows the agent: a warning."""
    if isinstance(value, str) and value in field.choices:
        return []
    listed = ", ".join(field.choices)
    if isinstance(value, str) and value.lower() in field.choices:
        hint = f"; its colours are lowercase: `{value.lower()}`"
    else:
        hint = _did_you_mean(str(value), field.choices)
    return [warning("AT112", f"the colour {value!r} is not one Claude Code lists ({listed}): "
                             f"it loads the agent and shows it without that colour{hint}",
                    field=field.key)]


def _integer(field: Field, value: Any) -> list[Problem]:
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if isinstance(value, bool) or not whole or value < 1:
        return [error("AT113", f"`{field.key}` must be a positive whole number, not {value!r}",
                      field=field.key)]
    return []


def _boolean(field: Field, value: Any) -> list[Problem]:
    if isinstance(value, bool):
        return []
    if isinstance(value, str) and value.lower() in schema.BOOLEAN_WORDS:
        return [error("AT114", f"`{field.key}: {value}` is the text {value!r} to Claude Code "
                               "(YAML 1.2 has only true and false), so it ignores it: write "
                               f"`{str(schema.BOOLEAN_WORDS[value.lower()]).lower()}`",
                      field=field.key)]
    return [error("AT114", f"`{field.key}` must be true or false, not {value!r}",
                  field=field.key)]


def _tools(field: Field, value: Any) -> list[Problem]:
    if value is None:
        return [warning("AT122", f"`{field.key}` is empty: Claude Code reads it as absent"
                                 + ("; the agent gets every tool" if field.key == "tools"
                                    else ""), field=field.key)]
    if not isinstance(value, (str, list)):
        return _wrong_type(field, "a comma-separated string or a list", value)
    entries = parse_tools(value)
    unknown = [(entry, message) for entry in entries
               if (message := tools.entry_problem(entry))]
    if field.key == "tools" and entries and len(unknown) == len(entries):
        return [error("AT123", f"no entry of `tools` is a tool Claude Code knows "
                               f"({unknown[0][1]}): it refuses to launch the agent",
                      field=field.key)]
    effect = "gives the agent the others" if field.key == "tools" else "ignores the entry"
    return [warning("AT120", f"{message} (Claude Code {effect})", field=field.key)
            for _, message in unknown]


def _string_list(field: Field, value: Any) -> list[Problem]:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return []
    if isinstance(value, str):
        return [error("AT140", f"`{field.key}` must be a list, e.g. `{field.key}: [{value}]`",
                      field=field.key)]
    return _wrong_type(field, "a list of names", value)


def _mcp_servers(field: Field, value: Any) -> list[Problem]:
    if isinstance(value, list) and all(isinstance(i, (str, dict)) for i in value):
        return []
    return [error("AT141", "`mcpServers` must be a list of server names or "
                           "`{name: config}` mappings", field=field.key)]


def _hooks(field: Field, value: Any) -> list[Problem]:
    if value == []:
        return [error("AT144", "`hooks: []` makes Claude Code drop the whole agent, silently: "
                               "remove the line or give it `{event: [matchers]}`",
                      field=field.key)]
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        return [error("AT142", "`hooks` must map event names to lists of matchers "
                               "(the same shape as in settings)", field=field.key)]
    unknown = [str(event) for event in value if event not in schema.HOOK_EVENTS]
    return [warning("AT143", f"unknown hook event `{event}`"
                             f"{_did_you_mean(event, schema.HOOK_EVENTS)}", field=field.key)
            for event in unknown]


def _unknown_key(key: str) -> Problem:
    if key in schema.KNOWN_MISTAKES:
        return warning("AT131", schema.KNOWN_MISTAKES[key], field=key)
    hint = _did_you_mean(key, tuple(schema.BY_KEY))
    return warning("AT130", f"`{key}` is not a field Claude Code reads; it is kept but "
                            f"ignored{hint}", field=key)


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _both_allowed_and_denied(fields: dict[str, Any], doc: AgentDocument) -> list[Problem]:
    allowed = {tools.base_name(t): t for t in parse_tools(fields.get("tools"))}
    denied = [t for t in parse_tools(fields.get("disallowedTools")) if t in allowed]
    return [warning("AT121", f"`{t}` is both in `tools` and in `disallowedTools`; it is "
                             "removed", doc.field_line("disallowedTools"), "disallowedTools")
            for t in denied]


def _file_rules(doc: AgentDocument, path: Path | None) -> list[Problem]:
    problems = []
    name = doc.name
    if path is not None and name and re.fullmatch(schema.NAME_PATTERN, name) and (
            path.stem != name):
        problems.append(warning("AT107", f"the name {name!r} differs from the file name "
                                         f"{path.name!r}; people look for one by the other",
                                doc.field_line("name"), "name"))
    if not doc.body.strip():
        problems.append(warning("AT301", "the body is empty: it is the agent's system prompt",
                                doc.body_line))
    return problems


_KIND_RULES: dict[Kind, _Rule] = {
    Kind.TEXT: _text, Kind.LONG_TEXT: _text, Kind.CHOICE: _choice, Kind.TOOLS: _tools,
    Kind.STRING_LIST: _string_list, Kind.INTEGER: _integer, Kind.BOOLEAN: _boolean,
    Kind.YAML: lambda field, value: [],
}
_RULES: dict[str, _Rule] = {
    "name": _name, "model": _model, "color": _color, "mcpServers": _mcp_servers,
    "hooks": _hooks,
}
