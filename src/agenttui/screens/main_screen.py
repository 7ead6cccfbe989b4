"""The main screen: the tree of agents on the left, the open agent's editor on the right.

A router of messages: the screen owns the catalog, loads it in a worker, and passes what the
tree says (an agent chosen) to the editor and what the editor says (an agent edited, saved,
reverted; its state) to the catalog, the tree and the status line. The status line follows
the screen's reactives (counts, the open file and its state, loading progress, the filter's
matches) in a watcher. File actions ask through ``Manager`` and run here; what git says
changed, and disabling agents, go through ``Reviewer``.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shlex
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, TextArea
from textual.worker import get_current_worker

from agenttui.bench import bench_marker
from agenttui.catalog import Agent, Catalog, LoadStep, load_agent, load_in_steps
from agenttui.git import FileChange
from agenttui.kind_filter import ALL, kind_note, kinds_present, next_kind
from agenttui.model.tools import known_tools
from agenttui.placement import file_in, root_for, tree_order, with_root
from agenttui.rescan import Rescan, Rescanner, still_gone
from agenttui.screens.managing import Change, Manager
from agenttui.screens.reviewing import Reviewer
from agenttui.storage.cache import ParseCache
from agenttui.storage.discovery import Root
from agenttui.storage.operations import OperationError
from agenttui.storage.watching import FolderWatch
from agenttui.widgets.agent_editor import TABS, AgentEditor
from agenttui.widgets.agent_tree import AgentTree
from agenttui.widgets.labels import short_path
from agenttui.widgets.status_bar import StatusBar

NARROW_WIDTH = 100
WIDE_WIDTH = 150
Status = tuple[tuple[int, int, int], str, str, str, str]
UNSHOWN_KEYS = (("ctrl+s", "save"), ("d", "diff"), ("f", "fix"), ("n", "new_agent"),
                ("c", "duplicate_agent"), ("r", "rename_agent"), ("x,delete", "delete_agent"),
                ("m", "transfer_agent"), ("e", "external_edit"), ("D", "field_diff"))
"""The keys whose footer entry comes and goes, with their actions."""


class MainScreen(Screen[None]):
    # The footer shows the keys that act where the focus is (``check_action``), the most
    # used first: at 80 columns Textual's footer drops those that do not fit from the end.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("d", "diff", "Diff"),
        Binding("f", "fix", "Fix"),
        # `/` and `1`-`4` move the focus: priority bindings, run as the app reads the key, so
        # the keys typed after them go where the focus went (see ``check_action``)
        Binding("slash", "filter", "Filter", priority=True),
        Binding("question_mark", "help", "Help"),  # early: at 80 columns it must not drop off
        Binding("escape", "back", "Back", show=False),
        # ] and [ walk the changed agents in the changed-only view, else those with problems
        Binding("right_square_bracket", "next_change", "Next change"),
        Binding("left_square_bracket", "previous_change", "Prev change", show=False),
        Binding("right_square_bracket", "next_problem", "Next problem"),
        Binding("left_square_bracket", "previous_problem", "Prev problem", show=False),
        # in a review (the changed-only view) the field diff is what the keys are for
        Binding("D", "field_diff", "Field diff"),
        Binding("g", "toggle_changed", "Changed only"),
        Binding("n", "new_agent", "New"),
        Binding("c", "duplicate_agent", "Duplicate"),
        Binding("r", "rename_agent", "Rename"),
        # x too: a Mac's delete key sends backspace, which edits text and is left to it
        Binding("x,delete", "delete_agent", "Delete"),
        Binding("m", "transfer_agent", "Move"),
        Binding("e", "external_edit", "Editor"),
        Binding("t", "cycle_kind", "Kind"),
        Binding("C", "convert_agent", "Convert", show=False),
        Binding("o", "toggle_enabled", "Disable/enable", show=False),
        Binding("ctrl+r", "revert", "Revert", show=False),
        Binding("y", "copy_path", "Copy path", show=False),
        Binding("v", "toggle_newlines", "\\n", show=False),
        Binding("u", "undo_delete", "Undo delete", show=False),
        Binding("f5", "rescan", "Refresh", show=False),
        *(Binding(str(n), f"show_tab('{tab}')", tab.title(), show=False, priority=True)
          for n, tab in enumerate(TABS, start=1)),
        # a key the footer does not show here still works as before (it says why it cannot
        # act, or acts on the agent under the cursor): these run when the shown one is off
        *(Binding(key, f"unshown('{action}')", show=False)
          for key, action in UNSHOWN_KEYS),
    ]

    loaded = var(False)
    """Every agent is read (until then the file actions wait)."""
    progress = var("")
    """How far the loading is (``reading 120/360…``), "" once done."""
    matches = var("")
    """How many agents the filter shows, "" without a filter."""
    counts = var((0, 0, 0))
    """Agents, errors and warnings in the catalog."""
    open_file = var("")
    """The agent the detail shows (it follows the list's cursor)."""
    open_state = var("")
    kept_file = var("")
    """The agent whose unsaved edits are kept while another is shown ("" none)."""
    unsaved: var[frozenset[Path]] = var(frozenset())
    """The agents with edits not yet saved (the tree marks them ``*``)."""
    changed_only = var(False)
    """Whether the list shows only the agents changed since the git reference."""
    git_note = var("")
    """What the status line says of the review (``6 agents changed since main``)."""
    kind_shown = var(ALL)
    """The kind the list is narrowed to (``t``); ``ALL``: every kind."""
    status_line: var[Status] = var(((0, 0, 0), "", "", "", ""))

    def __init__(self, roots: list[Root], *, cwd: Path | None = None,
                 env: Mapping[str, str] | None = None, review: str | bool = False) -> None:
        super().__init__()
        self.roots = list(roots)
        self.cwd = cwd
        self.env = env
        self.catalog = Catalog(roots)
        self._asked_gone: set[Path | None] = set()  # open files gone, their edits kept
        self._folder_watch: FolderWatch | None = None
        self.reviewer = Reviewer(self, review, cwd=cwd, env=env)
        self.listed = False  # the tree holds every file (by file name until it is read)
        self._rescanner = Rescanner()

    # -- watchers -------------------------------------------------------------------------

    def compute_status_line(self) -> Status:
        parts = (kind_note(self.kind_shown), self.git_note, self.progress, self.matches)
        progress = "  ".join(part for part in parts if part)
        return self.counts, self.open_file, self.open_state, progress, self.kept_file

    def watch_status_line(self, line: Status) -> None:
        counts, path, state, progress, kept = line
        for bar in self.query(StatusBar).results(StatusBar):  # none while the app quits
            bar.show(counts, path, state, progress, kept)

    def watch_unsaved(self, before: frozenset[Path], now: frozenset[Path]) -> None:
        for tree in self.query(AgentTree).results(AgentTree):
            for path in before ^ now:
                tree.set_dirty(path, path in now)

    def watch_loaded(self, loaded: bool) -> None:
        if not loaded:
            return
        bench_marker("loaded")
        # The catalog and the tree now live as long as the app: take them (and the rest of
        # what is alive) out of the cyclic collector's walks. At 10,000 agents its full
        # passes took 100-300 ms and fell on keystrokes; freed objects are still freed.
        gc.freeze()
        self._start_watching()
        if not self.catalog.agents:
            self.notify(_nothing_found(self.roots), title="No agents", timeout=10)
        elif len(self.catalog.agents) == 1:
            self.open_path(self.catalog.agents[0].path)
        self.reviewer.open_first()

    def watch_changed_only(self, on: bool) -> None:
        tree = self.agent_tree()
        if tree is None:
            return
        shown = tree.set_changed_only(on)
        self.git_note = self.reviewer.note(on)
        self.refresh_bindings()  # ] and [ say what they walk in the footer
        if on and not shown and self.reviewer.review is not None:
            self.notify(f"No agent changed since {self.reviewer.review.ref}.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys that move the focus (`/`, `1`-`4`, priority bindings) are typed as text
        where text is typed (Textual leaves the other letter keys to a focused input, and
        out of the footer). Some keys show only where they act (``FOOTER_RULES``; off, the
        key runs ``unshown``). ``]`` and ``[`` are two pairs of actions: the changed agents'
        in the changed-only view, else the problems' (the hidden pair passes the key to the
        other)."""
        if action in ("filter", "show_tab") and self._typing():
            return False
        if action in FOOTER_RULES:
            return FOOTER_RULES[action](self, self._cursor_agent())
        if action in ("next_change", "previous_change", "field_diff"):
            return self.changed_only
        if action in ("next_problem", "previous_problem"):
            return not self.changed_only
        if action == "cycle_kind":  # (in the footer only when there is a kind to pick)
            return len(kinds_present(self.roots)) > 1
        return True

    def action_unshown(self, action: str) -> None:
        """A key whose footer entry is off here: its action says why it cannot act, or acts
        (on the agent under the cursor, from the detail too)."""
        self.perform(action)

    def perform(self, action: str) -> None:
        """Run the action named ``action`` (``save``, ``new_agent``…) whether or not its key
        is in the footer now: the command palette's way in."""
        getattr(self, f"action_{action}")()

    def _cursor_agent(self) -> Agent | None:
        tree = self.agent_tree()
        path = tree.cursor_path if tree is not None else None
        return self.catalog.get(path) if path is not None else None

    def in_list(self) -> bool:
        """The focus is not in the detail (the list, the filter, or nowhere)."""
        return not self._focus_in_editor()

    def writable(self, agent: Agent) -> bool:
        manager: Manager | None = getattr(self, "manager", None)  # (set once mounted)
        return manager is not None and manager.refusal(agent, "rename") is None

    def _typing(self) -> bool:
        focused = self.focused
        return isinstance(focused, Input) or (isinstance(focused, TextArea)
                                              and not focused.read_only)

    # -- compose --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Input(placeholder="filter: name, description, tools", id="filter")
                yield AgentTree(id="tree")
            yield AgentEditor(id="right")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.manager = Manager(self.app, self.catalog, self.roots, cwd=self.cwd, env=self.env,
                               run=self._run_change, confirm_leave=self.confirm_leave)
        box = self.query_one("#filter", Input)
        box.display = False
        self.watch(box, "value", self._filter_typed, init=False)
        self.query_one(AgentTree).focus()

    def on_unmount(self) -> None:
        if self._folder_watch is not None:
            self._folder_watch.stop()
        gc.unfreeze()  # what the load froze may be garbage once this screen is gone

    def on_resize(self) -> None:
        width = self.size.width
        self.set_class(width < NARROW_WIDTH, "-narrow")
        self.editor.wide = width >= WIDE_WIDTH

    @property
    def editor(self) -> AgentEditor:
        return self.query_one(AgentEditor)

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    def show_detail(self, detail: bool) -> None:
        """Narrow terminals show the tree or the agent, full width; this picks which."""
        self.set_class(detail, "-detail")
        if detail and self.narrow and not self._focus_in_editor():
            self.editor.focus_tabs()

    def on_descendant_focus(self) -> None:
        """At 80x24 the list and the detail take the screen in turn: the one holding the
        focus is the one shown, so no key ever goes to a pane that is not on screen. The
        footer follows the focus (the list's keys, the detail's, none of them while typing)."""
        if self.narrow:
            self.set_class(self._focus_in_editor(), "-detail")
        self.refresh_bindings()

    def _focus_in_editor(self) -> bool:
        focused = self.focused
        return focused is not None and self.editor in focused.ancestors_with_self

    # -- loading --------------------------------------------------------------------------

    def after_first_frame(self) -> None:
        """Read the agents once the first frame is out: the loading thread shares the
        interpreter with the first layout and render, and would only delay it."""
        self._load()
        self.reviewer.start()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        for step in load_in_steps(self.roots, ParseCache()):
            self.app.call_from_thread(self._step_loaded, step)

    def _step_loaded(self, step: LoadStep) -> None:
        trees = self.query(AgentTree).results(AgentTree)
        tree = next(trees, None)
        if tree is None:
            return  # the app quit while the agents were read
        self.catalog.add(step.agents)
        if step.first:
            self.listed = True
            tree.load(self.roots, self._listed())
            bench_marker("listed")  # every file has its row (by file name until it is read)
        else:
            tree.refresh_agents(step.agents)
        if step.complete and not step.first:
            # names read since may have changed earlier rows' cross-file problems
            tree.refresh_agents(self.catalog.agents)
        self.progress = "" if step.complete else f"reading {step.done}/{step.total}…"
        self._count()
        self.loaded = step.complete

    def _listed(self) -> list[Agent]:
        """The agents the tree lists: the catalog's, and those deleted since the git
        reference (unless a file is back at their path)."""
        ghosts = [g for g in self.reviewer.ghosts() if self.catalog.get(g.path) is None]
        if not ghosts:
            return self.catalog.agents
        return sorted([*self.catalog.agents, *ghosts], key=tree_order)

    def _count(self) -> None:
        self.counts = (len(self.catalog.agents), *self.catalog.totals())

    # -- watching the folders -------------------------------------------------------------

    def _start_watching(self) -> None:
        """Watch the roots for changes made outside (``storage.watching``): each batch
        reads the folders again in a worker."""
        self._folder_watch = FolderWatch(self.roots, self._changed_outside)
        self._folder_watch.start()

    def _changed_outside(self) -> None:
        """From the watching thread."""
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.app.call_from_thread(self._start_rescan, True)

    def action_rescan(self) -> None:
        if self._ready():
            self._start_rescan(quiet=False)

    def _start_rescan(self, quiet: bool) -> None:
        self._rescan(list(self.roots), {a.path for a in self.catalog.agents}, quiet)

    @work(thread=True, exclusive=True, group="rescan")
    def _rescan(self, roots: list[Root], known: set[Path], quiet: bool) -> None:
        found = self._rescanner.rescan(roots, known)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._rescanned, found, known, quiet)
        self._rescanner.save()

    def _rescanned(self, found: Rescan, known: set[Path], quiet: bool) -> None:
        """Apply a rescan: agents changed outside replace theirs, new ones join the tree and
        gone ones leave it. The open agent is the editor's: reloaded in place when it has
        no edits, offered to be saved again when it has and its file is gone."""
        tree = next(self.query(AgentTree).results(AgentTree), None)
        if tree is None:
            return  # the app quit while the folders were read
        open_path = self.editor.path
        self._asked_gone -= {open_path} - set(found.gone)
        gone = [p for p in still_gone(found.gone) if p != open_path]
        fresh = [a for a in found.fresh if a.path != open_path]
        for path in gone:
            self.catalog.remove(path)
        self.catalog.add(fresh)
        self.unsaved = self.unsaved - set(gone)
        added = [a for a in fresh if a.path not in known]
        if gone or added:
            tree.load(self.roots, sorted(self._listed(), key=tree_order))
        else:
            tree.refresh_agents(self.catalog.agents)  # cross-file problems may have moved
        self._count()
        if gone or fresh:
            self.reviewer.read_git()  # what changed since the reference may have, too
        if open_path in found.gone and still_gone([open_path]):
            if open_path not in self._asked_gone:  # asked once, not at every change after
                self._asked_gone.add(open_path)
                self.editor.deleted_outside(lambda: self._forget_open(open_path))
        elif any(a.path == open_path for a in found.fresh):
            self.editor.check_disk()
        if not quiet:
            self.notify(f"Read the folders again: {len(added)} new, {len(gone)} gone, "
                        f"{len(fresh) - len(added)} read again.", title="Refreshed")

    def _forget_open(self, path: Path) -> None:
        """The open agent's file is gone and its edits are not wanted: out of the tree."""
        self.catalog.remove(path)
        self.unsaved = self.unsaved - {path}
        if self.editor.path == path:
            self.editor.close()
            self.notify(f"{short_path(path)} was deleted or moved away outside agenttui.",
                        title="File gone")
        self.query_one(AgentTree).load(self.roots, sorted(self._listed(), key=tree_order))
        self._count()
        self.reviewer.read_git()

    # -- from the tree to the editor ------------------------------------------------------

    @on(AgentTree.AgentHighlighted)
    def _agent_highlighted(self, event: AgentTree.AgentHighlighted) -> None:
        """The detail follows the cursor: the agent under it is shown at once (read-only
        until entered; the editor skips the agents passed over by a held key)."""
        self.refresh_bindings()  # the footer's keys for the agent under the cursor
        agent = self.catalog.get(event.path) if event.path is not None else None
        if agent is not None:
            self.editor.show(agent, self._known_tools())
        elif event.path is not None and (gone := self.reviewer.gone(event.path)) is not None:
            self.editor.close()
            self.notify(gone)

    @on(AgentTree.AgentSelected)
    def _agent_selected(self, event: AgentTree.AgentSelected) -> None:
        self._enter(event.path)

    def show_agent(self, agent: Agent) -> None:
        """Show ``agent`` in the detail, read-only, the focus left in the list."""
        self.editor.show(agent, self._known_tools())
        self.query_one(AgentTree).focus()

    def open_path(self, path: Path) -> None:
        """Put the list's cursor on the agent at ``path`` and open it for editing."""
        self.query_one(AgentTree).select_path(path)
        self._enter(path)

    def _enter(self, path: Path) -> None:
        agent = self.catalog.get(path)
        if agent is not None:
            self.editor.enter(agent, self._known_tools())
            if self.narrow:
                self.show_detail(True)

    def confirm_leave(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the open agent's unsaved edits are saved or discarded."""
        self.editor.confirm_leave(then)

    def _known_tools(self) -> tuple[str, ...]:
        seen = {t for a in self.catalog.agents for t in a.tools if t.startswith("mcp__")}
        return (*known_tools(), *sorted(seen))

    # -- from the editor to the catalog, the tree and the status line ---------------------

    @on(AgentEditor.Changed)
    def _editor_changed(self, event: AgentEditor.Changed) -> None:
        self._agent_changed(event.agent, event.dirty)
        self.refresh_bindings()  # save, diff and fix come and go with the edits

    @on(AgentEditor.Saved)
    def _editor_saved(self, event: AgentEditor.Saved) -> None:
        self._agent_changed(event.edited, event.dirty)
        self.reviewer.read_git()
        if event.then is not None:
            event.then()  # what the save was for, now that the catalog has the saved file

    @on(AgentEditor.Reverted)
    def _editor_reverted(self, event: AgentEditor.Reverted) -> None:
        self._agent_changed(event.agent, False)

    @on(AgentEditor.StateChanged)
    def _editor_state(self, event: AgentEditor.StateChanged) -> None:
        self.open_file = str(event.path) if event.path else ""
        self.open_state = event.state
        self.kept_file = event.kept.name if event.kept is not None else ""
        self.refresh_bindings()

    def _agent_changed(self, agent: Agent, dirty: bool) -> None:
        """The one place an agent's new version reaches the catalog, its row and its mark."""
        if self.catalog.get(agent.path) is None:
            return  # deleted, moved or renamed away since
        self.catalog.update(agent)
        agent = self.catalog.get(agent.path) or agent
        self.query_one(AgentTree).refresh_agents([agent])
        self.unsaved = self.unsaved | {agent.path} if dirty else self.unsaved - {agent.path}
        if agent.path == self.editor.path:
            self.editor.problems = tuple(agent.problems)
        self._count()

    # -- filter and navigation ------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        # focused now, not after the keys already queued (``focus()`` waits its turn): `/rev`
        # typed fast sent `r` to the list, which opened the rename dialog
        self.set_focus(box)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()  # the filter follows the box's value as it changes (_filter_typed)

    def _filter_typed(self, value: str) -> None:
        """Narrow the tree in the same turn as the key, so the frame that echoes the key
        shows the matching rows too; handled on ``Input.Changed`` (a message, so after the
        echo's frame), the rows came one or two frames later (~30 ms at 60 fps)."""
        shown = self.query_one(AgentTree).set_filter(value)
        self.matches = f"{shown} {'match' if shown == 1 else 'matches'}" if value else ""

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(AgentTree).focus()

    def action_back(self) -> None:
        self.show_detail(False)
        box = self.query_one("#filter", Input)
        if box.value or box.has_focus:
            box.value = ""
            box.display = False
        self.query_one(AgentTree).focus()

    def action_next_problem(self) -> None:
        self._jump(1)

    def action_first_problem(self) -> None:
        """Validate all (every agent is checked as it is read): the first with problems."""
        bad = sum(1 for agent in self.catalog.agents if agent.problems)
        self.notify(f"{bad} of {len(self.catalog.agents)} agents have problems; ] and [ walk "
                    "them." if bad else f"All {len(self.catalog.agents)} agents are fine.")
        if bad:
            self._jump_to_first()

    def action_previous_problem(self) -> None:
        self._jump(-1)

    def action_next_change(self) -> None:
        self._jump(1, changes=True)

    def action_previous_change(self) -> None:
        self._jump(-1, changes=True)

    def _jump_to_first(self) -> None:
        tree = self.query_one(AgentTree)
        paths = [p for p in tree.visible_paths if (a := self.catalog.get(p)) and a.problems]
        if paths:
            tree.select_path(paths[0])

    def _jump(self, step: int, changes: bool = False) -> None:
        tree = self.query_one(AgentTree)
        if changes:
            marks = self.reviewer.marks()
            paths = [p for p in tree.visible_paths if p in marks]
        else:
            paths = [p for p in tree.visible_paths
                     if (a := self.catalog.get(p)) and a.problems]
        if not paths:
            self.notify("No agent changed." if changes else "No agent has problems.")
            return
        current = tree.cursor_path if changes else self.editor.path
        index = paths.index(current) + step if current in paths else (0 if step > 0 else -1)
        target = paths[index % len(paths)]
        tree.select_path(target)  # the detail follows, the focus stays
        agent = self.catalog.get(target)
        if agent is not None:
            self.editor.show(agent, self._known_tools())
        if self.narrow:  # the agent, not the list it was found in
            self.show_detail(True)

    # -- git and settings -----------------------------------------------------------------

    def action_toggle_changed(self) -> None:
        refusal = self.reviewer.refusal()
        if refusal is not None and not self.changed_only:
            self.notify(refusal, severity="warning")
            return
        self.changed_only = not self.changed_only

    def action_cycle_kind(self) -> None:
        """Narrow the list to the next kind of file it holds, then to every kind again."""
        self.kind_shown = next_kind(self.kind_shown, kinds_present(self.roots))

    def watch_kind_shown(self, kind: str) -> None:
        if (tree := self.agent_tree()) is not None:
            tree.set_kind(kind)

    def action_convert_agent(self) -> None:
        if agent := self._target("convert"):
            from agenttui.screens.converting import convert_agent

            convert_agent(self, agent)

    def action_field_diff(self) -> None:
        self.reviewer.field_diff(self.cursor_path())

    def action_toggle_enabled(self) -> None:
        path = self.cursor_path()
        agent = self.catalog.get(path) if path else None
        if agent is None:
            gone = self.reviewer.gone(path) if path else None
            self.notify(gone or "Choose an agent to disable or enable in the tree first.")
            return
        self.reviewer.toggle_enabled(agent)

    def git_changed(self, marks: Mapping[Path, FileChange], ghosts_changed: bool) -> None:
        """The reviewer has git's answer: mark the rows, list the deleted agents."""
        tree = self.agent_tree()
        if tree is None:
            return
        if ghosts_changed and self.listed:
            tree.load(self.roots, self._listed())
        tree.set_git(marks)
        self.git_note = self.reviewer.note(self.changed_only)

    def disabled_changed(self, names: frozenset[str]) -> None:
        if (tree := self.agent_tree()) is not None:
            tree.set_disabled(names)

    def agent_tree(self) -> AgentTree | None:
        """The list; None once the app is quitting (a worker's answer may come after)."""
        return next(self.query(AgentTree).results(AgentTree), None)

    def action_show_tab(self, tab: str) -> None:
        self.editor.show_tab(tab)

    def action_help(self) -> None:
        from agenttui.screens.help_screen import HelpScreen

        self.app.push_screen(HelpScreen())

    def cursor_path(self) -> Path | None:
        """The agent under the tree's cursor, else the open one."""
        return self.query_one(AgentTree).cursor_path or self.editor.path

    def action_copy_path(self) -> None:
        path = self.cursor_path()
        if path is not None:
            self.app.copy_to_clipboard(str(path))
            self.notify(f"Copied {path}", title="Path copied")

    # -- the open agent -------------------------------------------------------------------

    def action_save(self) -> None:
        self.editor.save()

    def action_diff(self) -> None:
        self.editor.diff()

    def action_fix(self) -> None:
        self.editor.fix()

    def action_revert(self) -> None:
        self.editor.revert()

    def action_toggle_newlines(self) -> None:
        self.editor.show_newlines = not self.editor.show_newlines

    def action_external_edit(self) -> None:
        path = self.editor.path or self.cursor_path()
        if path is None:
            self.notify("Choose an agent in the tree first.")
            return
        self.confirm_leave(lambda: self._edit_outside(path))

    def _edit_outside(self, path: Path) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor), str(path)], check=False)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand the screen to an editor (Windows, or a "
                        "web terminal); edit the file outside agenttui.", severity="error")
            return
        except (OSError, ValueError) as exc:
            self.notify(f"Cannot run {editor}: {exc}", severity="error")
            return
        self.editor.reload()  # read again, as the editor left it

    # -- file actions ---------------------------------------------------------------------

    def action_new_agent(self) -> None:
        if self._ready():
            path = self.cursor_path()
            self.manager.new(self.catalog.get(path) if path else None)

    def action_duplicate_agent(self) -> None:
        if agent := self._target("duplicate"):
            self.manager.duplicate(agent)

    def action_rename_agent(self) -> None:
        if agent := self._target("rename", writes=True):
            self.manager.rename(agent)

    def action_delete_agent(self) -> None:
        if agent := self._target("delete", writes=True):
            self.manager.delete(agent)

    def action_undo_delete(self) -> None:
        if self._ready():
            self.manager.undo_delete()

    def action_transfer_agent(self) -> None:
        if agent := self._target("move or copy"):
            self.manager.transfer(agent)

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
            gone = self.reviewer.gone(path) if path else None
            self.notify(gone or f"Choose an agent to {verb} in the tree first.")
            return None
        refusal = self.manager.refusal(agent, verb) if writes else None
        if refusal is not None:
            self.notify(refusal, title="Read-only", severity="warning")
            return None
        return agent

    def _run_change(self, change: Change) -> None:
        if change.leave:
            self.confirm_leave(lambda: self._run(change))
        else:
            self._run(change)

    @work(thread=True, exclusive=True, group="manage")
    def _run(self, change: Change) -> None:
        try:
            created = change.operation()
        except OperationError as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Not done",
                                      severity="error", timeout=10)
            return
        agent = None
        if created is not None:
            agent = load_agent(file_in(change.root or root_for(self.roots, created), created))
        self.app.call_from_thread(self._changed_files, change, agent)

    def _changed_files(self, change: Change, created: Agent | None) -> None:
        if change.removed is not None:
            self.catalog.remove(change.removed)
            self.unsaved = self.unsaved - {change.removed}
        if created is not None:
            root = created.file.root
            self.roots[:] = with_root(self.roots, root)  # a scope's first agent
            self.catalog.roots[:] = with_root(self.catalog.roots, root)
            self.catalog.add([created])
        tree = self.query_one(AgentTree)
        if change.removed is not None:
            self.editor.forget(change.removed)
        tree.load(self.roots, sorted(self._listed(), key=tree_order))
        if created is not None:
            self.editor.show_tab("fields")
            self.open_path(created.path)  # the new agent's form at once, not the tree
        self._count()
        where = f": {short_path(created.path)}" if created is not None else ""
        self.notify(change.done + where)
        self.reviewer.read_git()


