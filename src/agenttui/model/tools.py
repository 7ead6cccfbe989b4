"""Tool lists: parsing `tools` / `disallowedTools` and checking each entry."""

from __future__ import annotations

import difflib
import re
from typing import Any

from agenttui.model import schema

_MCP = re.compile(r"mcp__[A-Za-z0-9_.\-]+?(?:__[A-Za-z0-9_.\-*]+)?")
_CALL = re.compile(r"([A-Za-z]+)\((.*)\)", re.S)


def parse_tools(value: Any) -> list[str]:
    """Entries of a comma-separated string or a list; commas inside ``(...)`` do not split."""
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    if not isinstance(value, str):
        return []
    if "(" not in value and ")" not in value:
        return [entry.strip() for entry in value.split(",") if entry.strip()]
    entries: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in value:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth <= 0:
            entries.append("".join(current))
            current = []
        else:
            current.append(ch)
    entries.append("".join(current))
    return [entry.strip() for entry in entries if entry.strip()]


def known_tools() -> tuple[str, ...]:
    return schema.TOOL_NAMES


def entry_problem(entry: str) -> str | None:
    """Why ``entry`` names no tool Claude Code knows, with the closest known name; else None."""
    if entry == "*" or _MCP.fullmatch(entry):
        return None
    if entry.startswith("mcp__"):
        return f"`{entry}` is not of the form mcp__<server>__<tool>"
    call = _CALL.fullmatch(entry)
    name = call.group(1) if call else entry
    if name in schema.TOOL_NAMES:
        return None
    close = _closest(name)
    hint = f"; did you mean `{close}`?" if close else ""
    return f"`{entry}` is not a tool Claude Code knows{hint}"


def _closest(name: str) -> str | None:
    lowered = {tool.lower(): tool for tool in schema.TOOL_NAMES}
    if name.lower() in lowered:
        return lowered[name.lower()]
    matches = difflib.get_close_matches(name, schema.TOOL_NAMES, n=1, cutoff=0.6)
    return matches[0] if matches else None


def base_name(entry: str) -> str:
    call = _CALL.fullmatch(entry)
    return call.group(1) if call else entry
