"""The one declaration of the fields an agent file may hold.

Validation, the form in the app and the command line all derive from this table; nothing
about a field's type, values or help text is repeated elsewhere. It is the field table of the
Claude Code subagents declaration (``model.formats.claude_agents``); every other format's
declaration in ``model.formats`` holds a table of the same ``Field`` shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    """What sort of value a field holds; the form picks its widget from this."""

    TEXT = "text"  # one-line string
    LONG_TEXT = "long_text"  # multi-line string
    CHOICE = "choice"  # one of ``choices`` (``open`` allows other values with a warning)
    TOOLS = "tools"  # comma-separated string or list of tool names
    STRING_LIST = "string_list"
    INTEGER = "integer"  # positive integer
    BOOLEAN = "boolean"
    YAML = "yaml"  # structured value edited as YAML text
    NUMBER = "number"  # a number, between ``minimum`` and ``maximum`` when they are given
    TOOL_MAP = "tool_map"  # a mapping of tool names to true or false (OpenCode's ``tools``)


@dataclass(frozen=True)
class Field:
    key: str
    kind: Kind
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()
    open: bool = False  # other values allowed (with a warning when unknown)
    default: str | None = None
    minimum: float | None = None  # NUMBER and INTEGER: the smallest value allowed
    maximum: float | None = None  # NUMBER and INTEGER: the largest
    max_length: int | None = None  # TEXT and LONG_TEXT: the most characters the tool takes


MODEL_ALIASES = ("inherit", "sonnet", "opus", "haiku", "opusplan", "sonnet[1m]", "opus[1m]")
COLORS = ("red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan")

FIELDS: tuple[Field, ...] = (
    Field("name", Kind.TEXT, "Unique identifier: lowercase letters, digits and hyphens.",
          required=True),
    Field("description", Kind.LONG_TEXT,
          "When Claude should delegate to this agent; examples help it choose.", required=True),
    Field("tools", Kind.TOOLS, "Tools the agent may use; leave empty to inherit all tools."),
    Field("disallowedTools", Kind.TOOLS, "Tools removed from the inherited or listed ones."),
    Field("model", Kind.CHOICE, "Model alias or full model id; inherit uses the main model.",
          choices=MODEL_ALIASES, open=True, default="inherit"),
    Field("permissionMode", Kind.CHOICE, "How the agent asks for permission.",
          choices=("default", "acceptEdits", "dontAsk", "bypassPermissions", "plan", "auto",
                   "manual"),
          default="default"),
    Field("maxTurns", Kind.INTEGER, "Most agentic turns before the agent stops."),
    Field("skills", Kind.STRING_LIST, "Skills preloaded into the agent."),
    Field("mcpServers", Kind.YAML, "MCP servers: names, or {name: config} mappings."),
    Field("hooks", Kind.YAML, "Event name to a list of matchers with hooks."),
    Field("memory", Kind.CHOICE, "Persistent memory scope.", choices=("user", "project", "local")),
    Field("background", Kind.BOOLEAN, "Always run as a background task."),
    Field("isolation", Kind.CHOICE, "Run in an isolated git worktree.", choices=("worktree",)),
    Field("effort", Kind.CHOICE, "Reasoning effort.",
          choices=("low", "medium", "high", "xhigh", "max")),
    Field("initialPrompt", Kind.LONG_TEXT, "First turn submitted automatically."),
    Field("color", Kind.CHOICE, "Display colour in Claude Code's interface.", choices=COLORS),
)

BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
KNOWN_KEYS: frozenset[str] = frozenset(BY_KEY)


# Built-in tool names an entry of `tools` / `disallowedTools` may name.
TOOL_NAMES: tuple[str, ...] = (
    "Read", "Write", "Edit", "MultiEdit", "Bash", "Glob", "Grep", "LS", "WebFetch", "WebSearch",
    "NotebookEdit", "NotebookRead", "TodoWrite", "Agent", "Task", "BashOutput", "KillShell",
    "KillBash", "Skill", "SlashCommand", "ExitPlanMode", "AskUserQuestion", "TaskOutput",
    "TaskStop", "ListMcpResourcesTool", "ReadMcpResourceTool", "LSP",
    # task lists and agent teams (newer Claude Code versions)
    "TaskCreate", "TaskGet", "TaskUpdate", "TaskList", "SendMessage", "TeamCreate", "TeamDelete",
    "Workflow",  # also Workflow(plugin:name)
)
# Tools whose parenthesised argument names subagent types rather than a permission pattern.
SPAWN_TOOLS: tuple[str, ...] = ("Agent", "Task")
HOOK_EVENTS: tuple[str, ...] = (
    "PreToolUse", "PostToolUse", "PostToolUseFailure", "Notification", "UserPromptSubmit",
    "Stop", "SubagentStart", "SubagentStop", "PreCompact", "SessionStart", "SessionEnd",
    "PermissionRequest",
)
# YAML 1.1 spellings of booleans: text to Claude Code (YAML 1.2); `set background yes` takes them.
BOOLEAN_WORDS: dict[str, bool] = {
    "true": True, "false": False, "yes": True, "no": False, "on": True, "off": False,
}
# Keys other tools use that people put in agent files by mistake, with what to say about them.
KNOWN_MISTAKES: dict[str, str] = {
    "allowed-tools": "`allowed-tools` is the spelling for skills and commands; agents use `tools`",
    "allowedTools": "agents list their tools in `tools`",
    "disallowed-tools": "agents use `disallowedTools`",
}
NAME_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
FULL_MODEL_PATTERN = r"claude-[a-z0-9.\-\[\]]+"
