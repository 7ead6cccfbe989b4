"""Claude Code slash commands: ``.claude/commands/**/*.md``; the path is the id
(``a/b.md`` is ``/a:b``). The fields are the skills' less ``name`` and ``paths``; a skill of
the same name wins over a command. Codes AT550–AT599.
"""

from __future__ import annotations

from agenttui.model.formats.base import Folder, Format
from agenttui.model.formats.claude_agents import CLAUDE_TOOLS, MODELS
from agenttui.model.formats.claude_skills import SHARED_FIELDS

FORMAT = Format(
    kind="claude-command",
    tool="Claude Code",
    title="commands",
    source="https://code.claude.com/docs/en/slash-commands",
    checked="2026-12-03",
    folders=(
        Folder("project", ".claude/commands"),
        Folder("user", ".claude/commands", env="CLAUDE_CONFIG_DIR", env_path="commands"),
        Folder("plugin", "commands"),
    ),
    id_from="path",
    id_field=None,
    fields=SHARED_FIELDS,
    codes=550,
    ignored={"name": "Claude Code ignores `name` in a command: its path is its name "
                     "(`a/b.md` is /a:b)",
             "paths": "Claude Code ignores `paths` in a command: only skills load by path",
             "tools": "Claude Code ignores `tools` in a command: the spelling is "
                      "`allowed-tools`"},
    tools_key="allowed-tools",
    tools_style="csv",
    tool_names=CLAUDE_TOOLS,
    claude_tool_entries=True,
    model_template="{}",
    models=MODELS,
    concepts={"description": "description", "tools": "allowed-tools",
              "denied_tools": "disallowed-tools", "model": "model",
              "effort": "effort"},
    example="---\ndescription: {description}\n---\nWhat /{name} asks Claude to do: $ARGUMENTS\n",
)
