"""The rows of the app's form for a file of a format: the declaration's fields in its order,
then the keys the file holds that the declaration does not, as YAML text kept as written.

Pure (no Textual): the form builds one editor per row from the field's ``Kind``.
"""

from __future__ import annotations

from collections.abc import Iterable

from agenttui.model.formats.base import Format
from agenttui.model.schema import Field, Kind


def form_fields(fmt: Format, keys: Iterable[str]) -> tuple[Field, ...]:
    """The form's fields for a file of ``fmt`` holding ``keys``: a format with no schema
    (the generic one) shows only the file's keys, each as YAML."""
    declared = fmt.by_key
    extra = tuple(Field(key, Kind.YAML, _extra_help(fmt, key)) for key in keys
                  if key not in declared)
    return (*fmt.fields, *extra)


def _extra_help(fmt: Format, key: str) -> str:
    if not fmt.fields:
        return "Kept as written (YAML); no schema checks it."
    if key in fmt.ignored:
        return f"{fmt.ignored[key]}; kept as written."
    return f"Not a field {fmt.tool} reads; kept as written."


def form_tools(fmt: Format, known: tuple[str, ...]) -> tuple[str, ...]:
    """The tools the form's pickers offer for a file of ``fmt``: Claude Code's (``known``:
    the built-in ones and the MCP tools in use) for Claude Code's formats and those that
    take its names, else the format's own tool names."""
    if fmt.claude_tool_entries or fmt.accepts_claude_tools or not fmt.tool_names:
        return known
    return tuple(fmt.tool_names)