FooterRule = Callable[[MainScreen, Agent | None], bool]
FOOTER_RULES: dict[str, FooterRule] = {
    "save": lambda screen, agent: agent is not None and screen.editor.dirty,
    "diff": lambda screen, agent: agent is not None and screen.editor.dirty,
    "fix": lambda screen, agent: agent is not None and screen.editor.has_fix,
    "new_agent": lambda screen, agent: screen.in_list(),
    "duplicate_agent": lambda screen, agent: agent is not None and screen.in_list(),
    "transfer_agent": lambda screen, agent: agent is not None and screen.in_list(),
    "external_edit": lambda screen, agent: agent is not None and screen.in_list(),
    "rename_agent": lambda screen, agent: (agent is not None and screen.in_list()
                                           and screen.writable(agent)),
    "delete_agent": lambda screen, agent: (agent is not None and screen.in_list()
                                           and screen.writable(agent)),
}
"""When a key whose entry comes and goes is in the footer, given the agent under the list's
cursor (None: a folder's row, or no row); off, its key still runs (``action_unshown``)."""


def _nothing_found(roots: list[Root]) -> str:
    if not roots:
        return ("No .claude/agents folder from here upwards, in ~/.claude/agents, or in "
                "installed plugins. Run `agenttui PATH` on a folder of agent files.")
    return "No agent files (*.md) in " + ", ".join(str(r.path) for r in roots)
