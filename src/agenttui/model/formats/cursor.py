"""Cursor subagents: ``.cursor/agents/*.md`` in the project and ``~/.cursor/agents/``. The
``name`` is the id (the file name without it). Codes AT750–AT799.
"""

from __future__ import annotations

from agenttui.model.formats.base import Folder, Format
from agenttui.model.schema import Field, Kind

FIELDS = (
    Field("name", Kind.TEXT, "The subagent's id (the file name when absent)."),
    Field("description", Kind.LONG_TEXT, "When the agent should delegate to it."),
    Field("model", Kind.CHOICE, "inherit, fast, or a model id.", choices=("inherit", "fast"),
          open=True, default="inherit"),
    Field("readonly", Kind.BOOLEAN, "Run with read-only permissions (no edits, no shell "
          "writes)."),
    Field("is_background", Kind.BOOLEAN, "Run in the background, without waiting for it."),
)

FORMAT = Format(
    kind="cursor-agent",
    tool="Cursor",
    title="subagents",
    source="https://cursor.com/docs/context/subagents",
    checked="2026-12-03",
    folders=(
        Folder("project", ".cursor/agents", files="*.md"),
        Folder("user", ".cursor/agents", files="*.md"),
    ),
    id_from="name",
    fields=FIELDS,
    codes=750,
    name_pattern=r"[a-z0-9]+(?:-[a-z0-9]+)*",
    body_required=True,
    models={"inherit": "inherit"},
    concepts={"name": "name", "description": "description", "model": "model",
              "background": "is_background"},
    example="---\nname: {name}\ndescription: {description}\n---\n"
            "You are {name}. Describe the task, the steps and what to report.\n",
)
