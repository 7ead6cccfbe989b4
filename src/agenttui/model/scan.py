"""A fast reading of the plain frontmatter nearly every agent file has.

Most agent files hold one-line ``key: value`` fields: plain or simply quoted text, a flow
list (``[Read, Grep]``) or a block list of such items. ``scan`` reads exactly those, without
the YAML reader, the key spans or the tolerant reading, and says None for anything else, which
the full reading (``AgentDocument``) then reads. It is deliberately narrow: it accepts only text
that every YAML reader agenttui follows (YAML 1.1 and 1.2 alike) reads the same way and that
needs no retry, so a fall back is never wrong, only slower. Among what it leaves to the full
reading: a BOM, a lone CR, tabs, control characters, NEL and the Unicode line separators, a
``---`` anywhere but on the closing line, comments, blank lines just after the opening, an
empty or blank body, values that start with or contain a YAML indicator, values that read as
booleans, numbers or null in either schema, escapes other than ``\\\\ \\" \\n \\t \\r``,
duplicate keys, nested mappings and multi-line scalars. ``tests/unit/test_scan.py`` compares
it with the full reading field by field and problem by problem.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from agenttui.model.limits import MAX_FILE_BYTES
from agenttui.model.problems import Problem
from agenttui.model.verdict import Verdict, verdict

if TYPE_CHECKING:
    from agenttui.model.document import AgentDocument

MAX_KEY_CHARS = 128
MAX_SCANNED_CHARS = 64 * 1024  # longer frontmatter goes to the full reading (its own bounds)

_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# Characters that are YAML indicators, or that Claude Code's quoting retry looks for, inside
# a plain value (``: `` is looked for apart; `` #`` is covered by ``#``).
_PLAIN_UNSAFE = re.compile(r"[{}\[\]*&#!|>%@`]")
_FLOW_UNSAFE = re.compile("[:'\"]")  # in a plain item of a flow list
# Words some YAML reader takes for a boolean or null (YAML 1.1 and 1.2, any case).
_SPECIAL_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n", "null"})
# Printable ASCII and the line feed: what is left of ASCII frontmatter without them is odd.
_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\n"
# What a YAML reader refuses or takes for a line break, a BOM or a non-character (the
# frontmatter is then left to the full reading, which says so).
_ODD_TEXT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_BLANK = " \t\n\r\x0b\x0c"
_NOT_BLANK_BYTE = re.compile(rb"[^ \t\n\r\x0b\x0c]")


class ScannedDocument:
    """What ``validate`` reads of a document, for frontmatter ``scan`` could read: no
    problems of its own, every field readable, each key's line."""

    problems: list[Problem] = []  # noqa: RUF012 - read-only, shared: scanned text has none
    fields_editable = True
    writable = True

    def __init__(self, text: str, fields: dict[str, Any], lines: dict[str, int],
                 body_start: int, path: str | None) -> None:
        self.text = text
        self.fields = fields
        self.path = path
        self._lines = lines
        self._body_start = body_start

    @property
    def name(self) -> str | None:
        value = self.fields.get("name")
        return value if isinstance(value, str) else None

    @property
    def body(self) -> str:
        return self.text[self._body_start:]

    @property
    def body_line(self) -> int:
        return self.text.count("\n", 0, self._body_start) + 1

    def field_line(self, key: str) -> int | None:
        return self._lines.get(key)

    @property
    def verdict(self) -> Verdict:
        """What Claude Code does with the file: scanned text reads the same by its loader
        (no retry, YAML 1.2 values alike), so its fields are the file's."""
        return verdict(self.fields, self.fields, {}, None)


def scan(data: bytes, path: str | None = None) -> ScannedDocument | None:
    """The plain reading of ``data``, or None when the full reading must read it."""
    if len(data) > MAX_FILE_BYTES or b"\0" in data:
        return None
    if data.startswith(b"---\r\n"):
        return _scan_crlf(data, path)
    if not data.startswith(b"---\n"):
        return None
    end = data.find(b"---", 4)
    if end < 5 or data[end - 1] != 0x0A or data[end + 3:end + 4] != b"\n":
        return None  # no closing line, an empty frontmatter, or a `---` inside a line
    if not _body_has_text(data, end + 4):
        return None
    if data.isascii():
        if data[4:end].translate(None, _PLAIN_BYTES):
            return None  # a tab, a CR or another control character
        text = data.decode("ascii")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None  # the full reading says where
        end = text.find("---", 4)  # (UTF-8 holds ASCII bytes only as those characters)
        if _ODD_TEXT.search(text, 4, end):
            return None
    return _document(text, text[4:end], end + 4, path)


def _scan_crlf(data: bytes, path: str | None) -> ScannedDocument | None:
    """A CRLF file: its frontmatter read with each CRLF as one line break (a lone CR, which
    the splitting counts as a line of its own, is left to the full reading)."""
    end = data.find(b"---", 5)
    if end < 7 or data[end - 2:end] != b"\r\n" or data[end + 3:end + 5] != b"\r\n":
        return None
    frontmatter = data[5:end]
    if frontmatter.count(b"\r") != frontmatter.count(b"\r\n") or not _body_has_text(
            data, end + 5):
        return None
    plain = frontmatter.replace(b"\r\n", b"\n")
    if not data.isascii() or plain.translate(None, _PLAIN_BYTES):
        return None  # (a non-ASCII CRLF file is rare: the full reading takes it)
    return _document(data.decode("ascii"), plain.decode("ascii"), end + 5, path)


