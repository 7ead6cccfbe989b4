"""OpenCode agents: ``.opencode/agent(s)/**/*.md`` in the project (every ``.opencode`` from
the working directory up) and ``~/.config/opencode/agent(s)/``. The file's path below the
folder is the id (``team/reviewer``); the body is the system prompt. Codes AT600–AT649.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from agenttui.model.formats.base import Folder, Format, Readable
from agenttui.model.problems import Problem, error
from agenttui.model.schema import Field, Kind

PERMISSION_VALUES = ("ask", "allow", "deny")
# OpenCode's built-in tools, with the Claude Code tool each one is ("" for none).
TOOLS = {
    "read": "Read", "write": "Write", "edit": "Edit", "bash": "Bash", "grep": "Grep",
    "glob": "Glob", "list": "LS", "webfetch": "WebFetch", "websearch": "WebSearch",
    "todowrite": "TodoWrite", "todoread": "", "task": "Task", "skill": "Skill", "patch": "",
    "lsp": "LSP", "question": "AskUserQuestion",
}
# Claude Code's colours as OpenCode writes colours (hex), for conversion.
COLOURS = {"red": "#FF0000", "blue": "#0000FF", "green": "#00FF00", "yellow": "#FFFF00",
           "purple": "#800080", "orange": "#FFA500", "pink": "#FFC0CB", "cyan": "#00FFFF"}
THEME_COLOURS = ("primary", "secondary", "accent", "success", "warning", "error", "info")

FIELDS = (
    Field("description", Kind.LONG_TEXT, "What the agent does and when to use it.",
          required=True),
    Field("mode", Kind.CHOICE, "primary (you switch to it), subagent (others call it) or all.",
          choices=("primary", "subagent", "all"), default="all"),
    Field("model", Kind.TEXT, "provider/model-id, e.g. anthropic/claude-sonnet-4-5."),
    Field("temperature", Kind.NUMBER, "Randomness: 0 focused to 1 creative.", minimum=0,
          maximum=2),
    Field("top_p", Kind.NUMBER, "Nucleus sampling: 0 to 1.", minimum=0, maximum=1),
    Field("prompt", Kind.TEXT, "A prompt file instead of the body: {file:./prompt.txt}."),
    Field("tools", Kind.TOOL_MAP, "Tools on (true) or off (false): {write: false}."),
    Field("permission", Kind.YAML, "ask, allow or deny, per tool; bash takes command globs."),
    Field("maxSteps", Kind.INTEGER, "Most agentic steps before it must answer.", minimum=1),
    Field("steps", Kind.INTEGER, "Most agentic steps (the newer spelling of maxSteps).",
          minimum=1),
    Field("hidden", Kind.BOOLEAN, "Hide a subagent from the @ menu."),
    Field("disable", Kind.BOOLEAN, "Turn the agent off."),
    Field("color", Kind.TEXT, "Hex colour (#FF5733) or a theme colour (primary, accent, …)."),
    Field("variant", Kind.TEXT, "The model variant (reasoning level) to use."),
    Field("options", Kind.YAML, "Provider options passed to the model as written."),
)


def _model_form(fmt: Format, doc: Readable, path: Path | None) -> list[Problem]:
    model = doc.fields.get("model")
    if isinstance(model, str) and model and "/" not in model:
        return [error(fmt.code(20), f"`model: {model}` is not of OpenCode's form "
                      "provider/model-id (anthropic/claude-sonnet-4-5): OpenCode cannot find "
                      "the model", doc.field_line("model"), "model")]
    return []


def _permission(fmt: Format, doc: Readable, path: Path | None) -> list[Problem]:
    value = doc.fields.get("permission")
    if value is None or "permission" not in doc.fields:
        return []
    bad = [f"{where}: {leaf!r}" for where, leaf in _leaves(value, "permission")
           if leaf not in PERMISSION_VALUES]
    return [error(fmt.code(21), f"OpenCode's permissions are ask, allow or deny; {item} is "
                  "none of them", doc.field_line("permission"), "permission") for item in bad]


def _leaves(value: Any, where: str) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, f"{where}.{key}")]
    return [(where, value)]


def _colour(fmt: Format, doc: Readable, path: Path | None) -> list[Problem]:
    import re

    value = doc.fields.get("color")
    if not isinstance(value, str) or re.fullmatch(r"#[0-9A-Fa-f]{6}", value) or (
            value in THEME_COLOURS):
        return []
    return [error(fmt.code(22), f"OpenCode ignores `color: {value}`: it takes a hex colour "
                  f"(#FF5733) or one of {', '.join(THEME_COLOURS)}", doc.field_line("color"),
                  "color")]


FORMAT = Format(
    kind="opencode-agent",
    tool="OpenCode",
    title="agents",
    source="https://opencode.ai/docs/agents/",
    checked="2026-12-03",
    folders=(
        Folder("project", ".opencode/agents"),
        Folder("project", ".opencode/agent"),
        Folder("user", ".config/opencode/agents", env="XDG_CONFIG_HOME",
               env_path="opencode/agents"),
        Folder("user", ".config/opencode/agent", env="XDG_CONFIG_HOME",
               env_path="opencode/agent"),
    ),
    id_from="file",
    nested_ids=True,
    id_field=None,
    fields=FIELDS,
    codes=600,
    ignored={"name": "OpenCode ignores `name`: an agent's name is its file's path "
                     "(team/reviewer.md is team/reviewer)",
             "allowed-tools": "OpenCode ignores `allowed-tools`: it turns tools on and off "
                              "in `tools` ({read: true, bash: false})"},
    rules=(_model_form, _permission, _colour),
    tools_key="tools",
    tools_style="map",
    tool_names=TOOLS,
    model_template="anthropic/{}",
    models={"sonnet": "anthropic/claude-sonnet-4-5", "opus": "anthropic/claude-opus-4-5",
            "haiku": "anthropic/claude-haiku-4-5"},
    colours=tuple(COLOURS.values()),
    concepts={"description": "description", "tools": "tools", "model": "model",
              "color": "color", "temperature": "temperature", "max_turns": "maxSteps"},
    example="---\ndescription: {description}\nmode: subagent\n---\n"
            "You are {name}. Describe the task, the steps and what to report.\n",
)
