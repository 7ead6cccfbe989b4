"""The pure document model: no Textual, no Rich, no terminal.

The document and its YAML reader are imported when first used: a lookup answered from the
parse cache (``agenttui list``) never needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from agenttui.model.problems import Problem, Severity

if TYPE_CHECKING:
    from agenttui.model.document import AgentDocument, EditError, Fix

__all__ = ["AgentDocument", "EditError", "Fix", "Problem", "Severity"]
_FROM_DOCUMENT = {"AgentDocument", "EditError", "Fix"}


def __getattr__(name: str) -> Any:
    if name in _FROM_DOCUMENT:
        from agenttui.model import document

        return getattr(document, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
