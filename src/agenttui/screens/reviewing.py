"""The main screen's review: what git says changed since a reference, and turning agents off
and on.

``Reviewer`` asks git in a worker once the first frame is out (and again after a save or a
file action), hands the marks to the list, keeps the deleted agents as rows (``ghosts``),
opens the field-by-field diff of a changed agent, and switches an agent between disabled and
enabled through the settings files, all in workers; refusals come back as messages. The
work itself is ``review`` and ``enabling``'s, without Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agenttui.catalog import Agent
from agenttui.enabling import Switched, disabled_agents, switch
from agenttui.git import FileChange, GitError, GitState
from agenttui.review import Review, compare, read_review
from agenttui.storage.discovery import Root
from agenttui.storage.settings import SettingsError
from agenttui.widgets.labels import short_path

if TYPE_CHECKING:
    from agenttui.model.fielddiff import DocumentDiff
    from agenttui.screens.main_screen import MainScreen

ASKING = "asking git what changed…"


class Reviewer:
    """The screen's git review (since ``review``, a reference; True: the default one; False:
    marks only, no review) and its disabled agents."""

    def __init__(self, screen: MainScreen, review: str | bool, *, cwd: Path | None,
                 env: Mapping[str, str] | None) -> None:
        self.screen = screen
        self.ref = review if isinstance(review, str) and review else None
        self.reviewing = review is not False
        self.cwd = cwd
        self.env = env
        self.review: Review | None = None  # None until git answers
        self.disabled: frozenset[str] = frozenset()
        self._asked = 0  # git's answers to older questions are dropped
        self._opened = False  # the review's first changed agent was opened

    # -- asking ---------------------------------------------------------------------------

    def start(self) -> None:
        """Ask git and the settings files (once the first frame is out)."""
        self.read_git()
        self._in_thread(self._read_disabled, "settings")

    def read_git(self) -> None:
        """Ask git again what changed (after a save, a new file, a rename, a delete)."""
        self._asked += 1
        self._in_thread(partial(self._ask_git, list(self.screen.roots), self._asked), "git")

    def _in_thread(self, work: Callable[[], None], group: str) -> None:
        self.screen.run_worker(work, thread=True, group=group)

    def _later(self, callback: Callable[..., Any], *args: Any, **options: Any) -> None:
        """Run ``callback`` on the app's thread (from a worker's)."""
        self.screen.app.call_from_thread(callback, *args, **options)

    def _ask_git(self, roots: list[Root], asked: int) -> None:
        self._later(self._answered, read_review(roots, self.ref), asked)

    def _answered(self, review: Review, asked: int) -> None:
        if asked != self._asked or self.screen.agent_tree() is None:
            return  # asked again since, or the app is quitting
        first, before = self.review is None, self.ghosts()
        self.review = review
        self.screen.git_changed(review.marks, [g.path for g in before] != [
            g.path for g in review.ghosts])
        if first and self.reviewing:
            self._start_review(review)
        self.open_first()

    def _start_review(self, review: Review) -> None:
        if review.changes is None:
            self.screen.notify(f"Nothing to review: {review.unavailable}", title="No review",
                               severity="error", timeout=10)
        else:
            self.screen.changed_only = True

    def open_first(self) -> None:
        """In a review, show the first changed agent once it is listed and git has said: the
        detail follows the cursor, and the keys stay the list's (D, ], g act at once; a key
        typed into a form the review had entered changed the agent's name)."""
        screen = self.screen
        if not self.reviewing or self._opened or self.review is None or not screen.loaded:
            return
        self._opened = True
        path = screen.cursor_path()
        if path is not None and (agent := screen.catalog.get(path)) is not None:
            screen.show_agent(agent)

    def _read_disabled(self) -> None:
        names, problems = disabled_agents(self.cwd, self.env)
        self._later(self._show_disabled, names, problems)

    def _show_disabled(self, names: frozenset[str], problems: list[str]) -> None:
        self.disabled = names
        self.screen.disabled_changed(names)
        for problem in problems:
            self.screen.notify(f"{problem} (its deny rules are not shown)",
                               title="Settings not read", severity="warning", timeout=10)

    # -- what it knows --------------------------------------------------------------------

    def ghosts(self) -> tuple[Agent, ...]:
        """The agents deleted since the reference, as rows of the list."""
        return self.review.ghosts if self.review is not None else ()

    def marks(self) -> dict[Path, FileChange]:
        """Each changed agent's change, by path (none until git answers)."""
        return self.review.marks if self.review is not None else {}

    def ghost(self, path: Path) -> Agent | None:
        return next((g for g in self.ghosts() if g.path == path), None)

    def gone(self, path: Path) -> str | None:
        """What to say of a deleted agent's row chosen for an action; None for the others."""
        ghost = self.ghost(path)
        if ghost is None or self.review is None:
            return None
        return (f"{ghost.display_name} was deleted since {self.review.ref}: "
                "D shows what it held")

    def note(self, changed_only: bool) -> str:
        """What the status line says of the review, "" outside one."""
        if not (self.reviewing or changed_only):
            return ""
        return ASKING if self.review is None else self.review.note()

    def refusal(self) -> str | None:
        """Why there is no review to show, or None."""
        if self.review is None:
            return "Still " + ASKING
        if self.review.changes is None:
            return f"No git review: {self.review.unavailable}"
        return None

    # -- the field diff -------------------------------------------------------------------

    def field_diff(self, path: Path | None) -> None:
        """Show what changed in the agent at ``path`` since the reference, field by field."""
        if (refusal := self.refusal()) is not None:
            self.screen.notify(refusal, severity="warning")
            return
        review = self.review
        assert review is not None and review.changes is not None
        change = review.marks.get(path) if path is not None else None
        if change is None:
            what = short_path(path) if path is not None else "Choose an agent: it"
            self.screen.notify(f"{what} has not changed since {review.ref}.")
            return
        self._in_thread(partial(self._compare, review, change), "field-diff")

    def _compare(self, review: Review, change: FileChange) -> None:
        assert review.changes is not None
        try:
            diff = compare(review.changes, change)
        except (GitError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self._later(self.screen.notify, f"Cannot compare {short_path(change.path)}: "
                        f"{reason}", severity="error")
            return
        self._later(self._show_diff, diff, heading(change, review.ref))

    def _show_diff(self, diff: DocumentDiff, title: str) -> None:
        from agenttui.screens.field_diff_screen import FieldDiffScreen

        self.screen.app.push_screen(FieldDiffScreen(diff, title))

    # -- disable and enable ---------------------------------------------------------------

    def toggle_enabled(self, agent: Agent) -> None:
        """Disable the agent (a deny rule in the project's settings), or enable it again."""
        name = agent.qualified_name
        if not name:
            self.screen.notify(f"{short_path(agent.path)} has no name: Claude Code does not "
                               "load it, so there is nothing to disable.", severity="warning")
            return
        self._in_thread(partial(self._switch, name), "settings")

    def _switch(self, name: str) -> None:
        try:
            switched = switch(name, self.cwd, self.env)
        except SettingsError as exc:
            self._later(self.screen.notify, f"{exc}", title="Not changed", severity="error",
                        timeout=10)
            return
        names, _problems = disabled_agents(self.cwd, self.env)
        self._later(self._switched, switched, names)

    def _switched(self, switched: Switched, names: frozenset[str]) -> None:
        self.disabled = names
        self.screen.disabled_changed(names)
        self.screen.notify(switched.message(short_path),
                           title="Enabled" if switched.enabled else "Disabled", timeout=8)


def heading(change: FileChange, ref: str) -> str:
    """The field diff's title: ``.claude/agents/a.md: renamed from b.md since main, staged``."""
    state = change.state.value
    if change.state is GitState.RENAMED and change.old_path is not None:
        state += f" from {short_path(change.old_path)}"
    staged = ", staged" if change.staged else ""
    return f"{short_path(change.path)}: {state} since {ref}{staged}"
