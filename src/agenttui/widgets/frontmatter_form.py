"""The frontmatter as a form built from the field declaration, with problems beside each field."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Static

from agenttui.model import AgentDocument, Problem, Severity
from agenttui.model.formats import DEFAULT_KIND
from agenttui.model.schema import BY_KEY, FIELDS, Field, Kind
from agenttui.widgets.field_editors import FieldEditor, editor_for
from agenttui.widgets.labels import literal
from agenttui.widgets.styling import foreground, on_theme_change

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


class FieldRow(Vertical):
    """A field's label, help, editor and problems, coloured by its component classes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "field-row--key", "field-row--required", "field-row--error", "field-row--warning",
        "field-row--info", "field-row--not-applied"}

    def __init__(self, field: Field, editor: FieldEditor) -> None:
        # a key the file made up may hold anything; only a plain one can be part of an id
        plain = _PLAIN_KEY.fullmatch(field.key) is not None
        super().__init__(classes="field-row", id=f"field-{field.key}" if plain else None)
        self._shown_problems: tuple[list[Problem], str | None] | None = None
        self.field = field
        self.editor = editor

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-line"):  # the key beside its value: one line a field
            yield Label(literal(self.field.key), classes="field-label")
            yield self.editor
        yield Label(literal(self.field.help), classes="field-help")  # shown while in it
        yield Static("", classes="field-problems")

    def on_mount(self) -> None:
        self._draw_label()
        self._keep_text_on_focus()
        on_theme_change(self, self._restyle)

    def _keep_text_on_focus(self) -> None:
        """Focusing a field (``1``, tab, a reload) selects nothing: with the whole value
        selected, the next key typed replaced it (a name became `z`)."""
        for box in self.query(Input).results(Input):
            box.select_on_focus = False

    async def show_value(self, value: Any, present: bool,
                         known_tools: tuple[str, ...]) -> None:
        """Show another agent's value (or the same one read again) in this row."""
        if self.editor.show_value(value, present, known_tools):
            return
        editor = editor_for(self.field, value, present, known_tools)
        await self.editor.remove()
        self.editor = editor
        await self.mount(editor, before=self.query_one(".field-problems"))
        self._keep_text_on_focus()

    def show_problems(self, problems: list[Problem], invalid: str | None = None) -> None:
        shown = self.query(".field-problems")
        if not shown or (problems, invalid) == self._shown_problems:
            return
        self._shown_problems = (list(problems), invalid)
        shown.first(Static).update(self._problem_text(problems, invalid))
        bad = invalid is not None or any(p.severity is Severity.ERROR for p in problems)
        self.set_class(bool(problems) or invalid is not None, "-has-problems")
        self.set_class(bad, "-invalid")
        self.set_class(bool(problems) and not bad, "-warned")

    def forget_problems(self) -> None:
        self._shown_problems = None

    def _draw_label(self) -> None:
        title = literal(self.field.key, foreground(self, "field-row--key"))
        if self.field.required:
            title.append(" *", style=foreground(self, "field-row--required"))
        self.query_one(".field-label", Label).update(title)

    def _problem_text(self, problems: list[Problem], invalid: str | None) -> Text:
        text = Text()
        for problem in problems:
            style = foreground(self, f"field-row--{problem.severity.value}")
            text.append(f"{problem.code} ", style=style + Style(bold=True))
            text.append_text(literal(problem.message, style))
            text.append("\n")
        if invalid:
            text.append(f"not applied: {invalid}\n",
                        style=foreground(self, "field-row--not-applied"))
        text.rstrip()
        return text

    def _restyle(self) -> None:
        """Draw the label and the problems again in the colours of a new theme."""
        self._draw_label()
        if self._shown_problems is not None:
            self.query_one(".field-problems", Static).update(
                self._problem_text(*self._shown_problems))


