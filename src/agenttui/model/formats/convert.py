"""Conversion between formats, through what the fields mean.

Each declaration names its keys for shared meanings (``Format.concepts``: ``tools``,
``model``, ``max_turns`` …) and how it writes tools, models and colours. A value goes from
the source's key to the meaning, through Claude Code's spelling of it (tool names, model
aliases, colour names), and out to the target's key in the target's spelling. Keys of the
same name that both formats declare go across as they are. Everything else is listed as not
carried over, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from agenttui.model.formats.base import Format
from agenttui.model.schema import MODEL_ALIASES, TOOL_NAMES
from agenttui.model.tools import base_name, parse_tools

# Meanings whose values need a translation; the others go across as they are.
_TRANSLATED = frozenset({"name", "tools", "denied_tools", "model", "color"})


@dataclass
class Conversion:
    """A file of the target format: its id, fields (in the target's order) and body, and
    what did not carry over."""

    name: str
    fields: dict[str, Any]
    body: str
    dropped: list[str] = field(default_factory=list)


def tool_entries(fmt: Format, fields: dict[str, Any], allowed: bool = True) -> list[str]:
    """The tools a file lists (``allowed``) or turns off, as its format writes them."""
    key = fmt.tools_key if allowed or fmt.tools_style == "map" else fmt.concepts.get(
        "denied_tools")
    value = fields.get(key) if key else None
    if fmt.tools_style == "map":
        if not isinstance(value, dict):
            return []
        return [str(name) for name, on in value.items() if on is allowed]
    return parse_tools(value)


def convert(source: Format, target: Format, fields: dict[str, Any], body: str,
            name: str) -> Conversion:
    """``fields`` and ``body`` of a ``source`` file whose id is ``name``, as a ``target``
    file."""
    out: dict[str, Any] = {}
    dropped: list[str] = []
    if target.fields == () and target.codes is None:  # the generic kind takes every key
        return Conversion(_id(name), dict(fields), body)
    carried = _concepts(source, target, fields, out, dropped)
    if "name" in target.concepts and source.concepts.get("name") not in fields:
        out[target.concepts["name"]] = _id(name)
    theirs = {key: concept for concept, key in target.concepts.items()}
    for key, value in fields.items():
        if key in carried:
            continue
        if key in target.by_key and theirs.get(key) not in source.concepts:
            out[key] = value  # the same key, not a meaning the source names otherwise
        else:
            dropped.append(f"`{key}`: {target.label} have no such field")
    order = {spec.key: at for at, spec in enumerate(target.fields)}
    ordered = dict(sorted(out.items(), key=lambda item: order.get(item[0], len(order))))
    return Conversion(_id(name), ordered, body, dropped)


def _id(name: str) -> str:
    """An id as a file name: ``/a:b`` (a command's) is ``a-b``, ``team/x`` is ``team-x``."""
    return re.sub(r"[/:\\]+", "-", name.strip("/")) or "converted"


def _concepts(source: Format, target: Format, fields: dict[str, Any], out: dict[str, Any],
              dropped: list[str]) -> set[str]:
    """Translate every meaning the source file has; returns the source keys used."""
    used: set[str] = set()
    for concept, key in source.concepts.items():
        if key not in fields or (concept == "denied_tools" and source.tools_style == "map"):
            continue
        used.add(key)
        if concept in ("tools", "denied_tools"):
            _tools(source, target, fields, concept, out, dropped)
            continue
        goal = target.concepts.get(concept)
        if goal is None and concept == "name" and target.id_from != "name":
            continue  # the name is the new file's name
        if goal is None:
            dropped.append(f"`{key}`: {target.label} have no field for it")
            continue
        value = _translate(concept, source, target, fields[key])
        if value is None:
            dropped.append(f"`{key}: {fields[key]}`: {target.label} have no such value")
        else:
            out[goal] = value
    return used


def _translate(concept: str, source: Format, target: Format, value: Any) -> Any:
    if concept == "model":
        return model_to(target, model_from(source, value))
    if concept == "color":
        return _colour(source, target, value)
    if concept == "name":
        return value
    spec = target.by_key.get(target.concepts[concept])
    if spec is not None and spec.choices and value not in spec.choices:
        return None
    return value


def model_from(fmt: Format, value: Any) -> str | None:
    """Claude Code's name of the model a ``fmt`` file names (an alias or a full id)."""
    if not isinstance(value, str):
        return None
    for alias, written in fmt.models.items():
        if written == value:
            return alias
    template = fmt.model_template
    if template is None:
        return None
    prefix, _, suffix = template.partition("{}")
    if value.startswith(prefix) and value.endswith(suffix) and len(value) > len(template) - 2:
        return value[len(prefix):len(value) - len(suffix)]
    return None


def model_to(fmt: Format, claude: str | None) -> str | None:
    """How ``fmt`` writes the model Claude Code calls ``claude``; None when it cannot."""
    if claude is None:
        return None
    if claude in fmt.models:
        return fmt.models[claude]
    if fmt.model_template is None or claude in MODEL_ALIASES:
        return None
    return fmt.model_template.format(claude)


def _colour(source: Format, target: Format, value: Any) -> str | None:
    if value not in source.colours or not target.colours:
        return None
    return target.colours[source.colours.index(value)]


def _tools(source: Format, target: Format, fields: dict[str, Any], concept: str,
           out: dict[str, Any], dropped: list[str]) -> None:
    """The allowed (and, from a tool map, the denied) tools, translated."""
    if target.tools_key is None:
        key = source.concepts[concept]
        dropped.append(f"`{key}`: {target.label} have no field for tools")
        return
    for allowed in ((True, False) if source.tools_style == "map" else
                    (concept == "tools",)):
        mine = tool_entries(source, fields, allowed)
        if not allowed and target.tools_style != "map" and (
                "denied_tools" not in target.concepts) and mine:
            listed = ", ".join(f"`{entry}`" for entry in mine)
            key = str(source.tools_key if source.tools_style == "map" else source.concepts[concept])
            dropped.append(f"`{key}` turning off {listed}: {target.label} have no field for "
                           "tools turned off")
            continue
        claude = [_to_claude(source, entry, dropped) for entry in mine]
        theirs = [_from_claude(target, c, dropped) for c in claude if c is not None]
        _write_tools(target, [t for t in theirs if t is not None], allowed, out, dropped)


def _to_claude(fmt: Format, entry: str, dropped: list[str]) -> str | None:
    if fmt.tool_names.get(entry):
        return fmt.tool_names[entry]
    if (fmt.accepts_claude_tools or fmt.claude_tool_entries) and (
            base_name(entry) in TOOL_NAMES or entry.startswith("mcp__")):
        return entry  # a Claude Code entry (Bash(git:*), mcp__server__tool) as written
    dropped.append(f"the tool `{entry}`: no Claude Code tool is {fmt.tool}'s `{entry}`")
    return None


def _from_claude(fmt: Format, claude: str, dropped: list[str]) -> str | None:
    if fmt.claude_tool_entries:
        return claude
    for mine, theirs in fmt.tool_names.items():
        if theirs == claude:
            return mine
    if fmt.accepts_claude_tools and base_name(claude) in TOOL_NAMES:
        return claude
    base = base_name(claude)
    if base != claude:
        for mine, theirs in fmt.tool_names.items():
            if theirs == base:
                dropped.append(f"the tool `{claude}` is `{mine}` in {fmt.tool}: its "
                               "pattern does not carry over")
                return mine
    dropped.append(f"the tool `{claude}`: {fmt.tool} has no such tool")
    return None


def _write_tools(fmt: Format, names: list[str], allowed: bool, out: dict[str, Any],
                 dropped: list[str]) -> None:
    unique = list(dict.fromkeys(names))
    if not unique:
        return
    if fmt.tools_style == "map" and fmt.tools_key:
        table = out.setdefault(fmt.tools_key, {})
        table.update(dict.fromkeys(unique, allowed))
        return
    key = fmt.tools_key if allowed else fmt.concepts.get("denied_tools")
    if key is None:
        what = "tools" if allowed else "tools turned off"
        listed = ", ".join(f"`{name}`" for name in unique)
        dropped.append(f"{what} ({listed}): {fmt.label} have no field for them")
        return
    out[key] = ", ".join(unique) if fmt.tools_style == "csv" else unique


def file_text(conversion: Conversion) -> str:
    """The text of the converted file: its fields written one by one (each as the
    document's edits write a value, read back to check it), then its body."""
    from agenttui.model.document import AgentDocument

    document = AgentDocument.from_text("---\n---\n" + conversion.body)
    for key, value in conversion.fields.items():
        document = document.with_field(key, value)
    return document.text or ""
