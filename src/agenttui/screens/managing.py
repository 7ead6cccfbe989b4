"""New, duplicate, rename, delete (to the trash), undo delete, move and copy from the keyboard.

``Manager`` asks first (a name checked as it is typed, a confirmation naming the file, or a
destination) and hands the screen a ``Change``: the operation from ``storage.operations``,
which the screen runs in a thread before it updates the catalog and the tree. Refusals come
back as messages; nothing is changed half-way. Where agents can go is ``placement``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.app import App

from agenttui.catalog import Agent, Catalog
from agenttui.placement import (
    agents_folder,
    destinations,
    free_name,
    names_taken,
    same_folder,
)
from agenttui.screens.choice_dialog import ChoiceDialog
from agenttui.screens.name_dialog import NameChoice, NameDialog
from agenttui.screens.transfer_dialog import Transfer, TransferDialog
from agenttui.storage.discovery import Root
from agenttui.storage.operations import (
    copy_agent,
    delete_agent,
    duplicate_agent,
    file_matches_name,
    move_agent,
    name_refusal,
    new_agent,
    rename_agent,
    restore_deleted,
    transfer_refusal,
)
from agenttui.storage.permissions import file_refusal
from agenttui.widgets.labels import short_path

Operation = Callable[[], "Path | None"]


@dataclass(frozen=True)
class Change:
    """A file operation to run, and what it does: ``done`` is said once it is done; a path
    it returns is an agent created in ``root`` (None: the root it lies in); ``removed`` is
    the agent it takes away; ``leave`` asks about the open agent's unsaved edits first."""

    operation: Operation
    done: str
    root: Root | None = None
    removed: Path | None = None
    leave: bool = False


