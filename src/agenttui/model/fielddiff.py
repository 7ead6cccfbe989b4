"""What changed between two versions of an agent, field by field.

Pure: two documents in, a :class:`DocumentDiff` out, shown as text lines or as JSON.
A scalar reads ``model: sonnet → opus``; a list of names reads ``tools: +Bash −Write`` (a
comma-separated string and a YAML list of the same names are the same value); the
description, other multi-line strings and the body are unified text diffs. A file whose
fields cannot be read is compared as text. Errors that appear with the change are listed, so
a review sees whether Claude Code will still load the agent.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from typing import Any

from agenttui.model.document import AgentDocument
from agenttui.model.problems import Problem, Severity
from agenttui.model.sameness import same_value
from agenttui.model.tools import parse_tools

LIST_FIELDS = frozenset({"tools", "disallowedTools", "skills", "mcpServers"})
TEXT_FIELDS = frozenset({"description", "initialPrompt"})
UNSET = "(unset)"


@dataclass(frozen=True)
class FieldChange:
    """One field that differs. ``kind`` is ``added``, ``removed`` or ``changed``; a list
    field has ``added_items``/``removed_items``, a text field a unified ``diff``."""

    field: str
    kind: str
    before: Any = None
    after: Any = None
    added_items: tuple[str, ...] = ()
    removed_items: tuple[str, ...] = ()
    diff: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"field": self.field, "kind": self.kind,
                                 "before": self.before, "after": self.after}
        if self.added_items or self.removed_items:
            found |= {"added": list(self.added_items), "removed": list(self.removed_items)}
        if self.diff:
            found["diff"] = list(self.diff)
        return found

    def lines(self) -> list[str]:
        if self.added_items or self.removed_items:
            items = [f"+{i}" for i in self.added_items] + [f"−{i}" for i in self.removed_items]
            return [f"{self.field}: {' '.join(items)}"]
        if self.diff:
            return [f"{self.field}:", *(f"  {line}" for line in self.diff)]
        return [f"{self.field}: {one_line(self.before, self.kind == 'added')} → "
                f"{one_line(self.after, self.kind == 'removed')}"]


@dataclass(frozen=True)
class DocumentDiff:
    """Two versions of one agent compared; ``before``/``after`` None for an added or deleted
    file. ``text_diff`` is set instead of ``fields`` when fields could not be read."""

    fields: tuple[FieldChange, ...] = ()
    body_diff: tuple[str, ...] = ()
    text_diff: tuple[str, ...] = ()
    same_values: bool = False  # the bytes differ, the values do not (quoting, order, …)
    new_errors: tuple[Problem, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (self.fields or self.body_diff or self.text_diff or self.same_values)

    def to_json(self) -> dict[str, Any]:
        return {"fields": [c.to_json() for c in self.fields], "body": list(self.body_diff),
                "text": list(self.text_diff), "same_values": self.same_values,
                "new_errors": [p.to_json() for p in self.new_errors]}

    def lines(self) -> list[str]:
        found = [line for change in self.fields for line in change.lines()]
        if self.body_diff:
            found += ["body:", *(f"  {line}" for line in self.body_diff)]
        if self.text_diff:
            found += ["file (its fields cannot be read):", *(f"  {x}" for x in self.text_diff)]
        if self.same_values and not found:
            found.append("same fields and body; only the way they are written changed")
        found += [f"new error {p.code}: {p.message}" for p in self.new_errors]
        return found


def diff_documents(before: AgentDocument | None, after: AgentDocument | None,
                   before_problems: list[Problem] | None = None,
                   after_problems: list[Problem] | None = None, context: int = 2) -> DocumentDiff:
    """Compare two versions (None: the file did not exist); problems, when given, say which
    errors the change brings."""
    new_errors = _new_errors(before_problems or [], after_problems or [])
    if not _readable(before) or not _readable(after):
        text = _unified(_text(before), _text(after), context)
        return DocumentDiff(text_diff=tuple(text), new_errors=new_errors)
    old = before.fields if before else {}
    new = after.fields if after else {}
    changes = tuple(c for key in _keys(old, new)
                    if (c := diff_field(key, old.get(key, _MISSING), new.get(key, _MISSING),
                                        context)))
    body = _unified(before.body if before else "", after.body if after else "", context)
    same = not changes and not body and _raw(before) != _raw(after)
    return DocumentDiff(changes, tuple(body), (), same, new_errors)


class _Missing:
    def __repr__(self) -> str:
        return UNSET


_MISSING: Any = _Missing()


def diff_field(key: str, before: Any, after: Any, context: int = 2) -> FieldChange | None:
    """How one field changed (``_MISSING`` stands for an absent field), or None."""
    if before is not _MISSING and after is not _MISSING and (
            before == after or same_value(before, after)):  # .nan is .nan
        return None
    if before is _MISSING and after is _MISSING:
        return None
    kind = "added" if before is _MISSING else "removed" if after is _MISSING else "changed"
    old = None if before is _MISSING else before
    new = None if after is _MISSING else after
    if key in LIST_FIELDS and _names_list(old) and _names_list(new):
        added, removed = _items(old, new, key)
        if not added and not removed:
            return None  # "Read, Grep" and [Read, Grep] are the same tools
        return FieldChange(key, kind, old, new, added, removed)
    if _is_text(key, old, new):
        lines = _unified(old or "", new or "", context)
        return FieldChange(key, kind, old, new, diff=tuple(lines))
    return FieldChange(key, kind, old, new)


def _keys(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [*old, *(key for key in new if key not in old)]


def _names_list(value: Any) -> bool:
    return value is None or isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(i, (str, int, float)) for i in value))


def _items(old: Any, new: Any, key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    before, after = _entries(old, key), _entries(new, key)
    return (tuple(i for i in after if i not in before),
            tuple(i for i in before if i not in after))


def _entries(value: Any, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) and key not in ("tools", "disallowedTools"):
        return [value]
    return parse_tools(value)


def _is_text(key: str, old: Any, new: Any) -> bool:
    strings = all(v is None or isinstance(v, str) for v in (old, new))
    multi = any(isinstance(v, str) and ("\n" in v or len(v) > 80) for v in (old, new))
    return strings and (key in TEXT_FIELDS or multi) and old is not None and new is not None


def _unified(old: str, new: str, context: int) -> list[str]:
    if old == new:
        return []
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=context)
    return [line for line in lines if not line.startswith(("---", "+++"))]


def one_line(value: Any, absent: bool = False) -> str:
    """A value as one line of text: names comma-separated, structures as JSON."""
    if absent:
        return UNSET
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if value == "" or "\n" in value else value
    if value is None:
        return "null"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _readable(doc: AgentDocument | None) -> bool:
    return doc is None or doc.fields_editable


def _text(doc: AgentDocument | None) -> str:
    if doc is None:
        return ""
    return doc.text if doc.text is not None else doc.raw.decode("utf-8", "replace")


def _raw(doc: AgentDocument | None) -> bytes:
    return doc.raw if doc is not None else b""


def _new_errors(before: list[Problem], after: list[Problem]) -> tuple[Problem, ...]:
    seen = {(p.code, p.message) for p in before if p.severity is Severity.ERROR}
    return tuple(p for p in after
                 if p.severity is Severity.ERROR and (p.code, p.message) not in seen)
