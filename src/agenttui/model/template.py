"""The text a new agent starts from: valid as written, and a real starting point to edit.

Values are set through :meth:`AgentDocument.with_field`, so a description with ``: `` or
quotes in it is written in a form every YAML parser reads back as the same string.
"""

from __future__ import annotations

from agenttui.model.document import AgentDocument
from agenttui.model.problems import Severity
from agenttui.model.validation import name_problems

NAME_MAX = 64
DEFAULT_TOOLS = "Read, Grep, Glob"
DEFAULT_MODEL = "inherit"

_BODY = """\
You are {title}, a focused assistant for one kind of task.

When invoked:
1. Restate the task in one sentence and list what you need to find out.
2. Gather what you need with the tools you have; read before you change anything.
3. Do the work in small steps, checking each one against the request.

Report back with:
- what you did and what you found, with file paths and line numbers;
- anything left open, and what you would do next.
"""


def name_problem(name: str) -> str | None:
    """Why a new or renamed agent may not take ``name``, or None: the errors of the one rule
    for names (``validation.name_problems``), which the form and ``set`` refuse too, and a
    length bound for the file name. A name outside the documented form is taken everywhere
    with the same warning (``name_warning``), as Claude Code loads it."""
    if not name:
        return "a name is needed"
    errors = [p for p in name_problems(name) if p.severity is Severity.ERROR]
    if errors:
        return errors[0].message
    if len(name) > NAME_MAX:
        return f"a name is at most {NAME_MAX} characters"
    return None


def name_warning(name: str) -> str | None:
    """What the one rule for names warns of in ``name`` (AT103: not lowercase letters,
    digits and hyphens), as the form, ``set``, ``new`` and ``rename`` all say it; else None."""
    warnings = [p for p in name_problems(name) if p.severity is Severity.WARNING] if name else []
    return f"{warnings[0].code} {warnings[0].message}" if warnings else None


def default_description(name: str) -> str:
    return (f"Use this agent for {name.replace('-', ' ')} tasks. Describe here when Claude "
            "should delegate to it, with an example request or two.")


def new_agent_text(name: str, description: str | None = None, model: str | None = None,
                   tools: str | None = None) -> str:
    """The text of a new agent file. ``tools`` "" leaves the field out (inherit all tools)."""
    title = name.replace("-", " ")
    doc = AgentDocument.from_text("---\n---\n" + _BODY.format(title=title))
    doc = doc.with_field("name", name)
    doc = doc.with_field("description", (description or "").strip() or default_description(name))
    tools = DEFAULT_TOOLS if tools is None else tools.strip()
    if tools:
        doc = doc.with_field("tools", tools)
    doc = doc.with_field("model", (model or "").strip() or DEFAULT_MODEL)
    assert doc.text is not None
    return doc.text
