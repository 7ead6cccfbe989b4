"""``disable`` and ``enable``: turn an agent off or on without deleting it.

``disable NAME`` adds the deny rule ``Agent(NAME)`` to ``permissions.deny`` of a settings
file (``--in project``, the default: ``.claude/settings.json``; ``local``:
``.claude/settings.local.json``; ``user``: ``~/.claude/settings.json``); ``enable NAME``
removes it (from every settings file that holds it, unless ``--in`` names one). Only the deny
list of the file changes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from agenttui.cli.common import CommandError, display_path
from agenttui.storage.settings import (
    PLACES,
    SettingsError,
    denied_agents,
    disabled_names,
    read_settings,
    set_enabled,
    settings_files,
    settings_path,
)
from agenttui.text import visible_line

T = TypeVar("T")

if TYPE_CHECKING:
    _Parsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: _Parsers) -> None:
    helps = {"disable": "turn an agent off: add the deny rule Agent(NAME) to a settings file",
             "enable": "turn it on again: remove the deny rule Agent(NAME)"}
    for verb, handler, default in (("disable", run_disable, "project"),
                                   ("enable", run_enable, None)):
        parser = commands.add_parser(verb, help=helps[verb], description=helps[verb])
        parser.add_argument("name", metavar="NAME", help="the agent's name")
        parser.add_argument(
            "--in", dest="place", choices=PLACES, default=default,
            help="project: .claude/settings.json" + (" (default)" if default else "")
                 + "; local: .claude/settings.local.json; user: ~/.claude/settings.json"
                 + ("" if default else " (default: every one that disables it)"))
        parser.set_defaults(handler=handler)


def run_disable(args: argparse.Namespace) -> int:
    path = settings_path(args.place, Path.cwd(), os.environ)
    _warn_unknown(args.name)
    changed = _attempt(lambda: set_enabled(path, args.name, enabled=False))
    said = "disabled" if changed else "already disabled"
    print(f"{visible_line(args.name)}: {said} by Agent({visible_line(args.name)}) in "
          f"{display_path(path)}")
    return 0


def run_enable(args: argparse.Namespace) -> int:
    files = ([settings_path(args.place, Path.cwd(), os.environ)] if args.place
             else settings_files(Path.cwd(), os.environ))
    changed = [path for path in files if _holds(path, args.name)
               and _enable_in(path, args.name)]
    for path in changed:
        print(f"{visible_line(args.name)}: enabled (rule removed from {display_path(path)})")
    still = disabled_names(settings_files(Path.cwd(), os.environ)).get(args.name)
    if still is not None:
        print(f"agenttui: {visible_line(args.name)} is still disabled by {display_path(still)} "
              f"(enable it there with --in)", file=sys.stderr)
        return 1
    if not changed:
        print(f"{visible_line(args.name)}: not disabled in "
              + ", ".join(display_path(path) for path in files))
    return 0


def _enable_in(path: Path, name: str) -> bool:
    return _attempt(lambda: set_enabled(path, name, enabled=True))


def _holds(path: Path, name: str) -> bool:
    settings = _attempt(lambda: read_settings(path)[0])
    return name in denied_agents(settings)


def _attempt(action: Callable[[], T]) -> T:
    try:
        return action()
    except SettingsError as exc:
        raise CommandError(str(exc)) from None


def _warn_unknown(name: str) -> None:
    """A name no discovered agent has is still written (an agent may come later), with a
    warning: a typo would otherwise disable nothing, silently."""
    from agenttui.catalog import Catalog
    from agenttui.storage.cache import ParseCache
    from agenttui.storage.discovery import find_roots

    roots = find_roots([], cwd=Path.cwd(), env=os.environ)
    names = {agent.qualified_name for agent in Catalog.load(roots, cache=ParseCache()).agents}
    if name not in names:
        print(f"agenttui: warning: no agent named {visible_line(name)} was found here; the rule "
              "is written anyway", file=sys.stderr)
