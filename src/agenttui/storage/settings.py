"""Disabling an agent without deleting it: ``Agent(name)`` in a settings file's deny list.

Claude Code skips a subagent named by a deny rule ``Agent(name)`` in ``permissions.deny`` of
``.claude/settings.json`` (the project's, shared), ``.claude/settings.local.json`` (the
project's, personal) or ``~/.claude/settings.json`` (``$CLAUDE_CONFIG_DIR/settings.json``).

A settings file is edited as text, never re-dumped: a small tokenizer finds the exact span of
``permissions``, ``deny`` and the array's elements, and one element is inserted or removed
in the file's own indentation and line endings (the keys are created when absent). Everything
else keeps its bytes: formatting, key order, other keys. The result is parsed again and must
equal the old settings with only the deny list changed, or nothing is written; the write is
atomic (``files.save_atomic``). A file that is not valid JSON is refused, never rewritten.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agenttui.storage.files import SaveError, Snapshot, read_snapshot, save_atomic
from agenttui.storage.scope_folders import claude_config_dir, project_root

PLACES = ("project", "local", "user")
_RULE = re.compile(r"(?:Agent|Task)\(\s*([^()]*?)\s*\)")
# What ``json.loads`` accepts (it has checked the file first): strings, punctuation, numbers
# (with Python's ``NaN`` and ``Infinity``) and the three literals.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|-?[0-9][0-9.eE+-]*|-?Infinity|NaN'
                    r"|true|false|null", re.S)


class SettingsError(Exception):
    """A settings file that cannot be read or changed safely; nothing was written."""


def settings_path(place: str, cwd: Path | None = None,
                  env: Mapping[str, str] | None = None) -> Path:
    """The settings file of ``place``: project, local or user."""
    if place == "user":
        return claude_config_dir(env) / "settings.json"
    folder = project_root(cwd or Path.cwd(), env) / ".claude"
    if place == "project":
        return folder / "settings.json"
    if place == "local":
        return folder / "settings.local.json"
    raise ValueError(f"settings are in {', '.join(PLACES)}, not {place}")


def settings_files(cwd: Path | None = None, env: Mapping[str, str] | None = None) -> list[Path]:
    """The settings files whose deny rules Claude Code applies, project first."""
    return [settings_path(place, cwd, env) for place in PLACES]


def rule_for(name: str) -> str:
    return f"Agent({name})"


def check_agent_name(name: str) -> None:
    """Refuse a name that cannot sit in a deny rule."""
    if not name or not name.strip() or any(c in name for c in "()") or not name.isprintable():
        raise SettingsError(f"{name!r} is not an agent name a deny rule can hold")


def denied_agents(settings: Any) -> list[str]:
    """The agent names the deny rules of parsed ``settings`` name."""
    permissions = settings.get("permissions") if isinstance(settings, dict) else None
    deny = permissions.get("deny") if isinstance(permissions, dict) else None
    if not isinstance(deny, list):
        return []
    return [m.group(1) for rule in deny if isinstance(rule, str)
            and (m := _RULE.fullmatch(rule.strip()))]


def disabled_names(files: Iterable[Path]) -> dict[str, Path]:
    """Each disabled agent name with the first settings file that disables it. A file that is
    missing or not valid JSON disables nothing (``read_settings`` says why)."""
    found: dict[str, Path] = {}
    for path in files:
        try:
            settings = read_settings(path)[0]
        except SettingsError:
            continue
        for name in denied_agents(settings):
            found.setdefault(name, path)
    return found


def read_settings(path: Path) -> tuple[Any, Snapshot | None]:
    """The parsed settings (``{}`` when the file does not exist) and what was read."""
    try:
        snapshot = read_snapshot(path)
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return _parse(path, _decode(path, snapshot.data)), snapshot


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SettingsError(f"{path}: not UTF-8 text; left as it is") from None


def _parse(path: Path, text: str) -> Any:
    """The settings object, read as JSON readers read it (Claude Code's ``JSON.parse``):
    ``NaN`` and ``Infinity`` are not JSON; a number of thousands of digits is a number (too
    large for Python's ``int()``, it is read as the float JavaScript reads); nesting past the
    parser's depth is a message, never a traceback."""
    if not text.lstrip("\ufeff").strip():
        return {}
    try:
        value = _loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise SettingsError(f"{path}: not valid JSON ({why}); fix it first, "
                            "agenttui does not rewrite it") from None
    if not isinstance(value, dict):
        raise SettingsError(f"{path}: holds a JSON {type(value).__name__}, not an object; "
                            "left as it is")
    return value


MAX_INT_DIGITS = 4_000  # below Python's int() limit of 4,300 digits


def _loads(text: str) -> Any:
    return json.loads(text, parse_constant=_not_json, parse_int=_json_int)


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON value")


def _json_int(digits: str) -> int | float:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else float(digits)


def set_enabled(path: Path, name: str, enabled: bool) -> bool:
    """Remove (``enabled``) or add the rule ``Agent(name)`` in ``path``'s deny list, changing
    nothing else in the file; True when the file changed. Raises ``SettingsError``."""
    check_agent_name(name)
    settings, snapshot = read_settings(path)
    text = _decode(path, snapshot.data) if snapshot else ""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    edited = _without_rule(body, name) if enabled else _with_rule(body, name, settings)
    if edited == body:
        return False
    _check_result(path, settings, edited, name, enabled)
    _write(path, bom + edited, snapshot)
    return True


def _check_result(path: Path, before: Any, text: str, name: str, enabled: bool) -> None:
    """The edit must parse to the old settings with only the deny list changed."""
    after = _loads(text)
    expected = copy.deepcopy(before)
    permissions = expected.setdefault("permissions", {})
    deny = permissions.setdefault("deny", [])
    if enabled:
        permissions["deny"] = [r for r in deny if not _names(r, name)]
    else:
        deny.append(rule_for(name))
    if after != expected:
        raise SettingsError(f"{path}: the edit would change more than the deny list; "
                            "nothing written")


def _names(rule: Any, name: str) -> bool:
    match = _RULE.fullmatch(rule.strip()) if isinstance(rule, str) else None
    return match is not None and match.group(1) == name


def _write(path: Path, text: str, snapshot: Snapshot | None) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        save_atomic(path, text.encode("utf-8"), snapshot)
    except (SaveError, OSError) as exc:
        raise SettingsError(f"{path}: not saved: {exc}") from None


# -- the text editor -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Node:
    """A JSON value's span; for an object, its members (key token, value node); for an
    array, its elements."""

    start: int
    end: int
    kind: str  # "object", "array" or "scalar"
    members: tuple[tuple[_Token, _Node], ...] = ()
    items: tuple[_Node, ...] = ()


def _space_end(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def _tokens(text: str) -> list[_Token]:
    found: list[_Token] = []
    at = _space_end(text, 0)
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None:
            raise ValueError(f"unexpected character at {at}")
        found.append(_Token(match.group(), match.start(), match.end()))
        at = _space_end(text, match.end())
    return found


class _Reader:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def value(self) -> _Node:
        first = self.take()
        if first.text == "{":
            return self._object(first)
        if first.text == "[":
            return self._array(first)
        return _Node(first.start, first.end, "scalar")

    def _object(self, first: _Token) -> _Node:
        members = []
        while (token := self.take()).text != "}":
            if token.text == ",":
                continue
            self.take()  # the colon
            members.append((token, self.value()))
        return _Node(first.start, token.end, "object", members=tuple(members))

    def _array(self, first: _Token) -> _Node:
        items = []
        while (token := self.tokens[self.at]).text != "]":
            if token.text == ",":
                self.at += 1
                continue
            items.append(self.value())
        self.at += 1
        return _Node(first.start, token.end, "array", items=tuple(items))


def _tree(text: str) -> _Node:
    return _Reader(_tokens(text)).value()


def _member(node: _Node, key: str) -> _Node | None:
    found = [value for token, value in node.members if _loads(token.text) == key]
    if len(found) > 1:
        raise SettingsError(f"`{key}` appears twice in one object; remove one first")
    return found[0] if found else None


def _without_rule(text: str, name: str) -> str:
    deny = _deny_node(text)
    if deny is None:
        return text
    for item in reversed(deny.items):
        if _names(_loads(text[item.start:item.end]), name):
            text = _remove_item(text, deny, item)
            deny = _deny_node(text)
            assert deny is not None
    return text


def _deny_node(text: str) -> _Node | None:
    if not text.strip():
        return None
    root = _tree(text)
    permissions = _member(root, "permissions")
    if permissions is None or permissions.kind != "object":
        return None
    deny = _member(permissions, "deny")
    if deny is None or deny.kind != "array":
        return None
    return deny


def _remove_item(text: str, array: _Node, item: _Node) -> str:
    items = array.items
    index = items.index(item)
    if len(items) == 1:
        return text[:array.start] + "[]" + text[array.end:]
    if index == len(items) - 1:  # from the end of the previous element (its comma with it)
        return text[:items[index - 1].end] + text[item.end:]
    return text[:item.start] + text[items[index + 1].start:]


def _with_rule(text: str, name: str, settings: Any) -> str:
    if name in denied_agents(settings):
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    rule = json.dumps(rule_for(name), ensure_ascii=False)
    if not text.strip():
        return _new_file(rule, newline)
    if not isinstance(settings.get("permissions", {}), dict) or not isinstance(
            settings.get("permissions", {}).get("deny", []), list):
        raise SettingsError("`permissions` must be an object and `deny` a list to hold a rule")
    root = _tree(text)
    unit = _indent_unit(text)
    permissions = _member(root, "permissions")
    if permissions is None:
        value = _block({"deny": [rule]}, unit, _member_indent(text, root, unit), newline)
        return _add_member(text, root, '"permissions"', value, unit, newline)
    deny = _member(permissions, "deny")
    if deny is None:
        value = _block_list([rule], _member_indent(text, permissions, unit), unit, newline)
        return _add_member(text, permissions, '"deny"', value, unit, newline)
    return _add_item(text, deny, rule, unit, newline)


def _new_file(rule: str, newline: str) -> str:
    return newline.join(["{", '  "permissions": {', '    "deny": [', f"      {rule}",
                         "    ]", "  }", "}", ""])


def _indent_unit(text: str) -> str:
    """The file's indentation step: the leading whitespace of its first indented line."""
    match = re.search(r"\n([ \t]+)\S", text)
    return match.group(1) if match else "  "


def _line_indent(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    return re.match(r"[ \t]*", text[start:]).group()  # type: ignore[union-attr]


def _multiline(text: str, node: _Node) -> bool:
    return "\n" in text[node.start:node.end]


def _member_indent(text: str, obj: _Node, unit: str) -> str:
    """Where the members of ``obj`` start their lines."""
    if obj.members:
        return _line_indent(text, obj.members[0][0].start)
    return _line_indent(text, obj.start) + unit


def _block(value: dict[str, list[str]], unit: str, indent: str, newline: str) -> str:
    """``{"deny": [rule]}`` written over lines, its closing brace at ``indent``."""
    inner = indent + unit
    lines = ["{"]
    for key, items in value.items():
        lines.append(f"{inner}{json.dumps(key)}: {_block_list(items, inner, unit, newline)}")
    lines.append(f"{indent}}}")
    return newline.join(lines)


def _block_list(items: list[str], indent: str, unit: str, newline: str) -> str:
    inner = indent + unit
    body = ("," + newline).join(f"{inner}{item}" for item in items)
    return f"[{newline}{body}{newline}{indent}]"


def _add_member(text: str, obj: _Node, key: str, value: str, unit: str, newline: str) -> str:
    if not _multiline(text, obj):
        value = _flat(value)
        sep = ", " if obj.members else ""
        at = obj.members[-1][1].end if obj.members else obj.start + 1
        return text[:at] + f"{sep}{key}: {value}" + text[at:]
    indent = _member_indent(text, obj, unit)
    if obj.members:
        at = obj.members[-1][1].end
        return text[:at] + f",{newline}{indent}{key}: {value}" + text[at:]
    close = _line_indent(text, obj.end - 1)
    return (text[:obj.start + 1] + f"{newline}{indent}{key}: {value}{newline}{close}"
            + text[obj.end - 1:])


def _flat(value: str) -> str:
    return json.dumps(_loads(value), ensure_ascii=False, separators=(", ", ": "))


def _add_item(text: str, array: _Node, rule: str, unit: str, newline: str) -> str:
    if not array.items:
        if _multiline(text, array):
            close = _line_indent(text, array.end - 1)
            return (text[:array.start + 1] + f"{newline}{close}{unit}{rule}{newline}{close}"
                    + text[array.end - 1:])
        return text[:array.start + 1] + rule + text[array.end - 1:]
    last = array.items[-1]
    if len(array.items) > 1:
        between = text[array.items[-2].end:last.start]
    elif _multiline(text, _Node(array.start, last.start, "scalar")):
        between = "," + newline + _line_indent(text, last.start)
    else:
        between = ", "
    return text[:last.end] + between + rule + text[last.end:]
