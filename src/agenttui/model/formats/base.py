"""The shape of a format declaration: where a tool looks for its files, how it names each
one, which fields it reads and what it does with them.

A declaration is data. Discovery (``storage.format_discovery``), validation (``checks``),
conversion (``convert``) and the command line read it; none of them names a format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Protocol

from agenttui.model.schema import Field

if TYPE_CHECKING:
    from pathlib import Path

    from agenttui.model.problems import Problem


class Readable(Protocol):
    """What checks read of a document (``AgentDocument`` and the scanner's reading give it)."""

    @property
    def fields(self) -> dict[str, Any]: ...
    @property
    def body(self) -> str: ...
    @property
    def body_line(self) -> int: ...
    @property
    def fields_editable(self) -> bool: ...
    @property
    def problems(self) -> list[Problem]: ...
    def field_line(self, key: str) -> int | None: ...


# A rule of a format's own: the declaration, the document and its path give its problems.
Rule = Callable[["Format", Readable, "Path | None"], "list[Problem]"]
Validator = Callable[[Readable, "Path | None"], "list[Problem]"]


@dataclass(frozen=True)
class Folder:
    """A folder a tool reads files from.

    ``path`` is relative to each project folder (scope ``project``) or to the home folder
    (scope ``user``); when ``env`` names a set environment variable, the user folder is
    ``$env/env_path`` instead. ``files`` is the glob of the files within it: ``*.md`` (top
    level only), ``**/*.md`` (subfolders too), ``*/SKILL.md`` (one folder per file).
    """

    scope: str
    path: str
    files: str = "**/*.md"
    env: str | None = None
    env_path: str = ""


@dataclass(frozen=True)
class Format:
    """One tool's kind of agent-like file."""

    kind: str  # the id on the command line and in JSON: ``opencode``
    tool: str  # who reads the files, as messages name it: ``OpenCode``
    title: str  # what the files are: ``agents``
    source: str  # where the declaration was read from
    checked: str  # the date it was last compared with that source (YYYY-MM-DD)
    folders: tuple[Folder, ...]
    id_from: str  # ``file`` (its name), ``folder`` (the folder holding it), ``path``
    # (its path below the folder, subfolders joined by ``:``), ``name`` (the ``name`` field)
    fields: tuple[Field, ...]
    codes: int | None  # the first problem code of the format's block (None: no schema)
    suffix: str = ".md"  # what the id drops from a file name
    nested_ids: bool = False  # ``id_from="file"``: subfolders join the id (``team/reviewer``)
    id_field: str | None = "name"  # the field that must agree with the id, if any
    name_pattern: str | None = None  # the documented form of the name
    body_limit: int | None = None  # the most characters of body the tool reads
    body_required: bool = False  # an empty body is a warning
    unknown_keys: bool = True  # warn about keys the tool does not read
    ignored: dict[str, str] = field(default_factory=dict)  # keys the tool ignores: why
    rules: tuple[Rule, ...] = ()  # checks of the format's own (codes from its block)
    tools_key: str | None = None  # the field listing the tools
    tools_style: str = "list"  # how it writes them: ``list``, ``csv`` or ``map``
    tool_names: dict[str, str] = field(default_factory=dict)  # its name -> Claude Code's
    accepts_claude_tools: bool = False  # Claude Code's tool names are aliases of its own
    claude_tool_entries: bool = False  # it reads Claude Code's entries as they are
    # (``Bash(git:*)``, ``mcp__server__tool``): Claude Code's own formats
    models: dict[str, str] = field(default_factory=dict)  # Claude alias -> its model id
    model_template: str | None = None  # how it writes a full Claude model id: "anthropic/{}"
    colours: tuple[str, ...] = ()  # colour names it shows, for conversion
    concepts: dict[str, str] = field(default_factory=dict)  # shared meaning -> its key
    validator: Validator | None = None  # the whole validation, for a format that has one
    example: str = ""  # a short file of this kind: what ``new`` writes, with {name}
    known_keys_extra: tuple[str, ...] = ()  # keys read but not in ``fields``

    @property
    def by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    @property
    def known_keys(self) -> frozenset[str]:
        return frozenset(self.by_key) | frozenset(self.known_keys_extra)

    @property
    def label(self) -> str:
        return f"{self.tool} {self.title}"

    def code(self, offset: int) -> str:
        """The problem code at ``offset`` in the format's block."""
        assert self.codes is not None, f"{self.kind} has no problem codes"
        return f"AT{self.codes + offset:03d}"

    def file_id(self, relative: PurePosixPath) -> str:
        """The id the tool gives a file at ``relative`` (below the folder it was found in),
        before any ``name`` field is read."""
        if self.id_from == "folder":
            parent = relative.parent
            return parent.name if parent.name else relative.stem
        name = relative.name
        stem = name[: -len(self.suffix)] if name.endswith(self.suffix) else relative.stem
        if self.id_from == "path":
            return "/" + ":".join([*relative.parent.parts, stem])
        if self.nested_ids:
            return "/".join([*relative.parent.parts, stem])
        return stem

    def document_id(self, relative: PurePosixPath, fields: dict[str, Any]) -> str:
        """The id the tool knows the file by: its ``name`` for formats named by it."""
        if self.id_from == "name":
            name = fields.get("name")
            if isinstance(name, str) and name.strip():
                return name
        return self.file_id(relative)
