"""``list`` and ``validate``: every agent of the discovered scopes, or of the given paths."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from agenttui.catalog import Agent, Catalog
from agenttui.cli.common import CommandError, print_json, problem_line
from agenttui.model import Severity
from agenttui.model.tools import parse_tools
from agenttui.storage.cache import ParseCache
from agenttui.storage.discovery import DiscoveryError, Root, Scope, find_roots
from agenttui.text import plural, visible_line


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = commands.add_parser("list", help="one line per agent: scope, name, model, problems")
    listing.add_argument("paths", metavar="PATH", nargs="*",
                         help="folders or files (default: the discovered scopes)")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.add_argument("--scope", choices=[s.value for s in Scope],
                         help="only agents of this scope")
    listing.set_defaults(handler=run_list)

    check = commands.add_parser("validate", help="check agents the way a compiler would")
    check.add_argument("paths", metavar="PATH", nargs="*",
                       help="folders or files (default: the discovered scopes)")
    check.add_argument("--json", action="store_true", help="print problems as JSON")
    check.add_argument("--strict", action="store_true", help="warnings count as errors")
    check.set_defaults(handler=run_validate)


def load_catalog(paths: list[str]) -> Catalog:
    try:
        roots = find_roots(paths, cwd=Path.cwd(), env=os.environ)
    except DiscoveryError as exc:
        raise CommandError(str(exc)) from None
    return Catalog.load(roots, cache=ParseCache())


def run_list(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.paths)
    agents = [a for a in catalog.agents if args.scope in (None, a.scope.value)]
    if args.json:
        print_json([_list_entry(agent) for agent in agents])
        return 0
    for agent in agents:
        print(_list_line(agent))
    if not agents:
        print(_nothing_found(catalog.roots))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.paths)
    if args.json:
        print_json([{"path": str(a.path), "problems": [p.to_json() for p in a.problems]}
                    for a in catalog.agents])
    else:
        _print_problems(catalog.agents)
    errors, warnings = catalog.totals()
    failed = errors > 0 or (args.strict and warnings > 0)
    return 1 if failed else 0


def _list_entry(agent: Agent) -> dict[str, object]:
    fields = agent.fields
    description = fields.get("description")
    return {
        "path": str(agent.path),
        "scope": agent.scope.value,
        "name": agent.qualified_name,
        "description": description if isinstance(description, str) else "",
        "model": fields.get("model"),
        "tools": parse_tools(fields.get("tools")),
        "errors": agent.errors,
        "warnings": agent.warnings,
        "shadowed_by": str(agent.shadowed_by) if agent.shadowed_by else None,
    }


def _list_line(agent: Agent) -> str:
    model = agent.fields.get("model")
    tools = f"{len(agent.tools)} tools" if "tools" in agent.fields else "all tools"
    counts = f"{agent.errors}E {agent.warnings}W"
    shadow = "  (shadowed)" if agent.shadowed_by else ""
    name = visible_line(agent.qualified_name or f"({agent.path.name})")
    return (f"{agent.scope.value:<8} {name:<32} {visible_line(str(model or 'inherit')):<10} "
            f"{tools:<10} {counts:<7} {visible_line(agent.path)}{shadow}")


def _print_problems(agents: list[Agent]) -> None:
    files = 0
    for agent in agents:
        files += bool(agent.problems)
        for problem in agent.problems:
            print(problem_line(agent.path, problem))
    counts = {s: sum(1 for a in agents for p in a.problems if p.severity is s) for s in Severity}
    print(f"{plural(len(agents), 'agent')} checked: {plural(counts[Severity.ERROR], 'error')}, "
          f"{plural(counts[Severity.WARNING], 'warning')}, "
          f"{plural(counts[Severity.INFO], 'note')} in {plural(files, 'file')}")


def _nothing_found(roots: list[Root]) -> str:
    if not roots:
        return ("no agents found: no .claude/agents folder from here upwards, in "
                "~/.claude/agents, or in installed plugins")
    return "no agent files (*.md) in " + ", ".join(visible_line(r.path) for r in roots)
