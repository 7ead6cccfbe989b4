"""One editor per kind of frontmatter field, each posting ``FieldEditor.Changed`` upwards.

An editor turns what the user typed into a field value; ``UNSET`` means "remove the field".
Values that cannot be read yet (half-typed YAML, a non-number) post ``Invalid`` instead, so the
document is never given something the user did not mean.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select, Static, Switch, TextArea

from agenttui.model.schema import Field, Kind
from agenttui.model.tools import parse_tools
from agenttui.model.yamlsafe import load_value
from agenttui.widgets.labels import literal, swatch_style
from agenttui.widgets.safe_inputs import SafeInput, SafeTextArea

UNSET: Any = object()


class FieldEditor(Vertical):
    """Base: holds the field it edits and posts what the user meant."""

    class Changed(Message):
        def __init__(self, editor: FieldEditor, value: Any) -> None:
            super().__init__()
            self.editor = editor
            self.key = editor.field.key
            self.value = value

    class Invalid(Message):
        def __init__(self, editor: FieldEditor, reason: str) -> None:
            super().__init__()
            self.editor = editor
            self.key = editor.field.key
            self.reason = reason

    def __init__(self, field: Field, value: Any, present: bool) -> None:
        super().__init__(classes="field-editor")
        self.field = field
        self.value = value
        self.present = present
        self._last: Any = self.baseline()

    def baseline(self) -> Any:
        """What the editor would post for its initial state (widgets post it on mount)."""
        return self.value if self.present else UNSET

    def show_value(self, value: Any, present: bool, known_tools: tuple[str, ...]) -> bool:
        """Show another agent's ``value`` (or the same agent's, read again) in this editor's
        widgets, posting nothing, and keep the cursor where it was; False when this editor
        cannot (the form then builds a new one). Moving the list's cursor shows every
        agent's fields: updating widgets in place costs a fraction of mounting new ones."""
        return False

    def differs(self, value: Any, present: bool) -> bool:
        """Whether the widget shows something else than ``value``: typing whose edit is
        still on its way up (or a value that cannot be applied yet)."""
        return False

    def _now_showing(self, value: Any, present: bool) -> None:
        """Take ``value`` as the one shown: what the widgets post for it is no edit."""
        self.value, self.present = value, present
        self._last = self.baseline()

    def emit(self, value: Any) -> None:
        """Post ``value`` unless it is what was last posted (or shown at first)."""
        if value is self._last or (type(value) is type(self._last) and value == self._last):
            return
        self._last = value
        self.post_message(self.Changed(self, value))

    def invalid(self, reason: str) -> None:
        self.post_message(self.Invalid(self, reason))


class TextEditor(FieldEditor):
    def baseline(self) -> Any:
        text = self.value if isinstance(self.value, str) else ""
        return text if text or self.field.required else UNSET

    def compose(self) -> ComposeResult:
        text = self.value if isinstance(self.value, str) else ""
        suggester = SuggestFromList(self.field.choices) if self.field.choices else None
        yield SafeInput(text, placeholder=self.field.default or "", suggester=suggester,
                        compact=True)

    def show_value(self, value: Any, present: bool, known_tools: tuple[str, ...]) -> bool:
        self._now_showing(value, present)
        set_text(self.query_one(Input), value if isinstance(value, str) else "")
        return True

    def differs(self, value: Any, present: bool) -> bool:
        return self.query_one(Input).value != (value if isinstance(value, str) else "")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.emit(event.value if event.value or self.field.required else UNSET)


class LongTextEditor(FieldEditor):
    baseline = TextEditor.baseline

    def compose(self) -> ComposeResult:
        text = self.value if isinstance(self.value, str) else ""
        yield SafeTextArea(text, soft_wrap=True, show_line_numbers=False,
                           tab_behavior="focus", compact=True)

    def show_value(self, value: Any, present: bool, known_tools: tuple[str, ...]) -> bool:
        self._now_showing(value, present)
        set_area_text(self.query_one(TextArea), value if isinstance(value, str) else "")
        return True

    def differs(self, value: Any, present: bool) -> bool:
        return self.query_one(TextArea).text != (value if isinstance(value, str) else "")

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        self.emit(text if text or self.field.required else UNSET)


