"""Helpers shared by the subcommands: reading a target, printing, errors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agenttui.storage.files import Snapshot, read_snapshot
from agenttui.text import visible_line

if TYPE_CHECKING:
    from agenttui.model import AgentDocument, Problem

Handler = Callable[[argparse.Namespace], int]


class CommandError(Exception):
    """A command could not do what was asked; the message is shown on one line."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def load_target(target: str) -> tuple[AgentDocument, Snapshot]:
    """Read one agent file for a command, turning every I/O failure into a clear message."""
    path = Path(target)
    try:
        snapshot = read_snapshot(path)
    except FileNotFoundError:
        raise CommandError(f"{target}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{target}: is a folder, not an agent file") from None
    except PermissionError:
        raise CommandError(f"{target}: permission denied") from None
    except OSError as exc:
        raise CommandError(f"{target}: {exc.strerror or exc}") from None
    from agenttui.model import AgentDocument

    return AgentDocument(snapshot.data, str(path)), snapshot


def print_json(value: Any) -> None:
    """JSON with every invisible character escaped: JSON itself escapes only those below
    U+0020, and a C1 control such as U+009B (CSI) or a bidi override must not reach the
    terminal either. A list prints one compact item per line, encoded by orjson (10,000
    agents are ~14 MB of JSON: the standard encoder takes three times as long)."""
    if isinstance(value, list) and value:
        text = _compact_lines(value)
    else:
        text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    if not text.isascii() or "\x7f" in text:  # the common case needs no character checks
        text = "\n".join(line if line.isprintable() else "".join(map(_json_char, line))
                          for line in text.split("\n"))
    sys.stdout.write(text)


def _compact_lines(items: list[Any]) -> str:
    import orjson  # ~20 ms to import: only for the commands that print JSON lists

    try:
        encoded = [orjson.dumps(item, option=orjson.OPT_NON_STR_KEYS) for item in items]
    except orjson.JSONEncodeError:  # an integer beyond 64 bits, say: the standard encoder
        encoded = [json.dumps(item, ensure_ascii=False).encode() for item in items]
    return (b"[\n  " + b",\n  ".join(encoded) + b"\n]\n").decode()


def _json_char(ch: str) -> str:
    return ch if ch.isprintable() else json.dumps(ch)[1:-1]


def problems_for(doc: AgentDocument) -> list[Problem]:
    """Every problem of one file: what reading found plus the field checks."""
    from agenttui.model.validation import validate

    return validate(doc, Path(doc.path) if doc.path else None)


def problem_line(path: str | Path | None, problem: Problem, line: int | None = None) -> str:
    """``path:line: severity code message``, as a compiler says it; ``line`` stands in for a
    problem that has none of its own."""
    at = problem.line if problem.line is not None else line
    where = f"{path}:{at}" if at else str(path)
    return f"{visible_line(where)}: {problem.severity.value} {problem.code} " \
        f"{visible_line(problem.message)}"
