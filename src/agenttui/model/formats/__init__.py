"""Every agent-like format agenttui reads, each declared in one module of this package.

This module is the registry only: it names the kinds and imports the declarations when one
is first asked for, so a command about Claude Code's agents alone never loads them.
Adding a format is adding a module with a ``FORMAT`` declaration, its name here, and its
test cases (``tests/data/formats_cases/<kind>/``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agenttui.model.formats.base import Format

DEFAULT_KIND = "claude-agent"
# kind: the module declaring it, in the order the tree and listings show them
MODULES: dict[str, str] = {
    "claude-agent": "claude_agents",
    "claude-skill": "claude_skills",
    "claude-command": "claude_commands",
    "opencode-agent": "opencode",
    "copilot-agent": "copilot",
    "gemini-agent": "gemini",
    "cursor-agent": "cursor",
    "factory-droid": "factory",
    "generic": "generic",
}
KINDS: tuple[str, ...] = tuple(MODULES)
# Kinds found by discovery (the generic kind is only for files named on the command line).
DISCOVERED: tuple[str, ...] = tuple(kind for kind in KINDS if kind != "generic")


class UnknownKind(ValueError):
    """A kind no declaration has; the message lists those there are."""


def get(kind: str) -> Format:
    """The declaration of ``kind``."""
    module = MODULES.get(kind)
    if module is None:
        raise UnknownKind(f"no format {kind!r}; the kinds are {', '.join(KINDS)}")
    return _load(module)


def every(discovered_only: bool = False) -> list[Format]:
    """Every declaration, in ``KINDS`` order."""
    return [get(kind) for kind in (DISCOVERED if discovered_only else KINDS)]


def _load(module: str) -> Format:
    """The declaration in ``module``, imported by name from the fixed list above (no
    import of a name built at run time)."""
    from agenttui.model.formats import (
        claude_agents,
        claude_commands,
        claude_skills,
        copilot,
        cursor,
        factory,
        gemini,
        generic,
        opencode,
    )

    declared: Format = {
        "claude_agents": claude_agents.FORMAT, "claude_skills": claude_skills.FORMAT,
        "claude_commands": claude_commands.FORMAT, "opencode": opencode.FORMAT,
        "copilot": copilot.FORMAT, "gemini": gemini.FORMAT, "cursor": cursor.FORMAT,
        "factory": factory.FORMAT, "generic": generic.FORMAT,
    }[module]
    return declared
