"""Every key, in one place."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

RULE = ("Which agent a key acts on: the one under the list's cursor, which the detail always "
        "shows (it follows the cursor, read-only until you enter it). With the focus in the "
        "detail, the agent you are editing, which is that same agent. An agent with unsaved "
        "edits is kept when the cursor moves on: the list marks it *, the detail's title and "
        "the status line name it, and entering another agent asks to save or discard them.")

LEGEND: tuple[tuple[str, str], ...] = (
    ("●", "the agent's colour (its `color` field)"),
    ("*", "unsaved edits"),
    ("✗N", "N errors: Claude Code skips, rejects or misreads something"),
    ("⚠N", "N warnings: loads, but other tools or people may read it otherwise"),
    ("ro", "read-only (a plugin agent, or a file agenttui cannot write back as read)"),
    ("(shadowed)", "a higher scope's agent of the same name hides it"),
    ("▼ / ▶ N", "an unfolded / folded scope or folder holding N agents"),
    ("A", "added since the git reference"),
    ("M", "modified"),
    ("D", "deleted (the row shows it as it was)"),
    ("R", "renamed (or moved)"),
    ("?", "untracked: new, not yet added to git"),
    ("+", "after a letter: staged, the index holds changes not yet committed"),
    ("(disabled)", "turned off by a deny rule Agent(name) in a settings file"),
)
"""What the marks of the agent list mean."""

KEYS: tuple[tuple[str, str], ...] = (
    ("/", "filter: a flat list, best first: the exact name, names starting with it, "
          "holding it, then fuzzy (textual.fuzzy scores); ties in tree order"),
    ("f5", "read the folders again (they are also watched: changes outside show)"),
    ("ctrl+g", "go to a field by name (in the agent)"),
    ("escape", "clear the filter / back to the tree / close a dialog"),
    ("tab / shift+tab", "next / previous pane or field"),
    ("escape (in the prompt)", "leave the prompt editor, where tab indents"),
    ("j / k, ↓ / ↑", "move in the tree; the detail shows the agent under the cursor"),
    ("enter / tab", "edit the agent shown (its form, the focus in it)"),
    ("1 2 3 4", "Fields / Prompt / Preview / File tab, focus in it (when not typing)"),
    ("] / [", "next / previous agent with problems; in the changed-only view, next / "
              "previous changed agent"),
    ("g", "only the agents changed since the git reference (again: every agent)"),
    ("D", "what changed in the agent since the git reference, field by field"),
    ("o", "disable / enable the agent: a deny rule Agent(name) in .claude/settings.json"),
    ("ctrl+s", "save (errors block the save; warnings do not)"),
    ("d", "diff between the file on disk and your edits"),
    ("ctrl+r", "revert: discard your edits"),
    ("f", "fix non-strict YAML (asks first when the fix is a guess)"),
    ("v", "show the description's \\n sequences as line breaks in the preview"),
    ("e", "open the file in $VISUAL / $EDITOR, reload after"),
    ("y", "copy the agent's path (OSC 52: works over SSH)"),
    ("n / c / r", "new agent / duplicate / rename"),
    ("delete or x / u", "delete to the trash / undo the last delete"),
    ("m", "move or copy to another scope"),
    ("t / C", "only the next kind of file, then every kind / convert to another tool's format"),
    ("ctrl+p", "command palette: every action with its key, go to agent, themes, …"),
    ("?", "this help"),
    ("q", "quit (when not typing)"),
    ("ctrl+q", "quit from anywhere"),
)



class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
        Binding("space,pagedown", "scroll_page(1)", "Page down", show=False),
        Binding("b,pageup", "scroll_page(-1)", "Page up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Label("agenttui keys", id="help-title")
            with VerticalScroll():
                yield Static(_table(KEYS))
                yield Label("\nWhich agent", classes="help-heading")
                yield Static(RULE)
                yield Label("\nIn the list", classes="help-heading")
                yield Static(_table(LEGEND))
            yield Label("j / k scroll · escape closes", classes="hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_scroll_page(self, pages: int) -> None:
        box = self.query_one(VerticalScroll)
        box.scroll_relative(y=pages * max(1, box.size.height - 1), animate=False)


def _table(rows: tuple[tuple[str, str], ...]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for key, what in rows:
        table.add_row(key, what)
    return table
