"""The main screen: the tree on the left; fields, prompt, preview and file on the right.

Attributes down, messages up: this screen owns the catalog and the edit session, calls
``load``/``show`` on its widgets, and reacts to the messages they post.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import MountError
from textual.widgets import Footer, Input, TabbedContent, TabPane

from agenttui.catalog import Agent, Catalog, load_agent
from agenttui.model import EditError, Problem
from agenttui.model.tools import known_tools
from agenttui.screens.editing import EditingMixin
from agenttui.screens.loading import LoadingMixin
from agenttui.screens.managing import ManagingMixin
from agenttui.session import EditSession
from agenttui.storage.discovery import Root
from agenttui.widgets.agent_tree import AgentTree
from agenttui.widgets.body_editor import BodyEditor
from agenttui.widgets.field_editors import UNSET
from agenttui.widgets.frontmatter_form import FrontmatterForm
from agenttui.widgets.markdown_preview import MarkdownPreview
from agenttui.widgets.problems_panel import ProblemsPanel
from agenttui.widgets.raw_view import RawView
from agenttui.widgets.status_bar import StatusBar

NARROW_WIDTH = 100
WIDE_WIDTH = 150


class MainScreen(LoadingMixin, EditingMixin, ManagingMixin, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter"),
        Binding("escape", "back", "Back", show=False),
        Binding("ctrl+s", "save", "Save"),
        Binding("d", "diff", "Diff"),
        Binding("f", "fix", "Fix"),
        Binding("right_square_bracket", "next_problem", "Next problem", show=False),
        Binding("left_square_bracket", "previous_problem", "Prev problem", show=False),
        Binding("ctrl+r", "revert", "Revert", show=False),
        Binding("e", "external_edit", "Editor", show=False),
        Binding("y", "copy_path", "Copy path", show=False),
        Binding("v", "toggle_newlines", "\\n", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("n", "new_agent", "New", show=False),
        Binding("c", "duplicate_agent", "Duplicate", show=False),
        Binding("r", "rename_agent", "Rename", show=False),
        # x too: a Mac's delete key sends backspace, which edits text and is left to it
        Binding("delete,x", "delete_agent", "Delete", show=False),
        Binding("u", "undo_delete", "Undo delete", show=False),
        Binding("m", "transfer_agent", "Move/copy", show=False),
        *(Binding(str(n), f"show_tab('{tab}')", tab.title(), show=False)
          for n, tab in enumerate(("fields", "prompt", "preview", "file"), start=1)),
    ]

    def __init__(self, roots: list[Root], *, cwd: Path | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.roots = list(roots)
        self.cwd = cwd
        self.env = env
        self.catalog = Catalog(roots)
        self.session: EditSession | None = None
        self.show_newlines = False
        self.conflict = False
        self._showing = asyncio.Lock()
        self._panes_filled = asyncio.Event()

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Input(placeholder="filter: name, description, tools", id="filter")
                yield AgentTree(id="tree")
            with Vertical(id="right"):
                with TabbedContent(id="tabs"):
                    with TabPane("Fields", id="tab-fields"):
                        yield FrontmatterForm(id="form")
                    yield TabPane("Prompt", id="tab-prompt")  # filled after the first frame
                    yield TabPane("Preview", id="tab-preview")
                    yield TabPane("File", id="tab-file")
                yield ProblemsPanel(id="problems")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = False
        self.watch(box, "value", self._filter_typed, init=False)
        self.query_one(AgentTree).focus()
        self.run_worker(self.query_one(FrontmatterForm).load(None, (), True))

    def after_first_frame(self) -> None:
        """Read the agents and build the hidden panes once the first frame is out: the
        loading thread shares the interpreter with the first layout and render, and the
        Prompt, Preview and File panes (a text editor, two Markdown views: ~30 ms) start
        hidden. Both would only delay the first frame."""
        self.start_loading()
        self._fill_hidden_panes()

    @work(group="panes")
    async def _fill_hidden_panes(self) -> None:
        try:
            await self.query_one("#tab-prompt", TabPane).mount(Horizontal(
                BodyEditor(id="body"), MarkdownPreview(id="live-preview"), id="prompt-row"))
            await self.query_one("#tab-preview", TabPane).mount(MarkdownPreview(id="preview"))
            await self.query_one("#tab-file", TabPane).mount(RawView(id="raw"))
        except MountError:  # the app quit at once
            return
        self._panes_filled.set()
        self.set_interval(2.0, self.check_disk)

    def on_resize(self) -> None:
        width = self.size.width
        self.set_class(width < NARROW_WIDTH, "-narrow")
        wide = width >= WIDE_WIDTH
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            self.refresh_views(immediately=True)  # the live preview appears or goes

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    def show_detail(self, detail: bool) -> None:
        """Narrow terminals show the tree or the agent, full width; this picks which."""
        self.set_class(detail, "-detail")
        if detail and self.narrow:
            self.query_one("#tabs Tabs").focus()

    # -- opening -----------------------------------------------------------------------

    @on(AgentTree.AgentSelected)
    def _agent_selected(self, event: AgentTree.AgentSelected) -> None:
        self.open_path(event.path)
        if self.narrow:
            self.show_detail(True)

    def open_path(self, path: Path) -> None:
        if self.session is not None and self.session.agent.path == path:
            return
        self.confirm_leave(lambda: self._open(path))

    @work(thread=True, exclusive=True, group="open")
    def _open(self, path: Path) -> None:
        agent = self.catalog.get(path)
        if agent is None:
            return
        fresh = load_agent(agent.file)
        self.app.call_from_thread(self.show_loaded, fresh)

    def show_loaded(self, agent: Agent) -> None:
        """Show ``agent`` (as just read from disk) in every pane, after any earlier one."""
        self.run_worker(self.show_agent(agent), group="show")

    async def show_agent(self, agent: Agent) -> None:
        await self._panes_filled.wait()
        async with self._showing:
            await self._show_agent(agent)

    async def _show_agent(self, agent: Agent) -> None:
        self.catalog.update(agent)
        agent = self.catalog.get(agent.path) or agent
        self.session = None
        doc = agent.document
        form = self.query_one(FrontmatterForm)
        typing_in = form.focused_field  # a reload rebuilds the form: the focus stays put
        await form.load(doc, self._known_tools(), agent.read_only)
        if not self.is_attached:
            return
        if typing_in is not None:
            form.focus_field(typing_in)
        self.session = EditSession(agent) if doc is not None else None
        self.conflict = False
        self.query_one(BodyEditor).load(doc.body if doc else "", agent.read_only or not (
            doc and doc.writable))
        self.query_one(AgentTree).refresh_agents([agent])
        self.refresh_views(immediately=True)

    def close_agent(self) -> None:
        """Show no agent (the open one was deleted, moved or renamed away)."""
        self.session = None
        self.conflict = False
        self.run_worker(self.query_one(FrontmatterForm).load(None, (), True), group="show")
        if self._panes_filled.is_set():
            self.query_one(BodyEditor).load("", True)
            for preview in self.query(MarkdownPreview).results(MarkdownPreview):
                preview.show("", immediately=True)
            self.query_one(RawView).show("")
        self.refresh_views(immediately=True)

    def _known_tools(self) -> tuple[str, ...]:
        seen = {t for a in self.catalog.agents for t in a.tools if t.startswith("mcp__")}
        return (*known_tools(), *sorted(seen))

    # -- edits from the widgets ---------------------------------------------------------

    @on(FrontmatterForm.FieldEdited)
    def _field_edited(self, event: FrontmatterForm.FieldEdited) -> None:
        if self.session is None or event.generation != self.query_one(FrontmatterForm).generation:
            return  # typed into a form since rebuilt: not an edit of this session's file
        from agenttui.session import REMOVE

        try:
            self.session.set_field(event.key, REMOVE if event.value is UNSET else event.value)
        except EditError as exc:
            self.notify(str(exc), title=f"{event.key} not changed", severity="error")
        self.after_edit()

    @on(BodyEditor.BodyEdited)
    def _body_edited(self, event: BodyEditor.BodyEdited) -> None:
        # An edit typed before the editor was loaded again (the file changed on disk and was
        # reloaded) holds the old body: applied to the new session, a save would write it
        # over the change on disk without a conflict.
        if self.session is None or event.generation != self.query_one(BodyEditor).generation:
            return
        try:
            self.session.set_body(event.text)
        except EditError as exc:
            self.notify(str(exc), title="body not changed", severity="error")
        self.after_edit()

    @on(ProblemsPanel.ProblemChosen)
    def _problem_chosen(self, event: ProblemsPanel.ProblemChosen) -> None:
        self.focus_problem(event.problem)

    def focus_problem(self, problem: Problem) -> None:
        tabs = self.query_one(TabbedContent)
        if problem.field and self.query_one(FrontmatterForm).focus_field(problem.field):
            tabs.active = "tab-fields"
            self.query_one(FrontmatterForm).focus_field(problem.field)
        elif problem.line and self.session and problem.line >= self.session.doc.body_line:
            tabs.active = "tab-prompt"
            editor = self.query_one(BodyEditor)
            editor.focus()
            editor.move_cursor((problem.line - self.session.doc.body_line, 0))
        else:
            tabs.active = "tab-file"

    @on(TabbedContent.TabActivated)
    def _tab_activated(self) -> None:
        self.refresh_views(immediately=True)

    # -- filter and navigation ----------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()  # the filter follows the box's value as it changes (_filter_typed)

    def _filter_typed(self, value: str) -> None:
        """Narrow the tree in the same turn as the key, so the frame that echoes the key
        shows the matching rows too; handled on ``Input.Changed`` (a message, so after the
        echo's frame), the rows came one or two frames later (~30 ms at 60 fps)."""
        shown = self.query_one(AgentTree).set_filter(value)
        self.update_status(f"{shown} {'match' if shown == 1 else 'matches'}" if value else "")

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

    def action_previous_problem(self) -> None:
        self._jump(-1)

    def _jump(self, step: int) -> None:
        tree = self.query_one(AgentTree)
        paths = [p for p in tree.visible_paths if (a := self.catalog.get(p)) and a.problems]
        if not paths:
            self.notify("No agent has problems.")
            return
        current = self.session.agent.path if self.session else None
        index = paths.index(current) + step if current in paths else (0 if step > 0 else -1)
        target = paths[index % len(paths)]
        tree.select_path(target)
        self.open_path(target)
        if self.narrow:  # as enter does: the agent, not the tree it was chosen in
            self.show_detail(True)

    def action_show_tab(self, tab: str) -> None:
        """Show a tab and put the focus in it: left on the tree, the next keys typed (for
        the prompt: '# New heading') would run the screen's own keys ('e', 'd', 'n')."""
        self.query_one(TabbedContent).active = f"tab-{tab}"
        if tab == "fields":
            self.query_one(FrontmatterForm).focus_first()
        elif self._panes_filled.is_set():
            view = {"prompt": BodyEditor, "preview": MarkdownPreview, "file": RawView}[tab]
            self.query_one(f"#tab-{tab}").query_one(view).focus()

    def action_help(self) -> None:
        from agenttui.screens.help_screen import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_copy_path(self) -> None:
        path = self.cursor_path()
        if path is not None:
            self.app.copy_to_clipboard(str(path))
            self.notify(f"Copied {path}", title="Path copied")

    def cursor_path(self) -> Path | None:
        path = self.query_one(AgentTree).cursor_path
        if path is not None:
            return path
        return self.session.agent.path if self.session else None

    def action_toggle_newlines(self) -> None:
        self.show_newlines = not self.show_newlines
        self.refresh_views(immediately=True)
