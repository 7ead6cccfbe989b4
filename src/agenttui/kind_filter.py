"""Which kinds of file the list holds, and the one it is narrowed to: pure rules the main
screen's kind key (``t``) follows. No Textual."""

from __future__ import annotations

from collections.abc import Iterable

from agenttui.storage.discovery import Root
from agenttui.widgets.agent_outline import by_kind

ALL = ""  # every kind shown


def kinds_present(roots: Iterable[Root]) -> list[str]:
    """The kinds of ``roots``' files, in ``model.formats.KINDS`` order."""
    return list(by_kind(roots))


def next_kind(current: str, present: list[str]) -> str:
    """The kind the key goes to after ``current``: every kind (``ALL``), then each kind
    present in turn, then every kind again."""
    cycle = [ALL, *present]
    at = cycle.index(current) if current in cycle else 0
    return cycle[(at + 1) % len(cycle)]


def kind_note(kind: str) -> str:
    """What the status line says while the list shows one kind: ``OpenCode agents only``."""
    if kind == ALL:
        return ""
    from agenttui.model.formats import get

    return f"{get(kind).label} only"


def shown_roots(roots: Iterable[Root], kind: str) -> list[Root]:
    """The roots the list shows while narrowed to ``kind`` (all of them for ``ALL``)."""
    return [root for root in roots if kind == ALL or root.format_kind == kind]
