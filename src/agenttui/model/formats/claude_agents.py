"""Claude Code subagents: ``.claude/agents/**/*.md``, the format agenttui was built for.

The fields are ``model.schema``'s table and the validation is ``model.validation`` (codes
AT0xx–AT4xx); this declaration gives them the shape every format has, so discovery,
conversion and the listings treat Claude Code's agents as one format among the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from agenttui.model import schema
from agenttui.model.formats.base import Folder, Format, Readable

if TYPE_CHECKING:
    from agenttui.model.document import AgentDocument
    from agenttui.model.problems import Problem

# Claude Code's tools under their own names: the names every conversion goes through.
CLAUDE_TOOLS = {name: name for name in schema.TOOL_NAMES}
MODELS = {alias: alias for alias in schema.MODEL_ALIASES}


def _validate(doc: Readable, path: Path | None) -> list[Problem]:
    from agenttui.model.validation import validate

    return validate(cast("AgentDocument", doc), path)


FORMAT = Format(
    kind="claude-agent",
    tool="Claude Code",
    title="subagents",
    source="https://code.claude.com/docs/en/sub-agents",
    checked="2026-12-03",
    folders=(
        Folder("project", ".claude/agents"),
        Folder("user", ".claude/agents", env="CLAUDE_CONFIG_DIR", env_path="agents"),
        Folder("plugin", "agents"),
    ),
    id_from="name",
    fields=schema.FIELDS,
    codes=None,  # AT0xx–AT4xx, from model.validation
    name_pattern=schema.NAME_PATTERN,
    body_required=True,
    tools_key="tools",
    tools_style="csv",
    tool_names=CLAUDE_TOOLS,
    claude_tool_entries=True,
    model_template="{}",
    models=MODELS,
    colours=schema.COLORS,
    concepts={"name": "name", "description": "description", "tools": "tools",
              "denied_tools": "disallowedTools", "model": "model", "color": "color",
              "max_turns": "maxTurns",              "background": "background", "effort": "effort"},
    validator=_validate,
    example="---\nname: {name}\ndescription: {description}\ntools: Read, Grep, Glob\n---\n"
            "You are {name}. Describe the task, the steps and what to report.\n",
)
