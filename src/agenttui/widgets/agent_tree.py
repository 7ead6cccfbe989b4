"""The list of agents, by scope and folder, with problem, unsaved, git and disabled markers: a
line-API widget (``ScrollView`` + ``render_line``) that draws only the rows on screen."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, cast

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from agenttui.catalog import Agent
from agenttui.git import FileChange, GitState
from agenttui.kind_filter import ALL, shown_roots
from agenttui.storage.discovery import Root
from agenttui.widgets.agent_outline import Group, GroupKey, Outline
from agenttui.widgets.agent_rows import Piece, agent_pieces, fit, group_pieces, scope_note
from agenttui.widgets.agent_search import SearchTexts, fuzzy_match, matching, search_text
from agenttui.widgets.labels import swatch_style

__all__ = ["AgentTree", "fuzzy_match", "matching", "search_text"]

WARM_CHUNK = 500  # search texts prepared per idle step after a load (a few ms each)
STRIPS_KEPT = 1024  # rows drawn and kept, by row and cursor (for the list's current width)
_UNSEEN = object()  # what the list last announced before its first AgentHighlighted


class AgentTree(ScrollView, can_focus=True):
    """Agents by scope, then folder. ``load`` fills it; it posts ``AgentHighlighted`` as its
    cursor moves to another agent and ``AgentSelected`` on enter or a click.

    Scopes and folders are rows that fold (enter, space, left/h, right/l) and say how many
    agents they hold. While a filter is set the list is flat: the matches, best first, each
    with its scope; so is it while only the changed agents are shown (``set_changed_only``:
    those ``set_git`` marks, in tree order). Rows are drawn when they come on screen and kept
    until they change.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", show=False),
        Binding("space", "toggle_group", "Fold", show=False),
        Binding("left,h", "fold", "Fold", show=False),
        Binding("right,l", "unfold", "Unfold", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home", "cursor_first", "First", show=False),
        Binding("end", "cursor_last", "Last", show=False),
        Binding("pagedown", "cursor_page(1)", "Page down", show=False),
        Binding("pageup", "cursor_page(-1)", "Page up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "agent-tree--cursor", "agent-tree--guides", "agent-tree--group", "agent-tree--dim",
        "agent-tree--dirty", "agent-tree--error", "agent-tree--warning",
        "agent-tree--shadowed", "agent-tree--disabled", "agent-tree--gone",
        *(f"agent-tree--git-{state.value}" for state in GitState), "agent-tree--git-staged",
    }

    class TreeMessage(Message):
        """A message from the list, which it names as its ``control``."""

        def __init__(self, tree: AgentTree) -> None:
            super().__init__()
            self.tree = tree

        @property
        def control(self) -> AgentTree:
            return self.tree

    class AgentHighlighted(TreeMessage):
        """The cursor moved to another row: ``path`` is its agent, None on a scope or folder."""

        def __init__(self, tree: AgentTree, path: Path | None) -> None:
            super().__init__(tree)
            self.path = path

    class AgentSelected(TreeMessage):
        """The user chose an agent (enter or click)."""

        def __init__(self, tree: AgentTree, path: Path) -> None:
            super().__init__(tree)
            self.path = path

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._outline = Outline((), ())
        self._agents: dict[Path, Agent] = {}  # by path, shown or not
        self._index: dict[Path, int] = {}  # position in the outline's paths and _search
        self._search = SearchTexts(0, self._agent_at)
        self._warming = False
        self._unsaved: set[Path] = set()
        self._query = ""
        self._ranked: list[int] | None = None  # the flat list's rows; None: the tree
        self._git: Mapping[Path, FileChange] = {}  # how each changed agent changed
        self._disabled: frozenset[str] = frozenset()  # the names deny rules disable
        self._changed_only = False
        self._roots: list[Root] = []  # every root loaded, shown or not
        self._kind = ALL  # the kind the list is narrowed to (``set_kind``)
        self._before_filter: Path | None = None  # the agent under the cursor then
        self._shown: list[Group | int] = []  # the rows: a group, or an agent by its index
        self._guides: list[str] = []  # the guides before each row (none in a flat list)
        self._row_by_index: dict[int, int] | None = None  # made when first needed
        self._tree: tuple[list[Group | int], list[str]] | None = None  # the outline's rows
        self._tree_index: dict[int, int] | None = None  # and their _row_by_index
        self._cursor = -1  # the row under the cursor; -1 with no rows
        self._announced: object = _UNSEEN  # the path of the last AgentHighlighted
        self._drawn: LRUCache[tuple[int, bool], Strip] = LRUCache(STRIPS_KEPT)
        self._drawn_width = 0
        self._looks: dict[tuple[bool, str], Style] = {}  # by (cursor, role); see _look

    # -- handlers --------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """A theme or a pseudo-class (focus) changed: every row is drawn again."""
        super().notify_style_update()
        self._forget_drawn()

    def on_focus(self) -> None:
        self._forget_drawn()
        self.refresh()

    def on_blur(self) -> None:
        self._forget_drawn()
        self.refresh()

    def on_resize(self) -> None:
        self._scroll_to_cursor()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not 0 <= offset.y + self.scroll_offset.y < len(self._shown):
            return
        row = offset.y + self.scroll_offset.y
        self._move_to(row)
        item = self._shown[row]
        if isinstance(item, Group):
            self._set_expanded(item, not item.expanded)
        else:
            self.post_message(self.AgentSelected(self, self._outline.paths[item]))

    # -- actions ---------------------------------------------------------------------------

    def action_select(self) -> None:
        item = self._item()
        if isinstance(item, Group):
            self._set_expanded(item, not item.expanded)
        elif item is not None:
            self.post_message(self.AgentSelected(self, self._outline.paths[item]))

    def action_toggle_group(self) -> None:
        item = self._item()
        if isinstance(item, Group):
            self._set_expanded(item, not item.expanded)

    def action_fold(self) -> None:
        """Fold the group under the cursor, or go to the group that holds its row."""
        item = self._item()
        if isinstance(item, Group) and item.expanded and item.members:
            self._set_expanded(item, False)
        elif self._ranked is None and item is not None:
            parent = item.parent if isinstance(item, Group) else self._outline.group_of[item]
            if parent is not None:
                self._move_to(self._shown.index(parent))

    def action_unfold(self) -> None:
        """Unfold the group under the cursor, or go into it when it is unfolded."""
        item = self._item()
        if isinstance(item, Group):
            if not item.expanded:
                self._set_expanded(item, True)
            elif item.members:
                self._move_to(self._cursor + 1)

    def action_cursor_down(self) -> None:
        self._move_to(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._move_to(max(0, self._cursor - 1))

    def action_cursor_first(self) -> None:
        self._move_to(0)

    def action_cursor_last(self) -> None:
        self._move_to(len(self._shown) - 1)

    def action_cursor_page(self, pages: int) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        self._move_to(max(0, self._cursor + pages * page))

    # -- public API ------------------------------------------------------------------------

    def load(self, roots: Iterable[Root], agents: Iterable[Agent]) -> None:
        """Show ``agents`` (all of them, replacing what was shown) under their roots; the
        folded groups stay folded and the cursor on its agent (on the first agent at first)."""
        before, row, first_load = self._cursor_key(), self._cursor, not self._agents
        if self._outline.paths:  # a reload: the rows it replaces may have been frozen
            gc.unfreeze()
        self._agents = {agent.path: agent for agent in agents}
        self._roots = list(roots)
        self._outline = Outline(shown_roots(self._roots, self._kind), self._agents.values(),
                                self._outline.folded())
        self._index = {path: i for i, path in enumerate(self._outline.paths)}
        self._search = SearchTexts(len(self._index), self._agent_at)
        self._ranked = self._flat()
        self._tree = None
        self._lay_out()
        self._move_to(self._row_after_load(before, row, first_load))
        self._warm_search()

    def refresh_agents(self, agents: Iterable[Agent]) -> None:
        """Update the rows of these agents (problems, name, colour) in place. An agent that
        is not in the list yet shows at the next ``load``."""
        changed = []
        for agent in agents:
            self._agents[agent.path] = agent
            index = self._index.get(agent.path)
            if index is not None:
                self._search.forget(index)
                changed.append(index)
        self._redraw_agents(changed)
        self._warm_search()

    def set_dirty(self, path: Path, dirty: bool) -> None:
        """Mark the agent at ``path`` as having unsaved edits (``*``), or not."""
        (self._unsaved.add if dirty else self._unsaved.discard)(path)
        index = self._index.get(path)
        if index is not None:
            self._redraw_agents([index])

    def set_filter(self, query: str) -> int:
        """Show only the agents matching ``query``, best first, with the cursor on the best;
        returns how many are shown. An empty query shows the tree again, the cursor on the
        agent it was on (or, when no agent matched, on the one it was on before the filter)."""
        query = " ".join(query.lower().split())
        if query != self._query:
            before = self.cursor_path
            if not self._query:
                self._before_filter = before
            self._query = query
            self._ranked = self._flat()
            self._lay_out()
            if query:
                self._move_to(0)
            else:
                self._move_to(self._row_of(before or self._before_filter) or 0)
        return len(self._index) if self._ranked is None else len(self._ranked)

    def set_git(self, changes: Mapping[Path, FileChange]) -> None:
        """Mark each agent at a path of ``changes`` with its state since the git reference
        (and nothing else): the rows show it, ``set_changed_only`` shows only those."""
        self._git = changes
        if self._changed_only:
            before = self.cursor_path
            self._ranked = self._flat()
            self._lay_out()
            self._move_to(self._row_of(before) or 0)
        else:
            self._forget_drawn()
            self.refresh()

    def set_changed_only(self, on: bool) -> int:
        """Show only the agents ``set_git`` marked (with the filter, those it matches), or
        every agent again; the cursor stays on its agent when it is shown, else goes to the
        first row. Returns how many agents are shown."""
        if on != self._changed_only:
            before = self.cursor_path
            self._changed_only = on
            self._ranked = self._flat()
            self._lay_out()
            self._move_to(self._row_of(before) or 0)
        return len(self._index) if self._ranked is None else len(self._ranked)

    def set_kind(self, kind: str) -> int:
        """Show only the files of ``kind`` (``kind_filter.ALL``: every kind), the cursor on
        its agent when it is shown; returns how many agents are shown."""
        if kind != self._kind:
            self._kind = kind
            self.load(self._roots, list(self._agents.values()))
        return len(self._index) if self._ranked is None else len(self._ranked)

    def set_disabled(self, names: frozenset[str]) -> None:
        """Mark the agents a deny rule disables (by the name Claude Code knows them by)."""
        if names != self._disabled:
            self._disabled = names
            self._forget_drawn()
            self.refresh()

    def select_path(self, path: Path) -> None:
        """Put the cursor on the agent at ``path``, unfolding its groups; nothing when the
        filter hides it."""
        if path in self._index and (self._ranked is None
                                    or self._index[path] in self._ranked):
            self._move_to(self._reveal(path))

    @property
    def cursor_path(self) -> Path | None:
        """The agent under the cursor; None on a scope or folder, or with no rows."""
        item = self._item()
        return None if item is None or isinstance(item, Group) else self._outline.paths[item]

    @property
    def visible_paths(self) -> list[Path]:
        """The agents the list shows, in its order: the matches while a filter is set, else
        every agent in tree order (those in folded groups too)."""
        paths = self._outline.paths
        return list(paths) if self._ranked is None else [paths[i] for i in self._ranked]

    def row_texts(self) -> list[str]:
        """What each row says, top to bottom, as plain text and uncut."""
        return ["".join(piece.text for piece in self._pieces(row))
                for row in range(len(self._shown))]

    # -- rendering -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if width != self._drawn_width:
            self._forget_drawn()
            self._drawn_width = width
        if not 0 <= row < len(self._shown):
            return Strip.blank(width, self._look(False, ""))
        key = (row, row == self._cursor)
        strip = self._drawn.get(key)
        if strip is None:
            strip = self._drawn[key] = self._draw(row, width, key[1])
        return strip

    def _draw(self, row: int, width: int, cursor: bool) -> Strip:
        item = self._shown[row]
        color = ""
        if not isinstance(item, Group):
            color = _field_color(self._agents[self._outline.paths[item]])
        pieces = list(fit(self._pieces(row), width))
        used = sum(cell_len(piece.text) for piece in pieces)
        if used < width:
            pieces.append(Piece(" " * (width - used)))
        segments: list[Segment] = []
        for piece in pieces:  # one segment per run of a style: fewer bytes to the terminal
            style = self._look(cursor, piece.role, color)
            if segments and segments[-1].style == style:
                segments[-1] = Segment(segments[-1].text + piece.text, style)
            elif piece.text:
                segments.append(Segment(piece.text, style))
        if used > width:  # (what the cut could not fit: narrower than the guides)
            return Strip(segments).crop(0, width)
        return Strip(segments, width)

    def _pieces(self, row: int) -> list[Piece]:
        item = self._shown[row]
        if isinstance(item, Group):
            pieces = group_pieces(item)
        else:
            path = self._outline.paths[item]
            where = "" if self._ranked is None else scope_note(self._outline.group_of[item])
            agent = self._agents[path]
            pieces = agent_pieces(agent, dirty=path in self._unsaved, where=where,
                                  change=self._git.get(path),
                                  disabled=agent.qualified_name in self._disabled)
        guides = self._guides[row] if self._guides else ""
        return [Piece(guides, "guides"), *pieces] if guides else pieces

    def _look(self, cursor: bool, role: str, color: str = "") -> Style:
        """The style of a piece of ``role`` on a row (under the cursor or not), from the
        component classes; the swatch takes the agent's own ``color``."""
        key = (cursor, role if role != "swatch" else "")
        style = self._looks.get(key)
        if style is None:
            classes = (("agent-tree--cursor",) if cursor else ()) + (
                (f"agent-tree--{key[1]}",) if key[1] else ())
            style = self._looks[key] = self.get_visual_style(*classes).rich_style
        return style + _swatch(color) if role == "swatch" and color else style

    def _forget_drawn(self) -> None:
        self._drawn.clear()
        self._looks.clear()

    # -- rows and cursor -------------------------------------------------------------------

    def _lay_out(self) -> None:
        """Make the rows again (after a load, a filter or a fold) and draw them afresh."""
        if self._ranked is None:
            if self._tree is None:  # (clearing a filter shows the same tree again)
                self._tree, self._tree_index = self._outline.rows(), None
            self._shown, self._guides = self._tree
            self._row_by_index = self._tree_index
        else:
            self._shown, self._guides = cast(list[Group | int], list(self._ranked)), []
            self._row_by_index = None
        self._drawn.clear()
        self.virtual_size = Size(0, len(self._shown))
        self.refresh()

    def _item(self) -> Group | int | None:
        return self._shown[self._cursor] if 0 <= self._cursor < len(self._shown) else None

    def _move_to(self, row: int) -> None:
        """Put the cursor on ``row`` (kept within the rows), scroll it into view and say
        when the agent under it changed."""
        row = min(max(row, 0), len(self._shown) - 1)
        if row != self._cursor:
            for changed in (self._cursor, row):
                if changed >= 0:
                    self.refresh_line(changed)
            self._cursor = row
        self._scroll_to_cursor()
        path = self.cursor_path
        if path != self._announced:
            self._announced = path
            self.post_message(self.AgentHighlighted(self, path))

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0 or self._cursor < 0:
            return
        top = self.scroll_offset.y
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False)

    def _set_expanded(self, group: Group, expanded: bool) -> None:
        if group.expanded != expanded and group.members:
            group.expanded = expanded
            self._tree = None
            self._lay_out()
            self._move_to(self._shown.index(group))

    def _row_of(self, path: Path | None) -> int | None:
        """The row of the agent at ``path`` (its groups unfolded), None when it is not shown."""
        if path is None or path not in self._index:
            return None
        if self._ranked is not None and self._index[path] not in self._ranked:
            return None
        return self._reveal(path)

    def _reveal(self, path: Path) -> int:
        """The row of the agent at ``path``, its groups unfolded first (in the tree)."""
        index = self._index[path]
        if self._ranked is not None:
            return self._ranked.index(index)
        if self._outline.reveal(index):
            self._tree = None
            self._lay_out()
        return self._row_index()[index]

    def _row_index(self) -> dict[int, int]:
        if self._row_by_index is None:
            self._row_by_index = {item: row for row, item in enumerate(self._shown)
                                  if not isinstance(item, Group)}
            if self._ranked is None:
                self._tree_index = self._row_by_index
        return self._row_by_index

    def _cursor_key(self) -> Path | GroupKey | None:
        item = self._item()
        if isinstance(item, Group):
            return item.key
        return None if item is None else self._outline.paths[item]

    def _row_after_load(self, before: Path | GroupKey | None, row: int,
                        first_load: bool) -> int:
        """Where the cursor goes after a load: on the agent or group it was on, else on the
        first agent at the first load, else on the row it was on."""
        if isinstance(before, Path) and before in self._index:
            if self._ranked is None or self._index[before] in self._ranked:
                return self._reveal(before)
        elif before is not None:
            for position, item in enumerate(self._shown):
                if isinstance(item, Group) and item.key == before:
                    return position
        if first_load or row < 0:
            return next((r for r, item in enumerate(self._shown)
                         if not isinstance(item, Group)), 0)
        if isinstance(before, Path):  # its agent is gone: the nearest agent, which the
            return self._nearest_agent_row(row)  # detail then shows
        return row

    def _nearest_agent_row(self, row: int) -> int:
        """The first agent's row at or after ``row``, else the last one before it."""
        agents = [r for r, item in enumerate(self._shown) if not isinstance(item, Group)]
        return next((r for r in agents if r >= row), agents[-1] if agents else row)

    def _redraw_agents(self, indices: list[int]) -> None:
        """Draw these agents' rows again; only the ones on screen are refreshed now (all of
        them when there are more agents than rows on screen)."""
        rows = self._row_index()
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if len(indices) > height:  # a batch of a load
            self._drawn.clear()
            self.refresh()
            return
        for index in indices:
            row = rows.get(index)
            if row is not None:
                self._drawn.discard((row, False))
                self._drawn.discard((row, True))
                if top <= row < top + height:
                    self.refresh_line(row)

    # -- filtering -------------------------------------------------------------------------

    def _flat(self) -> list[int] | None:
        """The flat list's rows: the filter's matches (best first), the changed agents only
        when so set; None to show the tree."""
        only = self._changed_only
        if not self._query and not only:
            return None
        paths, marks = self._outline.paths, self._git
        if not self._query:
            return [index for index, path in enumerate(paths) if path in marks]
        ranked = self._search.matches(self._query)
        return [index for index in ranked if paths[index] in marks] if only else ranked

    def _agent_at(self, index: int) -> Agent:
        return self._agents[self._outline.paths[index]]

    def _warm_search(self) -> None:
        """Prepare the search texts a chunk at a time while the app is idle, so the first
        keystroke of a filter does not pay for 10,000 of them (~50 ms)."""
        if self.is_mounted and not self._warming and self._search.missing:
            self._warming = True
            self.set_timer(0.05, self._warm_step)

    def _warm_step(self) -> None:
        self._warming = False
        if self._search.prepare(WARM_CHUNK):
            self._warm_search()


def _field_color(agent: Agent) -> str:
    color = agent.fields.get("color")
    return color if isinstance(color, str) else ""


@lru_cache(maxsize=64)
def _swatch(color: str) -> Style:
    """The style that draws Claude Code's agent ``color`` (none when it is unknown)."""
    name = swatch_style(color)
    return Style(color=name) if name else Style()
