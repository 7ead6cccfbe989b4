"""``new``, ``duplicate``, ``rename``, ``delete``, ``restore``, ``move``, ``copy``: agents as files.

Each command prints the path it created (or restored) and changes nothing when it refuses.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from agenttui.cli.common import (
    CommandError,
    display_path,
    load_target,
    problem_line,
    problems_for,
    resolve_target,
)
from agenttui.model.formats import DEFAULT_KIND, KINDS
from agenttui.model.problems import Severity
from agenttui.storage import operations as ops
from agenttui.storage.scope_folders import WRITABLE_SCOPES, scope_folder
from agenttui.text import visible_line

T = TypeVar("T")
TARGET_HELP = "an agent file's path, or an agent's name"

if TYPE_CHECKING:
    _Parsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: _Parsers) -> None:
    _register_new(commands)
    duplicate = commands.add_parser("duplicate", help="copy an agent beside itself, renamed")
    duplicate.add_argument("file", metavar="TARGET", help=TARGET_HELP)
    duplicate.add_argument("name", metavar="NAME")
    duplicate.set_defaults(handler=run_duplicate)
    rename = commands.add_parser("rename", help="change an agent's name and its file name")
    rename.add_argument("file", metavar="TARGET", help=TARGET_HELP)
    rename.add_argument("name", metavar="NAME")
    rename.add_argument("--keep-file-name", action="store_true",
                        help="change only the name field, not the file name")
    rename.set_defaults(handler=run_rename)
    delete = commands.add_parser("delete", help="move an agent file to agenttui's trash")
    delete.add_argument("file", metavar="TARGET", help=TARGET_HELP)
    delete.set_defaults(handler=run_delete)
    restore = commands.add_parser("restore", help="put back the last deleted agent file")
    restore.add_argument("id", metavar="ID", nargs="?", help="a deletion listed by --list")
    restore.add_argument("--list", action="store_true", help="list the deletions kept")
    restore.set_defaults(handler=run_restore)
    for verb, handler in (("move", run_move), ("copy", run_copy)):
        parser = commands.add_parser(verb, help=f"{verb} an agent file to another scope")
        parser.add_argument("file", metavar="TARGET", help=TARGET_HELP)
        parser.add_argument("where", metavar="SCOPE", nargs="?", choices=WRITABLE_SCOPES,
                            help="project or user (the same as --scope)")
        _add_where(parser, required=False, default=None)
        parser.set_defaults(handler=handler)


def _register_new(commands: _Parsers) -> None:
    new = commands.add_parser(
        "new", help="create an agent file from a template and print its path",
        description="Create NAME.md in the project's or the user's agents folder (or DIR). "
                    "The template is valid as written: edit its description and body.")
    new.add_argument("name", metavar="NAME",
                     help="the agent's name: lowercase letters, digits and hyphens")
    _add_where(new, required=False)
    new.add_argument("--description", metavar="TEXT",
                     help="when Claude should delegate to this agent")
    new.add_argument("--model", metavar="M", help="model alias or id (default: inherit)")
    new.add_argument("--tools", metavar="LIST",
                     help='comma-separated tools (default: "Read, Grep, Glob"; "" inherits all)')
    new.add_argument("--kind", choices=KINDS, default=None, metavar="KIND",
                     help="the kind of file: " + ", ".join(KINDS) + " (default: claude-agent; "
                          "another kind is written from its declaration's example, in its "
                          "tool's folder)")
    new.set_defaults(handler=run_new)


def _add_where(parser: argparse.ArgumentParser, required: bool,
               default: str | None = "project") -> None:
    where = parser.add_mutually_exclusive_group(required=required)
    where.add_argument("--scope", choices=WRITABLE_SCOPES, default=None if required else default,
                       help="project: .claude/agents in the nearest project"
                            f"{' (default)' if default else ''}; "
                            "user: $CLAUDE_CONFIG_DIR/agents or ~/.claude/agents")
    where.add_argument("--dir", metavar="DIR", help="an agents folder")


def run_new(args: argparse.Namespace) -> int:
    if args.kind not in (None, DEFAULT_KIND):
        return _new_of_kind(args)
    if args.description is not None and not args.description.strip():
        raise CommandError("--description is empty: Claude Code needs a description to know "
                           "when to use the agent (leave the option out for the template's)",
                           exit_code=2)
    path = _attempt("not created", lambda: ops.new_agent(
        _folder(args), args.name, description=args.description, model=args.model,
        tools=args.tools))
    _done(path)
    _report_problems(path)
    return 0


def _new_of_kind(args: argparse.Namespace) -> int:
    from agenttui.cli.format_commands import load_as, new_file, print_problems

    if args.model is not None or args.tools is not None:
        raise CommandError("--model and --tools are for claude-agent files; set them "
                           "after with `agenttui set`", 2)
    path = new_file(args.name, args.kind, args.scope or "project", args.dir, args.description)
    _done(path)
    print_problems(str(path), load_as(str(path), args.kind)[1])
    return 0


def _report_problems(path: Path) -> None:
    """What is off in a file made from the options given (``--model sonet``), on stderr."""
    doc, _ = load_target(str(path))
    for problem in problems_for(doc):
        print(problem_line(path, problem), file=sys.stderr)


def run_duplicate(args: argparse.Namespace) -> int:
    source = _target(args.file)
    path = _attempt("not duplicated", lambda: ops.duplicate_agent(source, args.name))
    _done(path)
    _warn_of_name(path)
    return 0


def run_rename(args: argparse.Namespace) -> int:
    source = _target(args.file, writing=True)
    path = _attempt("not renamed", lambda: ops.rename_agent(
        source, args.name, keep_file_name=args.keep_file_name))
    _done(path)
    _warn_of_name(path)
    return 0


def _warn_of_name(path: Path) -> None:
    """The one rule's warning for a name outside the documented form (AT103), on stderr as
    ``set`` and ``new`` say it: the name is taken, as Claude Code loads it."""
    doc, _ = load_target(str(path))
    for problem in problems_for(doc):
        if problem.field == "name" and problem.severity is Severity.WARNING:
            print(problem_line(path, problem), file=sys.stderr)


def run_delete(args: argparse.Namespace) -> int:
    source = _target(args.file, writing=True)
    entry = _attempt("not deleted", lambda: ops.delete_agent(source))
    print(f"{display_path(entry.original)}: moved to the trash ({visible_line(entry.id)}); "
          "`agenttui restore` puts it back")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    if args.list:
        for entry in reversed(_attempt("cannot list", lambda: ops.Trash().entries())):
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(entry.deleted_at))
            print(f"{visible_line(entry.id)}  {when}  {display_path(entry.original)}")
        return 0
    return _done(_attempt("not restored", lambda: ops.restore_deleted(args.id)))


def run_move(args: argparse.Namespace) -> int:
    folder = _target_folder(args)
    source = _target(args.file, writing=True)
    return _done(_attempt("not moved", lambda: ops.move_agent(source, folder)))


def run_copy(args: argparse.Namespace) -> int:
    folder = _target_folder(args)
    source = _target(args.file)
    return _done(_attempt("not copied", lambda: ops.copy_agent(source, folder)))


def _target(target: str, writing: bool = False) -> Path:
    """The file ``target`` names (``resolve_target``: a path, or an agent's name); one that
    does not exist is "no such file" here ("no longer exists" suits the app, not a typo)."""
    path = resolve_target(target, writing)
    if not os.path.lexists(path):
        raise CommandError(f"{visible_line(target)}: no such file")
    return path


def _target_folder(args: argparse.Namespace) -> Path:
    """``move FILE user`` is ``move FILE --scope user``; exactly one of them, or ``--dir``."""
    given = [x for x in (args.where, args.scope, args.dir) if x is not None]
    if len(given) != 1:
        raise CommandError("say where to: SCOPE (project or user), --scope or --dir, once", 2)
    if args.where is not None:
        return scope_folder(args.where)
    return _folder(args)


def _folder(args: argparse.Namespace) -> Path:
    return Path(args.dir) if args.dir else scope_folder(args.scope)


def _attempt(failed: str, action: Callable[[], T]) -> T:
    try:
        return action()
    except ops.OperationError as exc:
        raise CommandError(f"{failed}: {exc}") from None


def _done(path: Path) -> int:
    print(display_path(path))
    return 0
