"""An agent found by the name Claude Code knows it by: ``bash-pro``, ``my-plugin:reviewer``.

The discovered scopes are read (through the parse cache) and the agent of that name that
Claude Code uses is chosen as the app shows it: a managed agent over a project one, the
project folder closest to the working directory over those above it, the project over the
user, the user over a plugin (``crosscheck``). Two agents of one name in one place, or none,
are a :class:`NameLookupError` whose message lists the candidates.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from agenttui.catalog import Agent, Catalog
from agenttui.storage.cache import ParseCache
from agenttui.storage.discovery import DiscoveryError, find_roots

MAX_CANDIDATES = 5  # names a message suggests


class NameLookupError(Exception):
    """No agent, or more than one, answers to the name; the message says which there are."""


@dataclass(frozen=True)
class Found:
    """The agent a name resolves to, and the agents of that name it hides."""

    agent: Agent
    hidden: list[Agent]


def find_agent(name: str, cwd: Path, env: Mapping[str, str]) -> Found:
    """The agent Claude Code resolves ``name`` to, in the scopes discovered from ``cwd``."""
    try:
        roots = find_roots([], cwd=cwd, env=env)
    except DiscoveryError as exc:
        raise NameLookupError(str(exc)) from None
    agents = Catalog.load(roots, cache=ParseCache()).agents
    named = [agent for agent in agents if agent.qualified_name == name]
    winners = [agent for agent in named if agent.shadowed_by is None]
    if len(winners) == 1:
        return Found(winners[0], [agent for agent in named if agent is not winners[0]])
    if winners:
        paths = ", ".join(str(agent.path) for agent in winners)
        raise NameLookupError(f"{len(winners)} agents are named {name!r} in one place "
                              f"(Claude Code loads only one): {paths}; give a path")
    raise NameLookupError(_unknown(name, agents))


def _unknown(name: str, agents: list[Agent]) -> str:
    names = sorted({agent.qualified_name for agent in agents if agent.qualified_name})
    if not names:
        return "no such file, and no agents were found from here (give a path)"
    close = closest_names(name, names)
    said = f"; the closest: {', '.join(close)}" if close else ""
    return f"no such file, and no agent is named {name!r}{said}"


def closest_names(name: str, names: list[str]) -> list[str]:
    """Names ``name`` may have meant: the same but for case, a plugin agent's namespaced
    name ending in it, then the most alike."""
    lowered = name.lower()
    first = [n for n in names if n.lower() == lowered or n.lower().endswith(":" + lowered)]
    alike = difflib.get_close_matches(name, names, n=MAX_CANDIDATES, cutoff=0.6)
    return list(dict.fromkeys(first + alike))[:MAX_CANDIDATES]
