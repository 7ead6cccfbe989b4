"""The agent document: tolerant reading, exact round-trip and minimal-diff edits.

A document is immutable. Edits return a new document whose text differs from the old one
only in the lines of the edited field (or in the body), and every edit is checked by reading
the result back: a value that would not read back exactly as set is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath
from typing import Any

from agenttui.model import schema
from agenttui.model.problems import Problem
from agenttui.model.reading import FM_LINE_OFFSET, Repair, decode, read_text
from agenttui.model.splitting import detect_newline, split_lines, strip_eol
from agenttui.model.verdict import Verdict, jsonable, verdict
from agenttui.model.yaml_render import RenderError, render_entry
from agenttui.model.yamlsafe import KeySpan


class EditError(ValueError):
    """An edit that cannot be made without changing more than asked (the message says why)."""


@dataclass(frozen=True)
class Fix:
    """A change that turns non-strict frontmatter into strict YAML with the same meaning."""

    key: str
    line: int
    safe: bool  # False: the values Claude Code reads change (to agenttui's reading of them)
    summary: str
    family: str = "retry"
    value: Any = None  # what the fix writes: for an unsafe one, agenttui's reading


class AgentDocument:
    """One agent file: its exact text, what it says and what is wrong with it."""

    def __init__(self, data: bytes, path: str | None = None,
                 known_keys: frozenset[str] = schema.KNOWN_KEYS) -> None:
        self.path = path
        self.raw = data
        self.known_keys = known_keys
        text, problems = decode(data)
        self.text = text
        self._decode_problems = problems
        self._reading = read_text(text, known_keys) if text is not None else None

    @classmethod
    def from_text(cls, text: str, path: str | None = None,
                  known_keys: frozenset[str] = schema.KNOWN_KEYS) -> AgentDocument:
        return cls(text.encode("utf-8"), path, known_keys)

    # -- what the file says -------------------------------------------------------------

    @property
    def fields(self) -> dict[str, Any]:
        return dict(self._reading.fields) if self._reading else {}

    @property
    def body(self) -> str:
        return self._reading.split.body if self._reading else ""

    @property
    def name(self) -> str | None:
        value = self.fields.get("name")
        return value if isinstance(value, str) else None

    @property
    def display_name(self) -> str:
        return self.name or (PurePath(self.path).stem if self.path else "(unnamed)")

    @cached_property
    def problems(self) -> list[Problem]:
        """Problems found while reading (validation adds the rest)."""
        found = list(self._decode_problems)
        if self._reading is not None:
            found += self._reading.problems
        return sorted(found, key=Problem.sort_key)

    @cached_property
    def verdict(self) -> Verdict:
        """What Claude Code will do with this file, and the values it will use."""
        reading = self._reading
        if reading is None:
            reason = self._decode_problems[0].message if self._decode_problems else None
            return verdict(None, {}, {}, reason)
        errors = [p for p in reading.problems if p.severity.value == "error"]
        unreadable = _skip_reason(errors[0].code) if errors else None
        return verdict(reading.loader_fields, reading.fields, reading.as_written, unreadable)

    @property
    def strict_yaml(self) -> bool:
        return self._reading is not None and self._reading.strict_yaml

    @property
    def writable(self) -> bool:
        """False when the bytes could not be decoded: a save could not reproduce them."""
        return self.text is not None

    @property
    def fields_editable(self) -> bool:
        return self._reading is not None and self._reading.fields_readable and bool(
            self._reading.split.has_frontmatter)

    @property
    def has_frontmatter(self) -> bool:
        return self._reading is not None and self._reading.split.has_frontmatter

    @property
    def body_line(self) -> int:
        return self._reading.split.body_line if self._reading else 1

    @property
    def newline(self) -> str:
        return detect_newline(self.text or "")

    def field_line(self, key: str) -> int | None:
        """1-based file line where ``key`` starts, if present."""
        span = self._span(key)
        return span.start + FM_LINE_OFFSET if span else None

    def to_bytes(self) -> bytes:
        return self.text.encode("utf-8") if self.text is not None else self.raw

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "name": self.name,
            "fields": jsonable(self.fields),
            "body": self.body,
            "strict_yaml": self.strict_yaml,
            "claude_code": self.verdict.to_json(),
            "problems": [p.to_json() for p in self.problems],
        }

    # -- edits ----------------------------------------------------------------------------

    def with_field(self, key: str, value: Any, like: AgentDocument | None = None) -> AgentDocument:
        """A document with ``key`` set to ``value``; only that field's lines change.

        ``like`` is the version whose way of writing ``key`` to follow (its quoting, a list's
        flow or block form, a tool list's string or list): the file as opened, so a value
        typed a key at a time in the form is written as ``set`` writes it on that file, not
        in the style of a moment in between (``'my '`` quoted while typing ``my agent``)."""
        self._require_fields_editable(key)
        current = self.fields
        before = like.fields if like is not None and key in like.fields else current
        value = conform_shape(before.get(key), value, schema.BY_KEY.get(key))
        if key in current and _same(current[key], value):
            return self
        style = like._style(key) if like is not None else None
        after = like._keys_before(key) if like is not None else None
        return self._replaced(key, value, style, after)

    def without_field(self, key: str) -> AgentDocument:
        self._require_fields_editable(key)
        span = self._span(key)
        if span is None:
            return self
        lines = self._fm_lines()
        del lines[span.start:_past_indented_trivia(lines, span.end)]
        edited = self._with_frontmatter(lines)
        self._check_others(edited, key)
        return edited

    def with_body(self, body: str) -> AgentDocument:
        if self._reading is None or self.text is None:
            raise EditError("this file cannot be edited: it could not be read as UTF-8 text")
        if body == self.body:
            return self
        if "\0" in body:
            raise EditError("the body cannot hold NUL characters: the file would read as binary")
        if not self.has_frontmatter and self._reading.split.opening:
            raise EditError("the frontmatter is never closed; close it before editing the body")
        head = self.text[: len(self.text) - len(self.body)]
        edited = self._derive(head + body)
        _refuse_past_bounds(self, edited, "the body")
        return edited

    def fixes(self) -> list[Fix]:
        """The fixes :meth:`fixed` can apply, unsafe ones included."""
        if self._reading is None:
            return []
        return [_fix(repair) for repair in _ordered(self._reading.repairs)]

    def fixed(self, unsafe: bool = False) -> tuple[AgentDocument, list[Fix]]:
        """Apply the safe fixes (and the unsafe ones when asked); returns what was applied.
        They are applied from the last line up, so each one's lines are still its own."""
        if self._reading is None:
            return self, []
        chosen = [r for r in self._reading.repairs if r.safe or unsafe]
        chosen = [r for r in chosen if not any(_supersedes(other, r) for other in chosen)]
        if not chosen:
            return self, []
        return self._repaired(chosen), [_fix(repair) for repair in _ordered(chosen)]

    # -- internals ------------------------------------------------------------------------

    def _require_fields_editable(self, key: str) -> None:
        if self.text is None:
            raise EditError("this file cannot be edited: it could not be read as UTF-8 text")
        if not self.fields_editable:
            reason = self.problems[0].message if self.problems else "no frontmatter"
            raise EditError(f"the fields cannot be edited until the file is repaired: {reason}")
        if self._reading and key in self._reading.duplicate_keys:
            raise EditError(f"`{key}` appears more than once; remove the duplicate first")

    def _span(self, key: str) -> KeySpan | None:
        return self._spans.get(key)

    @cached_property
    def _spans(self) -> dict[str, KeySpan]:
        """Each key's first span (looked up per field: a scan each time was quadratic)."""
        found: dict[str, KeySpan] = {}
        for span in self._reading.spans if self._reading else ():
            found.setdefault(span.key, span)
        return found

    def _repaired(self, repairs: list[Repair]) -> AgentDocument:
        """Every repair's lines rewritten as its key and value, all at once (one repair made
        alone can change how the lines around it parse); every other value, and the body,
        as they were (the keys a repair folds in gone)."""
        lines = self._fm_lines()
        expected = dict(self.fields)
        for repair in sorted(repairs, key=lambda r: r.line, reverse=True):
            end = repair.last_line + 1
            span = self._span(repair.key) if repair.line == repair.last_line else None
            lines[repair.line:end] = self._render(repair.key, repair.value, span, lines,
                                                  not _indented_at(lines, end))
            for key in repair.absorbs:
                expected.pop(key, None)
            expected[repair.key] = repair.value
        edited = self._with_frontmatter(lines)
        if edited.fields != expected or edited.body != self.body:
            keys = ", ".join(f"`{r.key}`" for r in repairs)
            raise EditError(f"fixing {keys} would change other values; nothing was changed")
        return edited

    def _fm_lines(self) -> list[str]:
        assert self._reading is not None
        return split_lines(self._reading.split.frontmatter)

    def _style(self, key: str) -> str | None:
        """How ``key``'s value is written here (None: it is not here: the default)."""
        span = self._span(key) if self._reading is not None else None
        return span.style if span else _NOT_HERE

    def _keys_before(self, key: str) -> list[str] | None:
        """The keys written before ``key`` here, nearest first (None: ``key`` is not here)."""
        keys = [span.key for span in self._reading.spans] if self._reading else []
        return keys[:keys.index(key)][::-1] if key in keys else None

    def _replaced(self, key: str, value: Any, style: str | None = None,
                  after: list[str] | None = None) -> AgentDocument:
        """``after``: where a key that is not here goes (after the first of these keys that
        is; else first), as the version it comes back from had it."""
        lines = self._fm_lines()
        span = self._span(key)
        start, end = (span.start, span.end) if span else (self._insertion_line(lines, after),) * 2
        lines[start:end] = self._render(key, value, span, lines, not _indented_at(lines, end),
                                        style)
        edited = self._with_frontmatter(lines)
        self._check_others(edited, key)
        if not _same(edited.fields.get(key), value):
            raise EditError(f"`{key}` would not read back as set; nothing was changed")
        return edited

    def _insertion_line(self, lines: list[str], after: list[str] | None = None) -> int:
        """Where a new key goes: after the last key's lines and the indented comments that
        follow them (they belong to its value), before column-0 trailing comments; a key
        coming back goes after the first of ``after`` still here, or before every key."""
        if after is not None and self._reading is not None:
            behind = next((span for k in after if (span := self._span(k))), None)
            if behind is not None:
                return _past_indented_trivia(lines, behind.end)
            return min((s.start for s in self._reading.spans), default=0)
        at = max((s.end for s in self._reading.spans), default=0) if self._reading else 0
        return _past_indented_trivia(lines, at)

    def _render(self, key: str, value: Any, span: KeySpan | None,
                lines: list[str], block: bool, style: str | None = None) -> list[str]:
        """``style``: the style to follow instead of the span's (``_NOT_HERE``: none)."""
        old = lines[span.start:span.end] if span else []
        if style is None:
            style = span.style if span else None
        elif style == _NOT_HERE:
            style = None
        try:
            rendered = render_entry(key, value, style, _indent(old), _wrap_width(old), block)
        except RenderError as exc:
            raise EditError(str(exc)) from None
        if span and len(old) == 1 == len(rendered) and span.end_column >= 0:
            rendered[0] += _trailing_comment(strip_eol(old[0]), span.end_column)
        newline = self.newline
        return [line + newline for line in rendered]

    def _with_frontmatter(self, lines: Sequence[str]) -> AgentDocument:
        assert self._reading is not None
        parts = self._reading.split
        return self._derive(parts.bom + parts.opening + "".join(lines) + parts.closing + parts.body)

    def _derive(self, text: str) -> AgentDocument:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate, from a paste or a bad decode
            raise EditError(f"the text holds U+{ord(text[exc.start]):04X}, which UTF-8 cannot "
                            "store (half of a surrogate pair); nothing was changed") from None
        return AgentDocument(data, self.path, self.known_keys)

    def _check_others(self, edited: AgentDocument, key: str) -> None:
        _refuse_past_bounds(self, edited, f"`{key}`")
        before = {k: v for k, v in self.fields.items() if k != key}
        after = {k: v for k, v in edited.fields.items() if k != key}
        if before != after or edited.body != self.body:
            raise EditError(f"changing `{key}` would change other fields; nothing was changed")


_NOT_HERE = "\0absent"  # a ``_style`` that says: write as a new key is written
BOUND_CODES = frozenset({"AT006", "AT019"})  # a file, a frontmatter past what agenttui reads


def _refuse_past_bounds(before: AgentDocument, after: AgentDocument, what: str) -> None:
    """An edit must not take a file past the sizes agenttui reads (it would open read-only,
    its fields unread: "would change other fields" said nothing of why)."""
    past = {p.code for p in after.problems} & BOUND_CODES
    if past - {p.code for p in before.problems}:
        limit = ("16 MiB for the file" if "AT006" in past
                 else "256 KiB and 5,000 lines for the frontmatter")
        raise EditError(f"changing {what} would take the file past what agenttui reads "
                        f"({limit}); nothing was changed")


def conform_shape(old: Any, new: Any, field: schema.Field | None = None) -> Any:
    """Keep a tool list written as a comma-separated string a string and a list a list, as the
    file had it; ``field`` is the key's declaration (other fields keep the value's own shape:
    a description set to a list is a list, not its items joined by commas)."""
    kind = field.kind if field else None
    if kind is not schema.Kind.TOOLS and kind is not schema.Kind.STRING_LIST:
        return new
    if (kind is schema.Kind.TOOLS and isinstance(old, str) and isinstance(new, list)
            and all(isinstance(i, str) for i in new)):
        return ", ".join(new)
    if isinstance(old, list) and isinstance(new, str) and "," in new:
        return [part.strip() for part in new.split(",") if part.strip()]
    return new


def _same(a: Any, b: Any) -> bool:
    return bool(a == b and type(a) is type(b))


def _indented_at(lines: list[str], index: int) -> bool:
    """True when line ``index`` holds indented text, which a block scalar above would take."""
    text = strip_eol(lines[index]) if index < len(lines) else ""
    return text[:1] in (" ", "\t") and bool(text.strip())


def _past_indented_trivia(lines: list[str], at: int) -> int:
    """The end of the indented comments (and blank lines between them) from line ``at``:
    they belong to the value above them, which a block scalar there would take as text."""
    end = after = at
    while after < len(lines) and _is_trivia(lines[after]):
        after += 1
        if _indented_at(lines, after - 1):
            end = after
    return end


def _is_trivia(line: str) -> bool:
    text = strip_eol(line).strip()
    return not text or text.startswith("#")


def _indent(old: list[str]) -> int:
    for line in old[1:]:
        text = strip_eol(line)
        stripped = text.lstrip(" ")
        if stripped and len(text) > len(stripped):
            return len(text) - len(stripped)
    return 2


def _wrap_width(old: list[str]) -> int:
    widths = [len(strip_eol(line)) for line in old[1:]]
    return max(widths) if widths and max(widths) > 40 else 80


def _trailing_comment(line: str, end_column: int) -> str:
    rest = line[end_column:]
    return rest if rest.strip().startswith("#") else ""


_FIX_SUMMARIES = {
    "retry": "quote the `{key}` value so strict YAML reads the text Claude Code reads",
    "crlf": "quote the `{key}` value so Claude Code loads the CRLF file (the same text)",
    "yaml11": "write the `{key}` value so YAML 1.1 readers read what Claude Code reads",
    "tab": "write the `{key}` value with a space after the `:`, not a tab (the same value)",
    "one-line": "quote the `{key}` value so every parser reads the same string",
    "continued": "make the `{key}` value a block scalar holding the lines that follow it",
    "key-like": "fold the lines after `{key}` ({absorbs}) into its value, a block scalar",
    "mid-line": "write the `---` in the `{key}` value as `--\\x2d` so Claude Code reads the "
                "whole frontmatter",
}


def _skip_reason(code: str) -> str:
    if code == "AT001":
        return "the file is empty (AT001)"
    if code in ("AT004", "AT005", "AT025"):
        return f"Claude Code's split finds no frontmatter ({code})"
    if code == "AT013":
        return "a key appears twice, which its YAML parser refuses (AT013)"
    return f"its frontmatter does not parse, even after its retry ({code})"


def _supersedes(unsafe: Repair, safe: Repair) -> bool:
    """An unsafe fix rewriting the lines of a safe one replaces it."""
    return (not unsafe.safe and safe.safe and unsafe.line <= safe.line
            and safe.last_line <= unsafe.last_line)


def _ordered(repairs: list[Repair]) -> list[Repair]:
    """By line, an unsafe fix before a safe one on the same line (it is the one to ask about)."""
    return sorted(repairs, key=lambda r: (r.line, r.safe))


def _fix(repair: Repair) -> Fix:
    summary = _FIX_SUMMARIES[repair.family].format(
        key=repair.key, absorbs=", ".join(f"`{k}`" for k in repair.absorbs))
    return Fix(repair.key, repair.line + FM_LINE_OFFSET, repair.safe, summary, repair.family,
               repair.value)
