"""Render one top-level frontmatter entry as YAML lines that read back exactly as given.

Every candidate rendering is checked by reading it back with the same safe loader; the first
that round-trips wins, and double quoting (which can hold any string) is the last resort.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from agenttui.model import yamlsafe

_PLAIN_START = re.compile(r"[A-Za-z_(/]")
_RESERVED = re.compile(
    r"(?i)(y|n|yes|no|on|off|true|false|null|~|[-+.]?\d.*|\.inf|\.nan)")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
_BREAKS = "\r\x85\u2028\u2029"
_FENCE = "---"  # Claude Code's split ends the frontmatter at these three, even mid-line


class RenderError(ValueError):
    """No rendering of the value reads back as the same value."""


def render_entry(key: str, value: Any, style: str | None = None, indent: int = 2,
                 width: int = 80, block: bool = True) -> list[str]:
    """Lines (without newlines) for ``key: value``; ``style`` is the old value's style.

    ``width`` is where a folded (``>``) value wraps, so a rewrapped value matches the old one.
    ``block`` False rules out block scalars (``|``, ``>``): an indented line after the entry
    (a comment that belonged to the old value) would otherwise become part of the text.
    """
    for candidate in _candidates(key, value, style, indent, width, block):
        if not any(_FENCE in line for line in candidate) and _reads_back(candidate, key, value):
            return candidate
    raise RenderError(f"cannot write a value for {key!r} that reads back unchanged")


def _candidates(key: str, value: Any, style: str | None, indent: int,
                width: int, block: bool) -> Iterator[list[str]]:
    head = f"{_key(key)}:"
    if isinstance(value, str):
        yield from _string_candidates(head, value, style, indent, width, block)
    elif isinstance(value, list) and all(_is_scalar(item) for item in value):
        yield from _list_candidates(head, value, style, indent)
    elif isinstance(value, (bool, int, float)) or value is None:
        yield [f"{head} {_dump_scalar(value)}"]
    yield _dumped(key, value, indent)


def _string_candidates(head: str, value: str, style: str | None, indent: int,
                       width: int, block: bool) -> Iterator[list[str]]:
    renderers: dict[str | None, Callable[[], list[str] | None]] = {
        "plain": lambda: _one(head, _plain(value)),
        "'": lambda: _one(head, _single(value)),
        '"': lambda: [f"{head} {_double(value)}"],
        "|": lambda: _literal(head, value, indent),
        ">": lambda: _folded(head, value, indent, width),
    }
    order = ["|", '"'] if "\n" in value.rstrip("\n") else ["plain", "'", '"']
    if style is not None and style in renderers and style not in order[:1]:
        order.insert(0, style)
    for name in order:
        if not block and name in ("|", ">"):
            continue
        lines = renderers[name]()
        if lines is not None:
            yield lines


def _list_candidates(head: str, value: list[Any], style: str | None,
                     indent: int) -> Iterator[list[str]]:
    items = [_inline(item) for item in value]
    flow = [f"{head} [{', '.join(items)}]"]
    block = [head] + [f"{' ' * indent}- {item}" for item in items]
    if not value:
        yield [f"{head} []"]
    yield from ((flow, block) if style == "flow" else (block, flow))


def _inline(item: Any) -> str:
    if isinstance(item, str):
        plain = _plain(item)
        if plain is not None and not re.search(r"[,?\[\]{}]", plain):  # PyYAML stops at ?
            return plain
        return _single(item) or _double(item)
    return _dump_scalar(item)


def _one(head: str, text: str | None) -> list[str] | None:
    return None if text is None else [f"{head} {text}"]


def _plain(value: str) -> str | None:
    if not value or value != value.strip() or not _PLAIN_START.match(value) or _FENCE in value:
        return None
    if _RESERVED.fullmatch(value) or ": " in value or " #" in value or value.endswith(":"):
        return None
    if any(ch in value for ch in "\n\t" + _BREAKS) or not value.isprintable():
        return None
    return value


def _single(value: str) -> str | None:
    if "\n" in value or not value.isprintable() or _FENCE in value:
        return None
    return "'" + value.replace("'", "''") + "'"


def _double(value: str) -> str:
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable() and ch not in _BREAKS + "\ufeff":
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out).replace(_FENCE, "--\\x2d") + '"'


def _literal(head: str, value: str, indent: int) -> list[str] | None:
    if any(ch in value for ch in _BREAKS) or not value.replace("\n", "").replace(
            "\t", "").isprintable():
        return None
    stripped = value.rstrip("\n")
    trailing = len(value) - len(stripped)
    chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    hint = str(indent) if stripped[:1] in (" ", "\t") or not stripped else ""
    pad = " " * indent
    lines = [f"{pad}{line}" if line else "" for line in stripped.split("\n")]
    lines += [""] * max(0, trailing - 1)
    return [f"{head} |{hint}{chomp}", *lines]


def _folded(head: str, value: str, indent: int, width: int) -> list[str] | None:
    """A folded block (``>``) wrapped near 80 columns; None when the value does not suit it."""
    stripped = value.rstrip("\n")
    parts = stripped.split("\n")
    if not stripped or any(p != p.strip(" ") or "  " in p or "\t" in p for p in parts):
        return None
    literal = _literal(head, value, indent)
    if literal is None:
        return None
    pad = " " * indent
    body: list[str] = []
    for number, part in enumerate(parts):
        if number:
            body.append("")
        body += textwrap.wrap(part, width=width, break_long_words=False,
                              break_on_hyphens=False, initial_indent=pad,
                              subsequent_indent=pad) or [""]
    trailing = len(value) - len(stripped)
    chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    return [f"{head} >{chomp}", *body, *[""] * max(0, trailing - 1)]


def _dumped(key: str, value: Any, indent: int) -> list[str]:
    text = yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True,
                          default_flow_style=False, width=10_000, indent=indent)
    return text.rstrip("\n").split("\n")


def _dump_scalar(value: Any) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, width=10_000)
    return text.split("\n", 1)[0]


def _key(key: str) -> str:
    plain = _plain(key)
    return plain if plain is not None and ":" not in key else _double(key)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def _reads_back(lines: list[str], key: str, value: Any) -> bool:
    result = yamlsafe.load("\n".join(lines) + "\n")
    return result.ok and result.value == {key: value} and not result.issues and _same_types(
        result.value[key], value)


def _same_types(read: Any, wanted: Any) -> bool:
    if isinstance(wanted, list) and isinstance(read, list):
        return len(read) == len(wanted) and all(
            _same_types(a, b) for a, b in zip(read, wanted, strict=True))
    return type(read) is type(wanted) or (isinstance(wanted, dict) and isinstance(read, dict))
