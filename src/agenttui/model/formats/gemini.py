"""Gemini CLI subagents: ``.gemini/agents/*.md`` in the project and ``~/.gemini/agents/``.
The ``name`` (a slug) is the id; ``kind: remote`` agents talk A2A and need ``agent_card_url``.
Codes AT700–AT749.
"""

from __future__ import annotations

from pathlib import Path

from agenttui.model.formats.base import Folder, Format, Readable
from agenttui.model.problems import Problem, error
from agenttui.model.schema import Field, Kind

# Gemini CLI's built-in tools, with the Claude Code tool each one is ("" for none).
TOOLS = {
    "read_file": "Read", "write_file": "Write", "replace": "Edit", "run_shell_command": "Bash",
    "grep_search": "Grep", "glob": "Glob", "list_directory": "LS", "web_fetch": "WebFetch",
    "google_web_search": "WebSearch", "write_todos": "TodoWrite", "search_file_content": "",
    "read_many_files": "", "save_memory": "", "ask_user": "AskUserQuestion",
    "activate_skill": "Skill",
}
SLUG = r"[a-z0-9][a-z0-9_-]*"

FIELDS = (
    Field("name", Kind.TEXT, "The agent's id and the tool name the main agent calls: a slug "
          "of lowercase letters, digits, hyphens and underscores.", required=True),
    Field("description", Kind.LONG_TEXT, "What the agent does, for the main agent to choose "
          "it.", required=True),
    Field("kind", Kind.CHOICE, "local (the default) or remote (an A2A agent).",
          choices=("local", "remote"), default="local"),
    Field("tools", Kind.TOOLS, "Tools it may use; wildcards such as mcp_* are allowed."),
    Field("mcpServers", Kind.YAML, "MCP servers of its own."),
    Field("model", Kind.TEXT, "A Gemini model id (gemini-2.5-pro); the main model without it."),
    Field("temperature", Kind.NUMBER, "Randomness: 0 to 2.", minimum=0, maximum=2),
    Field("max_turns", Kind.INTEGER, "Most turns before it must answer.", minimum=1),
    Field("timeout_mins", Kind.INTEGER, "Minutes before it is stopped.", minimum=1),
    Field("agent_card_url", Kind.TEXT, "A remote agent's A2A card."),
    Field("auth", Kind.YAML, "How a remote agent authenticates."),
)


def _slug(fmt: Format, doc: Readable, path: Path | None) -> list[Problem]:
    import re

    name = doc.fields.get("name")
    if isinstance(name, str) and name and not re.fullmatch(SLUG, name):
        return [error(fmt.code(20), f"Gemini CLI refuses the name {name!r}: a name is a slug "
                      "(lowercase letters, digits, hyphens and underscores)",
                      doc.field_line("name"), "name")]
    return []


def _remote(fmt: Format, doc: Readable, path: Path | None) -> list[Problem]:
    if doc.fields.get("kind") == "remote" and "agent_card_url" not in doc.fields:
        return [error(fmt.code(21), "a remote agent needs `agent_card_url`: Gemini CLI "
                      "cannot reach it otherwise", doc.field_line("kind"), "kind")]
    return []


FORMAT = Format(
    kind="gemini-agent",
    tool="Gemini CLI",
    title="subagents",
    source="https://github.com/google-gemini/gemini-cli/blob/main/docs/core/subagents.md",
    checked="2026-12-03",
    folders=(
        Folder("project", ".gemini/agents", files="*.md"),
        Folder("user", ".gemini/agents", files="*.md"),
    ),
    id_from="name",
    fields=FIELDS,
    codes=700,
    rules=(_slug, _remote),
    tools_key="tools",
    tools_style="list",
    tool_names=TOOLS,
    concepts={"name": "name", "description": "description", "tools": "tools",
              "model": "model", "temperature": "temperature", "max_turns": "max_turns"},
    example="---\nname: {name}\ndescription: {description}\nkind: local\n---\n"
            "You are {name}. Describe the task, the steps and what to report.\n",
)