class ChoiceEditor(FieldEditor):
    def compose(self) -> ComposeResult:
        current = self.value if isinstance(self.value, str) else Select.NULL
        yield Select(self._options(), value=current, prompt="(not set)", allow_blank=True,
                     compact=True)

    def show_value(self, value: Any, present: bool, known_tools: tuple[str, ...]) -> bool:
        own = self._own_choice()
        self._now_showing(value, present)
        select = self.query_one(Select)
        if self._own_choice() != own:
            select.set_options(self._options())
        current = value if isinstance(value, str) else Select.NULL
        if select.value != current:
            select.value = current
        return True

    def _own_choice(self) -> str | None:
        """The file's value when it is none of the field's choices (offered too)."""
        value = self.value
        return value if isinstance(value, str) and value not in self.field.choices else None

    def _options(self) -> list[tuple[Text, str]]:
        options = [(self._prompt(choice), choice) for choice in self.field.choices]
        own = self._own_choice()
        if own is not None:
            options.append((self._prompt(own), own))
        return options

    def _prompt(self, choice: str) -> Text:
        """A value from the file, so never markup and never a control sequence; a colour
        comes with a swatch in that colour."""
        if self.field.key != "color":
            return literal(choice)
        return Text.assemble(("■ ", swatch_style(choice)), literal(choice))

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        value = event.value
        self.emit(UNSET if value is Select.NULL else value)


class IntegerEditor(FieldEditor):
    def baseline(self) -> Any:
        return self.value if isinstance(self.value, int) else UNSET

    def compose(self) -> ComposeResult:
        text = str(self.value) if self.present and self.value is not None else ""
        yield SafeInput(text, type="integer", placeholder="(not set)", compact=True)

    def show_value(self, value: Any, present: bool, known_tools: tuple[str, ...]) -> bool:
        self._now_showing(value, present)
        set_text(self.query_one(Input), str(value) if present and value is not None else "")
        return True

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if not event.value:
            self.emit(UNSET)
        elif event.value.lstrip("-").isdigit():
            self.emit(int(event.value))
        else:
            self.invalid("a whole number")


class BooleanEditor(FieldEditor):
    def baseline(self) -> Any:
        return self.value is True or str(self.value).lower() in ("yes", "on", "true")

    def compose(self) -> ComposeResult:
        yield Switch(value=self.baseline())

    def show_value(self, value: Any, present: bool, known_tools: tuple[str, ...]) -> bool:
        self._now_showing(value, present)
        self.query_one(Switch).value = self.baseline()
        return True

    @on(Switch.Changed)
    def _changed(self, event: Switch.Changed) -> None:
        event.stop()
        self.emit(event.value)


class ListEditor(FieldEditor):
    """Comma-separated entries in one line (skills)."""

    def baseline(self) -> Any:
        entries = self.value if isinstance(self.value, list) else parse_tools(self.value)
        return list(map(str, entries)) or UNSET

    def compose(self) -> ComposeResult:
        entries = self.value if isinstance(self.value, list) else parse_tools(self.value)
        yield SafeInput(", ".join(map(str, entries)), placeholder="name, name, …",
                        compact=True)

    def show_value(self, value: Any, present: bool, known_tools: tuple[str, ...]) -> bool:
        self._now_showing(value, present)
        entries = value if isinstance(value, list) else parse_tools(value)
        set_text(self.query_one(Input), ", ".join(map(str, entries)))
        return True

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        entries = parse_tools(event.value)
        self.emit(entries if entries else UNSET)


class ToolsLine(Static, can_focus=True):
    """The tools on one line; focusable, so tab stops on it and enter opens the picker."""


