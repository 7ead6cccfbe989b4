"""GitHub Copilot custom agents: ``.github/agents/*.agent.md`` (or ``.md``) in the repository
and ``~/.copilot/agents/``. The file name less ``.agent.md`` is the id; the body, at most
30,000 characters, is the agent's instructions. Claude Code's tool names are accepted as
aliases of Copilot's. Codes AT650–AT699.
"""

from __future__ import annotations

from agenttui.model.formats.base import Folder, Format
from agenttui.model.schema import Field, Kind

# Copilot's tool aliases, with the Claude Code tool each one stands for.
TOOLS = {
    "read": "Read", "edit": "Edit", "search": "Grep", "execute": "Bash", "shell": "",
    "web": "WebFetch", "todo": "TodoWrite", "agent": "Task", "custom-agent": "",
    "github": "", "playwright": "", "runCommands": "", "codebase": "", "fetch": "",
    "problems": "", "usages": "", "changes": "", "terminalLastCommand": "",
}

FIELDS = (
    Field("name", Kind.TEXT, "The name shown for the agent (the file name without it)."),
    Field("description", Kind.LONG_TEXT, "What the agent does and when to use it.",
          required=True),
    Field("target", Kind.CHOICE, "Where it runs: vscode or github-copilot (both without it).",
          choices=("vscode", "github-copilot")),
    Field("tools", Kind.TOOLS, "Tools it may use (all without it); server/* for an MCP "
          "server's."),
    Field("model", Kind.TEXT, "The model, as Copilot names it (Claude Sonnet 4.5)."),
    Field("disable-model-invocation", Kind.BOOLEAN, "Only picked by hand, never delegated to."),
    Field("user-invocable", Kind.BOOLEAN, "false hides it from the agents picker."),
    Field("mcp-servers", Kind.YAML, "MCP servers the agent adds, by name."),
    Field("metadata", Kind.YAML, "Name/value annotations."),
    Field("argument-hint", Kind.TEXT, "Hint text for the chat input (VS Code)."),
    Field("handoffs", Kind.YAML, "Suggested next agents (VS Code)."),
    Field("infer", Kind.BOOLEAN, "Older spelling: false is disable-model-invocation: true."),
)

FORMAT = Format(
    kind="copilot-agent",
    tool="GitHub Copilot",
    title="custom agents",
    source="https://docs.github.com/en/copilot/reference/custom-agents-configuration",
    checked="2026-12-03",
    folders=(
        Folder("project", ".github/agents", files="*.md"),
        Folder("user", ".copilot/agents", files="*.md"),
    ),
    id_from="file",
    suffix=".agent.md",
    fields=FIELDS,
    codes=650,
    body_limit=30_000,
    body_required=True,
    tools_key="tools",
    tools_style="list",
    tool_names=TOOLS,
    accepts_claude_tools=True,
    models={"sonnet": "Claude Sonnet 4.5", "opus": "Claude Opus 4.5",
            "haiku": "Claude Haiku 4.5"},
    concepts={"name": "name", "description": "description", "tools": "tools",
              "model": "model"},
    example="---\nname: {name}\ndescription: {description}\n---\n"
            "You are {name}. Describe the task, the steps and what to report.\n",
)
