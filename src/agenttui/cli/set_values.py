"""What ``set`` and ``unset`` accept: a field name, and VALUE typed by the field's declaration.

``agenttui set f.md maxTurns 5`` means the number 5, not the text ``'5'`` (which Claude Code
rejects); ``background yes`` the boolean; ``skills lint, docs`` a list. ``--yaml`` still says
exactly what VALUE is, for any field.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from agenttui.cli.common import CommandError
from agenttui.model import AgentDocument, schema
from agenttui.model.schema import Kind
from agenttui.model.yamlsafe import MAX_INT_DIGITS, core_int

_INTEGER = re.compile(r"[+-]?[0-9]+")


def check_field_name(doc: AgentDocument, key: str, adding: bool) -> None:
    """Refuse (exit 2) an empty field name, and a new key no agent reads (a typo, mostly)."""
    if not key.strip():
        raise CommandError("FIELD is empty: name a field such as `description`", 2)
    if key in schema.BY_KEY or key in doc.fields:
        return
    close = difflib.get_close_matches(key, [*schema.BY_KEY, *doc.fields], n=1, cutoff=0.6)
    hint = f"did you mean `{close[0]}`? " if close else ""
    if adding:
        raise CommandError(f"unknown field `{key}`: {hint}fields: {', '.join(schema.BY_KEY)}",
                           2)
    raise CommandError(f"{doc.path}: has no field `{key}`{'; ' + hint.strip() if hint else ''}")


def typed_value(key: str, text: str) -> Any:
    """VALUE as the field declares it: a number, a boolean or a list where it takes one."""
    field = schema.BY_KEY.get(key)
    kind = field.kind if field else None
    if kind is Kind.INTEGER and _INTEGER.fullmatch(text.strip()):
        digits = len(text.strip().lstrip("+-"))
        if digits > MAX_INT_DIGITS:  # Claude Code would read infinity: never what was meant
            raise CommandError(f"VALUE has {digits:,} digits: not a number `{key}` can take", 2)
        return core_int(text.strip())
    if kind is Kind.BOOLEAN and text.strip().lower() in schema.BOOLEAN_WORDS:
        return schema.BOOLEAN_WORDS[text.strip().lower()]
    if kind is Kind.STRING_LIST:
        return [part.strip() for part in text.split(",") if part.strip()]
    return text
