"""The fields of the agent under the list's cursor, read-only, as one block of text.

What the detail shows while the cursor moves: one widget to update (the form has over a hundred,
and laying them out on every cursor move took most of its time). Entering the agent (enter,
tab, a click) shows the form in its place.
"""

from __future__ import annotations

from typing import Any, ClassVar

import yaml
from rich.text import Text
from textual.widgets import Static

from agenttui.model import AgentDocument, Problem
from agenttui.model.schema import BY_KEY, FIELDS
from agenttui.model.tools import parse_tools
from agenttui.widgets.labels import literal
from agenttui.widgets.styling import foreground

DESCRIPTION_LINES = 12  # a description's first lines; the Preview tab has all of it


class FieldsView(Static):
    """``show(doc, problems)``: each field the file sets (and each required one it lacks),
    its value and its problems; None shows why there are no fields."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "fields-view--key", "fields-view--missing", "fields-view--error",
        "fields-view--warning", "fields-view--info"}

    _shown: tuple[str | None, tuple[Problem, ...], str] | None = None

    def show(self, doc: AgentDocument | None, problems: tuple[Problem, ...],
             note: str = "") -> None:
        """Show ``doc``'s fields with ``problems`` beside them (``note``: why none)."""
        key = (doc.text if doc is not None else None, problems, note)
        if key != self._shown:
            self._shown = key
            self.update(self._text(doc, problems, note))

    def _text(self, doc: AgentDocument | None, problems: tuple[Problem, ...],
              note: str) -> Text:
        if doc is None or not doc.fields_editable:
            return literal(note or "No fields to show.", foreground(self, "fields-view--info"))
        fields = doc.fields
        keys = [f.key for f in FIELDS if f.key in fields or f.required]
        keys += [key for key in fields if key not in BY_KEY]
        text = Text()
        for key in keys:
            self._field(text, key, fields.get(key), key in fields)
            for problem in problems:
                if problem.field == key:
                    style = foreground(self, f"fields-view--{problem.severity.value}")
                    text.append_text(literal(f"  {problem.code} {problem.message}\n", style))
        text.rstrip()
        return text

    def _field(self, text: Text, key: str, value: Any, present: bool) -> None:
        text.append_text(literal(f"{key}: ", foreground(self, "fields-view--key")))
        if not present:
            text.append("(missing)\n", style=foreground(self, "fields-view--missing"))
            return
        shown = _value_text(key, value)
        lines = shown.split("\n")
        if len(lines) > DESCRIPTION_LINES:
            lines = [*lines[:DESCRIPTION_LINES], f"… ({len(lines) - DESCRIPTION_LINES} more "
                     "lines: Preview tab)"]
        text.append_text(literal(lines[0] + "\n"))
        for line in lines[1:]:
            text.append_text(literal(f"  {line}\n"))


def _value_text(key: str, value: Any) -> str:
    """A value as a person reads it: tools as a list of names, structures as YAML."""
    field = BY_KEY.get(key)
    if field is not None and field.kind.value == "tools":
        return ", ".join(parse_tools(value)) or "(none)"
    if isinstance(value, str):
        return value if value else "''"
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return ", ".join(map(str, value)) or "[]"
    if isinstance(value, bool | int | float) or value is None:
        return yaml.safe_dump(value).removesuffix("\n...\n").strip()
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True,
                          default_flow_style=False).rstrip("\n")