class Manager:
    """The questions each file action asks, answered by a ``Change`` handed to ``run``."""

    def __init__(self, app: App[None], catalog: Catalog, roots: list[Root], *,
                 cwd: Path | None, env: Mapping[str, str] | None,
                 run: Callable[[Change], None],
                 confirm_leave: Callable[[Callable[[], object]], None]) -> None:
        self.app = app
        self.catalog = catalog
        self.roots = roots  # the screen's own list: a scope made by an action joins it
        self.cwd = cwd
        self.env = env
        self.run = run
        self.confirm_leave = confirm_leave

    def new(self, near: Agent | None) -> None:
        """Ask a new agent's name and folder (first the folder of ``near``)."""
        places = destinations(self.roots, self.cwd, self.env)
        current = near.file.root if near else None
        if current is not None and current in places:
            places.remove(current)
            places.insert(0, current)
        by_key = {str(root.path): root for root in places}

        def check(choice: NameChoice) -> str | None:
            root = by_key.get(choice.scope or "")
            if root is None:
                return "choose where the agent goes"
            return name_refusal(root.path, choice.name, taken=self._taken(root))

        def chosen(choice: NameChoice | None) -> None:
            if choice is not None:
                root = by_key[choice.scope or ""]
                self.run(Change(lambda: new_agent(root.path, choice.name,
                                                  taken=self._taken(root)),
                                f"Created {choice.name}", root=root))

        self.app.push_screen(NameDialog(
            "New agent: its name, and where it goes", check, accept_label="Create",
            scopes=[(str(r.path), place(r)) for r in places]), chosen)

    def duplicate(self, agent: Agent) -> None:
        root = agent.file.root
        folder = agents_folder(root)

        def refusal(name: str) -> str | None:
            return name_refusal(agent.path.parent, name, root=folder, taken=self._taken(root))

        def chosen(choice: NameChoice | None) -> None:
            if choice is not None:
                self.run(Change(lambda: duplicate_agent(
                    agent.path, choice.name, root=folder, taken=self._taken(root)),
                    f"Duplicated as {choice.name}", root=root))

        suggestion = free_name(f"{agent.name or agent.path.stem}-copy",
                               lambda name: refusal(name) is None)
        self.app.push_screen(NameDialog(
            f"Duplicate {agent.display_name} as", lambda choice: refusal(choice.name),
            value=suggestion, accept_label="Duplicate"), chosen)

    def rename(self, agent: Agent) -> None:
        self.confirm_leave(lambda: self._ask_rename(self._fresh(agent)))

    def _ask_rename(self, agent: Agent) -> None:
        root = agent.file.root
        matched = file_matches_name(agent.path, agent.name)

        def check(choice: NameChoice) -> str | None:
            if choice.name == agent.name and (matched or choice.keep_file_name):
                return "that is its name already"
            return name_refusal(agent.path.parent, choice.name, root=agents_folder(root),
                                taken=self._taken(root), ignore=agent.path,
                                keep_file_name=choice.keep_file_name)

        def chosen(choice: NameChoice | None) -> None:
            if choice is None:
                return
            snapshot = agent.snapshot
            self.run(Change(lambda: rename_agent(
                agent.path, choice.name, keep_file_name=choice.keep_file_name,
                root=agents_folder(root), taken=self._taken(root), snapshot=snapshot),
                f"Renamed to {choice.name}", root=root, removed=agent.path))

        self.app.push_screen(NameDialog(
            f"Rename {agent.display_name} ({agent.path.name})", check,
            value=agent.name or agent.path.stem, accept_label="Rename",
            keep_file_name=None if matched else False), chosen)

    def delete(self, agent: Agent) -> None:
        def answered(choice: str | None) -> None:
            if choice == "delete":
                self.confirm_leave(lambda: self.run(self._deletion(agent)))

        self.app.push_screen(ChoiceDialog(
            f"Delete {short_path(agent.path)}?\n\nIt goes to agenttui's trash; "
            "u (undo delete) puts it back.", [("delete", "Delete")], danger=True), answered)

    def _deletion(self, agent: Agent) -> Change:
        snapshot = self._fresh(agent).snapshot

        def operation() -> Path | None:
            delete_agent(agent.path, snapshot=snapshot)
            return None

        return Change(operation, f"Deleted {agent.path.name} (u to undo)", removed=agent.path)

    def undo_delete(self) -> None:
        self.run(Change(lambda: restore_deleted(), "Restored"))

    def transfer(self, agent: Agent) -> None:
        """Ask where to move or copy ``agent`` (another writable agents folder)."""
        here = agents_folder(agent.file.root)
        places = [r for r in destinations(self.roots, self.cwd, self.env)
                  if not same_folder(r.path, here)]
        if not places:
            self.app.notify("There is no other agents folder to move or copy to.")
            return
        by_folder = {r.path: r for r in places}

        def check(folder: Path) -> str | None:
            return transfer_refusal(agent.path, folder, taken=self._taken(by_folder[folder]))

        def chosen(choice: Transfer | None) -> None:
            if choice is not None:
                self.run(self._transfer(agent, choice.action, by_folder[choice.folder]))

        self.app.push_screen(TransferDialog(
            f"Move or copy {agent.display_name} ({short_path(agent.path)}) to",
            [(r.path, place(r)) for r in places], check,
            can_move=not agent.read_only), chosen)

    def _transfer(self, agent: Agent, action: str, root: Root) -> Change:
        if action == "move":
            return Change(lambda: move_agent(agent.path, root.path, taken=self._taken(root),
                                             snapshot=self._fresh(agent).snapshot),
                          f"Moved to {place(root)}", root=root, removed=agent.path, leave=True)
        return Change(lambda: copy_agent(agent.path, root.path, taken=self._taken(root)),
                      f"Copied to {place(root)}", root=root)

    def refusal(self, agent: Agent, verb: str) -> str | None:
        """Why ``agent`` cannot be changed by ``verb`` (a rename, a delete), or None."""
        refusal = file_refusal(agent.path, self.env)
        if agent.read_only and refusal is None:
            refusal = f"{agent.path.name} is read-only here"
        return f"{refusal}: it cannot be {verb}d. m copies it elsewhere." if refusal else None

    def _taken(self, root: Root) -> dict[str, Path] | None:
        return names_taken(self.catalog.agents, self.roots, root)

    def _fresh(self, agent: Agent) -> Agent:
        """``agent`` as the catalog holds it now (a save while asking changes its snapshot)."""
        return self.catalog.get(agent.path) or agent


def place(root: Root) -> str:
    """A destination as a dialog lists it: its scope and folder."""
    return f"{root.scope.value}  {short_path(root.path)}"
