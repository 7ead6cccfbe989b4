"""``convert``, and what ``list``, ``validate``, ``show`` and ``new`` do with ``--kind``.

Only a command given ``--kind`` (or ``convert``) imports this module and the declarations:
the default kind, Claude Code's agents, goes the way it always went.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from agenttui.cli.common import CommandError, display_path, load_target, problem_line
from agenttui.model import AgentDocument, EditError
from agenttui.model.formats import DEFAULT_KIND, DISCOVERED, KINDS, UnknownKind, get
from agenttui.model.formats.base import Format
from agenttui.model.problems import Problem
from agenttui.storage.discovery import DiscoveryError, Root, Skipped
from agenttui.storage.format_discovery import (
    file_relative,
    find_kind_roots,
    guess_kind,
    target_file,
    target_folder,
)
from agenttui.storage.paths import file_name_refusal
from agenttui.text import visible_line

KIND_CHOICES = (*KINDS, "all")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    convert = commands.add_parser(
        "convert", help="write an agent-like file as another tool's format",
        description="Convert each FILE to the format of KIND, written where that tool looks "
                    "for it (never over an existing file unless --force), and list every "
                    "field that does not carry over.")
    convert.add_argument("files", metavar="FILE", nargs="+")
    convert.add_argument("--to", required=True, choices=KINDS, metavar="KIND",
                         help=f"the target format: {', '.join(KINDS)}")
    convert.add_argument("--from", dest="source", choices=KINDS, metavar="KIND",
                         help="the files' format (default: guessed from where each one is)")
    where = convert.add_mutually_exclusive_group()
    where.add_argument("--scope", choices=("project", "user"), default="project",
                       help="the target tool's project folder (default) or user folder")
    where.add_argument("--dir", metavar="DIR", help="write into DIR instead")
    convert.add_argument("--dry-run", action="store_true",
                         help="print the new file and what does not carry over; write nothing")
    convert.add_argument("--force", action="store_true", help="replace an existing file")
    convert.set_defaults(handler=run_convert)


def kinds_of(kind: str) -> list[str]:
    return list(DISCOVERED) if kind == "all" else [kind]


def roots_for(kind: str, paths: list[str], skipped: list[Skipped]) -> list[Root]:
    """The roots of ``kind`` (or of every kind, for ``all``); Claude Code's agents are found
    as without ``--kind`` (``discovery``: project, user and plugin agents)."""
    try:
        return find_kind_roots(kinds_of(kind), paths, cwd=Path.cwd(), env=os.environ,
                               skipped=skipped)
    except DiscoveryError as exc:
        raise CommandError(str(exc)) from None


def show_kind(target: str, kind: str) -> str:
    """The kind to read one file as: the one given, or for ``all`` the one whose folder
    holds the file."""
    return guess_kind(Path(target)) if kind == "all" else kind


def load_as(target: str, kind: str) -> tuple[AgentDocument, list[Problem]]:
    """One file read as ``kind`` (``all`` guesses it from where the file is) and its
    problems."""
    from agenttui.model.formats import checks

    doc, _ = load_target(target)
    path = Path(str(doc.path))  # (a name given is the path it resolves to)
    fmt = get(guess_kind(path) if kind == "all" else kind)
    if fmt.kind != DEFAULT_KIND:
        doc = AgentDocument(doc.raw, doc.path, fmt.known_keys)
    return doc, checks.validate(fmt, doc, path, file_relative(path, fmt.kind))


def new_file(name: str, kind: str, scope: str, folder: str | None,
             description: str | None) -> Path:
    """Create a file of ``kind`` from its declaration's example; refuses an existing one."""
    fmt = _single(kind)
    refusal = file_name_refusal(name)
    if refusal is not None:
        raise CommandError(f"not created: {refusal}", 2)
    text = fmt.example.format(name=name, description=description or
                              f"What {name} does and when to use it.")
    path = file_path(fmt, Path(folder) if folder else _target(fmt, scope), name)
    _write_new(path, text.encode("utf-8"), force=False)
    return path


def _single(kind: str) -> Format:
    if kind == "all":
        raise CommandError("--kind all: say which kind of file to create", 2)
    try:
        return get(kind)
    except UnknownKind as exc:
        raise CommandError(str(exc), 2) from None


def _target(fmt: Format, scope: str) -> Path:
    try:
        return target_folder(fmt, scope, Path.cwd(), os.environ)
    except DiscoveryError as exc:
        raise CommandError(str(exc), 2) from None


file_path = target_file


def _write_new(path: Path, data: bytes, force: bool) -> None:
    from agenttui.storage.files import ConflictError, SaveError, read_snapshot, save_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        expected = read_snapshot(path) if force and path.exists() else None
        save_atomic(path, data, expected)
    except ConflictError:
        raise CommandError(f"{display_path(path)} already exists: not written (--force "
                           "replaces it)") from None
    except (SaveError, OSError) as exc:
        raise CommandError(f"{display_path(path)}: not written: {exc}") from None


def run_convert(args: argparse.Namespace) -> int:
    status = 0
    for raw in args.files:
        try:
            convert_one(raw, args)
        except CommandError as exc:  # one file that cannot be converted does not stop the rest
            print(f"agenttui: {visible_line(str(exc))}", file=sys.stderr)
            status = 1
    return status


def convert_one(raw: str, args: argparse.Namespace) -> Path:
    from agenttui.model.formats.convert import convert, file_text

    source = get(args.source or guess_kind(Path(raw)))
    target = get(args.to)
    if source.kind == target.kind:
        raise CommandError(f"{raw}: is already one of the {source.label}")
    doc, _ = load_as(raw, source.kind)
    if not doc.fields_editable:
        raise CommandError(f"{raw}: its frontmatter cannot be read, so it cannot be "
                           "converted (agenttui validate says why)")
    name = source.document_id(file_relative(Path(raw), source.kind), doc.fields)
    converted = convert(source, target, doc.fields, doc.body, name)
    try:
        text = file_text(converted)
    except EditError as exc:
        raise CommandError(f"{raw}: cannot be written as one of the {target.label}: {exc}") \
            from None
    folder = Path(args.dir) if args.dir else _target(target, args.scope)
    path = file_path(target, folder, converted.name)
    if args.dry_run:
        print(f"# {display_path(path)} ({target.label}), from {display_path(raw)}")
        sys.stdout.write(text)
    else:
        _write_new(path, text.encode("utf-8"), args.force)
        print(display_path(path))
    for dropped in converted.dropped:
        print(f"{display_path(raw)}: not carried over: {visible_line(dropped)}",
              file=sys.stderr)
    return path


def print_problems(path: str | None, problems: list[Problem]) -> None:
    for problem in problems:
        print(problem_line(path, problem), file=sys.stderr)
