"""Helpers shared by the subcommands: reading a target, printing, errors."""

from __future__ import annotations

import argparse
import codecs
import json
import math
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agenttui.text import visible_line

if TYPE_CHECKING:
    from agenttui.model import AgentDocument, Problem
    from agenttui.storage.files import Snapshot

Handler = Callable[[argparse.Namespace], int]


class CommandError(Exception):
    """A command could not do what was asked; the message is shown on one line."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def load_target(target: str, writing: bool = False) -> tuple[AgentDocument, Snapshot]:
    """Read one agent file for a command, turning every I/O failure into a clear message.
    ``target`` is a path, or when no such path exists, an agent's name (``resolve_target``);
    ``writing`` refuses a name that resolves to a read-only agent (a plugin's, a managed one)."""
    path = resolve_target(target, writing)
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


def resolve_target(target: str, writing: bool = False) -> Path:
    """The file ``target`` names: itself when it exists (or has a path's shape), else the
    agent Claude Code knows by that name (the project's over the user's: ``lookup``), which
    is said on stderr with the agents it hides."""
    if _exists(target) or not _may_be_name(target):
        return Path(target)
    from agenttui.lookup import NameLookupError, find_agent  # reads the discovered scopes

    try:
        found = find_agent(target, Path.cwd(), os.environ)
    except NameLookupError as exc:
        raise CommandError(f"{target}: {exc}") from None
    agent = found.agent
    if writing and agent.file.root.read_only:
        raise CommandError(f"{target}: {display_path(agent.path)} is a {agent.scope.value} "
                           "agent, read-only; give its path to change it anyway")
    hidden = [f"the {other.scope.value} agent {display_path(other.path)}"
              for other in found.hidden]
    hides = f"; it hides {', '.join(hidden)}" if hidden else ""
    print(f"agenttui: {visible_line(target)} is the {agent.scope.value} agent "
          f"{display_path(agent.path)}{hides}", file=sys.stderr)
    return agent.path


def _exists(target: str) -> bool:
    try:
        os.lstat(target)
    except (OSError, ValueError):  # ValueError: a NUL in the argument
        return False
    return True


def _may_be_name(target: str) -> bool:
    """Whether ``target`` may be an agent's name rather than a path: one part, no ``.md``."""
    seps = {"/", os.sep, os.altsep or os.sep}
    return bool(target.strip()) and not any(sep in target for sep in seps) and \
        not target.lower().endswith(".md") and target not in (".", "..")


def read_snapshot(path: Path) -> Snapshot:
    """``storage.files.read_snapshot``, imported when a command first reads one file (its
    content hash needs hashlib, which help and lookups over the cache do without)."""
    from agenttui.storage.files import read_snapshot as read

    return read(path)


def print_json(value: Any) -> None:
    """JSON with every invisible character escaped: JSON itself escapes only those below
    U+0020, and a C1 control such as U+009B (CSI) or a bidi override must not reach the
    terminal either. A string no encoder takes (a file name's bytes that are not UTF-8, a
    lone surrogate from a YAML ``"\\uD800"``) shows them as the text output does, ``\\xff``,
    and an object whose ``path`` was so shown says ``"path_escaped": true``. A list prints
    one compact item per line, encoded by orjson (10,000 agents are ~14 MB of JSON: the
    standard encoder takes three times as long)."""
    if isinstance(value, list) and value:
        text = _compact_lines(value)
    else:
        text = json.dumps(shown_json(value), ensure_ascii=False, indent=2,
                          allow_nan=False) + "\n"
    if not text.isascii() or "\x7f" in text:  # the common case needs no character checks
        text = "\n".join(line if line.isprintable() else "".join(map(_json_char, line))
                          for line in text.split("\n"))
    sys.stdout.write(_fit_output(text))


def _fit_output(text: str) -> str:
    """JSON escapes (``\\u00e9``) for what standard output's encoding cannot write (an
    ASCII or Latin-1 terminal), where the text output shows ``\\xe9`` (``main``)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if text.isascii() or codecs.lookup(encoding).name == "utf-8":
        return text
    return "".join(ch if _encodable(ch, encoding) else json.dumps(ch)[1:-1] for ch in text)


def _compact_lines(items: list[Any]) -> str:
    import orjson  # ~20 ms to import: only for the commands that print JSON lists

    try:
        encoded = [orjson.dumps(item, option=orjson.OPT_NON_STR_KEYS) for item in items]
    except orjson.JSONEncodeError:  # a lone surrogate, an integer beyond
        encoded = [json.dumps(shown_json(item), ensure_ascii=False).encode()  # 64 bits
                   for item in items]
    return (b"[\n  " + b",\n  ".join(encoded) + b"\n]\n").decode()


def shown_json(value: Any) -> Any:
    """``value`` with each string that cannot be encoded as UTF-8 made visible (see
    :func:`print_json`) and each number JSON cannot hold (NaN, infinities: Python's encoder
    writes ``NaN``, which JSON readers refuse) spelled as YAML spells it; anything else as
    it is."""
    if isinstance(value, str):
        return value if _encodable(value) else "".join(map(_unpaired, value))
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, list):
        return [shown_json(item) for item in value]
    if not isinstance(value, dict):
        return value
    shown = {shown_json(key) if isinstance(key, str) else key: shown_json(item)
             for key, item in value.items()}
    if isinstance(value.get("path"), str) and shown["path"] != value["path"]:
        shown["path_escaped"] = True
    return shown


def _json_char(ch: str) -> str:
    return ch if ch.isprintable() else json.dumps(ch)[1:-1]


def _unpaired(ch: str) -> str:
    return visible_line(ch) if "\ud800" <= ch <= "\udfff" else ch


def _encodable(text: str, encoding: str = "utf-8") -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


_UNNORMAL = re.compile(r"(^|/)\.\.?(/|$)|//|./$")


def display_path(path: str | Path, cwd: Path | None = None) -> str:
    """How a command shows a path: relative to the working directory when below it, else
    absolute; links are not resolved. Made safe for one line (``visible_line``)."""
    text = str(path)
    if not os.path.isabs(text) or _UNNORMAL.search(text):  # relative, or with ``..``
        text = os.path.abspath(text)
    here = str(cwd) if cwd is not None else os.getcwd()
    if text == here:
        return "."
    prefix = here if here.endswith(os.sep) else here + os.sep
    return visible_line(text[len(prefix):] if text.startswith(prefix) else text)


def problems_for(doc: AgentDocument) -> list[Problem]:
    """Every problem of one file: what reading found plus the field checks."""
    from agenttui.model.validation import validate

    return validate(doc, Path(doc.path) if doc.path else None)


def problem_line(path: str | Path | None, problem: Problem, line: int | None = None) -> str:
    """``path:line: severity code message``, as a compiler says it; ``line`` stands in for a
    problem that has none of its own."""
    at = problem.line if problem.line is not None else line
    shown = display_path(path) if path is not None else "None"
    where = f"{shown}:{at}" if at else shown
    return f"{where}: {problem.severity.value} {problem.code} {visible_line(problem.message)}"


def add_kind(parser: argparse.ArgumentParser) -> None:
    """``--kind KIND``: the format of the files a command reads (``model.formats``)."""
    from agenttui.model.formats import KINDS

    parser.add_argument("--kind", choices=[*KINDS, "all"], default=None, metavar="KIND",
                        help="the kind of files: " + ", ".join(KINDS) + ", or all (default: "
                             "claude-agent, Claude Code's subagents)")
