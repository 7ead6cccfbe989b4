"""The terminal app, and the one factory that builds it for the CLI, tests and benchmarks."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.notifications import SeverityLevel
from textual.screen import Screen

from agenttui.bench import bench_marker
from agenttui.model.formats import DEFAULT_KIND, DISCOVERED, get
from agenttui.screens.main_screen import MainScreen
from agenttui.storage.discovery import DiscoveryError, Root, find_roots
from agenttui.widgets.labels import one_line, visible


class GoToAgent(Provider):
    """Command palette entries: "go to <agent>" for every agent in the catalog."""

    async def search(self, query: str) -> Hits:
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        matcher = self.matcher(query)
        for agent in screen.catalog.agents:
            text = f"go to {visible(agent.display_name)}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text),
                          lambda path=agent.path: screen.open_path(path), text=text,
                          help=escape(one_line(agent.description, 70)))


ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Save", "ctrl+s", "save"),
    ("Diff: the file on disk against your edits", "d", "diff"),
    ("Fix non-strict YAML", "f", "fix"),
    ("Revert: discard your edits", "ctrl+r", "revert"),
    ("New agent", "n", "new_agent"),
    ("Duplicate the agent", "c", "duplicate_agent"),
    ("Rename the agent (name and file)", "r", "rename_agent"),
    ("Delete the agent to the trash", "x", "delete_agent"),
    ("Undo the last delete", "u", "undo_delete"),
    ("Move or copy to another scope", "m", "transfer_agent"),
    ("Copy the agent's path", "y", "copy_path"),
    ("Open in the external editor ($VISUAL / $EDITOR)", "e", "external_edit"),
    ("Newline view: show the description's \\n as line breaks", "v", "toggle_newlines"),
    ("Next agent with problems", "]", "next_problem"),
    ("Previous agent with problems", "[", "previous_problem"),
    ("Validate all: count the agents with problems, go to the first", "palette",
     "first_problem"),
    ("Changed agents only (since the git reference), or every agent again", "g",
     "toggle_changed"),
    ("Field diff since the git reference", "D", "field_diff"),
    ("Next changed agent", "] in the changed-only view", "next_change"),
    ("Previous changed agent", "[ in the changed-only view", "previous_change"),
    ("Disable or enable the agent: a deny rule Agent(name) in .claude/settings.json", "o",
     "toggle_enabled"),
    ("Convert to another tool's format: OpenCode, Copilot, Gemini CLI, Cursor, Factory, "
     "a Claude Code skill or command…", "C", "convert_agent"),
    ("Next kind of file: narrow the list to one kind, then every kind again", "t",
     "cycle_kind"),
    ("Read the folders again", "f5", "rescan"),
    ("Filter the list", "/", "filter"),
    ("Help: every key and badge", "?", "help"),
)
"""The screen's actions in the command palette: what it says, its key, the action."""


class Actions(Provider):
    """Every action of the main screen, with its key, acting as its key does (on the agent
    under the list's cursor, which the detail shows). The theme is Textual's own entry."""

    async def discover(self) -> Hits:
        for hit in self._hits(None):
            yield hit

    async def search(self, query: str) -> Hits:
        for hit in self._hits(self.matcher(query)):
            yield hit

    def _hits(self, matcher: Matcher | None) -> Iterator[Hit]:
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        for title, key, action in ACTIONS:
            text = f"{title}  ({key})"
            score = matcher.match(text) if matcher is not None else 1.0
            if score > 0:
                yield Hit(score, _highlight(matcher, text) if matcher else Content(text),
                          partial(screen.call_later, screen.perform, action), text=text)


def _highlight(matcher: Matcher, text: str) -> Content:
    """``matcher.highlight`` reads its text as markup; names from files are plain text."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class AgentTuiApp(App[None]):
    """Browse, validate and edit agent definition files."""

    CSS_PATH = "app.tcss"
    TITLE = "agenttui"
    COMMANDS = App.COMMANDS | {Actions, GoToAgent}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, roots: list[Root], *, cwd: Path | None = None,
                 env: Mapping[str, str] | None = None, review: str | bool = False) -> None:
        super().__init__()
        self.roots = roots
        self.cwd = cwd
        self.env = env
        self.review = review

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.roots, cwd=self.cwd, env=self.env, review=self.review)

    def on_ready(self) -> None:
        bench_marker("first-frame")
        if isinstance(self.screen, MainScreen):
            self.screen.after_first_frame()

    async def action_quit(self) -> None:
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.confirm_leave(self.exit)
        else:
            self.exit()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification is plain text: messages quote names, values and paths from files,
        which must show as written (never as markup or control sequences)."""
        super().notify(visible(message), title=visible(title), severity=severity,
                       timeout=timeout, markup=False)


def make_app(paths: Sequence[str] = (), *, cwd: Path | None = None,
             env: Mapping[str, str] | None = None, review: str | bool = False,
             kind: str = "all") -> AgentTuiApp:
    """Build the app on ``paths`` (or the discovered scopes) showing the files of ``kind``:
    every format's (``all``, the default: Claude Code's agents, skills and commands and
    the other tools' agents found where each tool looks) or one kind's
    (``model.formats.KINDS``). With ``review`` (a git reference, or True for the default
    one) it opens as a review: only the agents changed since the reference, the cursor on
    the first. Raises ``DiscoveryError`` (a bad path) and ``UnknownKind``."""
    values = env if env is not None else os.environ
    if kind == DEFAULT_KIND:  # Claude Code's agents alone: no other declaration is read
        roots = find_roots(paths, cwd=cwd, env=values)
    else:
        from agenttui.storage.format_discovery import find_kind_roots

        kinds = list(DISCOVERED) if kind == "all" else [get(kind).kind]
        roots = find_kind_roots(kinds, paths, cwd=cwd, env=values)
    return AgentTuiApp(roots, cwd=cwd, env=env, review=review)


def run(paths: Sequence[str], kind: str = "all") -> int:
    try:
        app = make_app(paths, kind=kind)
    except DiscoveryError as exc:
        print(f"agenttui: {exc}", file=sys.stderr)
        return 1
    app.run()
    return 0
