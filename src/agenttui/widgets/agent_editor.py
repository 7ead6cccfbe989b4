"""The open agent: its fields, prompt, preview and file in tabs, its problems, and its edits.

Attributes down, messages up: the screen calls ``show(agent)``, ``save()``, ``revert()``,
``fix()``, ``diff()``, ``show_tab(name)`` and sets ``problems`` (the catalog's, cross-file
ones included) and ``wide``; the editor holds the ``EditSession`` and posts what happened
(``Changed``, ``StateChanged``, ``Saved``, ``Reverted``, ``Conflicted``, ``Closed``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.lazy import Lazy
from textual.message import Message
from textual.reactive import var
from textual.widget import MountError, Widget
from textual.widgets import TabbedContent, TabPane, Tabs
from textual.worker import Worker

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
from agenttui.widgets.detail_title import DetailTitle
from agenttui.widgets.field_editors import UNSET
from agenttui.widgets.fields_view import FieldsView
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


@dataclass(frozen=True)
class _Wanted:
    """The agent to show next (None: none), the shown one read again (``reload``), or
    either opened for editing (``enter``)."""

    agent: Agent | None
    reload: bool = False
    enter: bool = False  # then open it for editing
    problem: Problem | None = None  # and show where this problem is
    drop_edits: bool = False  # a reload that replaces what the widgets hold


def _name(session: EditSession) -> str:
    return session.agent.path.name


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
    status: var[tuple[Path | None, str, Path | None]] = var((None, "", None))
    """The shown file, its state (``conflict``, ``modified``, ``read-only`` or ``saved``;
    None and "" with no agent shown) and the file kept aside with unsaved edits while
    another is shown (None: none)."""
    kept_path: var[Path | None] = var(None)

    class Changed(EditorMessage):
        """The open agent was shown or edited: ``agent`` is it as edited now."""

        def __init__(self, editor: AgentEditor, agent: Agent, dirty: bool) -> None:
            super().__init__(editor)
            self.agent, self.dirty = agent, dirty

    class StateChanged(EditorMessage):
        """The shown file, its state or the kept one (``AgentEditor.status``) changed."""

        def __init__(self, editor: AgentEditor, path: Path | None, state: str,
                     kept: Path | None = None) -> None:
            super().__init__(editor)
            self.path, self.state, self.kept = path, state, kept

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
        self._kept_session: EditSession | None = None
        self._wanted: _Wanted | None = None  # the agent to show next
        self._pump: Worker[None] | None = None  # shows the wanted agents, one at a time
        self._entered: Path | None = None  # the agent opened for editing (its form shown)
        self._refused_enter: Path | None = None  # entering it was cancelled (asked)
        self._body_stale = False  # the prompt editor holds another agent's prompt
        self._enter_when_shown = False  # entered while being shown: enter it after
        self._lazy_panes = 3
        self._panes_ready = asyncio.Event()

    @property
    def _kept(self) -> EditSession | None:
        """The session of an agent with unsaved edits, kept aside while another is shown."""
        return self._kept_session

    @_kept.setter
    def _kept(self, session: EditSession | None) -> None:
        self._kept_session = session
        self.kept_path = session.agent.path if session is not None else None

    # -- watchers -------------------------------------------------------------------------

    def compute_status(self) -> tuple[Path | None, str, Path | None]:
        if self.path is None:
            return None, "", self.kept_path
        return self.path, ("conflict" if self.conflict else "modified" if self.dirty else
                           "read-only" if self.read_only else "saved"), self.kept_path

    def watch_status(self, status: tuple[Path | None, str, Path | None]) -> None:
        self.post_message(self.StateChanged(self, *status))

    def watch_problems(self, problems: tuple[Problem, ...]) -> None:
        if self.browsing:  # the read-only fields, not the hidden form
            session = self.session
            doc = session.doc if session is not None else None
            note = self._agent.read_error or "" if self._agent is not None else ""
            if doc is not None and not doc.fields_editable:
                note = "The fields cannot be read; the File tab shows the file."
            self.query_one(FieldsView).show(doc, problems, note)
        else:
            self.query_one(FrontmatterForm).show_problems(list(problems))
        self.query_one(ProblemsPanel).show(list(problems))

    def watch_show_newlines(self) -> None:
        self._render_views(immediately=True)

    def watch_wide(self, wide: bool) -> None:
        self.set_class(wide, "-wide")
        self._render_views(immediately=True)  # the live preview appears or goes

    # -- compose --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield DetailTitle(id="detail-title")
        with TabbedContent(id="tabs"):
            with TabPane("Fields", id="tab-fields"):
                with VerticalScroll(id="fields-view"):
                    yield FieldsView(id="fields-text")
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
        self._want(_Wanted(None))

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
        self._load_body()
        self._render_views(immediately=True)

    # -- showing --------------------------------------------------------------------------

    def show(self, agent: Agent, known_tools: tuple[str, ...] = ()) -> None:
        """Show ``agent`` read-only, read from its file again (the list's cursor moved onto
        it); the form's tools multi-select offers ``known_tools``. The latest agent asked for
        wins: while one is read and drawn, those asked for meanwhile but the last are
        skipped, so holding ``j`` queues nothing. The shown agent with unsaved edits is kept
        aside, never dropped: shown again with its edits when asked for."""
        self._known_tools = known_tools or self._known_tools
        wanted = self._wanted
        if wanted is not None and wanted.agent is not None and wanted.agent.path == agent.path:
            return  # already on its way (perhaps to be entered: not undone here)
        if agent.path != self.path or wanted is not None:
            self._want(_Wanted(agent))

    def enter(self, agent: Agent, known_tools: tuple[str, ...] = ()) -> None:
        """Open ``agent`` for editing: show it, settle the unsaved edits of another agent
        kept aside (save or discard: asked), show its form and put the focus in it."""
        self._known_tools = known_tools or self._known_tools
        self._want(_Wanted(agent, enter=True))

    def reload(self, drop_edits: bool = False) -> None:
        """Read the shown agent's file again (it changed on disk, or in another editor),
        keeping the focus, the cursors and the tab. Edits made meanwhile win over the file
        (a conflict: saving asks) unless ``drop_edits``."""
        if drop_edits and self.session is not None:
            self.session.revert()
        if self._agent is not None:
            self._want(_Wanted(self._agent, reload=True, drop_edits=drop_edits))

    def forget(self, path: Path) -> None:
        """The agent at ``path`` is gone (deleted, moved or renamed away): show no agent if it
        is the one shown; drop its edits if they are kept aside."""
        if self._kept is not None and self._kept.agent.path == path:
            self._kept = None
            self._retitle()
        if self.path == path:
            self.close()

    def _want(self, wanted: _Wanted) -> None:
        self._wanted = wanted
        if self._pump is None or self._pump.is_finished:
            self._pump = self.run_worker(self._show_wanted, group="show")

    async def _show_wanted(self) -> None:
        await self._panes_ready.wait()
        while (wanted := self._wanted) is not None:
            self._wanted = None
            try:
                await self._show_one(wanted)
            except NoMatches:  # the app quit while the agent was shown: its panes are gone
                return
            if self._enter_when_shown and self._wanted is None and self._agent is not None:
                self._wanted = _Wanted(self._agent, enter=True)
            self._enter_when_shown = False

    async def _show_one(self, wanted: _Wanted) -> None:
        agent = wanted.agent
        if agent is None:
            self._entered = None
            await self._display_none()
            return
        if agent.path != self.path or wanted.reload:
            shown = await self._read_and_display(wanted, agent)
            if not shown:
                return
        if wanted.enter:
            await self._enter_shown()
            if wanted.problem is not None and not self.browsing:
                self.focus_problem(wanted.problem)

    async def _read_and_display(self, wanted: _Wanted, agent: Agent) -> bool:
        """Show ``agent``: its kept edits, else its file read again. False when a later
        agent is wanted meanwhile (this one is skipped) or the edits win over a reload."""
        session = self.session
        if session is not None and session.dirty and session.agent.path != agent.path:
            self._kept = session  # kept aside, with its edits; the list keeps its `*`
        kept = self._kept
        if kept is not None and kept.agent.path == agent.path:
            self._kept = None
            await self._display(kept.edited_agent(), kept)
            return True
        fresh = await asyncio.to_thread(load_agent, agent.file)
        later = self._wanted
        if later is not None and not later.reload and not wanted.enter:
            return False  # the cursor moved on meanwhile: this agent is no longer wanted
        if wanted.reload and not wanted.drop_edits and self.session is not None and (
                self.session.dirty or self._typing_pending()):
            self._typed_during_reload(self.session)
            return False
        new = EditSession(fresh) if fresh.document is not None else None
        await self._display(fresh, new, again=wanted.reload)
        return True

    def _typing_pending(self) -> bool:
        """Keys typed whose edits have not reached the session yet (messages on their way
        up): a reload now would overwrite them in the widgets, and drop them."""
        session = self.session
        if self.browsing or session is None:
            return False
        body = self.query_one(BodyEditor)
        return self.query_one(FrontmatterForm).differs_from(session.doc) or (
            not self._body_stale and body.differs_from(session.doc.body))

    def _typed_during_reload(self, session: EditSession) -> None:
        """Keys typed while the changed file was read made edits: they stay, and saving asks
        whether to reload, overwrite or see the diff."""
        self.conflict = True
        self.post_message(self.Conflicted(self, session.agent.path))
        self.notify(f"{_name(session)} changed on disk while you typed; your edits are kept, "
                    "and saving will ask whether to reload, overwrite or see the diff.",
                    severity="warning", timeout=10)

    async def _display(self, agent: Agent, session: EditSession | None,
                       again: bool = False) -> None:
        """Show ``agent`` (``session``: its edits, None when it could not be read);
        ``again``: the same agent read again, so the cursors stay where they were and the
        form stays open if it was."""
        doc = session.doc if session is not None else agent.document
        if not again:
            self._entered = None
        self.session, self._agent = session, agent
        if self._entered is not None:
            await self._load_form(keep_place=again)
        if not self.is_attached:
            return
        self._body_stale = True
        self._load_body(keep_place=again)
        self._show_form(self._entered is not None)
        self.conflict = False
        self.dirty = session is not None and session.dirty
        self.read_only = agent.read_only
        self.path = agent.path
        self._show_problems(tuple(agent.problems))
        if doc is None:
            self.query_one(RawView).show(None, agent.read_error or "")
        self._render_views(immediately=True)
        self._retitle()
        self.post_message(self.Changed(self, agent, self.dirty))

    def _load_body(self, keep_place: bool = False) -> None:
        """Load the shown agent's prompt into its editor, when the editor is on screen or
        the agent is entered; else when its tab is chosen (a long prompt takes a good part
        of a cursor move's time to load)."""
        if not self._body_stale:
            return
        if self.browsing and self.query_one(TabbedContent).active != "tab-prompt":
            return
        self._body_stale = False
        agent, session = self._agent, self.session
        doc = session.doc if session is not None else agent.document if agent else None
        read_only = agent is None or agent.read_only or not (doc and doc.writable)
        self.query_one(BodyEditor).load(doc.body if doc else "", read_only or self.browsing,
                                        keep_place=keep_place)

    def _show_problems(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        self.watch_problems(problems)  # (the rows and the view may show another agent's)

    @property
    def browsing(self) -> bool:
        """The shown agent is read-only, as the list's cursor passes over it: not entered."""
        return self._entered is None or self._entered != self.path

    def _show_form(self, form: bool) -> None:
        """The form (entered) or the read-only fields (browsing). Their ``display``, not a
        class on the editor: a class change re-applies the stylesheet to all ~170 widgets
        below it, which was most of the time opening an agent for editing took."""
        self.query_one("#form").display = form
        self.query_one("#fields-view").display = not form

    @property
    def has_fix(self) -> bool:
        """The shown agent's frontmatter has a fix ``fix`` can apply (``f``)."""
        session = self.session
        return session is not None and session.agent.path == self.path and bool(
            session.doc.fixes())

    async def _load_form(self, keep_place: bool = False) -> None:
        """Show the shown agent in the form; ``keep_place`` (the same agent read again) keeps
        the form's scroll."""
        agent, session = self._agent, self.session
        if agent is None:
            return
        form = self.query_one(FrontmatterForm)
        typing_in = form.focused_field
        scrolled = form.scroll_y if keep_place else 0.0
        await form.load(session.doc if session else None, self._known_tools, agent.read_only,
                        agent.kind)
        form.call_after_refresh(form.scroll_to, y=scrolled, animate=False)
        if typing_in is not None and form.focused_field is None:
            form.focus_field(typing_in)  # the form was built anew: the focus stays put

    async def _enter_shown(self) -> None:
        """Settle the edits kept aside for another agent (asked), then show the form of the
        shown agent and put the focus in the detail."""
        kept, shown = self._kept, self.session
        if kept is not None and shown is not None and kept is not shown:
            self._ask_about_kept(kept, shown)
            return
        if self.browsing:
            self._entered = self.path
            await self._load_form()
            self._show_form(True)
            agent, doc = self._agent, shown.doc if shown else None
            self._load_body()
            body = self.query_one(BodyEditor)
            body.read_only = agent is None or agent.read_only or not (doc and doc.writable)
            self.watch_problems(self.problems)
            self._retitle()
        self._refused_enter = None
        self.focus_content()

    def _ask_about_kept(self, kept: EditSession, shown: EditSession) -> None:
        agent = shown.agent

        def answered(choice: str | None) -> None:
            if choice == "save":
                self._save_session(kept, after=lambda: self.enter(agent))
            elif choice == "discard":
                self._discard_session(kept)
                self.enter(agent)
            else:
                self._refused_enter = agent.path  # focus coming back does not ask again

        self.app.push_screen(ChoiceDialog(
            f"{_name(kept)} has unsaved changes. Save or discard them to edit "
            f"{_name(shown)}?", [("discard", "Discard"), ("save", "Save")]), answered)

    def on_descendant_focus(self) -> None:
        """Tab, a click or a number key into the detail enters the shown agent (or the one
        about to be shown)."""
        if self.browsing and self._agent is not None and self._refused_enter != self.path:
            self._enter_latest()

    def _enter_latest(self) -> None:
        """Enter the agent last asked for: the one about to be shown, else the shown one."""
        wanted = self._wanted
        if wanted is not None and wanted.agent is not None:
            self._wanted = replace(wanted, enter=True)
        elif self._pump is not None and not self._pump.is_finished:
            self._enter_when_shown = True  # being shown now: entered once it is
        elif self._agent is not None:
            self.enter(self._agent)

    def close(self) -> None:
        """Show no agent (the one shown was deleted, moved or renamed away)."""
        self.session = self._agent = None
        self.conflict, self.dirty, self.read_only, self.path = False, False, True, None
        self._show_problems(())
        self._want(_Wanted(None))
        if self._panes_ready.is_set():
            self.query_one(BodyEditor).load("", True)
            for preview in self.query(MarkdownPreview).results(MarkdownPreview):
                preview.show("", immediately=True)
            self.query_one(RawView).show("")
        self._retitle()
        self.post_message(self.Closed(self))

    async def _display_none(self) -> None:
        self._show_form(True)
        await self.query_one(FrontmatterForm).load(None, (), True)

    def _retitle(self) -> None:
        """Say which agent is shown, in what state, and which one holds unsaved edits."""
        shown = self._agent.display_name if self._agent is not None else None
        kept = self._kept.agent.display_name if self._kept is not None else None
        state = ("conflict" if self.conflict else "modified" if self.dirty else
                 "read-only" if self.read_only else "" if self.browsing else "editing")
        for title in self.query(DetailTitle).results(DetailTitle):
            title.show(shown, state, kept)

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
        if self.browsing:
            self.watch_problems(self.problems)
        self._render_views()
        self._retitle()
        self.post_message(self.Changed(self, session.edited_agent(), session.dirty))

    def confirm_leave(self, then: Then) -> None:
        """Run ``then`` now, or after the user saved or discarded the unsaved edits (of the
        agent shown, or of the one kept aside while another is shown)."""
        session = self._kept or self.session
        if session is None or not session.dirty:
            then()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self._save_session(session, after=then)
            elif choice == "discard":
                self._discard_session(session)
                then()

        self.app.push_screen(ChoiceDialog(
            f"{_name(session)} has unsaved changes.",
            [("discard", "Discard"), ("save", "Save")]), answered)

    def revert(self) -> None:
        """Drop the shown agent's edits and show the file's own version again."""
        session = self.session
        if session is None or not session.dirty:
            self.notify(f"No edits to revert in {self._shown_name()}.")
            return
        self._discard_session(session)

    def _discard_session(self, session: EditSession) -> None:
        session.revert()
        if session is self._kept:
            self._kept = None
        if session is self.session:
            self.dirty = False
            self.reload(drop_edits=True)  # the file's own version in every widget
        self.post_message(self.Reverted(self, session.agent))
        self.notify(f"Edits to {_name(session)} discarded.")

    def fix(self) -> None:
        """Make non-strict frontmatter strict YAML, asking first when the fix is agenttui's
        reading of a file Claude Code cannot load."""
        session = self.session
        if self._refuse_kept("fix"):
            return
        fixes = session.doc.fixes() if session else []
        if session is None or not fixes:
            self.notify(no_fix_reason(session.doc if session else None,
                                      self._shown_name()))
            return
        if all(fix.safe for fix in fixes):
            self._apply_fix(session, unsafe=False)
            return

        def answered(choice: str | None) -> None:
            if choice == "fix":
                self._apply_fix(session, unsafe=True)

        preview = str(session.doc.fields.get(fixes[0].key, ""))[:300]
        self.app.push_screen(ChoiceDialog(
            f"Claude Code cannot parse `{fixes[0].key}` in {_name(session)}. agenttui "
            f"believes it is:\n\n{preview}\n\nTurn it into a block scalar holding exactly "
            "that?", [("fix", "Apply fix")]), answered)

    def _apply_fix(self, session: EditSession, unsafe: bool) -> None:
        fixed, applied = session.doc.fixed(unsafe=unsafe)
        session.replace(fixed)
        self._edited()
        self.notify(f"{_name(session)}: " + "; ".join(f.summary for f in applied)
                    + ". ctrl+s saves.", title="Fixed")

    def _refuse_kept(self, verb: str) -> bool:
        """Say so when another agent holds unsaved edits (one agent is edited at a time)."""
        kept = self._kept
        if kept is None or kept is self.session:
            return False
        self.notify(f"{_name(kept)} has unsaved edits: press enter to edit "
                    f"{self._shown_name()} (you will be asked about them), then {verb} it.")
        return True

    def _shown_name(self) -> str:
        return self._agent.path.name if self._agent is not None else "no agent"

    # -- saving ---------------------------------------------------------------------------

    def save(self, after: Then | None = None) -> None:
        """Write the shown agent's edits (only what changed); ``after`` goes with ``Saved``
        (see there)."""
        session = self.session
        if session is None or not session.dirty:
            kept = f"; {_name(self._kept)} has unsaved edits (select it to save them)" if (
                self._kept is not None) else ""
            self.notify(f"Nothing to save in {self._shown_name()}{kept}.")
            return
        self._save_session(session, after)

    def _save_session(self, session: EditSession, after: Then | None = None) -> None:
        if self._saving:
            self.notify("Still saving…")  # a second save would find the first one's bytes
            return
        if self._refuse_save(session):
            return
        self._start_save(session, session.agent.snapshot, after)

    def _refuse_save(self, session: EditSession) -> bool:
        if session.read_only:
            self.notify(f"{_name(session)} is read-only (a plugin agent or a file you cannot "
                        "write).", severity="error")
            return True
        shown = session is self.session
        form = self.query_one(FrontmatterForm)
        invalid = form.invalid_fields if shown else {}
        blocking = session.blocking()
        if blocking:
            first = blocking[0]
            verb = "blocks" if len(blocking) == 1 else "block"
            self.notify(f"{plural(len(blocking), 'error')} {verb} saving {_name(session)}. "
                        f"{first.code}: {first.message}",
                        title="Not saved", severity="error", timeout=8)
            if shown:
                self.focus_problem(first)
        elif invalid:
            key, reason = next(iter(invalid.items()))
            self.notify(f"{_name(session)} `{key}`: {reason}", title="Not saved",
                        severity="error")
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
        if session is self.session:
            self.conflict, self.dirty = False, session.dirty  # edits made meanwhile stay
        elif session is self._kept and not session.dirty:
            self._kept = None
        self.notify(f"Saved {agent.path.name}")
        self._render_views()
        self._retitle()
        self.post_message(self.Saved(self, agent, session.edited_agent(), session.dirty,
                                     after))

    def _save_conflicted(self, session: EditSession, after: Then | None) -> None:
        self._saving = False
        if session is not self.session:
            self.notify(f"{_name(session)} changed on disk since you opened it: select it "
                        "and save again to choose what to do.", title="Not saved",
                        severity="error", timeout=10)
            return
        self.conflict = True
        self.post_message(self.Conflicted(self, session.agent.path))

        def answered(choice: str | None) -> None:
            if choice == "reload":
                self.reload(drop_edits=True)
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
                session.revert()
                self.dirty = False
                self.post_message(self.Reverted(self, session.agent))
                forget()

        self.app.push_screen(ChoiceDialog(
            f"{short_path(session.agent.path)} was deleted or moved away outside agenttui, "
            "and it has unsaved changes here.",
            [("discard", "Discard my edits"), ("save", "Save it again")]), answered)

    # -- diffs, tabs and focus -------------------------------------------------------------

    def diff(self) -> None:
        """Show the edits: the file on disk against the edited version."""
        session = self.session
        if session is None or not session.dirty:
            self.notify(f"No edits to {self._shown_name()}: the file is as on disk.")
            return
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
        """Show a tab (one of ``TABS``) and put the focus in it at once: left elsewhere, the
        next keys typed (for the prompt: '# New heading') would run the screen's own keys.
        While the agent is only shown (browsing), it is entered first (``enter``). Where
        the tab has nothing to focus (a read-only form), the tab strip is."""
        self.query_one(TabbedContent).active = f"tab-{tab}"
        if self.browsing and self._agent is not None:
            self._enter_latest()
            return
        focused = False
        if tab == "fields":
            focused = self.query_one(FrontmatterForm).focus_first()
        elif self._panes_ready.is_set():
            view = {"prompt": BodyEditor, "preview": MarkdownPreview, "file": RawView}[tab]
            widget = self.query_one(f"#tab-{tab}").query_one(view)
            self.screen.set_focus(widget)
            focused = self.screen.focused is widget
        if not focused:
            self.focus_tabs()

    @property
    def active_tab(self) -> str:
        return (self.query_one(TabbedContent).active or "tab-fields").removeprefix("tab-")

    def focus_content(self) -> None:
        """Put the focus in the shown tab's content (enter on an agent: edit it)."""
        self.show_tab(self.active_tab)

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
        self.screen.set_focus(self.query_one(Tabs))

    def focus_problem(self, problem: Problem) -> None:
        """Show where ``problem`` is: its field, its line of the prompt, or the file (the
        agent is entered first: its form is where the field is)."""
        if self.browsing and self._agent is not None:
            self._want(_Wanted(self._agent, enter=True, problem=problem))
            return
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
