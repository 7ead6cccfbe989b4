"""Problems are values: everything wrong with a file is described, never raised."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How bad a problem is. Errors mean Claude Code will not load the agent as written."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an agent file.

    ``line`` and ``column`` are 1-based positions in the whole file (the opening fence is
    line 1); ``None`` when the problem is about the file as a whole.
    """

    severity: Severity
    code: str
    message: str
    line: int | None = None
    field: str | None = None
    column: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "line": self.line,
            "field": self.field,
        }

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line or 0, self.severity.rank, self.code)


def error(code: str, message: str, line: int | None = None, field: str | None = None,
          column: int | None = None) -> Problem:
    return Problem(Severity.ERROR, code, message, line, field, column)


def warning(code: str, message: str, line: int | None = None, field: str | None = None,
            column: int | None = None) -> Problem:
    return Problem(Severity.WARNING, code, message, line, field, column)


def info(code: str, message: str, line: int | None = None, field: str | None = None,
         column: int | None = None) -> Problem:
    return Problem(Severity.INFO, code, message, line, field, column)


def count(problems: list[Problem], severity: Severity) -> int:
    return sum(1 for p in problems if p.severity is severity)
