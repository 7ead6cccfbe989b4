"""``list`` and ``validate``: every agent of the discovered scopes, or of the given paths."""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path

from agenttui.catalog import Agent, Catalog
from agenttui.cli.common import (
    CommandError,
    add_kind,
    display_path,
    print_json,
    problem_line,
)
from agenttui.model import Problem, Severity
from agenttui.model.tools import parse_tools
from agenttui.model.verdict import jsonable
from agenttui.storage.cache import ParseCache
from agenttui.storage.discovery import DiscoveryError, Root, Scope, Skipped, find_roots
from agenttui.storage.scope_folders import claude_config_dir, managed_dir
from agenttui.storage.settings import (
    SettingsError,
    denied_agents,
    read_settings,
    settings_files,
)
from agenttui.text import plural, visible_line

FORMATS = ("text", "json", "sarif", "github")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = commands.add_parser("list", help="one line per agent: scope, name, model, problems")
    listing.add_argument("paths", metavar="PATH", nargs="*",
                         help="folders or files (default: the discovered scopes)")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.add_argument("--scope", choices=[s.value for s in Scope],
                         help="only agents of this scope")
    add_kind(listing)
    listing.set_defaults(handler=run_list)

    check = commands.add_parser("validate", help="check agents the way a compiler would")
    check.add_argument("paths", metavar="PATH", nargs="*",
                       help="folders or files (default: the discovered scopes)")
    check.add_argument("--format", choices=FORMATS, default=None,
                       help="text (default), json, sarif (SARIF 2.1.0 for code scanning) or "
                            "github (workflow annotations)")
    check.add_argument("--json", action="store_true", help="the same as --format json")
    check.add_argument("--strict", action="store_true", help="warnings count as errors")
    check.add_argument("--changed", nargs="?", const="", default=None, metavar="REF",
                       help="only files changed since REF (write --changed=REF; default: "
                            "the merge base with the upstream or default branch, else HEAD)")
    add_kind(check)
    check.add_argument("--other-readers", action="store_true",
                       help="also say how python-frontmatter and PyYAML read each file, "
                            "where it differs from Claude Code's reading")
    check.set_defaults(handler=run_validate)


def load_catalog(paths: list[str], kind: str | None = None) -> Catalog:
    """The agents of ``paths`` (or of the discovered scopes); ``skipped`` holds what
    discovery left out or could not read, as warnings. With a ``kind``, the files of that
    format (``all``: of every format)."""
    skipped: list[Skipped] = []
    if kind is not None:
        from agenttui.cli.format_commands import roots_for

        roots = roots_for(kind, paths, skipped)
    else:
        try:
            roots = find_roots(paths, cwd=Path.cwd(), env=os.environ, skipped=skipped)
        except DiscoveryError as exc:
            raise CommandError(str(exc)) from None
    catalog = Catalog.load(roots, cache=ParseCache())
    catalog.skipped[:0] = skipped
    return catalog


def run_list(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.paths, args.kind)
    agents = [a for a in catalog.agents if args.scope in (None, a.scope.value)]
    disabled = _disabled()
    for note in catalog.skipped:
        print(problem_line(note.path, note.problem), file=sys.stderr)
    if args.json:
        print_json([_list_entry(agent, disabled) for agent in agents])
        return 0
    for line in _list_lines(agents, disabled, args.kind is not None):
        print(line)
    if not agents:
        print(_nothing_found(catalog.roots, args.scope) if args.kind is None else
              f"no files of kind {args.kind} found")
    return 0


def _disabled() -> set[str]:
    """The names deny rules disable; a settings file that cannot be read is said on stderr
    (its rules are not applied here) and the listing goes on."""
    found: set[str] = set()
    for path in settings_files(Path.cwd(), os.environ):
        try:
            found.update(denied_agents(read_settings(path)[0]))
        except SettingsError as exc:
            print(f"agenttui: warning: {visible_line(str(exc))}", file=sys.stderr)
    return found


