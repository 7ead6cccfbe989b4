"""``show``, ``set``, ``unset`` and ``fix``: one agent file at a time."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from agenttui.cli.common import (
    CommandError,
    add_kind,
    display_path,
    load_target,
    print_json,
    problem_line,
    problems_for,
    resolve_target,
)
from agenttui.cli.set_values import check_field_name, typed_value
from agenttui.model import AgentDocument, EditError, Severity
from agenttui.model.formats import DEFAULT_KIND
from agenttui.model.problems import Problem
from agenttui.model.validation import check_field
from agenttui.model.yamlsafe import load_value
from agenttui.storage.files import SaveError, Snapshot, save_atomic
from agenttui.text import visible, visible_line

TARGET_HELP = "an agent file's path, or an agent's name (bash-pro, my-plugin:reviewer)"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    show = commands.add_parser("show", help="print an agent's fields and body")
    show.add_argument("target", metavar="TARGET", help=TARGET_HELP)
    show.add_argument("--json", action="store_true", help="print one JSON object")
    add_kind(show)
    show.set_defaults(handler=run_show)

    set_ = commands.add_parser("set", help="set one field, changing only its lines")
    set_.add_argument("target", metavar="TARGET", help=TARGET_HELP)
    set_.add_argument("field", metavar="FIELD")
    set_.add_argument("value", metavar="VALUE")
    set_.add_argument("--yaml", action="store_true",
                      help="parse VALUE as YAML (for lists, numbers, booleans)")
    set_.set_defaults(handler=run_set)

    unset = commands.add_parser("unset", help="remove one field")
    unset.add_argument("target", metavar="TARGET", help=TARGET_HELP)
    unset.add_argument("field", metavar="FIELD")
    unset.set_defaults(handler=run_unset)

    fix = commands.add_parser("fix", help="make non-strict frontmatter strict YAML, same values")
    fix.add_argument("paths", metavar="PATH", nargs="*",
                     help="agent files, folders or agents' names (default: the project's "
                          "and your agents)")
    fix.add_argument("--check", action="store_true",
                     help="write nothing; exit 1 when something would change")
    fix.add_argument("--unsafe", action="store_true",
                     help="also apply fixes that rely on agenttui's reading of a broken value")
    fix.set_defaults(handler=run_fix)


def run_show(args: argparse.Namespace) -> int:
    kind = DEFAULT_KIND
    if args.kind is None:
        doc, _ = load_target(args.target)
        problems = problems_for(doc)
    else:
        from agenttui.cli.format_commands import load_as, show_kind

        kind = show_kind(args.target, args.kind)
        doc, problems = load_as(args.target, kind)
    if args.json:
        said = doc.to_json() | {"kind": kind, "problems": [p.to_json() for p in problems]}
        print_json(said if kind == DEFAULT_KIND else said | {"claude_code": None})
    else:
        _print_document(doc, problems)
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0


def run_set(args: argparse.Namespace) -> int:
    value: Any = typed_value(args.field, args.value)
    if args.yaml:
        value, issue = load_value(args.value)
        if issue is not None:
            raise CommandError(f"VALUE is not valid YAML: {issue.message}", 2)
    doc, snapshot = load_target(args.target, writing=True)
    check_field_name(doc, args.field, adding=True)
    edited = _edit(doc, lambda: doc.with_field(args.field, value))
    _refuse_errors(edited, args.field)
    _write(doc, edited, snapshot)
    _report_new_problems(doc, edited, args.field)
    return 0


def run_unset(args: argparse.Namespace) -> int:
    doc, snapshot = load_target(args.target, writing=True)
    check_field_name(doc, args.field, adding=False)
    if doc.fields_editable and args.field not in doc.fields:
        raise CommandError(f"{visible_line(str(doc.path))}: has no field `{args.field}`")
    _write(doc, _edit(doc, lambda: doc.without_field(args.field)), snapshot)
    return 0


def run_fix(args: argparse.Namespace) -> int:
    status = 0
    for target in args.paths or [None]:
        try:
            paths = _agent_paths(target) if target is not None else _discovered_paths()
        except CommandError as exc:  # one unknown name does not stop the others
            print(f"agenttui: {visible_line(str(exc))}", file=sys.stderr)
            status = 1
            continue
        for path in paths:
            try:
                status = max(status, _fix_one(path, args.check, args.unsafe))
            except CommandError as exc:  # one unreadable file does not stop the others
                print(f"agenttui: {visible_line(str(exc))}", file=sys.stderr)
                status = 1
    return status


def _fix_one(path: Path, check: bool, unsafe: bool) -> int:
    doc, snapshot = load_target(str(path))
    try:
        fixed, applied = doc.fixed(unsafe=unsafe)
    except EditError as exc:  # a fix that would change a value: nothing is written
        raise CommandError(f"{doc.path}: {exc}") from None
    for fix in doc.fixes():
        verb = ("would fix" if check else "fixed") if fix in applied else "needs --unsafe"
        print(f"{display_path(path)}:{fix.line}: {verb}: {visible_line(fix.summary)}")
    pending = len(applied) < len(doc.fixes())
    left = [] if pending else _not_fixable(fixed)
    for problem in left:
        print(f"{display_path(path)}:{problem.line or 1}: cannot fix: {problem.code} "
              f"{visible_line(problem.message)}")
    if applied and not check:
        _write(doc, fixed, snapshot)
    return 1 if (applied and check) or pending or left else 0


def _not_fixable(doc: AgentDocument) -> list[Problem]:
    """What keeps the frontmatter from reading as strict YAML, or Claude Code from reading it,
    that no fix changes (a file fix cannot help exits 1 and says why)."""
    return [p for p in doc.problems if p.code < "AT100" and p.severity is not Severity.INFO
            and (p.severity is Severity.ERROR or not doc.strict_yaml)]


def _edit(doc: AgentDocument, action: Any) -> AgentDocument:
    try:
        edited: AgentDocument = action()
    except EditError as exc:
        raise CommandError(f"{doc.path}: {exc}") from None
    return edited


def _refuse_errors(edited: AgentDocument, key: str) -> None:
    """An error in the value just set blocks the save, as in the app; warnings are shown."""
    problems = check_field(key, edited.fields.get(key))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise CommandError(f"{edited.path}: not saved: {errors[0].code} {errors[0].message}")
    line = edited.field_line(key)
    for problem in problems:
        print(problem_line(edited.path, problem, line), file=sys.stderr)


def _report_new_problems(before: AgentDocument, after: AgentDocument, key: str) -> None:
    """What the whole file now has wrong that it did not before, beyond the field's own
    checks (``set … name bash-guru`` in ``reviewer.md``: AT107, as the app warns)."""
    own = {(p.code, p.message) for p in check_field(key, after.fields.get(key))}
    had = {(p.code, p.message) for p in problems_for(before)}
    for problem in problems_for(after):
        if (problem.code, problem.message) not in had | own:
            print(problem_line(after.path, problem), file=sys.stderr)


def _write(before: AgentDocument, after: AgentDocument, snapshot: Snapshot) -> None:
    if after.to_bytes() == before.to_bytes():
        return
    try:
        save_atomic(Path(str(before.path)), after.to_bytes(), snapshot)
    except SaveError as exc:
        raise CommandError(f"{before.path}: not saved: {exc}") from None


def _discovered_paths() -> list[Path]:
    """The agent files of the project's and the user's folders (plugin agents are
    read-only)."""
    import os

    from agenttui.storage.discovery import DiscoveryError, find_roots, list_agent_files

    try:
        roots = find_roots([], cwd=Path.cwd(), env=os.environ)
    except DiscoveryError as exc:
        raise CommandError(str(exc)) from None
    files = [f.path for root in roots if not root.read_only  # plugin and managed agents
             for f in list_agent_files(root)]
    if not files:
        raise CommandError("no agents to fix: no .claude/agents folder from here up to the "
                           "repository root or in ~/.claude (give a PATH)")
    return files


def _agent_paths(target: str) -> list[Path]:
    """The files ``target`` stands for: a file; a folder's agent files, walked as discovery
    walks (in scope, bounded, what it leaves out said on stderr); or an agent's name."""
    from agenttui.storage.discovery import Root, Scope, Skipped, list_agent_files

    path = resolve_target(target, writing=True)
    if not os.path.isdir(path):  # os.path: False, never an error, for what cannot be read
        return [path]
    skipped: list[Skipped] = []
    files = [found.path for found in list_agent_files(Root(Scope.PATH, path), skipped)]
    for note in skipped:
        print(problem_line(note.path, note.problem), file=sys.stderr)
    return files


def _print_document(doc: AgentDocument, problems: list[Problem]) -> None:
    out = sys.stdout
    for key, value in doc.fields.items():
        out.write(f"{visible_line(key)}: {visible(_plain_value(value))}\n")
    out.write("---\n")
    out.write(visible(doc.body))
    if doc.body and not doc.body.endswith(("\n", "\r")):
        out.write("\n")
    for problem in problems:
        print(problem_line(doc.path, problem), file=sys.stderr)


def _plain_value(value: Any) -> str:
    """A value on one line: a list of names comma-separated, other structures as JSON
    (a mapping printed as Python's ``{'PreToolUse': ...}`` said nothing a user could paste)."""
    if isinstance(value, list) and not any(isinstance(i, (list, dict)) for i in value):
        return ", ".join(_plain_value(item) for item in value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)
