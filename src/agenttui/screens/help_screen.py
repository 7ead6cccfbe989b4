"""Every key, in one place."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

KEYS: tuple[tuple[str, str], ...] = (
    ("/", "filter: a flat list, best first: the exact name, names starting with it, "
          "holding it, then fuzzy (textual.fuzzy scores); ties in tree order"),
    ("f5", "read the folders again (they are also watched: changes outside show)"),
    ("ctrl+g", "go to a field by name (in the agent)"),
    ("escape", "clear the filter / back to the tree / close a dialog"),
    ("tab / shift+tab", "next / previous pane or field"),
    ("escape (in the prompt)", "leave the prompt editor, where tab indents"),
    ("j / k, ↓ / ↑", "move in the tree"),
    ("enter", "open the agent under the cursor"),
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
    ("ctrl+p", "command palette: go to agent, themes, …"),
    ("?", "this help"),
    ("q", "quit (when not typing)"),
    ("ctrl+q", "quit from anywhere"),
)

LEGEND: tuple[tuple[str, str], ...] = (
    ("A", "added since the git reference"),
    ("M", "modified"),
    ("D", "deleted (the row shows it as it was)"),
    ("R", "renamed (or moved)"),
    ("?", "untracked: new, not yet added to git"),
    ("+", "after a letter: staged, the index holds changes not yet committed"),
    ("(disabled)", "turned off by a deny rule Agent(name) in a settings file"),
    ("✗N ⚠N * ro", "errors, warnings, unsaved edits, read-only"),
)
"""What the marks of the agent list mean."""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for key, what in KEYS:
            table.add_row(key, what)
        legend = Table.grid(padding=(0, 2))
        legend.add_column(style="bold")
        legend.add_column()
        for mark, what in LEGEND:
            legend.add_row(mark, what)
        with Vertical(id="help-dialog"):
            yield Label("agenttui keys", id="help-title")
            with VerticalScroll():
                yield Static(table)
                yield Label("Marks in the list", id="help-legend-title")
                yield Static(legend)
            yield Label("escape closes", classes="hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