def run_validate(args: argparse.Namespace) -> int:
    form = _format(args)
    paths, ref = list(args.paths), args.changed
    if ref and os.path.exists(ref):  # ``--changed PATH``: the path, not a reference
        paths, ref = [ref, *paths], ""
    catalog = load_catalog(paths, args.kind)
    agents = catalog.agents if ref is None else _changed(catalog, ref)
    found = [(agent, placed_problems(agent)) for agent in agents]
    if args.other_readers:
        from agenttui.cli.other_readers import other_readings

        found = [(agent, problems + other_readings(agent)) for agent, problems in found]
    skipped = catalog.skipped if ref is None else []
    _report(form, found, skipped)
    errors = sum(1 for _a, ps in found for p in ps if p.severity is Severity.ERROR)
    warnings = sum(1 for _a, ps in found for p in ps if p.severity is Severity.WARNING)
    warnings += len(skipped)
    return 1 if errors > 0 or (args.strict and warnings > 0) else 0


def _format(args: argparse.Namespace) -> str:
    if args.json and args.format not in (None, "json"):
        raise CommandError(f"--json and --format {args.format} disagree; give one", 2)
    return str(args.format or ("json" if args.json else "text"))


def _report(form: str, found: list[tuple[Agent, list[Problem]]],
            skipped: list[Skipped]) -> None:
    """Print the problems in ``form``; places discovery left out (``skipped``) come first."""
    if form == "json":
        print_json([{"path": str(s.path), "problems": [s.problem.to_json()]} for s in skipped]
                   + [{"path": str(a.path), "kind": a.kind, "claude_code": a.claude_code,
                       "problems": [p.to_json() for p in problems]}
                      for a, problems in found])
    elif form in ("sarif", "github"):
        from agenttui.cli.ci_formats import print_ci

        print_ci(form, [(s.path, s.problem) for s in skipped]
                 + [(a.path, p) for a, problems in found for p in problems])
    else:
        for note in skipped:
            print(problem_line(note.path, note.problem))
        _print_problems(found)


def _changed(catalog: Catalog, ref: str) -> list[Agent]:
    """The agents of ``catalog`` changed since ``ref`` ("" for the default reference)."""
    from agenttui.git import GitError, changed_files

    folders = [root.path for root in catalog.roots]
    try:
        changes = changed_files(folders, ref or None).by_path()
    except GitError as exc:
        raise CommandError(f"--changed: {exc}") from None
    return [agent for agent in catalog.agents if agent.path in changes]


def placed_problems(agent: Agent) -> list[Problem]:
    """The agent's problems, each one about a field given that field's line (the cross-file
    ones, such as AT201, come without one: an editor could not jump to them)."""
    problems = agent.problems
    if all(p.line is not None or p.field is None for p in problems):
        return problems
    lines = _field_lines(agent)
    return [replace(p, line=lines.get(p.field)) if p.line is None and p.field else p
            for p in problems]


def _field_lines(agent: Agent) -> dict[str | None, int | None]:
    document = agent.document
    if document is None:
        from agenttui.catalog import load_agent

        document = load_agent(agent.file).document
    if document is None:
        return {}
    return {key: document.field_line(key) for key in document.fields}


def _list_entry(agent: Agent, disabled: set[str]) -> dict[str, object]:
    fields = agent.fields
    description = fields.get("description")
    return {
        "path": str(agent.path),
        "kind": agent.kind,
        "scope": agent.scope.value,
        "name": agent.qualified_name,
        "description": description if isinstance(description, str) else "",
        "model": jsonable(fields.get("model")),  # as written; ``claude_code.model``: in effect
        "tools": _listed_tools(agent),
        "errors": agent.errors,
        "warnings": agent.warnings,
        "shadowed_by": str(agent.shadowed_by) if agent.shadowed_by else None,
        "disabled": is_disabled(agent, disabled),
        "claude_code": agent.claude_code,
    }


