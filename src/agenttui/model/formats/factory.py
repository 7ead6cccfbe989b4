"""Factory droids: ``.factory/droids/*.md`` (top level only) in the project and
``~/.factory/droids/``. The ``name`` is required and is the id. Codes AT800–AT849.
"""

from __future__ import annotations

from agenttui.model.formats.base import Folder, Format
from agenttui.model.schema import Field, Kind

# Factory's tool ids and categories, with the Claude Code tool each one is ("" for none).
TOOLS = {
    "Read": "Read", "LS": "LS", "Grep": "Grep", "Glob": "Glob", "Create": "Write",
    "Edit": "Edit", "ApplyPatch": "", "Execute": "Bash", "WebSearch": "WebSearch",
    "FetchUrl": "WebFetch", "TodoWrite": "TodoWrite", "read-only": "", "edit": "",
    "execute": "", "web": "", "mcp": "",
}

FIELDS = (
    Field("name", Kind.TEXT, "The droid's id: lowercase letters, digits, hyphens and "
          "underscores.", required=True),
    Field("description", Kind.LONG_TEXT, "What the droid does, shown in the list."),
    Field("model", Kind.TEXT, "inherit (the parent session's model) or a model id."),
    Field("reasoningEffort", Kind.CHOICE, "Reasoning effort, for models that take one.",
          choices=("low", "medium", "high")),
    Field("tools", Kind.TOOLS, "A category (read-only, edit, execute, web, mcp) or a list of "
          "tool ids; all tools without it."),
)

FORMAT = Format(
    kind="factory-droid",
    tool="Factory",
    title="droids",
    source="https://docs.factory.ai/cli/configuration/custom-droids",
    checked="2026-12-03",
    folders=(
        Folder("project", ".factory/droids", files="*.md"),
        Folder("user", ".factory/droids", files="*.md"),
    ),
    id_from="name",
    fields=FIELDS,
    codes=800,
    name_pattern=r"[a-z0-9][a-z0-9_-]*",
    body_required=True,
    tools_key="tools",
    tools_style="list",
    tool_names=TOOLS,
    model_template="{}",
    models={"inherit": "inherit", "sonnet": "claude-sonnet-4-5-20250929",
            "opus": "claude-opus-4-5-20251101", "haiku": "claude-haiku-4-5-20251001"},
    concepts={"name": "name", "description": "description", "tools": "tools",
              "model": "model", "effort": "reasoningEffort"},
    example="---\nname: {name}\ndescription: {description}\nmodel: inherit\n---\n"
            "You are {name}. Describe the task, the steps and what to report.\n",
)
