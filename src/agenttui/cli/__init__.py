"""The command line: ``agenttui [PATH...]`` opens the app; subcommands answer without it.

Each group of subcommands lives in its own module and registers itself on the parser; a run
imports only the module of the command it names (``list`` over the parse cache never needs
the YAML reader's callers, the file operations or the trash). Exit
codes: 0 success, 1 the file has errors or the command could not do what was asked, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from agenttui import __version__
from agenttui.cli.common import CommandError, Handler
from agenttui.text import visible_line

COMMAND_MODULES = {  # module: the subcommands its ``register`` adds
    "document_commands": ("show", "set", "unset", "fix"),
    "scan_commands": ("list", "validate"),
    "manage_commands": ("new", "duplicate", "rename", "delete", "restore", "move", "copy"),
    "git_commands": ("diff", "review"),
    "settings_commands": ("disable", "enable"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"agenttui: error: {visible_line(message)}", file=sys.stderr)
        raise SystemExit(2)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or only of the module that holds ``command``."""
    parser = _Parser(prog="agenttui", description=(
        "Browse, validate and edit agent definition files. With no command (or with paths), "
        "open the terminal app."))
    parser.add_argument("--version", action="version", version=f"agenttui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module, names in COMMAND_MODULES.items():
        if command is None or command in names:
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
    from agenttui.cli import manage_commands

    return manage_commands


def command_names() -> set[str]:
    return {name for names in COMMAND_MODULES.values() for name in names}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    if not args or (args[0] not in command_names() and not args[0].startswith("-")):
        return _run_app(args)
    parsed = build_parser(args[0] if args[0] in command_names() else None).parse_args(args)
    handler: Handler | None = getattr(parsed, "handler", None)
    if handler is None:
        build_parser().print_help(sys.stderr)
        return 2
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
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _run_app(paths: list[str]) -> int:
    from agenttui.cli.launch import run_app

    return run_app(paths)