class ToolsEditor(FieldEditor):
    """The tools on one line (``Read, Grep, Bash +2``); enter, space or a click opens the
    picker (``ToolsDialog``) of every known tool. The value keeps the file's shape: a list
    where the file has one, else a comma-separated string, as ``set`` writes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "pick", "Pick tools", show=False)]

    def __init__(self, field: Field, value: Any, present: bool,
                 known: tuple[str, ...]) -> None:
        super().__init__(field, value, present)
        entries = parse_tools(value)
        self.known = tuple(dict.fromkeys([*known, *entries]))
        self.chosen = entries
        self._last = self._shaped(entries)

    def compose(self) -> ComposeResult:
        yield ToolsLine(self._summary(), classes="tools-summary")

    def show_value(self, value: Any, present: bool, known_tools: tuple[str, ...]) -> bool:
        entries = parse_tools(value)
        self.value, self.present, self.chosen = value, present, entries
        self.known = tuple(dict.fromkeys([*known_tools, *entries]))
        self._last = self._shaped(entries)
        self.query_one(ToolsLine).update(self._summary())
        return True

    def on_resize(self) -> None:
        self.query_one(ToolsLine).update(self._summary())

    def on_click(self) -> None:
        self.action_pick()

    def action_pick(self) -> None:
        from agenttui.screens.tools_dialog import ToolsDialog

        self.app.push_screen(ToolsDialog(f"{self.field.key}: tick the tools (space), "
                                         "ctrl+s to keep them", self.known, self.chosen),
                             self._picked)

    def _picked(self, chosen: list[str] | None) -> None:
        if chosen is None:
            return
        self.chosen = chosen
        self.known = tuple(dict.fromkeys([*self.known, *chosen]))
        self.query_one(ToolsLine).update(self._summary())
        self.emit(self._shaped(chosen))

    def _shaped(self, entries: list[str]) -> Any:
        if not entries:
            return UNSET
        return list(entries) if isinstance(self.value, list) else ", ".join(entries)

    def _summary(self) -> Text:
        width = max(self.size.width - 2, 20) if self.size.width else 60
        empty = "(none: all tools)" if self.field.key == "tools" else "(none)"
        return literal(tools_summary(self.chosen, width) or empty)


def tools_summary(tools: list[str], width: int) -> str:
    """As many of ``tools`` as fit in ``width`` cells, then how many more: ``Read, Grep +2``."""
    shown: list[str] = []
    for index, tool in enumerate(tools):
        rest = len(tools) - index - 1
        line = ", ".join([*shown, tool]) + (f" +{rest}" if rest else "")
        if len(line) > width and shown:
            return ", ".join(shown) + f" +{len(tools) - len(shown)}"
        shown.append(tool)
    return ", ".join(shown)


class YamlEditor(FieldEditor):
    """Structured values (hooks, mcpServers, unknown keys) edited as YAML text."""

    def compose(self) -> ComposeResult:
        text = _as_yaml(self.value) if self.present else ""
        # tab moves to the next field, as everywhere in the form (YAML indents with spaces)
        yield SafeTextArea(text, language="yaml", show_line_numbers=False,
                           tab_behavior="focus", compact=True)

    def show_value(self, value: Any, present: bool, known_tools: tuple[str, ...]) -> bool:
        self._now_showing(value, present)
        set_area_text(self.query_one(TextArea), _as_yaml(value) if present else "")
        return True

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        if not text.strip():
            self.emit(UNSET)
            return
        value, issue = load_value(text)
        if issue is not None:
            self.invalid(f"not valid YAML yet: {issue.message}")
        else:
            self.emit(value)


def set_text(box: Input, text: str) -> None:
    """Show ``text`` in ``box`` keeping its cursor where it was (within the new text) and
    selecting nothing: a reload must not leave a whole field selected for the next key."""
    if box.value != text:
        cursor = box.cursor_position
        box.value = text
        box.cursor_position = min(cursor, len(text))


def set_area_text(area: TextArea, text: str) -> None:
    """Show ``text`` in ``area`` keeping its cursor on the same line and column (within the
    new text), with nothing selected and no undo back into the text shown before."""
    if area.text != text:
        row, column = area.cursor_location
        area.load_text(text)
        last = area.document.line_count - 1
        row = min(row, last)
        area.cursor_location = (row, min(column, len(area.document.get_line(row))))


def _as_yaml(value: Any) -> str:
    import yaml

    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True,
                          default_flow_style=False).rstrip("\n")


def editor_for(
    field: Field, value: Any, present: bool, known_tools: tuple[str, ...]
) -> FieldEditor:
    if field.kind is Kind.TOOLS:
        return ToolsEditor(field, value, present, known_tools)
    editors: dict[Kind, type[FieldEditor]] = {
        Kind.TEXT: TextEditor, Kind.LONG_TEXT: LongTextEditor, Kind.CHOICE: ChoiceEditor,
        Kind.INTEGER: IntegerEditor, Kind.BOOLEAN: BooleanEditor, Kind.STRING_LIST: ListEditor,
        Kind.YAML: YamlEditor,
    }
    if field.kind is Kind.CHOICE and field.open:
        return TextEditor(field, value, present)
    return editors[field.kind](field, value, present)
