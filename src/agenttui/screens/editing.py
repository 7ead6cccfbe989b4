"""Saving, reverting, fixing and diffing the open agent, and guarding unsaved edits."""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import SuspendNotSupported
from textual.screen import Screen
from textual.widgets import TabbedContent

from agenttui.catalog import Agent, Catalog, load_agent
from agenttui.model import Problem, Severity
from agenttui.screens.choice_dialog import ChoiceDialog
from agenttui.session import EditSession
from agenttui.storage.files import (
    ConflictError,
    SaveError,
    Snapshot,
    changed_on_disk,
    read_snapshot,
    save_atomic,
)
from agenttui.widgets.agent_tree import AgentTree
from agenttui.widgets.frontmatter_form import FrontmatterForm
from agenttui.widgets.labels import short_path
from agenttui.widgets.markdown_preview import MarkdownPreview
from agenttui.widgets.problems_panel import ProblemsPanel
from agenttui.widgets.raw_view import RawView
from agenttui.widgets.status_bar import StatusBar, plural

if TYPE_CHECKING:
    from agenttui.model import AgentDocument


class EditingMixin(Screen[None]):
    """The open agent's life: edits shown everywhere, saves, conflicts and prompts."""

    catalog: Catalog
    session: EditSession | None
    conflict: bool
    _saving: bool = False  # a save is on its way to the disk
    show_newlines: bool
    loading_progress: str
    show_loaded: Callable[[Agent], None]
    focus_problem: Callable[[Problem], None]
    cursor_path: Callable[[], Path | None]

    # -- showing ------------------------------------------------------------------------

    def after_edit(self) -> None:
        if self.session is None:
            return
        edited = self.session.edited_agent()
        self.catalog.update(edited)
        tree = self.query_one(AgentTree)
        tree.refresh_agents([self.catalog.get(edited.path) or edited])
        tree.set_dirty(edited.path, self.session.dirty)
        self.refresh_views()

    def refresh_views(self, immediately: bool = False) -> None:
        session = self.session
        agent = self.catalog.get(session.agent.path) if session else None
        problems = agent.problems if agent else []
        self.query_one(FrontmatterForm).show_problems(problems)
        self.query_one(ProblemsPanel).show(problems)
        if session is not None:
            # Only what is on screen is rendered: a Markdown render of a long body takes a
            # good part of a second, too long to spend on every key for a hidden pane.
            active = self.query_one(TabbedContent).active
            if active == "tab-preview":
                self.query_one("#preview", MarkdownPreview).show(
                    self._preview_text(session), immediately)
            elif active == "tab-prompt" and self.has_class("-wide"):
                self.query_one("#live-preview", MarkdownPreview).show(
                    self._preview_text(session), immediately)
            elif active == "tab-file":
                self.query_one(RawView).show(session.doc.text)
        self.update_status()

    def _preview_text(self, session: EditSession) -> str:
        description = session.doc.fields.get("description")
        if not isinstance(description, str):
            return session.doc.body
        if self.show_newlines:
            description = description.replace("\\n", "\n")
        # each line of the description on a line of its own (a Markdown hard break)
        quoted = "\n".join(f"> {line}  " if line.strip() else ">"
                           for line in description.split("\n"))
        name = session.doc.display_name
        return f"# {name}\n\n{quoted}\n\n---\n\n{session.doc.body}"

    def update_status(self, extra: str = "") -> None:
        errors, warnings = self.catalog.totals()
        session = self.session
        path = str(session.agent.path) if session else ""
        state = ""
        if session is not None:
            state = ("conflict" if self.conflict else "modified" if session.dirty else
                     "read-only" if session.read_only else "saved")
        progress = " ".join(part for part in (self.loading_progress, extra) if part)
        self.query_one(StatusBar).show((len(self.catalog.agents), errors, warnings), path,
                                       state, progress)

    # -- leaving and reverting ----------------------------------------------------------

    def confirm_leave(self, then: Callable[[], object]) -> None:
        """Run ``then`` now, or after the user saved or discarded the open agent's edits."""
        session = self.session
        if session is None or not session.dirty:
            then()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.save(after=then)
            elif choice == "discard":
                self.discard_edits(show=False)
                then()

        self.app.push_screen(ChoiceDialog(
            f"{session.agent.path.name} has unsaved changes.",
            [("discard", "Discard"), ("save", "Save")]), answered)

    def action_revert(self) -> None:
        self.discard_edits(show=True)

    def discard_edits(self, show: bool) -> None:
        """Drop the open agent's edits; ``show`` puts the file's own version back on screen."""
        session = self.session
        if session is None or not session.dirty:
            return
        session.revert()
        self.catalog.update(session.agent)
        tree = self.query_one(AgentTree)
        tree.set_dirty(session.agent.path, False)
        tree.refresh_agents([self.catalog.get(session.agent.path) or session.agent])
        if show:
            self.show_loaded(session.agent)
        self.notify("Edits discarded.")

    # -- saving -------------------------------------------------------------------------

    def action_save(self) -> None:
        self.save()

    def save(self, after: Callable[[], object] | None = None) -> None:
        session = self.session
        if self._saving:
            self.notify("Still saving…")  # a second save would find the first one's bytes
            return
        if session is None or not session.dirty:
            self.notify("Nothing to save.")
            return
        if self._refuse_save(session):
            return
        self._save(session, session.agent.snapshot, after)

    def _refuse_save(self, session: EditSession) -> bool:
        if session.read_only:
            self.notify("This agent is read-only (a plugin agent or a file you cannot write).",
                        severity="error")
            return True
        invalid = self.query_one(FrontmatterForm).invalid_fields
        blocking = session.blocking()
        if not blocking and not invalid:
            return False
        if blocking:
            first = blocking[0]
            verb = "blocks" if len(blocking) == 1 else "block"
            self.notify(f"{plural(len(blocking), 'error')} {verb} the save. "
                        f"{first.code}: {first.message}",
                        title="Not saved", severity="error", timeout=8)
            self.focus_problem(first)
        else:
            key, reason = next(iter(invalid.items()))
            self.notify(f"`{key}`: {reason}", title="Not saved", severity="error")
            self.query_one(FrontmatterForm).focus_field(key)
        return True

    def _save(self, session: EditSession, expected: Snapshot | None,
              after: Callable[[], object] | None) -> None:
        """Write the session's document as it is now; one save at a time."""
        self._saving = True
        self._write(session, session.doc, expected, after)

    @work(thread=True, group="save")
    def _write(self, session: EditSession, doc: AgentDocument, expected: Snapshot | None,
               after: Callable[[], object] | None) -> None:
        try:
            snapshot = save_atomic(session.agent.path, doc.to_bytes(), expected)
        except ConflictError:
            self.app.call_from_thread(self._conflict, session, after)
            return
        except SaveError as exc:
            self.app.call_from_thread(self._not_saved, str(exc))
            return
        self.app.call_from_thread(self._saved, session, doc, snapshot, after)

    def _not_saved(self, reason: str) -> None:
        self._saving = False
        self.notify(reason, title="Not saved", severity="error", timeout=10)

    def _saved(self, session: EditSession, doc: AgentDocument, snapshot: Snapshot,
               after: Callable[[], object] | None) -> None:
        self._saving = False
        agent = session.saved(doc, snapshot)
        self.catalog.update(agent)
        self.conflict = False
        tree = self.query_one(AgentTree)
        tree.set_dirty(agent.path, False)
        tree.refresh_agents([self.catalog.get(agent.path) or agent])
        self.notify(f"Saved {agent.path.name}")
        self.refresh_views()
        if after is not None:
            after()

    def _conflict(self, session: EditSession, after: Callable[[], object] | None) -> None:
        self._saving = False
        self.conflict = True
        self.update_status()

        def answered(choice: str | None) -> None:
            if choice == "reload":
                self.reload(session.agent.path)
            elif choice == "overwrite":
                self._overwrite(session, after)
            elif choice == "diff":
                self._diff_with_disk(session)

        self.app.push_screen(ChoiceDialog(
            f"{session.agent.path.name} changed on disk since you opened it.",
            [("diff", "Show diff"), ("reload", "Reload (drop my edits)"),
             ("overwrite", "Overwrite")], danger=True), answered)

    def _overwrite(self, session: EditSession, after: Callable[[], object] | None) -> None:
        try:
            current = read_snapshot(session.agent.path)
        except OSError:
            current = None
        self._save(session, current, after)

    def _diff_with_disk(self, session: EditSession) -> None:
        try:
            disk = read_snapshot(session.agent.path).data.decode("utf-8", "replace")
        except OSError as exc:
            disk = f"(cannot read the file: {exc.strerror or exc})"
        self.show_diff(disk, session.doc.text or "", short_path(session.agent.path),
                       "Disk now → your version")

    # -- disk changes ---------------------------------------------------------------------

    def check_disk(self) -> None:
        session = self.session
        if session is None or session.agent.snapshot is None or self.conflict:
            return
        if not changed_on_disk(session.agent.path, session.agent.snapshot):
            return
        if session.dirty:
            self.conflict = True
            self.update_status()
            self.notify(f"{session.agent.path.name} changed on disk. Saving will ask whether "
                        "to reload, overwrite or see the diff.", severity="warning", timeout=10)
        else:
            self.reload(session.agent.path)
            self.notify(f"{session.agent.path.name} changed on disk; reloaded.")

    def reload(self, path: Path) -> None:
        agent = self.catalog.get(path)
        if agent is not None:
            self.session = None
            self.show_loaded(load_agent(agent.file))
            self.query_one(AgentTree).set_dirty(path, False)

    # -- diff, fix, external editor --------------------------------------------------------

    def action_diff(self) -> None:
        session = self.session
        if session is not None:
            self.show_diff(session.original.text or "", session.doc.text or "",
                           short_path(session.agent.path))

    def show_diff(self, before: str, after: str, where: str, title: str = "Changes") -> None:
        from agenttui.screens.diff_screen import DiffScreen  # difflib, rich.syntax: on demand

        self.app.push_screen(DiffScreen(before, after, where, title))

    def action_fix(self) -> None:
        session = self.session
        fixes = session.doc.fixes() if session else []
        if session is None or not fixes:
            self.notify(_no_fix_reason(session))
            return
        if all(fix.safe for fix in fixes):
            self._apply_fix(session, unsafe=False)
            return
        def answered(choice: str | None) -> None:
            if choice == "fix":
                self._apply_fix(session, unsafe=True)

        believed = session.doc.fields.get(fixes[0].key, "")
        preview = str(believed)[:300]
        self.app.push_screen(ChoiceDialog(
            f"Claude Code cannot parse `{fixes[0].key}`. agenttui believes it is:\n\n{preview}"
            "\n\nTurn it into a block scalar holding exactly that?",
            [("fix", "Apply fix")]), answered)

    def _apply_fix(self, session: EditSession, unsafe: bool) -> bool:
        fixed, applied = session.doc.fixed(unsafe=unsafe)
        session.replace(fixed)
        self.after_edit()
        self.notify("; ".join(f.summary for f in applied) + ". ctrl+s saves.", title="Fixed")
        return True

    def action_external_edit(self) -> None:
        session = self.session
        path = session.agent.path if session is not None else self.cursor_path()
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
        self.reload(path)


def _no_fix_reason(session: EditSession | None) -> str:
    if session is None:
        return "Open an agent first."
    if session.doc.strict_yaml:
        return "Nothing to fix: the frontmatter is strict YAML."
    errors = [p for p in session.doc.problems if p.severity is Severity.ERROR]
    reason = f" ({errors[0].code}: {errors[0].message})" if errors else ""
    return f"No automatic fix for this frontmatter{reason}; edit it by hand (e)."
