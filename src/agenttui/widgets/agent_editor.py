"""The open agent: its fields, prompt, preview and file in tabs, its problems, and its edits.

Attributes down, messages up: the screen calls ``show(agent)``, ``save()``, ``revert()``,
``fix()``, ``diff()``, ``show_tab(name)`` and sets ``problems`` (the catalog's, cross-file
ones included) and ``wide``; the editor holds the ``EditSession`` and posts what happened
(``Changed``, ``StateChanged``, ``Saved``, ``Reverted``, ``Conflicted``, ``Closed``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.lazy import Lazy
from textual.message import Message
from textual.reactive import var
from textual.widget import MountError, Widget
from textual.widgets import TabbedContent, TabPane, Tabs

from agenttui.catalog import Agent, load_agent
from agenttui.model import EditError, Problem
from agenttui.screens.choice_dialog import ChoiceDialog
from agenttui.session import REMOVE, EditSession, no_fix_reason, preview_markdown
from agenttui.storage.files import (
    ConflictError,
    SaveError,
    Snapshot,
    changed_on_disk,
    read_snapshot,
    save_atomic,
)
from agenttui.widgets.body_editor import BodyEditor
from agenttui.widgets.field_editors import UNSET
from agenttui.widgets.frontmatter_form import FrontmatterForm
from agenttui.widgets.labels import short_path
from agenttui.widgets.markdown_preview import MarkdownPreview
from agenttui.widgets.problems_panel import ProblemsPanel
from agenttui.widgets.raw_view import RawView
from agenttui.widgets.status_bar import plural

if TYPE_CHECKING:
    from agenttui.model import AgentDocument

TABS = ("fields", "prompt", "preview", "file")
DISK_CHECK_SECONDS = 2.0
Then = Callable[[], object]


class _LazyPane(Lazy):
    """A ``Lazy`` that says when the widget it stands for is in place, and lets the app
    quit before that (``Lazy`` itself raised MountError: a traceback for a quick ``q``)."""

    def __init__(self, widget: Widget, mounted: Callable[[], None]) -> None:
        super().__init__(widget)
        self._pane = widget
        self._mounted = mounted

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        self.call_after_refresh(self._mount_pane)

    async def _mount_pane(self) -> None:
        parent = self.parent
        if not isinstance(parent, Widget):
            return
        try:
            await parent.mount(self._pane, after=self)
        except MountError:  # the app is quitting: its panes are going away
            return
        await self.remove()
        self._mounted()


class EditorMessage(Message):
    """What every message of the agent editor holds: the editor (``control``)."""

    def __init__(self, editor: AgentEditor) -> None:
        super().__init__()
        self.editor = editor

    @property
    def control(self) -> AgentEditor:
        return self.editor


class AgentEditor(Vertical):
    """The tabs (Fields, Prompt, Preview, File) and the problems panel of one agent.

    The Prompt, Preview and File panes start hidden and are mounted after the first frame
    (``Lazy``): a text editor and two Markdown views would only delay it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "go_to_field", "Go to field"),
    ]

    path: var[Path | None] = var(None)
    """The open agent's file (None: no agent is open)."""
    dirty = var(False)
    conflict = var(False)
    """The file changed on disk under unsaved edits."""
    read_only = var(True)
    show_newlines = var(False)
    """The preview shows the description's literal ``\\n`` sequences as line breaks."""
    wide = var(False)
    """Room for the live preview beside the prompt."""
    problems: var[tuple[Problem, ...]] = var(())
    status: var[tuple[Path | None, str]] = var((None, ""))
    """The open file and its state: ``conflict``, ``modified``, ``read-only`` or ``saved``
    (None and "" with no agent open)."""

    class Changed(EditorMessage):
        """The open agent was shown or edited: ``agent`` is it as edited now."""

        def __init__(self, editor: AgentEditor, agent: Agent, dirty: bool) -> None:
            super().__init__(editor)
            self.agent, self.dirty = agent, dirty

    class StateChanged(EditorMessage):
        """The open file or its state (``AgentEditor.status``) changed."""

        def __init__(self, editor: AgentEditor, path: Path | None, state: str) -> None:
            super().__init__(editor)
            self.path, self.state = path, state

    class Saved(EditorMessage):
        """``agent`` was written; ``edited`` is the agent with any edits made meanwhile.
        ``then`` is what the save was for (leaving the agent, a rename): the handler runs
        it once the saved agent is known everywhere (the catalog's snapshot, say)."""

        def __init__(self, editor: AgentEditor, agent: Agent, edited: Agent, dirty: bool,
                     then: Then | None = None) -> None:
            super().__init__(editor)
            self.agent, self.edited, self.dirty, self.then = agent, edited, dirty, then

    class Reverted(EditorMessage):
        """The edits were dropped: ``agent`` is the file's own version again."""

        def __init__(self, editor: AgentEditor, agent: Agent) -> None:
            super().__init__(editor)
            self.agent = agent

    class Conflicted(EditorMessage):
        """The file at ``path`` changed on disk while it had unsaved edits."""

        def __init__(self, editor: AgentEditor, path: Path) -> None:
            super().__init__(editor)
            self.path = path

    class Closed(EditorMessage):
        """No agent is open any more."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session: EditSession | None = None
        self._agent: Agent | None = None  # as last read from disk
        self._known_tools: tuple[str, ...] = ()
        self._saving = False  # a save is on its way to the disk
        self._showing = asyncio.Lock()
        self._lazy_panes = 3
        self._panes_ready = asyncio.Event()

    # -- watchers -------------------------------------------------------------------------

    def compute_status(self) -> tuple[Path | None, str]:
        if self.path is None:
            return None, ""
        return self.path, ("conflict" if self.conflict else "modified" if self.dirty else
                           "read-only" if self.read_only else "saved")

    def watch_status(self, status: tuple[Path | None, str]) -> None:
        self.post_message(self.StateChanged(self, *status))

    def watch_problems(self, problems: tuple[Problem, ...]) -> None:
        self.query_one(FrontmatterForm).show_problems(list(problems))
        self.query_one(ProblemsPanel).show(list(problems))

    def watch_show_newlines(self) -> None:
        self._render_views(immediately=True)

    def watch_wide(self, wide: bool) -> None:
        self.set_class(wide, "-wide")
        self._render_views(immediately=True)  # the live preview appears or goes

    # -- compose --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs"):
            with TabPane("Fields", id="tab-fields"):
                yield FrontmatterForm(id="form")
            with TabPane("Prompt", id="tab-prompt"):
                yield _LazyPane(Horizontal(BodyEditor(id="body"),
                                           MarkdownPreview(id="live-preview"),
                                           id="prompt-row"), self._pane_mounted)
            with TabPane("Preview", id="tab-preview"):
                yield _LazyPane(MarkdownPreview(id="preview"), self._pane_mounted)
            with TabPane("File", id="tab-file"):
                yield _LazyPane(RawView(id="raw"), self._pane_mounted)
        yield ProblemsPanel(id="problems")

    def on_mount(self) -> None:
        self.run_worker(self._show_none(), group="show")

    def _pane_mounted(self) -> None:
        self._lazy_panes -= 1
        if self._lazy_panes == 0 and self.is_attached:
            self._panes_ready.set()
            self.set_interval(DISK_CHECK_SECONDS, self.check_disk)

    # -- handlers -------------------------------------------------------------------------

    @on(FrontmatterForm.FieldEdited)
    def _field_edited(self, event: FrontmatterForm.FieldEdited) -> None:
        event.stop()
        if self.session is None or event.generation != self.query_one(FrontmatterForm).generation:
            return  # typed into a form since rebuilt: not an edit of this session's file
        self.set_field(event.key, REMOVE if event.value is UNSET else event.value)

    @on(BodyEditor.BodyEdited)
    def _body_edited(self, event: BodyEditor.BodyEdited) -> None:
        # An edit typed before the editor was loaded again (the file changed on disk and was
        # reloaded) holds the old body: applied to the new session, a save would write it
        # over the change on disk without a conflict.
        event.stop()
        if self.session is None or event.generation != self.query_one(BodyEditor).generation:
            return
        try:
            self.session.set_body(event.text)
        except EditError as exc:
            self.notify(str(exc), title="body not changed", severity="error")
        self._edited()

    @on(ProblemsPanel.ProblemChosen)
    def _problem_chosen(self, event: ProblemsPanel.ProblemChosen) -> None:
        event.stop()
        self.focus_problem(event.problem)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self) -> None:
        self._render_views(immediately=True)

    # -- showing --------------------------------------------------------------------------

    def show(self, agent: Agent, known_tools: tuple[str, ...] = ()) -> None:
        """Read ``agent``'s file again and show it, after any agent shown before; the tools
        multi-select offers ``known_tools``. Unsaved edits are dropped: ask first
        (``confirm_leave``)."""
        self._known_tools = known_tools
        self._read(agent)

    def reload(self) -> None:
        """Read the open agent's file again (it changed on disk, or in another editor)."""
        if self._agent is not None:
            self.session = None  # keys typed until it is shown are not edits of the new file
            self._read(self._agent)

    @work(thread=True, exclusive=True, group="open")
    def _read(self, agent: Agent) -> None:
        fresh = load_agent(agent.file)
        self.app.call_from_thread(self._show_read, fresh)

    def _show_read(self, agent: Agent) -> None:
        self.run_worker(self._show_after_others(agent), group="show")

    async def _show_after_others(self, agent: Agent) -> None:
        await self._panes_ready.wait()
        async with self._showing:
            try:
                await self._display(agent)
            except NoMatches:  # the app quit while the agent was shown: its panes are gone
                return

    async def _display(self, agent: Agent) -> None:
        self.session = None
        doc = agent.document
        form = self.query_one(FrontmatterForm)
        typing_in = form.focused_field  # a reload rebuilds the form: the focus stays put
        scrolled = form.scroll_y if agent.path == self.path else 0.0
        await form.load(doc, self._known_tools, agent.read_only, agent.kind)
        form.call_after_refresh(form.scroll_to, y=scrolled, animate=False)
        if not self.is_attached:
            return
        if typing_in is not None:
            form.focus_field(typing_in)
        self._agent = agent
        self.session = EditSession(agent) if doc is not None else None
        self.query_one(BodyEditor).load(doc.body if doc else "", agent.read_only or not (
            doc and doc.writable), keep_place=agent.path == self.path)
        self.conflict, self.dirty, self.read_only = False, False, agent.read_only
        self.path = agent.path
        self.problems = tuple(agent.problems)
        if doc is None:
            self.query_one(RawView).show(None, agent.read_error or "")
        self._render_views(immediately=True)
        self.post_message(self.Changed(self, agent, False))

    def close(self) -> None:
        """Show no agent (the open one was deleted, moved or renamed away)."""
        self.session = self._agent = None
        self.conflict, self.dirty, self.read_only, self.path = False, False, True, None
        self.problems = ()
        self.run_worker(self._show_none(), group="show")
        if self._panes_ready.is_set():
            self.query_one(BodyEditor).load("", True)
            for preview in self.query(MarkdownPreview).results(MarkdownPreview):
                preview.show("", immediately=True)
            self.query_one(RawView).show("")
        self.post_message(self.Closed(self))

    async def _show_none(self) -> None:
        async with self._showing:  # an agent shown next is built after, not beside, it
            await self.query_one(FrontmatterForm).load(None, (), True)

    def _render_views(self, immediately: bool = False) -> None:
        """Render what is on screen: a Markdown render of a long body takes a good part of a
        second, too long to spend on every key for a hidden pane."""
        session = self.session
        if session is None or not self._panes_ready.is_set():
            return
        active = self.query_one(TabbedContent).active
        if active == "tab-preview":
            self.query_one("#preview", MarkdownPreview).show(
                preview_markdown(session.doc, self.show_newlines), immediately)
        elif active == "tab-prompt" and self.wide:
            self.query_one("#live-preview", MarkdownPreview).show(
                preview_markdown(session.doc, self.show_newlines), immediately)
        elif active == "tab-file":
            self.query_one(RawView).show(session.doc.text)

    # -- editing --------------------------------------------------------------------------

    def set_field(self, key: str, value: Any) -> None:
        """Set (``session.REMOVE``: remove) one field of the open agent, as the form does."""
        if self.session is None:
            return
        try:
            self.session.set_field(key, value)
        except EditError as exc:
            self.notify(str(exc), title=f"{key} not changed", severity="error")
        self._edited()

    def _edited(self) -> None:
        session = self.session
        if session is None:
            return
        self.dirty = session.dirty
        self._render_views()
        self.post_message(self.Changed(self, session.edited_agent(), session.dirty))

    def confirm_leave(self, then: Then) -> None:
        """Run ``then`` now, or after the user saved or discarded the open agent's edits."""
        session = self.session
        if session is None or not session.dirty:
            then()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.save(after=then)
            elif choice == "discard":
                self._discard(show=False)
                then()

        self.app.push_screen(ChoiceDialog(
            f"{session.agent.path.name} has unsaved changes.",
            [("discard", "Discard"), ("save", "Save")]), answered)

    def revert(self) -> None:
        """Drop the open agent's edits and show the file's own version again."""
        self._discard(show=True)

    def _discard(self, show: bool) -> None:
        session = self.session
        if session is None or not session.dirty:
            return
        session.revert()
        self.dirty = False
        self.post_message(self.Reverted(self, session.agent))
        if show:
            self._show_read(session.agent)
        self.notify("Edits discarded.")

    def fix(self) -> None:
        """Make non-strict frontmatter strict YAML, asking first when the fix is agenttui's
        reading of a file Claude Code cannot load."""
        session = self.session
        fixes = session.doc.fixes() if session else []
        if session is None or not fixes:
            self.notify(no_fix_reason(session.doc if session else None))
            return
        if all(fix.safe for fix in fixes):
            self._apply_fix(session, unsafe=False)
            return

        def answered(choice: str | None) -> None:
            if choice == "fix":
                self._apply_fix(session, unsafe=True)

        preview = str(session.doc.fields.get(fixes[0].key, ""))[:300]
        self.app.push_screen(ChoiceDialog(
            f"Claude Code cannot parse `{fixes[0].key}`. agenttui believes it is:\n\n{preview}"
            "\n\nTurn it into a block scalar holding exactly that?",
            [("fix", "Apply fix")]), answered)

    def _apply_fix(self, session: EditSession, unsafe: bool) -> None:
        fixed, applied = session.doc.fixed(unsafe=unsafe)
        session.replace(fixed)
        self._edited()
        self.notify("; ".join(f.summary for f in applied) + ". ctrl+s saves.", title="Fixed")

    # -- saving ---------------------------------------------------------------------------

    def save(self, after: Then | None = None) -> None:
        """Write the edits (only what changed); ``after`` goes with ``Saved`` (see there)."""
        session = self.session
        if self._saving:
            self.notify("Still saving…")  # a second save would find the first one's bytes
            return
        if session is None or not session.dirty:
            self.notify("Nothing to save.")
            return
        if self._refuse_save(session):
            return
        self._start_save(session, session.agent.snapshot, after)

    def _refuse_save(self, session: EditSession) -> bool:
        if session.read_only:
            self.notify("This agent is read-only (a plugin agent or a file you cannot write).",
                        severity="error")
            return True
        form = self.query_one(FrontmatterForm)
        invalid = form.invalid_fields
        blocking = session.blocking()
        if blocking:
            first = blocking[0]
            verb = "blocks" if len(blocking) == 1 else "block"
            self.notify(f"{plural(len(blocking), 'error')} {verb} the save. "
                        f"{first.code}: {first.message}",
                        title="Not saved", severity="error", timeout=8)
            self.focus_problem(first)
        elif invalid:
            key, reason = next(iter(invalid.items()))
            self.notify(f"`{key}`: {reason}", title="Not saved", severity="error")
            form.focus_field(key)
        return bool(blocking or invalid)

    def _start_save(self, session: EditSession, expected: Snapshot | None,
                    after: Then | None) -> None:
        """Write the session's document as it is now; one save at a time."""
        self._saving = True
        self._write(session, session.doc, expected, after)

    @work(thread=True, group="save")
    def _write(self, session: EditSession, doc: AgentDocument, expected: Snapshot | None,
               after: Then | None) -> None:
        try:
            snapshot = save_atomic(session.agent.path, doc.to_bytes(), expected)
        except ConflictError:
            self.app.call_from_thread(self._save_conflicted, session, after)
            return
        except SaveError as exc:
            self.app.call_from_thread(self._not_saved, str(exc))
            return
        self.app.call_from_thread(self._saved, session, doc, snapshot, after)

    def _not_saved(self, reason: str) -> None:
        self._saving = False
        self.notify(reason, title="Not saved", severity="error", timeout=10)

    def _saved(self, session: EditSession, doc: AgentDocument, snapshot: Snapshot,
               after: Then | None) -> None:
        self._saving = False
        agent = session.saved(doc, snapshot)
        self.conflict, self.dirty = False, session.dirty  # edits made meanwhile stay
        self.notify(f"Saved {agent.path.name}")
        self._render_views()
        self.post_message(self.Saved(self, agent, session.edited_agent(), session.dirty,
                                     after))

    def _save_conflicted(self, session: EditSession, after: Then | None) -> None:
        self._saving = False
        self.conflict = True
        self.post_message(self.Conflicted(self, session.agent.path))

        def answered(choice: str | None) -> None:
            if choice == "reload":
                self.reload()
            elif choice == "overwrite":
                self._overwrite(session, after)
            elif choice == "diff":
                self._diff_with_disk(session)

        self.app.push_screen(ChoiceDialog(
            f"{session.agent.path.name} changed on disk since you opened it.",
            [("diff", "Show diff"), ("reload", "Reload (drop my edits)"),
             ("overwrite", "Overwrite")], danger=True), answered)

    def _overwrite(self, session: EditSession, after: Then | None) -> None:
        try:
            current = read_snapshot(session.agent.path)
        except OSError:
            current = None
        self._start_save(session, current, after)

    def check_disk(self) -> None:
        """Reload the open agent when its file changed on disk, or mark the conflict when
        it has unsaved edits (saving then asks). A file that is gone is left to the screen,
        which knows it from the folders' watch or a refresh (``deleted_outside``)."""
        session = self.session
        if session is None or session.agent.snapshot is None or self.conflict:
            return
        if not session.agent.path.exists():
            return  # reloaded, it would show an empty form for an unreadable file
        if not changed_on_disk(session.agent.path, session.agent.snapshot):
            return
        if session.dirty:
            self.conflict = True
            self.post_message(self.Conflicted(self, session.agent.path))
            self.notify(f"{session.agent.path.name} changed on disk. Saving will ask whether "
                        "to reload, overwrite or see the diff.", severity="warning", timeout=10)
        else:
            self.reload()
            self.notify(f"{session.agent.path.name} changed on disk; reloaded.")

    def deleted_outside(self, forget: Then) -> None:
        """The open agent's file was deleted or moved away outside agenttui: ``forget`` it
        at once, or, when it has unsaved edits, after asking whether to write them back
        (escape keeps them open: ctrl+s still saves)."""
        session = self.session
        if session is None or not session.dirty:
            forget()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self._start_save(session, None, None)  # None: the file must not exist
            elif choice == "discard":
                self._discard(show=False)
                forget()

        self.app.push_screen(ChoiceDialog(
            f"{short_path(session.agent.path)} was deleted or moved away outside agenttui, "
            "and it has unsaved changes here.",
            [("discard", "Discard my edits"), ("save", "Save it again")]), answered)

    # -- diffs, tabs and focus -------------------------------------------------------------

    def diff(self) -> None:
        """Show the edits: the file on disk against the edited version."""
        session = self.session
        if session is not None:
            self._show_diff(session.original.text or "", session.doc.text or "",
                            short_path(session.agent.path))

    def _diff_with_disk(self, session: EditSession) -> None:
        try:
            disk = read_snapshot(session.agent.path).data.decode("utf-8", "replace")
        except OSError as exc:
            disk = f"(cannot read the file: {exc.strerror or exc})"
        self._show_diff(disk, session.doc.text or "", short_path(session.agent.path),
                        "Disk now → your version")

    def _show_diff(self, before: str, after: str, where: str, title: str = "Changes") -> None:
        from agenttui.screens.diff_screen import DiffScreen  # difflib, rich.syntax: on demand

        self.app.push_screen(DiffScreen(before, after, where, title))

    def show_tab(self, tab: str) -> None:
        """Show a tab (one of ``TABS``) and put the focus in it: left elsewhere, the next keys
        typed (for the prompt: '# New heading') would run the screen's own keys."""
        self.query_one(TabbedContent).active = f"tab-{tab}"
        if tab == "fields":
            self.query_one(FrontmatterForm).focus_first()
        elif self._panes_ready.is_set():
            view = {"prompt": BodyEditor, "preview": MarkdownPreview, "file": RawView}[tab]
            self.query_one(f"#tab-{tab}").query_one(view).focus()

    def action_go_to_field(self) -> None:
        """Ask which field, then put the focus in it (on the Fields tab)."""
        from agenttui.screens.field_dialog import FieldDialog

        form = self.query_one(FrontmatterForm)
        if not form.field_help:
            self.notify("No fields to go to: open an agent whose fields can be edited.")
            return

        def chosen(key: str | None) -> None:
            if key is not None:
                self.query_one(TabbedContent).active = "tab-fields"
                form.focus_field(key)

        self.app.push_screen(FieldDialog(form.field_help), chosen)

    def focus_tabs(self) -> None:
        self.query_one(Tabs).focus()

    def focus_problem(self, problem: Problem) -> None:
        """Show where ``problem`` is: its field, its line of the prompt, or the file."""
        tabs = self.query_one(TabbedContent)
        form = self.query_one(FrontmatterForm)
        session = self.session
        if problem.field and form.focus_field(problem.field):
            tabs.active = "tab-fields"
            form.focus_field(problem.field)
        elif problem.line and session and problem.line >= session.doc.body_line:
            tabs.active = "tab-prompt"
            editor = self.query_one(BodyEditor)
            editor.focus()
            editor.move_cursor((problem.line - session.doc.body_line, 0))
        else:
            tabs.active = "tab-file"