class FrontmatterForm(VerticalScroll):
    """Built by ``load``; posts ``FieldEdited`` for every change the user makes.

    Every ``load`` starts a new ``generation``, and each ``FieldEdited`` says which one it
    was made in: an edit still on its way up when the form is rebuilt (a reload after the
    file changed on disk, another agent) is stale, and the screen drops it. Changes from
    editors of an earlier build that arrive after the rebuild are dropped here.
    """

    class FieldEdited(Message):
        def __init__(self, key: str, value: Any, generation: int) -> None:
            super().__init__()
            self.key = key
            self.value = value
            self.generation = generation

    can_focus = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: dict[str, FieldRow] = {}
        self._invalid: dict[str, str] = {}
        self._built_kind = DEFAULT_KIND  # the kind of file the rows were built for
        self.generation = 0  # how many times the form was built

    async def load(self, doc: AgentDocument | None, known_tools: tuple[str, ...],
                   read_only: bool, kind: str = DEFAULT_KIND) -> None:
        """Show ``doc`` (None: nothing is open), a file of ``kind`` with its fields, types
        and choices as that kind's declaration gives them: in the rows already built when
        it is a Claude Code agent with the same fields as the last (every agent but those
        with keys of their own), else in new rows."""
        self.generation += 1
        self._invalid = {}
        specs = (_claude_fields(doc.fields) if doc is not None and doc.fields_editable
                 and kind == DEFAULT_KIND else None)
        if (specs is not None and self._built_kind == kind
                and list(self._rows) == [f.key for f in specs]):
            assert doc is not None
            fields = doc.fields
            for key, row in self._rows.items():
                await row.show_value(fields.get(key), key in fields, known_tools)
            self.disabled = read_only
            self._shown_problems_stale()
            return
        await self.remove_children()
        self._rows = {}
        if doc is None:
            await self.mount(Static("Choose an agent in the tree (enter).", classes="empty"))
            return
        if not doc.fields_editable:
            await self.mount(Static(_read_only_reason(doc), classes="read-only-note"))
            return
        fields = doc.fields
        rows = [FieldRow(f, editor) for f, editor in _editors(kind, fields, known_tools)]
        self._built_kind = kind
        self._rows = {row.field.key: row for row in rows}
        await self.mount_all(rows)
        self.disabled = read_only

    def _shown_problems_stale(self) -> None:
        """The rows show another agent's problems until ``show_problems`` is called."""
        for row in self._rows.values():
            row.forget_problems()

    def show_problems(self, problems: list[Problem]) -> None:
        for key, row in self._rows.items():
            row.show_problems([p for p in problems if p.field == key], self._invalid.get(key))

    def focus_field(self, key: str) -> bool:
        row = self._rows.get(key)
        if row is None:
            return False
        focusable = [w for w in row.editor.query("*") if w.focusable]
        if focusable:  # at once: the keys typed next go to the field, not where focus was
            self.screen.set_focus(focusable[0])
        row.scroll_visible()
        return True

    def focus_first(self) -> bool:
        """Focus the first field (False when the form has none: no agent, locked or
        read-only)."""
        for key in self._rows:
            self.focus_field(key)
            if self.focused_field is not None:
                return True
        return False

    @property
    def focused_field(self) -> str | None:
        """The key of the field holding the focus, if one does."""
        focused = self.screen.focused
        for key, row in self._rows.items():
            if focused is not None and row in focused.ancestors:
                return key
        return None

    def differs_from(self, doc: AgentDocument) -> bool:
        """Whether a field shows something else than ``doc`` has: typing whose edit is
        still on its way up."""
        fields = doc.fields
        return any(row.editor.differs(fields.get(key), key in fields)
                   for key, row in self._rows.items())

    @property
    def field_help(self) -> list[tuple[str, str]]:
        """Each field of the form, in its order, with its help: what a jump offers."""
        return [(key, row.field.help) for key, row in self._rows.items()]

    @property
    def invalid_fields(self) -> dict[str, str]:
        return dict(self._invalid)

    def on_field_editor_changed(self, event: FieldEditor.Changed) -> None:
        event.stop()
        if not self._current(event.editor):
            return
        self._invalid.pop(event.key, None)
        self.post_message(self.FieldEdited(event.key, event.value, self.generation))

    def on_field_editor_invalid(self, event: FieldEditor.Invalid) -> None:
        event.stop()
        if not self._current(event.editor):
            return
        self._invalid[event.key] = event.reason
        self._rows[event.editor.field.key].show_problems([], event.reason)

    def _current(self, editor: FieldEditor) -> bool:
        """Whether ``editor`` belongs to this build of the form (not a removed one)."""
        row = self._rows.get(editor.field.key)
        return row is not None and row.editor is editor


def _editors(kind: str, fields: dict[str, Any],
             known_tools: tuple[str, ...]) -> list[tuple[Field, FieldEditor]]:
    """Each row's field and editor: Claude Code's agents from ``schema``, other kinds from
    their declaration (``model.formats.form_fields``)."""
    if kind == DEFAULT_KIND:
        return [(f, editor_for(f, fields.get(f.key), f.key in fields, known_tools))
                for f in _claude_fields(fields)]
    from agenttui.model.formats import get
    from agenttui.model.formats.form_fields import form_fields, form_tools
    from agenttui.widgets.format_editors import format_editor_for

    fmt = get(kind)
    tools = form_tools(fmt, known_tools)
    return [(f, format_editor_for(f, fields.get(f.key), f.key in fields, tools,
                                  fmt.tools_style)) for f in form_fields(fmt, fields)]


def _claude_fields(fields: dict[str, Any]) -> list[Field]:
    """A Claude Code agent's form fields: every declared one, then the file's own keys."""
    extra = [Field(key, Kind.YAML, "Not a field Claude Code reads; kept as written.")
             for key in fields if key not in BY_KEY]
    return [*FIELDS, *extra]


def _read_only_reason(doc: AgentDocument) -> Text:
    text = Text("The fields cannot be edited until the file is repaired:\n\n", style="bold")
    for problem in doc.problems:
        if problem.severity is Severity.ERROR:
            text.append_text(literal(f"{problem.code}  {problem.message}\n"))
    text.append("\nThe raw file (File tab) shows what is there; `e` opens it in your editor.")
    return text