def _body_has_text(data: bytes, start: int) -> bool:
    """Whether the body holds a character that is surely not white space (a non-ASCII one
    might be Unicode white space, which ``str.strip`` removes: the full reading decides)."""
    found = _NOT_BLANK_BYTE.search(data, start)
    return found is not None and 0x20 < data[found.start()] < 0x7F


def _document(text: str, frontmatter: str, body_start: int,
              path: str | None) -> ScannedDocument | None:
    if len(frontmatter) > MAX_SCANNED_CHARS:
        return None
    read = _fields(frontmatter)
    if read is None:
        return None
    return ScannedDocument(text, read[0], read[1], body_start, path)


def _fields(frontmatter: str) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The fields and the 1-based file line of each key, or None."""
    fields: dict[str, Any] = {}
    lines: dict[str, int] = {}
    items: list[str] | None = None  # the block list being read
    indent = ""
    rows = frontmatter.split("\n")
    if not rows[0] or rows[0][0] in _BLANK:
        return None  # Claude Code's split eats blank lines after the opening
    for number, row in enumerate(rows[:-1], start=2):
        if row.startswith(" "):
            if items is None or not _list_item(row, indent, items):
                return None
            indent = indent or row[:len(row) - len(row.lstrip(" "))]
            continue
        if items is not None and not items:
            return None  # `key:` with nothing under it is null
        items = None
        if not row:
            continue
        entry = _entry(row)
        if entry is None or entry[0] in fields:
            return None
        key, value = entry
        fields[key], lines[key] = value, number
        if value is _PENDING:
            items, indent = [], ""
            fields[key] = items
    return None if items is not None and not items else (fields, lines)


_PENDING: Any = object()


def _entry(row: str) -> tuple[str, Any] | None:
    colon = row.find(":")
    key = row[:colon]
    if colon < 1 or (key not in _GOOD_KEYS and not _good_key(key)):
        return None
    rest = row[colon + 1:]
    if not rest:
        return key, _PENDING
    if rest[0] != " ":
        return None
    value = _value(rest.strip(" "))
    return None if value is None else (key, value)


def _good_key(key: str) -> bool:
    """A key every YAML reader takes for that text (remembered: files share their keys)."""
    good = 0 < len(key) <= MAX_KEY_CHARS and bool(_KEY.fullmatch(key)) and (
        key.lower() not in _SPECIAL_WORDS)
    if good and len(_GOOD_KEYS) < MAX_GOOD_KEYS:
        _GOOD_KEYS.add(key)
    return good


_GOOD_KEYS: set[str] = set()
MAX_GOOD_KEYS = 4096


def _list_item(row: str, indent: str, items: list[str]) -> bool:
    stripped = row.lstrip(" ")
    if (indent and not row.startswith(indent + "-")) or not stripped.startswith("- "):
        return False
    item = _scalar(stripped[2:].strip(" "))
    if item is None:
        return False
    items.append(item)
    return True


def _value(text: str) -> str | list[str] | None:
    if text.startswith("["):
        return _flow_list(text)
    return _scalar(text)


def _flow_list(text: str) -> list[str] | None:
    if not text.endswith("]"):
        return None
    inner = text[1:-1].strip(" ")
    if not inner:
        return []
    items = [_flow_item(part.strip(" ")) for part in inner.split(",")]
    if any(item is None for item in items):
        return None
    return cast("list[str]", items)


def _flow_item(text: str) -> str | None:
    """An item of a flow list: a scalar holding no `:` or quote unless quoted (inside
    brackets YAML readers disagree on a plain `a:b`)."""
    if text[:1] not in ("'", '"') and _FLOW_UNSAFE.search(text):
        return None
    return _scalar(text)


def _scalar(text: str) -> str | None:
    """One plain, double- or single-quoted one-line scalar that reads as text, or None."""
    if not text:
        return None
    first = text[0]
    if first == '"':
        return _double_quoted(text)
    if first == "'":
        return _single_quoted(text)
    if (not (first.isalpha() or first in "_/(") or _PLAIN_UNSAFE.search(text)
            or ": " in text or text[-1] == ":" or (len(text) < 6 and text.lower() in
                                                    _SPECIAL_WORDS)):
        return None
    return text


def _double_quoted(text: str) -> str | None:
    """The value of ``"..."`` holding only the escapes ``\\\\ \\" \\n \\t \\r``. (The text holds
    no control character, so NUL and SOH can stand in for the escaped backslashes and quotes
    while the others are checked.)"""
    if len(text) < 2 or text[-1] != '"':
        return None
    inner = text[1:-1]
    if "\\" not in inner:
        return None if '"' in inner else inner
    held = inner.replace("\\\\", "\0").replace('\\"', "\1")
    if '"' in held:
        return None
    held = held.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r")
    if "\\" in held:
        return None
    return held.replace("\1", '"').replace("\0", "\\")


def _single_quoted(text: str) -> str | None:
    if len(text) < 2 or text[-1] != "'":
        return None
    inner = text[1:-1]
    if "'" in inner.replace("''", ""):
        return None
    return inner.replace("''", "'")


def problems_of(document: ScannedDocument, path: Path | None) -> list[Problem]:
    """Every problem of a scanned file, by the same validation as a full reading."""
    from agenttui.model.validation import validate

    # validate reads only problems, fields_editable, fields, field_line, name, body and
    # body_line, which a scanned document gives as the full reading would.
    return validate(cast("AgentDocument", document), path)
