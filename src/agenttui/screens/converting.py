"""The app's "Convert to…" (``C``, and the palette): the dialog, the question before a file
is replaced, and the write as a file action of the main screen, which then selects the new
file in the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agenttui.catalog import Agent
from agenttui.conversion_plan import Place, Plan, places, plan, target_kinds, write
from agenttui.kind_filter import ALL
from agenttui.model.formats import get
from agenttui.screens.choice_dialog import ChoiceDialog
from agenttui.screens.convert_dialog import Chosen, ConvertDialog
from agenttui.screens.managing import Change
from agenttui.storage.files import SaveError
from agenttui.storage.operations import OperationError
from agenttui.widgets.labels import short_path

if TYPE_CHECKING:
    from pathlib import Path

    from agenttui.screens.main_screen import MainScreen


def convert_agent(screen: MainScreen, agent: Agent) -> None:
    """Ask what ``agent`` becomes and where, then write it (asking before a replace)."""
    kinds = [(kind, get(kind).label) for kind in target_kinds(agent.kind)]

    def places_for(chosen: Plan) -> list[Place]:
        return places(agent, chosen.target, chosen.name, screen.roots, screen.cwd, screen.env)

    def chosen(answer: Chosen | None) -> None:
        if answer is not None:
            _ask_replace(screen, agent, *answer)

    title = f"Convert {agent.display_name} ({get(agent.kind).label}) to…"
    screen.app.push_screen(ConvertDialog(title, kinds, lambda kind: plan(agent, kind),
                                         places_for), chosen)


def _ask_replace(screen: MainScreen, agent: Agent, chosen: Plan, place: Place) -> None:
    if not place.path.exists():
        _run(screen, chosen, place, replace=False)
        return

    def answered(answer: str | None) -> None:
        if answer == "replace":
            _run(screen, chosen, place, replace=True)

    screen.app.push_screen(ChoiceDialog(
        f"{short_path(place.path)} already exists. Replace it with {agent.display_name} as "
        f"one of the {chosen.target.label}?", [("replace", "Replace")], danger=True),
        answered)


def _run(screen: MainScreen, chosen: Plan, place: Place, replace: bool) -> None:
    if screen.kind_shown not in (ALL, chosen.target.kind):
        screen.kind_shown = ALL  # the new file is selected in the list: show its kind
    dropped = f" ({len(chosen.dropped)} not carried over)" if chosen.dropped else ""
    screen.manager.run(Change(lambda: _write(place.path, chosen.text, replace),
                              f"Converted to {chosen.target.label}{dropped}",
                              root=place.root))


def _write(path: Path, text: str, replace: bool) -> Path:
    """The write as a file action: its failures are ``OperationError``s the screen shows."""
    try:
        return write(path, text, replace)
    except FileExistsError:
        raise OperationError(f"{short_path(path)} already exists: not written") from None
    except (SaveError, OSError) as exc:
        raise OperationError(f"{short_path(path)}: not written: {exc}") from None
