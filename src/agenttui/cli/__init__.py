"""The command line: ``agenttui [PATH...]`` opens the app; subcommands answer without it.

Each group of subcommands lives in its own module and registers itself on the parser; a run
imports only the module of the command it names (``list`` over the parse cache never needs
the YAML reader's callers, the file operations or the trash), and ``agenttui --help`` none of
them: it names each command with its summary from ``SUMMARIES``. Exit codes: 0 success, 1 the
file has errors or the command could not do what was asked, 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

from agenttui import __version__

if TYPE_CHECKING:
    from agenttui.cli.common import Handler

COMMAND_MODULES = {  # module: the subcommands its ``register`` adds
    "document_commands": ("show", "set", "unset", "fix"),
    "scan_commands": ("list", "validate"),
    "manage_commands": ("new", "duplicate", "rename", "delete", "restore", "move", "copy"),
    "git_commands": ("diff", "review"),
    "settings_commands": ("disable", "enable"),
    "format_commands": ("convert",),
}
# Each command's one-line help as its module registers it (a test checks they agree), for the
# top-level help; a module with a command missing here is imported for it.
SUMMARIES = {
    "show": "print an agent's fields and body",
    "set": "set one field, changing only its lines",
    "unset": "remove one field",
    "fix": "make non-strict frontmatter strict YAML, same values",
    "list": "one line per agent: scope, name, model, problems",
    "validate": "check agents the way a compiler would",
    "new": "create an agent file from a template and print its path",
    "duplicate": "copy an agent beside itself, renamed",
    "rename": "change an agent's name and its file name",
    "delete": "move an agent file to agenttui's trash",
    "restore": "put back the last deleted agent file",
    "move": "move an agent file to another scope",
    "copy": "copy an agent file to another scope",
    "diff": "what changed in agents, field by field",
    "review": "open the app on the agents changed since REF",
    "disable": "turn an agent off: add the deny rule Agent(NAME) to a settings file",
    "enable": "turn it on again: remove the deny rule Agent(NAME)",
    "convert": "write an agent-like file as another tool's format",
}


def _formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's help layout at the width it would take, found without ``shutil`` (whose
    import, with the compression modules it loads, was a fifth of ``agenttui --help``)."""
    return argparse.HelpFormatter(prog, width=_columns() - 2)


def _columns() -> int:
    """The terminal's columns as ``shutil.get_terminal_size`` finds them: ``$COLUMNS``, else
    the size of standard output's terminal, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    stdout = sys.__stdout__
    if columns <= 0 and stdout is not None:
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        from agenttui.text import visible_line

        self.print_usage(sys.stderr)
        print(f"agenttui: error: {visible_line(message)}", file=sys.stderr)
        raise SystemExit(2)


def build_parser(command: str | None = None, *, every: bool = False) -> argparse.ArgumentParser:
    """The parser of the module that holds ``command``; of every module with ``every``; else
    the top-level parser, whose subcommands are only named, with their ``SUMMARIES``."""
    parser = _Parser(prog="agenttui", description=(
        "Browse, validate and edit agent definition files. With no command (or with paths), "
        "open the terminal app: agenttui [--kind KIND] [PATH...] shows every format's files "
        "found (--kind: one kind's)."))
    parser.add_argument("--version", action="version", version=f"agenttui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module, names in COMMAND_MODULES.items():
        if command is None and not every and all(name in SUMMARIES for name in names):
            for name in names:
                commands.add_parser(name, help=SUMMARIES[name])
        elif command is None or command in names:
            _command_module(module).register(commands)
    return parser


def _command_module(name: str) -> ModuleType:
    if name == "document_commands":
        from agenttui.cli import document_commands

        return document_commands
    if name == "scan_commands":
        from agenttui.cli import scan_commands

        return scan_commands
    if name == "git_commands":
        from agenttui.cli import git_commands

        return git_commands
    if name == "settings_commands":
        from agenttui.cli import settings_commands

        return settings_commands
    if name == "format_commands":
        from agenttui.cli import format_commands

        return format_commands
    from agenttui.cli import manage_commands

    return manage_commands


def command_names() -> set[str]:
    return {name for names in COMMAND_MODULES.values() for name in names}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    if not args or (args[0] not in command_names() and not args[0].startswith("-")) or (
            args[0].startswith("--kind")):
        return _run_app(args)
    names = command_names()
    command = args[0] if args[0] in names else None
    parsed = build_parser(command, every=any(arg in names for arg in args)).parse_args(args)
    handler: Handler | None = getattr(parsed, "handler", None)
    if handler is None:
        build_parser().print_help(sys.stderr)
        return 2
    from agenttui.cli.common import CommandError  # (the handler's module has it)
    from agenttui.text import visible_line

    try:
        return handler(parsed)
    except CommandError as exc:
        print(f"agenttui: {visible_line(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0


def _tolerant_output() -> None:
    """What the terminal's encoding cannot show (``é`` on an ASCII or Latin-1 terminal) is
    written as ``\\xe9`` instead of stopping the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    """The reader went away (``| head``): drop what is left instead of a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _run_app(paths: list[str]) -> int:
    from agenttui.cli.launch import run_app

    return run_app(paths)
