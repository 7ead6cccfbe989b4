"""The tree of agents, grouped by scope and folder, with problem and unsaved markers."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import ClassVar, cast

from rich.cells import cell_len
from rich.style import Style
from rich.text import Span, Text, TextType
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets._tree import _TreeLine
from textual.widgets.tree import TreeNode

from agenttui.catalog import Agent
from agenttui.storage.discovery import Root
from agenttui.widgets.labels import literal, short_path, swatch_style, visible

_Node = TreeNode[Path | None]
WARM_CHUNK = 500  # search texts prepared per idle step after a load (a few ms each)


def search_text(agent: Agent) -> str:
    """What the filter looks through, lowercased: the name, a newline, description and tools."""
    rest = " ".join([agent.description, *agent.tools])
    return f"{agent.display_name}\n{rest}".lower()


def fuzzy_match(query: str, haystack: str) -> bool:
    """Every word of ``query`` is in ``haystack``, or its letters appear in order in the name.

    In-order letters are only tried on the name: over a long description almost any short
    word's letters appear in order, and the filter would narrow nothing.
    """
    name = haystack.partition("\n")[0]
    return all(word in haystack or _subsequence(word, name) for word in query.split())


def _subsequence(word: str, haystack: str) -> bool:
    position = 0
    for ch in word:
        position = haystack.find(ch, position) + 1
        if not position:
            return False
    return True


def matching(query: str, haystacks: Sequence[str]) -> list[int]:
    """The indices of ``haystacks`` (``search_text`` values) that ``fuzzy_match`` accepts.

    The same rule, a word at a time over the survivors, with the in-order test as one regex
    over the name: calling ``fuzzy_match`` on each of 10,000 agents took 20-45 ms a keystroke.
    """
    indices: Iterable[int] = range(len(haystacks))
    for word in query.split():
        in_order = re.compile(".*?".join(map(re.escape, word)), re.DOTALL)
        kept = []
        for i in indices:
            text = haystacks[i]
            if word in text:
                kept.append(i)
                continue
            end = text.find("\n")
            if in_order.search(text, 0, end if end >= 0 else len(text)) is not None:
                kept.append(i)
        indices = kept
    return list(indices)


class AgentTree(Tree[Path | None]):
    """Agents by scope, then folder. ``load`` fills it; it posts ``AgentSelected``.

    ``load`` makes one node per agent. The filter never makes or drops nodes: Textual's Tree
    has no hidden nodes, so the tree keeps each branch's full list of children and gives the
    branch only the matching ones (``TreeNode._children``), then lays its lines out again.
    Rebuilding 10,000 nodes per keystroke took 0.5-1.5 s.
    """

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
        self._adding = False  # while load adds nodes: lay the tree out once, at the end
        # by id(node), see _lay_out: the node's line, the label it was measured with, width
        self._laid_out: dict[int, tuple[_TreeLine[Path | None], Text, int]] = {}
        self._pass_style: Style | None = None  # see render_lines
        super().__init__("agents", id=id)  # (which lays out lines, so after _lines)
        self.show_root = False
        self.guide_depth = 2
        self._agent_by_path: dict[Path, Agent] = {}
        self._scope_roots: list[Root] = []
        self._node_of: dict[Path, _Node] = {}  # every agent in the tree, shown or filtered out
        # every branch, children before parents, with all its children, each with its index
        # in _order (-1 for a folder)
        self._branches: list[tuple[_Node, list[tuple[_Node, int]]]] = []
        self._order: list[Path] = []  # the agents of the tree, top to bottom
        self._index: dict[Path, int] = {}  # position in _order and _texts
        self._texts: list[str | None] = []  # search_text of each, None until prepared
        self._missing = 0  # how many of _texts are None
        self._shown: bytearray | None = None  # 1 per matching agent of _order; None: no filter
        self._unsaved: set[Path] = set()
        self._filter_query = ""
        self._warming = False

    def load(self, roots: Iterable[Root], agents: Iterable[Agent]) -> None:
        """Show ``agents`` (all of them, replacing what was shown) under their roots."""
        previous = self.cursor_node.data if self.cursor_node is not None else None
        first_load = self.cursor_node is None
        if self._order:  # a reload: the rows it replaces may have been frozen (see loading)
            gc.unfreeze()
        self._scope_roots = list(roots)
        self._agent_by_path = {agent.path: agent for agent in agents}
        self.clear()
        self._node_of = {}
        self._laid_out = {}
        by_root: dict[Root, list[Agent]] = {}
        for agent in self._agent_by_path.values():
            by_root.setdefault(agent.file.root, []).append(agent)
        self._adding = True
        try:
            for root in self._scope_roots:
                self._add_root(root, by_root.get(root, []))
        finally:
            self._adding = False
        self._invalidate()
        self._order = [node.data for node in _leaves(self.root) if node.data is not None]
        self._index = {path: i for i, path in enumerate(self._order)}
        self._branches = [(branch, [(child, -1 if child.data is None else self._index[child.data])
                                    for child in children])
                          for branch, children in _branches(self.root)]
        self._texts = [None] * len(self._order)
        self._missing = len(self._texts)
        self._shown = None
        cursor = self._node_of.get(previous) if previous is not None else None
        if self._filter_query:
            self._apply_filter(cursor)
        elif previous is not None:
            self._move_cursor_after_layout(cursor)
        elif first_load and self._order:  # start on the first agent: `enter` opens it
            self._move_cursor_after_layout(self._node_of[self._order[0]])
        self._warm_search()

    def refresh_agents(self, agents: Iterable[Agent]) -> None:
        """Update the rows of these agents (problems, name, colour) in place. An agent that
        is not in the tree yet shows at the next ``load``."""
        for agent in agents:
            self._agent_by_path[agent.path] = agent
            index = self._index.get(agent.path)
            if index is not None:
                if self._texts[index] is not None:
                    self._texts[index] = None
                    self._missing += 1
                self._relabel(agent)
        self._warm_search()

    def set_dirty(self, path: Path, dirty: bool) -> None:
        (self._unsaved.add if dirty else self._unsaved.discard)(path)
        agent = self._agent_by_path.get(path)
        if agent is not None:
            self._relabel(agent)

    def set_filter(self, query: str) -> int:
        """Show only agents matching ``query``; returns how many match."""
        self._filter_query = query.strip().lower()
        return self._apply_filter(self.cursor_node)

    @property
    def cursor_path(self) -> Path | None:
        """The agent under the cursor (None on a scope or folder row)."""
        node = self.cursor_node
        return node.data if node is not None else None

    def select_path(self, path: Path) -> None:
        node = self._node_of.get(path)
        if node is not None and self._is_shown(path):
            self._move_cursor_after_layout(node)

    @property
    def visible_paths(self) -> list[Path]:
        shown = self._shown
        if shown is None:
            return list(self._order)
        return [path for path, on in zip(self._order, shown, strict=True) if on]

    def _is_shown(self, path: Path) -> bool:
        return self._shown is None or bool(self._shown[self._index[path]])

    # -- filtering -----------------------------------------------------------------------

    def _apply_filter(self, cursor: _Node | None) -> int:
        query = self._filter_query
        shown = None
        if query:
            self._prepare_texts(len(self._texts))
            shown = bytearray(len(self._order))
            for index in matching(query, cast(list[str], self._texts)):
                shown[index] = 1
        if shown != self._shown:
            self._shown = shown
            self._show_matching(cursor)
        return len(self._order) if shown is None else shown.count(1)

    def _show_matching(self, cursor: _Node | None) -> None:
        """Give every branch its matching children; the cursor stays on its row when that is
        still shown, else goes to the first match."""
        shown = self._shown
        kept: set[int] = set()  # ids of the branches still shown
        for branch, children in self._branches:
            if shown is None:
                visible = [child for child, index in children if index >= 0 or id(child) in kept]
            else:
                visible = [child for child, index in children
                           if (shown[index] if index >= 0 else id(child) in kept)]
            scope_branch = branch.parent is self.root
            if visible or branch is self.root or (shown is None and scope_branch):
                kept.add(id(branch))
            branch._children = visible  # the private list Tree lays out; see the class doc
        self._invalidate()
        if cursor is not None and (id(cursor) in kept if cursor.data is None
                                   else self._is_shown(cursor.data)):
            target: _Node | None = cursor
        else:
            first = 0 if shown is None else shown.find(1)
            target = self._node_of[self._order[first]] if 0 <= first < len(self._order) else None
        self._move_cursor_after_layout(target)

    def _move_cursor_after_layout(self, node: _Node | None) -> None:
        if self.last_line < 0:  # (asking lays the lines out now, so node lines are current)
            node = None
        self.move_cursor(node)

    def _prepare_texts(self, limit: int) -> int:
        """Compute up to ``limit`` missing search texts; how many are still missing after."""
        if self._missing:
            missing = [i for i, text in enumerate(self._texts) if text is None]
            for i in missing[:limit]:
                self._texts[i] = search_text(self._agent_by_path[self._order[i]])
            self._missing = max(0, len(missing) - limit)
        return self._missing

    def _warm_search(self) -> None:
        """Prepare the search texts a chunk at a time while the app is idle, so the first
        keystroke of a filter does not pay for 10,000 of them (~50 ms)."""
        if self.is_mounted and not self._warming and self._missing:
            self._warming = True
            self.set_timer(0.05, self._warm_step)

    def _warm_step(self) -> None:
        self._warming = False
        if self._prepare_texts(WARM_CHUNK):
            self._warm_search()

    # -- nodes and labels ----------------------------------------------------------------

    def _add_root(self, root: Root, agents: list[Agent]) -> None:
        label = Text.assemble((root.scope.value.upper(), "bold"), "  ",
                              literal(_where(root), "dim"))
        branch = self.root.add(label, data=None, expand=True)
        folders: dict[PurePosixPath, _Node] = {PurePosixPath("."): branch}
        for agent in agents:
            parent = self._folder(folders, agent.file.folder)
            self._node_of[agent.path] = self._add_leaf(parent, self._label(agent), agent.path)

    def _add_leaf(self, parent: _Node, label: Text, path: Path) -> _Node:
        """``parent.add_leaf(label, data=path)`` without what a load does not need (insert
        positions, label copies, a layout per node): a third faster."""
        node = TreeNode(self, parent, self._new_id(), label, path, expanded=False,
                        allow_expand=False)
        self._tree_nodes[node._id] = node
        parent._children.append(node)
        return node

    def _folder(self, folders: dict[PurePosixPath, _Node], folder: PurePosixPath) -> _Node:
        if folder not in folders:
            parent = self._folder(folders, folder.parent)
            folders[folder] = parent.add(literal(f"{folder.name}/", "bold"), expand=True)
        return folders[folder]

    def _relabel(self, agent: Agent) -> None:
        node = self._node_of.get(agent.path)
        if node is not None:
            label = self._label(agent)
            if label != node.label:  # a load's last pass changes few rows
                node.set_label(label)

    def _label(self, agent: Agent) -> Text:
        """The row: a colour swatch (the colour is the row's style), the name (dim when
        shadowed) and markers. Made as one Text with spans: appending piece by piece made a
        Text per piece, a third of the time of a 10,000-agent load."""
        color = agent.fields.get("color")
        color = color if isinstance(color, str) else ""
        parts = [(visible(agent.display_name), "dim" if agent.shadowed_by else "")]
        if agent.path in self._unsaved:
            parts.append((" *", "bold orange1"))
        if errors := agent.errors:
            parts.append((f" ✗{errors}", "bold red"))
        if warnings := agent.warnings:
            parts.append((f" ⚠{warnings}", "yellow"))
        if agent.shadowed_by:
            parts.append((" (shadowed)", "dim italic"))
        if agent.read_only:
            parts.append((" ro", "dim"))
        spans, end = [], 2
        for text, style in parts:
            if style:
                spans.append(Span(end, end + len(text), style))
            end += len(text)
        plain = "".join(text for text, _ in parts)
        return Text(("● " if color else "  ") + plain, style=swatch_style(color) if color else "",
                    spans=spans)

    def _build(self) -> None:
        """Tree's line layout (one ``_TreeLine`` per shown node, each node's ``_line``, the
        virtual size), in one pass with the widths kept per label. Tree's own version makes a
        second pass to measure every line, and its recursive closure is a reference cycle
        that keeps each old layout (20,000 objects at 10,000 agents) for the slow full
        garbage collection: 25-37 ms a filter keystroke, plus 100-200 ms pauses."""
        if self.show_root:
            super()._build()
            return
        lines: list[_TreeLine[Path | None]] = []
        widest = self._lay_out(lines, [], self.root._children, 0)
        self._tree_lines_cached = lines
        self.virtual_size = Size(widest if lines else self.size.width, len(lines))
        if self.cursor_line != -1:  # as Tree does
            if self.cursor_node is not None:
                self.cursor_line = self.cursor_node._line
            if self.cursor_line >= len(lines):
                self.cursor_line = -1

    def _lay_out(self, lines: list[_TreeLine[Path | None]], path: list[_Node],
                 children: list[_Node], widest: int) -> int:
        """Append the lines of ``children`` (at depth ``len(path)``) and their shown
        descendants; the widest line so far. A node's line and width are reused while it
        stays the last (or not) of its siblings and keeps its label: nodes never move
        between loads."""
        indent = len(path) * self.guide_depth
        last = len(children) - 1
        known = self._laid_out
        for index, node in enumerate(children):
            entry = known.get(id(node))
            if entry is None or entry[0].last != (index == last) or entry[1] is not node._label:
                line = _TreeLine(entry[0].path if entry else [*path, node], index == last)
                entry = known[id(node)] = (line, node._label, indent + self.get_label_width(node))
            node._line = len(lines)
            lines.append(entry[0])
            if entry[2] > widest:
                widest = entry[2]
            if node._expanded and node._children:
                widest = self._lay_out(lines, entry[0].path, node._children, widest)
        return widest

    def render_lines(self, crop: Region) -> list[Strip]:
        """Tree's, with the widget's Rich style worked out once for all the lines: Tree asks
        for it per line, and it walks every ancestor's styles (after a filter keystroke, a
        quarter of repainting the rows)."""
        self._pass_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._pass_style = None

    def render_line(self, y: int) -> Strip:
        if self._pass_style is None:
            return super().render_line(y)
        scroll_x, scroll_y = self.scroll_offset
        return self._render_line(y + scroll_y, scroll_x, scroll_x + self.size.width,
                                 self._pass_style)

    def _invalidate(self) -> None:
        """Tree drops its line layout and asks for a repaint on every node added: once per
        ``load`` is enough (10,000 asks took ~100 ms)."""
        if not self._adding:
            super()._invalidate()

    def process_label(self, label: TextType) -> Text:
        """Labels here are one-line Text already; Tree's own version copies each one (twice
        per node added)."""
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def get_label_width(self, node: _Node) -> int:
        """The width of a label (Tree renders the label to measure it; ``_lay_out`` keeps
        the result per label)."""
        label = node.label
        width = label.cell_len if isinstance(label, Text) else cell_len(str(label))
        return width + (cell_len(self.ICON_NODE_EXPANDED) if node.allow_expand else 0)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Path | None]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.AgentSelected(event.node.data))


def _branches(node: _Node) -> Iterator[tuple[_Node, list[_Node]]]:
    """Every branch under ``node`` and ``node`` itself with its children, children first."""
    for child in node.children:
        if child.data is None:
            yield from _branches(child)
    yield node, list(node.children)


def _leaves(node: _Node) -> Iterator[_Node]:
    for child in node.children:
        if child.data is None:
            yield from _leaves(child)
        else:
            yield child


def _where(root: Root) -> str:
    where = short_path(root.path)
    return f"{root.plugin}  {where}" if root.plugin else where
