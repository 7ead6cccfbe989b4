"""Turning an agent off and on from the app, as ``agenttui disable``/``enable`` do: a deny
rule ``Agent(name)`` in ``permissions.deny`` of a settings file (``storage/settings.py``
edits it losslessly and refuses a file that is not valid JSON).

An agent is disabled when any of the settings files (project, local, user) denies it; the
app's key enables it by removing the rule from every file that holds it, and disables it in
the project's ``.claude/settings.json``. No Textual: the main screen runs these in workers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from agenttui.storage.settings import (
    SettingsError,
    denied_agents,
    read_settings,
    rule_for,
    set_enabled,
    settings_files,
    settings_path,
)
from agenttui.text import visible_line


@dataclass(frozen=True)
class Switched:
    """What a switch did: ``name`` is now ``enabled`` (or not), by a change to ``files``."""

    name: str
    enabled: bool
    files: tuple[Path, ...]

    def message(self, show: Callable[[Path], str]) -> str:
        """One sentence naming the agent, the rule and the files (``show`` writes a path)."""
        name, rule = visible_line(self.name), visible_line(rule_for(self.name))
        where = ", ".join(show(path) for path in self.files)
        if self.enabled:
            return f"Enabled {name}: {rule} removed from {where}"
        return (f"Disabled {name}: {rule} added to permissions.deny in {where}; Claude Code "
                "will not use it (the file is kept)")


def disabled_agents(cwd: Path | None = None,
                    env: Mapping[str, str] | None = None) -> tuple[frozenset[str], list[str]]:
    """The names the settings files deny, and what could not be read (one message each: its
    rules are not applied here)."""
    names: set[str] = set()
    problems = []
    for path in settings_files(cwd, env):
        try:
            names.update(denied_agents(read_settings(path)[0]))
        except SettingsError as exc:
            problems.append(str(exc))
    return frozenset(names), problems


def switch(name: str, cwd: Path | None = None,
           env: Mapping[str, str] | None = None) -> Switched:
    """Enable ``name`` when a settings file disables it, else disable it in the project's
    settings. Every settings file is read first: one that cannot be read (not valid JSON)
    is refused with ``SettingsError`` and nothing is written."""
    files = settings_files(cwd, env)
    holders = tuple(path for path in files if name in denied_agents(read_settings(path)[0]))
    if holders:
        for path in holders:
            set_enabled(path, name, enabled=True)
        return Switched(name, True, holders)
    project = settings_path("project", cwd, env)
    set_enabled(project, name, enabled=False)
    return Switched(name, False, (project,))
