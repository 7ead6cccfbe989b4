"""What changed in one agent since the git reference, field by field: ``model: sonnet → opus``,
``tools: +Bash −Write``, the description and the body as text diffs, and the errors the
change brings. (``diff_screen`` shows unsaved edits against the disk; this is the review's.)"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from agenttui.model.fielddiff import DocumentDiff, FieldChange, one_line
from agenttui.text import visible
from agenttui.widgets.labels import literal
from agenttui.widgets.styling import foreground, on_theme_change

Piece = tuple[str, str]
"""A run of text and its kind: ``""`` (plain), ``field``, ``inserted``, ``deleted``,
``hunk``, ``note`` or ``error`` (component class ``field-diff-screen--<kind>``)."""
KINDS = ("field", "inserted", "deleted", "hunk", "note", "error")
_LINE_KINDS = {"+": "inserted", "-": "deleted", "@": "hunk"}


def diff_rows(diff: DocumentDiff) -> list[list[Piece]]:
    """The lines the screen shows, each as pieces of text with their kind; text from the file
    made visible (no control character reaches the terminal)."""
    rows = [row for change in diff.fields for row in _field_rows(change)]
    if diff.body_diff:
        rows += [[("body:", "field")], *_text_rows(diff.body_diff)]
    if diff.text_diff:
        rows += [[("file (its fields cannot be read):", "field")], *_text_rows(diff.text_diff)]
    if diff.same_values and not rows:
        rows.append([("Same fields and body: only the way they are written changed.", "note")])
    rows += [[(visible(f"new error {p.code}: {p.message}"), "error")] for p in diff.new_errors]
    return rows or [[("No change since the reference.", "note")]]


def _field_rows(change: FieldChange) -> list[list[Piece]]:
    name = (visible(f"{change.field}:"), "field")
    if change.added_items or change.removed_items:
        items = ([(f" +{visible(i)}", "inserted") for i in change.added_items]
                 + [(f" −{visible(i)}", "deleted") for i in change.removed_items])
        return [[name, *items]]
    if change.diff:
        return [[name], *_text_rows(change.diff)]
    before = visible(one_line(change.before, change.kind == "added"))
    after = visible(one_line(change.after, change.kind == "removed"))
    return [[name, (" ", ""), (before, "deleted"), (" → ", ""), (after, "inserted")]]


def _text_rows(lines: tuple[str, ...]) -> list[list[Piece]]:
    return [[(f"  {visible(line)}", _LINE_KINDS.get(line[:1], ""))] for line in lines]


class FieldDiffScreen(ModalScreen[None]):
    """A changed agent's fields, before → after, coloured by kind with the theme (app.tcss);
    scrolls with the keyboard, escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,D", "close", "Close"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"field-diff-screen--{kind}" for kind in KINDS}

    def __init__(self, diff: DocumentDiff, title: str) -> None:
        super().__init__()
        self.rows = diff_rows(diff)
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="field-diff-dialog"):
            yield Label(literal(self.title_text), id="field-diff-title")
            with VerticalScroll():
                yield Static(id="field-diff-text")
            yield Label("↑ ↓ pageup pagedown scroll · escape closes", classes="hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
        self._draw()
        on_theme_change(self, self._draw)

    def action_close(self) -> None:
        self.dismiss(None)

    def _draw(self) -> None:
        text = Text()
        for number, row in enumerate(self.rows):
            if number:
                text.append("\n")
            for piece, kind in row:
                text.append(piece, style=foreground(self, f"field-diff-screen--{kind}")
                            if kind else "")
        self.query_one("#field-diff-text", Static).update(text)
