"""The editors of the field kinds other formats declare: a number (OpenCode's and Gemini
CLI's ``temperature``), a map of tools to true or false (OpenCode's ``tools``) as ticks, and
a list of tools written as a YAML list (Gemini CLI, Factory, Copilot). Each posts
``FieldEditor.Changed`` as the form's editors do; the others come from ``editor_for``."""

from __future__ import annotations

import math
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input

from agenttui.model.schema import Field, Kind
from agenttui.widgets.field_editors import (
    UNSET,
    FieldEditor,
    ToolsEditor,
    ToolsLine,
    editor_for,
    tools_summary,
)
from agenttui.widgets.labels import literal
from agenttui.widgets.safe_inputs import SafeInput


def format_editor_for(field: Field, value: Any, present: bool, known_tools: tuple[str, ...],
                      tools_style: str = "csv") -> FieldEditor:
    """The editor of ``field``; ``tools_style`` says how the format writes a tool list
    it has none of yet (``csv``: ``Read, Grep``; ``list``: ``[read_file, grep]``)."""
    if field.kind is Kind.NUMBER:
        return NumberEditor(field, value, present)
    if field.kind is Kind.TOOL_MAP:
        return ToolMapEditor(field, value, present, known_tools)
    if field.kind is Kind.TOOLS and tools_style == "list":
        return ToolListEditor(field, value, present, known_tools)
    return editor_for(field, value, present, known_tools)


class NumberEditor(FieldEditor):
    """A number, whole or not (``0.2``); what is not one yet is not applied."""

    def baseline(self) -> Any:
        number = isinstance(self.value, (int, float)) and not isinstance(self.value, bool)
        return self.value if self.present and number else UNSET

    def compose(self) -> ComposeResult:
        text = str(self.value) if self.present and self.value is not None else ""
        yield SafeInput(text, type="number", placeholder="(not set)", compact=True)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        number = parse_number(event.value)
        if not event.value.strip():
            self.emit(UNSET)
        elif number is None:
            self.invalid("a number (0.2, 1)")
        else:
            self.emit(number)


def parse_number(text: str) -> int | float | None:
    """``text`` as the number it writes: ``1`` a whole number, ``0.2`` a decimal; None when
    it is none (or not finite)."""
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


class ToolListEditor(ToolsEditor):
    """Tools a format writes as a YAML list: a new value is a list, not a comma string."""

    def _shaped(self, entries: list[str]) -> Any:
        if not entries:
            return UNSET
        return ", ".join(entries) if isinstance(self.value, str) else list(entries)


class ToolMapEditor(FieldEditor):
    """A map of tool names to true or false, ticked in the tools picker: a tool ticked is
    true, one the file held and is unticked now is false (off), the others stay out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "pick", "Pick tools", show=False)]

    def __init__(self, field: Field, value: Any, present: bool,
                 known: tuple[str, ...]) -> None:
        super().__init__(field, value, present)
        self.mapping: dict[str, Any] = dict(value) if isinstance(value, dict) else {}
        self.known = tuple(dict.fromkeys([*known, *map(str, self.mapping)]))

    def compose(self) -> ComposeResult:
        yield ToolsLine(self._summary(), classes="tools-summary")

    def on_resize(self) -> None:
        self.query_one(ToolsLine).update(self._summary())

    def on_click(self) -> None:
        self.action_pick()

    def action_pick(self) -> None:
        from agenttui.screens.tools_dialog import ToolsDialog

        self.app.push_screen(ToolsDialog(f"{self.field.key}: tick the tools it may use "
                                         "(space), ctrl+s to keep them", self.known,
                                         self.on_tools), self._picked)

    @property
    def on_tools(self) -> list[str]:
        return [str(name) for name, on in self.mapping.items() if on is True]

    def _picked(self, chosen: list[str] | None) -> None:
        if chosen is None:
            return
        self.mapping = tool_map(self.mapping, chosen)
        self.known = tuple(dict.fromkeys([*self.known, *chosen]))
        self.query_one(ToolsLine).update(self._summary())
        self.emit(dict(self.mapping) if self.mapping else UNSET)

    def _summary(self) -> Text:
        width = max(self.size.width - 2, 20) if self.size.width else 60
        off = [str(name) for name, on in self.mapping.items() if on is False]
        line = tools_summary(self.on_tools, width) or "(none ticked)"
        if off:
            line += f"  off: {tools_summary(off, max(width - len(line) - 7, 10))}"
        return literal(line if self.mapping else "(not set: the defaults)")


def tool_map(before: dict[str, Any], ticked: list[str]) -> dict[str, Any]:
    """The map after ticking ``ticked``: each tool it held is true when ticked, else false;
    a tool ticked that it did not hold is added as true (the file's order kept)."""
    after = {name: str(name) in ticked for name in before}
    after.update({name: True for name in ticked if name not in after})
    return after
