"""New, duplicate, rename, delete (to the trash), undo delete, move and copy from the keyboard.

Each action asks first (a name checked as it is typed, a confirmation naming the file, or a
destination), runs the operation from ``storage.operations`` in a thread, and then updates
the catalog and the tree. Refusals come back as messages; nothing is changed half-way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

from textual import work
from textual.screen import Screen

from agenttui.catalog import Agent, Catalog, load_agent
from agenttui.screens.choice_dialog import ChoiceDialog
from agenttui.screens.name_dialog import NameChoice, NameDialog
from agenttui.screens.transfer_dialog import Transfer, TransferDialog
from agenttui.session import EditSession
from agenttui.storage.discovery import AgentFile, Root, Scope
from agenttui.storage.operations import (
    OperationError,
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
from agenttui.storage.scope_folders import scope_folder
from agenttui.widgets.agent_tree import AgentTree
from agenttui.widgets.labels import short_path

Operation = Callable[[], "Path | None"]


class ManagingMixin(Screen[None]):
    """File operations on agents; the main screen provides the catalog, tree and session."""

    roots: list[Root]
    catalog: Catalog
    session: EditSession | None
    loaded: bool
    cwd: Path | None
    env: Mapping[str, str] | None
    confirm_leave: Callable[[Callable[[], object]], None]
    open_path: Callable[[Path], None]
    close_agent: Callable[[], None]
    cursor_path: Callable[[], Path | None]
    update_status: Callable[..., None]
    show_detail: Callable[[bool], None]
    action_show_tab: Callable[[str], None]

    # -- the actions ------------------------------------------------------------------

    def action_new_agent(self) -> None:
        if not self._ready():
            return
        places = self.destinations()
        current = self._current_root()
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
                self._run(lambda: new_agent(root.path, choice.name, taken=self._taken(root)),
                          f"Created {choice.name}", root=root)

        self.app.push_screen(NameDialog(
            "New agent: its name, and where it goes", check, accept_label="Create",
            scopes=[(str(r.path), _place(r)) for r in places]), chosen)

    def action_duplicate_agent(self) -> None:
        agent = self._target("duplicate")
        if agent is None:
            return
        root = agent.file.root
        suggestion = _free_name(f"{agent.name or agent.path.stem}-copy",
                                lambda n: name_refusal(agent.path.parent, n, root=_folder(root),
                                                       taken=self._taken(root)) is None)

        def check(choice: NameChoice) -> str | None:
            return name_refusal(agent.path.parent, choice.name, root=_folder(root),
                                taken=self._taken(root))

        def chosen(choice: NameChoice | None) -> None:
            if choice is not None:
                self._run(lambda: duplicate_agent(agent.path, choice.name, root=_folder(root),
                                                  taken=self._taken(root)),
                          f"Duplicated as {choice.name}", root=root)

        self.app.push_screen(NameDialog(f"Duplicate {agent.display_name} as", check,
                                        value=suggestion, accept_label="Duplicate"), chosen)

    def action_rename_agent(self) -> None:
        agent = self._target("rename", writes=True)
        if agent is None:
            return
        self.confirm_leave(lambda: self._ask_rename(agent))

    def _ask_rename(self, agent: Agent) -> None:
        agent = self._fresh(agent)
        root = agent.file.root
        matched = file_matches_name(agent.path, agent.name)

        def check(choice: NameChoice) -> str | None:
            if choice.name == agent.name and (matched or choice.keep_file_name):
                return "that is its name already"
            return name_refusal(agent.path.parent, choice.name, root=_folder(root),
                                taken=self._taken(root), ignore=agent.path,
                                keep_file_name=choice.keep_file_name)

        def chosen(choice: NameChoice | None) -> None:
            if choice is None:
                return
            snapshot = agent.snapshot
            self._run(lambda: rename_agent(
                agent.path, choice.name, keep_file_name=choice.keep_file_name,
                root=_folder(root), taken=self._taken(root), snapshot=snapshot),
                f"Renamed to {choice.name}", root=root, removed=agent.path)

        self.app.push_screen(NameDialog(
            f"Rename {agent.display_name} ({agent.path.name})", check,
            value=agent.name or agent.path.stem, accept_label="Rename",
            keep_file_name=None if matched else False), chosen)

    def action_delete_agent(self) -> None:
        agent = self._target("delete", writes=True)
        if agent is None:
            return

        def answered(choice: str | None) -> None:
            if choice == "delete":
                self.confirm_leave(lambda: self._delete(agent))

        self.app.push_screen(ChoiceDialog(
            f"Delete {short_path(agent.path)}?\n\nIt goes to agenttui's trash; "
            "u (undo delete) puts it back.", [("delete", "Delete")], danger=True), answered)

    def _delete(self, agent: Agent) -> None:
        snapshot = self._fresh(agent).snapshot

        def operation() -> Path | None:
            delete_agent(agent.path, snapshot=snapshot)
            return None

        self._run(operation, f"Deleted {agent.path.name} (u to undo)", removed=agent.path)

    def action_undo_delete(self) -> None:
        if self._ready():
            self._run(lambda: restore_deleted(), "Restored", root=None)

    def action_transfer_agent(self) -> None:
        agent = self._target("move or copy")
        if agent is None:
            return
        here = _folder(agent.file.root)
        places = [r for r in self.destinations() if not _same_folder(r.path, here)]
        if not places:
            self.notify("There is no other agents folder to move or copy to.")
            return
        by_folder = {r.path: r for r in places}

        def check(folder: Path) -> str | None:
            return transfer_refusal(agent.path, folder, taken=self._taken(by_folder[folder]))

        def chosen(choice: Transfer | None) -> None:
            if choice is None:
                return
            root = by_folder[choice.folder]
            if choice.action == "move":
                self.confirm_leave(lambda: self._run(
                    lambda: move_agent(agent.path, root.path, taken=self._taken(root),
                                       snapshot=self._fresh(agent).snapshot),
                    f"Moved to {_place(root)}", root=root, removed=agent.path))
            else:
                self._run(lambda: copy_agent(agent.path, root.path, taken=self._taken(root)),
                          f"Copied to {_place(root)}", root=root)

        self.app.push_screen(TransferDialog(
            f"Move or copy {agent.display_name} ({short_path(agent.path)}) to",
            [(r.path, _place(r)) for r in places], check,
            can_move=not agent.read_only), chosen)

    # -- where agents can go ------------------------------------------------------------

    def destinations(self) -> list[Root]:
        """Writable agents folders: the open folders, then the project and user scopes."""
        places = [r for r in self.roots if not r.read_only and r.scope is not Scope.PLUGIN
                  and r.path.is_dir()]
        for scope in (Scope.PROJECT, Scope.USER):
            try:
                folder = scope_folder(scope.value, self.cwd, self.env)
            except (OSError, ValueError):
                continue
            if not any(_same_folder(folder, r.path) for r in places):
                places.append(Root(scope, folder))
        return places

    def _taken(self, root: Root) -> dict[str, Path] | None:
        """Names already used in ``root`` as the catalog knows them (None: read the folder)."""
        if not any(_same_folder(root.path, r.path) for r in self.roots):
            return None
        names: dict[str, Path] = {}
        for agent in self.catalog.agents:
            if _same_folder(_folder(agent.file.root), root.path) and agent.name:
                names.setdefault(agent.name, agent.path)
        return names

    def _fresh(self, agent: Agent) -> Agent:
        """``agent`` as the catalog holds it now (a save while asking changes its snapshot)."""
        return self.catalog.get(agent.path) or agent

    def _current_root(self) -> Root | None:
        path = self.cursor_path()
        agent = self.catalog.get(path) if path else None
        return agent.file.root if agent else None

    def _ready(self) -> bool:
        if not self.loaded:
            self.notify("Still reading the agents; try again in a moment.")
        return self.loaded

    def _target(self, verb: str, writes: bool = False) -> Agent | None:
        if not self._ready():
            return None
        path = self.cursor_path()
        agent = self.catalog.get(path) if path else None
        if agent is None:
            self.notify(f"Choose an agent to {verb} in the tree first.")
            return None
        refusal = file_refusal(agent.path, self.env) if writes else None
        if writes and agent.read_only and refusal is None:
            refusal = f"{agent.path.name} is read-only here"
        if refusal is not None:
            self.notify(f"{refusal}: it cannot be {verb}d. m copies it elsewhere.",
                        title="Read-only", severity="warning")
            return None
        return agent

    # -- running an operation and showing its result ------------------------------------

    @work(thread=True, exclusive=True, group="manage")
    def _run(self, operation: Operation, done: str, *, root: Root | None = None,
             removed: Path | None = None) -> None:
        try:
            created = operation()
        except OperationError as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Not done",
                                      severity="error", timeout=10)
            return
        agent = self._read_created(created, root) if created is not None else None
        self.app.call_from_thread(self._apply, done, removed, agent)

    def _read_created(self, path: Path, root: Root | None) -> Agent:
        root = root or self._root_for(path)
        base = _folder(root)
        relative = path.parent.relative_to(base) if path.parent != base else Path(".")
        return load_agent(AgentFile(path, root, PurePosixPath(*relative.parts)))

    def _root_for(self, path: Path) -> Root:
        for root in self.roots:
            if root.path.is_dir() and path.is_relative_to(root.path):
                return root
        return Root(Scope.PATH, path.parent)

    def _apply(self, done: str, removed: Path | None, created: Agent | None) -> None:
        was_open = self.session is not None and self.session.agent.path == removed
        if removed is not None:
            self.catalog.remove(removed)
        if created is not None:
            root = created.file.root
            if not any(r == root for r in self.roots):  # a scope's first agent
                for roots in (self.roots, self.catalog.roots):
                    roots.append(root)
                    roots.sort(key=lambda r: r.scope.precedence)  # project, user, plugin
            self.catalog.add([created])
        tree = self.query_one(AgentTree)
        tree.load(self.roots, sorted(self.catalog.agents, key=_tree_order))
        if was_open:
            self.close_agent()
        if created is not None:
            tree.select_path(created.path)
            self.open_path(created.path)
            self.action_show_tab("fields")
            if self.has_class("-narrow"):
                self.show_detail(True)  # the new agent's form at once, not the tree
        self.update_status()
        where = f": {short_path(created.path)}" if created is not None else ""
        self.notify(done + where)


def _folder(root: Root) -> Path:
    """The agents folder a root stands for (a file given on its own stands for its folder)."""
    return root.path if root.path.is_dir() else root.path.parent


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _tree_order(agent: Agent) -> tuple[tuple[str, ...], str]:
    """Discovery's order within a root: files of a folder before its subfolders, by name."""
    return agent.file.folder.parts, agent.path.name.lower()


def _place(root: Root) -> str:
    return f"{root.scope.value}  {short_path(root.path)}"


def _free_name(base: str, free: Callable[[str], bool]) -> str:
    if free(base):
        return base
    for number in range(2, 100):
        if free(f"{base}-{number}"):
            return f"{base}-{number}"
    return base

