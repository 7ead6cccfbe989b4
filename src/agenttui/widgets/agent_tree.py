"""The tree of agents, grouped by scope and folder, with problem and unsaved markers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from agenttui.catalog import Agent
from agenttui.storage.discovery import Root
from agenttui.widgets.labels import literal, short_path

_COLORS = {"purple": "magenta", "orange": "dark_orange", "pink": "hot_pink"}


def search_text(agent: Agent) -> str:
    """What the filter looks through: name, description and tools, lowercased."""
    return " ".join([agent.display_name, agent.description, *agent.tools]).lower()


def fuzzy_match(query: str, haystack: str) -> bool:
    """Every word of ``query`` is in ``haystack`` as a substring or, failing that, in order."""
    return all(word in haystack or _subsequence(word, haystack) for word in query.split())


def _subsequence(word: str, haystack: str) -> bool:
    position = 0
    for ch in word:
        position = haystack.find(ch, position) + 1
        if not position:
            return False
    return True


class AgentTree(Tree[Path | None]):
    """Agents by scope, then folder. ``load`` fills it; it posts ``AgentSelected``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class AgentSelected(Message):
        """The user chose an agent (enter or click)."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("agents", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._agent_by_path: dict[Path, Agent] = {}
        self._haystack: dict[Path, str] = {}
        self._scope_roots: list[Root] = []
        self._node_of: dict[Path, TreeNode[Path | None]] = {}
        self._unsaved: set[Path] = set()
        self._filter_query = ""

    def load(self, roots: Iterable[Root], agents: Iterable[Agent]) -> None:
        """Show ``agents`` (all of them, replacing what was shown) under their roots."""
        self._scope_roots = list(roots)
        self._agent_by_path = {agent.path: agent for agent in agents}
        self._haystack = {path: search_text(agent) for path, agent in self._agent_by_path.items()}
        self._rebuild()

    def refresh_agents(self, agents: Iterable[Agent]) -> None:
        """Update the rows of these agents (problems, name, colour) in place."""
        for agent in agents:
            self._agent_by_path[agent.path] = agent
            self._haystack[agent.path] = search_text(agent)
            node = self._node_of.get(agent.path)
            if node is not None:
                node.set_label(self._label(agent))

    def set_dirty(self, path: Path, dirty: bool) -> None:
        (self._unsaved.add if dirty else self._unsaved.discard)(path)
        node, agent = self._node_of.get(path), self._agent_by_path.get(path)
        if node is not None and agent is not None:
            node.set_label(self._label(agent))

    def set_filter(self, query: str) -> int:
        """Show only agents matching ``query``; returns how many match."""
        self._filter_query = query.strip().lower()
        return self._rebuild()

    def select_path(self, path: Path) -> None:
        node = self._node_of.get(path)
        if node is not None:
            self.move_cursor(node)

    @property
    def visible_paths(self) -> list[Path]:
        return list(self._node_of)

    def _rebuild(self) -> int:
        cursor = self.cursor_node.data if self.cursor_node else None
        self.clear()
        self._node_of = {}
        by_root: dict[Root, list[Agent]] = {}
        for agent in self._agent_by_path.values():
            query = self._filter_query
            if not query or fuzzy_match(query, self._haystack[agent.path]):
                by_root.setdefault(agent.file.root, []).append(agent)
        for root in self._scope_roots:
            self._add_root(root, by_root.get(root, []))
        if cursor is not None and cursor in self._node_of:
            self.move_cursor(self._node_of[cursor])
        return len(self._node_of)

    def _add_root(self, root: Root, agents: list[Agent]) -> None:
        if self._filter_query and not agents:
            return
        label = Text.assemble((root.scope.value.upper(), "bold"), "  ",
                              literal(_where(root), "dim"))
        branch = self.root.add(label, data=None, expand=True)
        folders: dict[PurePosixPath, TreeNode[Path | None]] = {PurePosixPath("."): branch}
        for agent in agents:
            parent = self._folder(folders, agent.file.folder)
            self._node_of[agent.path] = parent.add_leaf(self._label(agent), data=agent.path)

    def _folder(self, folders: dict[PurePosixPath, TreeNode[Path | None]],
                folder: PurePosixPath) -> TreeNode[Path | None]:
        if folder not in folders:
            parent = self._folder(folders, folder.parent)
            folders[folder] = parent.add(literal(f"{folder.name}/", "bold"), expand=True)
        return folders[folder]

    def _label(self, agent: Agent) -> Text:
        color = agent.fields.get("color")
        swatch = _COLORS.get(color, color) if isinstance(color, str) else None
        label = Text("● " if swatch else "  ", style=swatch or "")
        label.append_text(literal(agent.display_name, "dim" if agent.shadowed_by else ""))
        if agent.path in self._unsaved:
            label.append(" *", "bold orange1")
        if agent.errors:
            label.append(f" ✗{agent.errors}", "bold red")
        if agent.warnings:
            label.append(f" ⚠{agent.warnings}", "yellow")
        if agent.shadowed_by:
            label.append(" (shadowed)", "dim italic")
        if agent.read_only:
            label.append(" ro", "dim")
        return label

    def on_tree_node_selected(self, event: Tree.NodeSelected[Path | None]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.AgentSelected(event.node.data))


def _where(root: Root) -> str:
    where = short_path(root.path)
    return f"{root.plugin}  {where}" if root.plugin else where
