"""The pure document model: no Textual, no Rich, no terminal."""

from agenttui.model.document import AgentDocument, EditError, Fix
from agenttui.model.problems import Problem, Severity

__all__ = ["AgentDocument", "EditError", "Fix", "Problem", "Severity"]
