"""Reading the folders again: what appeared, changed or went since the catalog was filled.

Pure (no Textual): the app runs ``rescan`` in a thread when the watched folders change or the
user asks (refresh), then applies the result to its catalog. Files the parse cache knows
unchanged are not read again; the others are read as the first load reads them.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from agenttui.catalog import Agent, prune_cache, read_summaries, split_cached
from agenttui.storage.cache import ParseCache
from agenttui.storage.discovery import Root, list_agent_files


@dataclass
class Rescan:
    """``fresh``: agents of files new to the catalog or changed since it read them;
    ``gone``: the catalog's files that are no longer there."""

    fresh: list[Agent] = field(default_factory=list)
    gone: list[Path] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.fresh or self.gone)


def rescan(roots: Sequence[Root], known: Collection[Path], cache: ParseCache) -> Rescan:
    """List ``roots`` again; ``known`` are the files the catalog holds now."""
    files = [f for root in roots for f in list_agent_files(root)]
    cached, unread = split_cached(files, cache)
    fresh = [agent for agent in cached if agent is not None and agent.path not in known]
    fresh += read_summaries(unread, cache)
    listed = {f.path for f in files}
    prune_cache(cache, roots, files)
    cache.save()
    return Rescan(fresh, [path for path in known if path not in listed])


def still_gone(paths: Collection[Path]) -> list[Path]:
    """Those of ``paths`` that are still missing (a rescan's result is applied a moment
    after it was made: an action of the app's own may have created one since)."""
    return [path for path in paths if not os.path.lexists(path)]
