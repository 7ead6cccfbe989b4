"""What Claude Code will do with an agent file: load it, skip it, drop it, or load it and
refuse to launch it, and the values it uses where they differ from the file's face value."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from agenttui.model import claude_code, tools
from agenttui.model.sameness import same_value

LOADS = "loads"
SKIPPED = "skipped"  # never listed (the reason only in `claude --debug`)
REJECTED = "rejected"  # refused with a message
DROPPED = "dropped"  # silently left out
REFUSES = "refuses to launch"  # listed, but no tool it names resolves


@dataclass(frozen=True)
class Verdict:
    outcome: str
    reason: str | None
    fields: dict[str, Any] | None  # the values Claude Code reads; None: it reads none
    differs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def loads(self) -> bool:
        return self.outcome in (LOADS, REFUSES)

    def to_json(self) -> dict[str, Any]:
        said = self.fields or {}
        listed = said.get("tools")
        said_json: dict[str, Any] = jsonable({  # any YAML value may be one: ``model: .nan``
            "loads": self.loads,
            "outcome": self.outcome,
            "reason": self.reason,
            "name": said.get("name") if self.fields is not None else None,
            "description": said.get("description") if self.fields is not None else None,
            "model": model_in_effect(said.get("model")),
            "tools": None if listed is None else tools.parse_tools(listed),
            "differs": self.differs,
        })
        return said_json


def model_in_effect(value: Any) -> Any:
    return "inherit" if value is None else value


def verdict(loader_fields: dict[str, Any] | None, fields: dict[str, Any],
            as_written: dict[str, Any], unreadable: str | None) -> Verdict:
    """``loader_fields``: what Claude Code parses (None: its parse fails); ``fields``: the
    file's reading; ``as_written``: strict readings that differ from Claude Code's."""
    if loader_fields is None:
        return Verdict(SKIPPED, unreadable or "its frontmatter does not parse", None)
    differs = {key: {"claude_code": loader_fields.get(key), "as_written": value}
               for key, value in as_written.items()}
    differs |= {key: {"claude_code": loader_fields.get(key), "as_written": value}
                for key, value in fields.items()
                if not same_value(loader_fields.get(key), value)}
    reason = claude_code.loads_by_fields(loader_fields)
    if reason is not None:
        outcome = DROPPED if "hooks" in reason else REJECTED if "`:`" in reason else SKIPPED
        return Verdict(outcome, reason, loader_fields, differs)
    if no_tool_resolves(loader_fields.get("tools")):
        return Verdict(REFUSES, "none of the tools it lists resolves", loader_fields, differs)
    return Verdict(LOADS, None, loader_fields, differs)


def no_tool_resolves(value: Any) -> bool:
    """True when ``tools`` lists entries and not one names a tool Claude Code knows."""
    if value is None:
        return False
    entries = tools.parse_tools(value) if isinstance(value, (str, list)) else []
    if not entries and not isinstance(value, (str, list)):
        return True
    return bool(entries) and all(tools.entry_problem(entry) for entry in entries)


def jsonable(value: Any) -> Any:
    """``value`` as JSON holds it: keys as text, infinite numbers as YAML spells them."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
