"""Rules across files: one name twice in a scope, and names hidden by a higher scope."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from agenttui.model.problems import Problem, error, info

SCOPE_PRECEDENCE = ("managed", "project", "user", "plugin")  # who wins a name, first to last


@dataclass(frozen=True)
class NameEntry:
    """One agent's name and where it is: ``group`` is the place within which names must be
    unique (a scope, one plugin, one project folder, or one folder given on the command
    line); within a scope the lower ``rank`` wins (the project folder closest to the
    working directory)."""

    path: Path
    scope: str
    group: str
    name: str | None
    rank: int = 0


def cross_problems(entries: list[NameEntry]) -> dict[Path, tuple[list[Problem], Path | None]]:
    """For each path with cross-file problems: the problems and the path that shadows it."""
    found: dict[Path, tuple[list[Problem], Path | None]] = {}
    by_name: dict[str, list[NameEntry]] = defaultdict(list)
    for entry in entries:
        if entry.name:
            by_name[entry.name].append(entry)
    for name, group in by_name.items():
        _duplicates(name, group, found)
        _shadowing(name, group, found)
    return found


def _add(found: dict[Path, tuple[list[Problem], Path | None]], path: Path, problem: Problem,
         shadowed_by: Path | None = None) -> None:
    problems, previous = found.get(path, ([], None))
    found[path] = ([*problems, problem], shadowed_by or previous)


def _duplicates(name: str, group: list[NameEntry],
                found: dict[Path, tuple[list[Problem], Path | None]]) -> None:
    by_group: dict[str, list[NameEntry]] = defaultdict(list)
    for entry in group:
        by_group[entry.group].append(entry)
    for same in by_group.values():
        for entry in same if len(same) > 1 else []:
            others = ", ".join(str(o.path) for o in same if o is not entry)
            _add(found, entry.path, error(
                "AT201", f"the name {name!r} is also used in the {entry.scope} scope by "
                         f"{others}; Claude Code loads only one of them", field="name"))


def _shadowing(name: str, group: list[NameEntry],
               found: dict[Path, tuple[list[Problem], Path | None]]) -> None:
    ranked = sorted((e for e in group if e.scope in SCOPE_PRECEDENCE),
                    key=lambda e: (SCOPE_PRECEDENCE.index(e.scope), e.rank))
    if not ranked:
        return
    winner = ranked[0]
    for loser in ranked[1:]:
        if (loser.scope, loser.rank) == (winner.scope, winner.rank):
            continue
        _add(found, loser.path, info(
            "AT202", f"shadowed: the {winner.scope} agent {str(winner.path)!r} has the "
                     f"same name and wins", field="name"), winner.path)
        _add(found, winner.path, info(
            "AT203", f"this agent hides the {loser.scope} agent {str(loser.path)!r} of "
                     "the same name", field="name"))
