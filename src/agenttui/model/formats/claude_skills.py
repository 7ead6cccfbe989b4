"""Claude Code skills: a folder holding ``SKILL.md``; the folder's name is the skill's id.

Claude Code reads skills with the same frontmatter reader as its agents (agenttui's reading
of the split, the retry and YAML 1.2 applies unchanged); the fields and rules are the skills'.
Codes AT500–AT549.
"""

from __future__ import annotations

from agenttui.model import schema
from agenttui.model.formats.base import Folder, Format
from agenttui.model.formats.claude_agents import CLAUDE_TOOLS, MODELS
from agenttui.model.schema import Field, Kind

EFFORTS = ("low", "medium", "high", "xhigh", "max")

# What skills and commands share (commands take all of these but ``paths``).
SHARED_FIELDS: tuple[Field, ...] = (
    Field("description", Kind.LONG_TEXT, "What the skill does and when Claude should use it.",
          max_length=1024),
    Field("when_to_use", Kind.LONG_TEXT, "More on when to use it, added to the description."),
    Field("argument-hint", Kind.TEXT, "The arguments shown in the / menu: `[issue-number]`."),
    Field("arguments", Kind.YAML, "Named arguments for $name substitutions."),
    Field("disable-model-invocation", Kind.BOOLEAN,
          "Only you can run it (with /name); Claude never loads it on its own."),
    Field("user-invocable", Kind.BOOLEAN, "false hides it from the / menu."),
    Field("allowed-tools", Kind.TOOLS, "Tools it may use without asking while active."),
    Field("disallowed-tools", Kind.TOOLS, "Tools removed while it is active."),
    Field("model", Kind.CHOICE, "The model while it is active.", choices=schema.MODEL_ALIASES,
          open=True),
    Field("effort", Kind.CHOICE, "Reasoning effort while it is active.", choices=EFFORTS),
    Field("context", Kind.CHOICE, "fork runs it in a forked subagent context.",
          choices=("fork",)),
    Field("agent", Kind.TEXT, "The subagent type to run it in, with context: fork."),
    Field("background", Kind.BOOLEAN, "Run the forked context as a background task."),
    Field("hooks", Kind.YAML, "Hooks scoped to the skill's life."),
    Field("shell", Kind.CHOICE, "The shell for !`command` lines.", choices=("bash", "powershell")),
    Field("metadata", Kind.YAML, "Free-form data of your own."),
    Field("license", Kind.TEXT, "The skill's licence."),
    Field("compatibility", Kind.TEXT, "What the skill needs to run (products, packages)."),
)
NAME = Field("name", Kind.TEXT, "The skill's id: lowercase letters, digits and hyphens, at "
             "most 64 characters, the same as its folder's name.", max_length=64)
PATHS = Field("paths", Kind.TOOLS, "Globs of files that make Claude load the skill when it "
              "touches them.")

FORMAT = Format(
    kind="claude-skill",
    tool="Claude Code",
    title="skills",
    source="https://code.claude.com/docs/en/skills",
    checked="2026-12-03",
    folders=(
        Folder("project", ".claude/skills", files="*/SKILL.md"),
        Folder("user", ".claude/skills", files="*/SKILL.md", env="CLAUDE_CONFIG_DIR",
               env_path="skills"),
        Folder("plugin", "skills", files="*/SKILL.md"),
    ),
    id_from="folder",
    fields=(NAME, *SHARED_FIELDS[:1], PATHS, *SHARED_FIELDS[1:]),
    codes=500,
    name_pattern=schema.NAME_PATTERN,
    body_required=True,
    ignored={"tools": "Claude Code ignores `tools` in a skill: skills list them in "
                      "`allowed-tools`",
             "allowedTools": "Claude Code ignores `allowedTools` in a skill: the spelling is "
                             "`allowed-tools`"},
    tools_key="allowed-tools",
    tools_style="csv",
    tool_names=CLAUDE_TOOLS,
    claude_tool_entries=True,
    model_template="{}",
    models=MODELS,
    concepts={"name": "name", "description": "description", "tools": "allowed-tools",
              "denied_tools": "disallowed-tools",
              "model": "model", "effort": "effort", "background": "background"},
    example="---\nname: {name}\ndescription: {description}\n---\n"
            "Steps Claude follows when it uses {name}.\n",
)