def _listed_tools(agent: Agent) -> list[str] | None:
    """The tools a file lists (None: it lists none, so every tool)."""
    if agent.file.root.is_agents:
        listed = agent.fields.get("tools")
        return None if listed is None else parse_tools(listed)
    return agent.tools or None


def is_disabled(agent: Agent, disabled: set[str]) -> bool:
    """Whether a deny rule ``Agent(name)`` in a settings file names the agent."""
    return (agent.file.root.is_agents and bool(agent.qualified_name)
            and agent.qualified_name in disabled)


def _list_lines(agents: list[Agent], disabled: set[str], kinds: bool = False) -> list[str]:
    """One line per agent, each column as wide as its widest cell (a long name used to push
    the columns after it out of line); with ``kinds``, each line starts with its kind."""
    rows = [[agent.kind, *_list_cells(agent)] if kinds else _list_cells(agent)
            for agent in agents]
    count = 6 if kinds else 5
    widths = [max((_width(row[i]) for row in rows), default=0) for i in range(count)]
    lines = []
    for agent, row in zip(agents, rows, strict=True):
        cells = [_pad(cell, width) for cell, width in zip(row[:count], widths, strict=True)]
        flags = ("  (shadowed)" if agent.shadowed_by else "") + (
            "  (disabled)" if is_disabled(agent, disabled) else "")
        lines.append(" ".join([*cells, row[count]]) + flags)
    return lines


def _list_cells(agent: Agent) -> list[str]:
    model = agent.fields.get("model")
    listed = agent.fields.get("tools") if agent.file.root.is_agents else (
        agent.tools or None)  # absent or left empty: every tool
    tools = "all tools" if listed is None else plural(len(agent.tools), "tool")
    name = visible_line(agent.qualified_name or f"({agent.path.name})")
    unset = "inherit" if agent.file.root.is_agents else "-"
    return [agent.scope.value, name, visible_line(str(model or unset)), tools,
            f"{agent.errors}E {agent.warnings}W", display_path(agent.path)]


def _width(text: str) -> int:
    """Terminal cells: wide (East Asian) characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _print_problems(found: list[tuple[Agent, list[Problem]]]) -> None:
    for agent, problems in found:
        for problem in problems:
            print(problem_line(agent.path, problem))
    print(summary_line(len(found), [p for _agent, problems in found for p in problems],
                       sum(1 for _agent, problems in found if problems)))


def summary_line(agents: int, problems: list[Problem], files: int) -> str:
    """``3 agents checked: 1 error, 2 warnings in 2 files``, or ``…: no problems``."""
    counts = [(sum(1 for p in problems if p.severity is severity), noun)
              for severity, noun in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"),
                                     (Severity.INFO, "note"))]
    said = [plural(number, noun) for number, noun in counts if number]
    if not said:
        return f"{plural(agents, 'agent')} checked: no problems"
    return f"{plural(agents, 'agent')} checked: {', '.join(said)} in {plural(files, 'file')}"


def _nothing_found(roots: list[Root], scope: str | None = None) -> str:
    """Why nothing is listed, about the scope asked for (``--scope plugin`` used to name the
    empty project and user folders)."""
    roots = [r for r in roots if scope in (None, r.scope.value)]
    if roots:
        return "no agent files (*.md) in " + ", ".join(display_path(r.path) for r in roots)
    user = display_path(claude_config_dir(os.environ) / "agents")
    reasons = {"managed": f"no {display_path(managed_dir(os.environ) / '.claude' / 'agents')} "
                          "folder",
               "project": "no .claude/agents folder from here up to the repository root",
               "user": f"no {user} folder", "plugin": "no installed plugin has an agents folder",
               "path": "no folder or file was given"}
    if scope is not None:
        return f"no {scope} agents: {reasons[scope]}"
    return (f"no agents found: {reasons['project']}, {reasons['user']}, and "
            f"{reasons['plugin']}")
