"""Every agent found, loaded and checked, with the rules that span files.

Pure: no Textual. The CLI and the app both hold a ``Catalog``; the app fills it incrementally
from a worker (``add``), replaces agents as they are edited or reloaded (``update``), and the
cross-file problems (duplicate names in one scope, shadowing across scopes) follow each change.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import os
import stat
import sys
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TypeGuard

from agenttui.model.crosscheck import NameEntry, cross_problems
from agenttui.model.limits import MAX_FILE_BYTES
from agenttui.model.problems import Problem, Severity, error
from agenttui.model.scan import ScannedDocument, problems_of, scan
from agenttui.model.tools import parse_tools
from agenttui.storage.cache import (
    ParseCache,
    Stamp,
    keeps,
    kind_key,
    now_ns,
    problem_from_record,
    problem_record,
    stamp,
)
from agenttui.storage.discovery import AgentFile, Root, Scope, Skipped, list_agent_files

if TYPE_CHECKING:
    from agenttui.model import AgentDocument
    from agenttui.storage.files import Snapshot


@dataclass
class Agent:
    """One agent file: what was read, what it says and everything wrong with it."""

    file: AgentFile
    document: AgentDocument | None
    snapshot: Snapshot | None
    read_error: str | None = None
    base_problems: list[Problem] = field(default_factory=list)
    cross: list[Problem] = field(default_factory=list)
    shadowed_by: Path | None = None
    summary: dict[str, Any] | None = None  # a cached reading, for lookups that skip parsing
    _counts: tuple[int, int] | None = field(default=None, repr=False, compare=False)
    _qualified: tuple[str | None] | None = field(default=None, repr=False, compare=False)

    @property
    def _said(self) -> dict[str, Any]:
        return self.summary or {}

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def scope(self) -> Scope:
        return self.file.root.scope

    @property
    def kind(self) -> str:
        """Its format (``model.formats``): Claude Code's agents unless its root says."""
        return self.file.root.format_kind

    @property
    def name(self) -> str | None:
        return self.document.name if self.document else self._said.get("name")

    @property
    def display_name(self) -> str:
        return self.qualified_name or self.path.stem

    @property
    def qualified_name(self) -> str | None:
        """The name Claude Code knows the agent by: a plugin's agents are namespaced, and
        subfolders join the id (``agents/review/security.md`` is ``plugin:review:security``)."""
        if self._qualified is None:  # asked per row and per filter key: made once
            if not self.file.root.is_agents:
                self._qualified = (_format_id(self),)
                return self._qualified[0]
            plugin, folders = plugin_place(self.file)
            name = self.name
            self._qualified = (":".join([plugin, *folders, name]) if plugin and name
                               else name,)
        return self._qualified[0]

    @property
    def fields(self) -> dict[str, Any]:
        return self.document.fields if self.document else dict(self._said.get("fields", {}))

    @property
    def claude_code(self) -> dict[str, Any] | None:
        """What Claude Code does with the agent (``Verdict.to_json``), where it is a plugin's:
        one that does not parse, or lacks its name or description, still loads under its
        file name with a placeholder description."""
        if not self.file.root.is_agents:
            return None  # the verdict is about Claude Code's subagents
        said = (self.document.verdict.to_json() if self.document
                else self._said.get("claude_code"))
        if said is None:
            return None
        placeholder = said["outcome"] == "skipped" and not str(said["reason"]).startswith(
            "its name starts")
        if placeholder and plugin_place(self.file)[0] is not None:
            return said | {"loads": True, "outcome": "loads with a placeholder description",
                           "name": self.qualified_name or self.path.stem}
        return said

    @property
    def description(self) -> str:
        value = self.fields.get("description")
        return value if isinstance(value, str) else ""

    @property
    def tools(self) -> list[str]:
        if not self.file.root.is_agents:
            from agenttui.model.formats import convert, get

            return convert.tool_entries(get(self.kind), self.fields)
        return parse_tools(self.fields.get("tools"))

    @property
    def read_only(self) -> bool:
        if self.document is None and self.summary is not None:
            return self.file.root.read_only or not self.summary["writable"]
        return self.file.root.read_only or self.document is None or not self.document.writable

    @property
    def problems(self) -> list[Problem]:
        return sorted(self.base_problems + self.cross, key=Problem.sort_key)

    @property
    def errors(self) -> int:
        errors = self.base_counts[0]
        return errors + _count(self.cross, Severity.ERROR) if self.cross else errors

    @property
    def warnings(self) -> int:
        warnings = self.base_counts[1]
        return warnings + _count(self.cross, Severity.WARNING) if self.cross else warnings

    @property
    def base_counts(self) -> tuple[int, int]:
        """Errors and warnings of the file itself, counted once (an agent's reading never
        changes; functools.cached_property takes a lock on every read in Python 3.11)."""
        if self._counts is None:
            self._counts = (_count(self.base_problems, Severity.ERROR),
                            _count(self.base_problems, Severity.WARNING))
        return self._counts


def plugin_place(file: AgentFile) -> tuple[str | None, list[str]]:
    """The plugin an agent file belongs to and its subfolders under the plugin's ``agents``:
    a plugin root's, or for a folder given by path, the plugin folder (one holding
    ``.claude-plugin/``) whose ``agents`` folder holds it."""
    folders = [part for part in file.folder.parts if part not in (".", "")]
    if file.root.plugin:
        return file.root.plugin, folders
    if file.root.scope is not Scope.PATH:
        return None, folders
    where = file.root.path.parts + tuple(folders)
    for at in range(len(where) - 1, 0, -1):
        if where[at] == "agents" and _is_plugin(Path(*where[:at])):
            return where[at - 1], list(where[at + 1:])
    return None, folders


@functools.lru_cache(maxsize=4096)
def _is_plugin(folder: Path) -> bool:
    return (folder / ".claude-plugin").is_dir()


def _format_id(agent: Agent) -> str:
    """The id a format's tool gives the file (a plugin's namespaced by the plugin)."""
    from agenttui.model.formats import get
    from agenttui.storage.format_discovery import relative_path

    found = get(agent.kind).document_id(relative_path(agent.file), agent.fields)
    plugin = agent.file.root.plugin
    return f"{plugin}:{found.lstrip('/')}" if plugin else found


def _count(problems: list[Problem], severity: Severity) -> int:
    return sum(1 for p in problems if p.severity is severity)


def load_agent(file: AgentFile) -> Agent:
    """Read, parse and validate one file (cross-file rules are the catalog's)."""
    from agenttui.storage.files import read_snapshot  # hashing: for files opened or saved

    try:
        snapshot = read_snapshot(file.path)
    except OSError as exc:
        reason = _read_failure(file.path, exc)
        return Agent(file, None, None, reason, [_unreadable(reason)])
    from agenttui.model import AgentDocument  # the parser: not needed for cached agents

    if not file.root.is_agents:
        from agenttui.model.formats import get

        document = AgentDocument(snapshot.data, str(file.path),
                                 get(file.root.format_kind).known_keys)
        return Agent(file, document, snapshot, None, file_problems(file, document))
    from agenttui.model.validation import validate

    document = AgentDocument(snapshot.data, str(file.path))
    return Agent(file, document, snapshot, None, validate(document, file.path))


def file_problems(file: AgentFile, document: AgentDocument) -> list[Problem]:
    """The problems of ``document`` as the format of ``file``'s root reads it."""
    if file.root.is_agents:
        from agenttui.model.validation import validate

        return validate(document, file.path)
    from agenttui.model.formats import checks, get
    from agenttui.storage.format_discovery import relative_path

    return checks.validate(get(file.root.format_kind), document, file.path,
                           relative_path(file))


def with_document(agent: Agent, document: AgentDocument, snapshot: Snapshot | None) -> Agent:
    """The same agent holding an edited (or reloaded) document."""
    return Agent(agent.file, document, snapshot or agent.snapshot, None,
                 file_problems(agent.file, document))


def _format_files(root: Root, skipped: list[Skipped] | None) -> list[AgentFile]:
    from agenttui.storage.format_discovery import list_format_files

    return list_format_files(root, skipped)


def root_files(root: Root, skipped: list[Skipped] | None = None) -> list[AgentFile]:
    """The files of ``root`` its format reads: every ``.md`` of an agents folder, the files
    of another format's folder its declaration names (``*/SKILL.md`` …)."""
    return list_agent_files(root, skipped) if root.is_agents else _format_files(root, skipped)


def _group(agent: Agent) -> str:
    """Where names must be unique: a scope, one plugin, one project folder, or one folder
    given by path."""
    root = agent.file.root
    kind = "" if root.is_agents else f"{root.kind}:"  # one name in two kinds is no clash
    plugin, _ = plugin_place(agent.file)
    if plugin is not None:
        return f"{kind}plugin:{plugin}"
    if root.scope in (Scope.PATH, Scope.PROJECT):
        return f"{kind}{root.scope.value}:{root.path}"
    return kind + str(root.scope.value)


def _rank(agent: Agent) -> int:
    """Which project folder wins a name: the closest to the working directory, which is
    the deepest (every project folder is on the way up from it)."""
    root = agent.file.root
    return -len(root.path.parts) if root.scope is Scope.PROJECT else 0


SUMMARY_FIELDS = ("name", "description", "model", "tools", "color")
PARALLEL_MIN = 400  # files to read before a process pool pays for itself


BATCH = 1000  # agents a loading step sends at most
BATCH_SECONDS = 0.2  # and at most this long after the step before


@dataclass
class LoadStep:
    """A step of reading some roots. The first holds an agent for every file (those the
    cache knows unchanged, the others by file name only, read later); each later one holds
    the agents just read, to replace theirs. ``done`` of ``total`` files are read."""

    agents: list[Agent]
    done: int
    total: int
    first: bool = False

    @property
    def complete(self) -> bool:
        return self.done == self.total


def load_in_steps(roots: Sequence[Root], cache: ParseCache, batch: int = BATCH,
                  seconds: float = BATCH_SECONDS,
                  skipped: list[Skipped] | None = None) -> Iterator[LoadStep]:
    """List the files of ``roots``; yield at once every agent, those ``cache`` knows
    unchanged as it remembers them; then read the others, yielding a step every ``batch``
    files or ``seconds``, whichever comes first. At the end ``cache`` forgets the files that
    are gone and is saved (after the last step: writing 10,000 entries takes ~0.5 s).
    What the walks leave out is added to ``skipped``."""
    files = [f for root in roots for f in root_files(root, skipped)]
    known, unread = split_cached(files, cache)
    done, total = len(files) - len(unread), len(files)
    yield LoadStep([agent or Agent(file, None, None) for file, agent in
                    zip(files, known, strict=True)], done, total, first=True)
    read: list[Agent] = []
    sent = time.monotonic()
    for agent in read_files(unread, cache):
        read.append(agent)
        if len(read) >= batch or time.monotonic() - sent > seconds:
            done += len(read)
            yield LoadStep(read, done, total)
            read, sent = [], time.monotonic()
    if read:
        yield LoadStep(read, total, total)
    prune_cache(cache, roots, files)
    cache.save()


def _load_cached(roots: Sequence[Root], cache: ParseCache,
                 skipped: list[Skipped]) -> list[Agent]:
    """Every agent of ``roots`` in one go (the command line's reading of ``load_in_steps``)."""
    steps = load_in_steps(roots, cache, batch=sys.maxsize, seconds=float("inf"),
                          skipped=skipped)
    listed = next(steps).agents
    fresh = {agent.path: agent for step in steps for agent in step.agents}
    return [fresh.get(agent.path, agent) for agent in listed]


def split_cached(files: Sequence[AgentFile],
                 cache: ParseCache) -> tuple[list[Agent | None], list[AgentFile]]:
    """For each file its agent as ``cache`` remembers it (None where it must be read), and
    the files to read."""
    known = [cached_agent(file, cache) for file in files]
    return known, [file for file, agent in zip(files, known, strict=True) if agent is None]


def cached_agent(file: AgentFile, cache: ParseCache) -> Agent | None:
    """The agent as ``cache`` remembers it (a ``summary``, no document) while the file is
    unchanged; None when the file must be read."""
    try:
        info = os.stat(file.path)
    except OSError:
        return None
    said = cache.get(file.path, info, cache_key(file))
    if not _is_summary(said):
        return None
    try:
        problems = [problem_from_record(record) for record in said["problems"]]
    except (TypeError, ValueError):  # a damaged cache file: read the agent again
        return None
    return Agent(file, None, None, None, problems, summary=said)


def cache_key(file: AgentFile) -> str:
    """The file's key in the parse cache: its path for a Claude Code agent; for another kind,
    the path, the kind and the path below its folder (the checks of a skill's folder name and
    the like read it), so a file read as two kinds, or from two places, never mixes."""
    if file.root.is_agents:
        return str(file.path)
    from agenttui.storage.format_discovery import relative_path

    return kind_key(file.path, file.root.format_kind, relative_path(file).as_posix())


def _is_summary(said: Any) -> TypeGuard[dict[str, Any]]:
    """Whether a cached value has the shape ``_summarize`` gives it."""
    return (isinstance(said, dict) and isinstance(said.get("problems"), list)
            and isinstance(said.get("fields"), dict) and isinstance(said.get("writable"), bool)
            and isinstance(said.get("name"), (str, type(None))))


def read_files(files: Sequence[AgentFile], cache: ParseCache) -> Iterator[Agent]:
    """Read ``files`` of every kind as summaries (``read_summaries``), each checked as its
    kind's declaration says."""
    return read_summaries(files, cache)


def read_summaries(files: Sequence[AgentFile], cache: ParseCache) -> Iterator[Agent]:
    """Read ``files``, in order, as agents holding a summary (what a lookup shows) instead of
    the document (the text, its parse and a snapshot: ~50 KB an agent), remembering each in
    ``cache``. Many files are read by worker processes (``pool``)."""
    from agenttui.pool import map_in_order

    if len(files) >= PARALLEL_MIN:  # imported once here, not once in each forked worker
        from agenttui.model import document, validation  # noqa: F401
        if not all(file.root.is_agents for file in files):
            from agenttui.model.formats import checks  # noqa: F401
            from agenttui.storage import format_discovery  # noqa: F401
    items = [_work(file) for file in files]  # what a worker needs, in few bytes
    for file, sent in zip(files, map_in_order(_summarize, items, PARALLEL_MIN), strict=True):
        read_error, problems, summary, info, parsed_at, keep = sent
        if problems is None:  # they travel as the summary's records
            problems = [problem_from_record(record) for record in summary["problems"]]
        if info is not None and keep:
            cache.remember(cache_key(file), info, summary, parsed_at)
        yield Agent(file, None, None, read_error, problems, summary=summary)


_Sent = tuple[str | None, list[Problem] | None, Any, "Stamp | None", int, bool]
_Work = str | tuple[str, str, str]  # a Claude Code agent's path; another kind's, kind, place


def _work(file: AgentFile) -> _Work:
    if file.root.is_agents:
        return str(file.path)
    from agenttui.storage.format_discovery import relative_path

    return str(file.path), file.root.format_kind, relative_path(file).as_posix()


def _summarize(work: _Work) -> _Sent:
    """What a worker sends back of a file (``_work``), only plain values (the agent is made
    again around the main process's own file, so agents never hold copies of their root):
    the read error or the problems (None when the summary holds them), the summary, the
    file's stamp as read and the time of the reading, and whether the cache can keep it.
    A Claude Code agent's plain frontmatter is read by ``model.scan``, the rest by the full
    reading; another kind's file is read whole and checked by its declaration."""
    parsed_at = now_ns()
    text_path = work if isinstance(work, str) else work[0]
    path = Path(text_path)
    try:
        data, info = _read_bytes(text_path)
    except OSError as exc:
        reason = _read_failure(path, exc)
        return reason, [_unreadable(reason)], None, None, 0, False
    if not isinstance(work, str):
        said = _said_of_kind(data, path, work[1], PurePosixPath(work[2]))
        return None, None, said, info, parsed_at, keeps(said)
    scanned = scan(data, text_path)
    if scanned is not None:  # str and lists of str: JSON keeps them exactly
        return None, None, _said(scanned, problems_of(scanned, path)), info, parsed_at, True
    from agenttui.model import AgentDocument
    from agenttui.model.validation import validate

    document = AgentDocument(data, text_path)
    said = _said(document, validate(document, path))
    return None, None, said, info, parsed_at, keeps(said)


def _said_of_kind(data: bytes, path: Path, kind: str, relative: PurePosixPath) -> dict[str, Any]:
    """The summary of a file of ``kind`` (not Claude Code's agents), as ``load_agent`` reads
    and checks it, keeping the fields a lookup shows under that kind's keys."""
    from agenttui.model import AgentDocument
    from agenttui.model.formats import checks, get

    fmt = get(kind)
    document = AgentDocument(data, str(path), fmt.known_keys)
    keys = {*SUMMARY_FIELDS, *fmt.concepts.values(), fmt.tools_key}
    problems = checks.validate(fmt, document, path, relative)
    return _plain_said(document, problems, keys) | {"claude_code": None}  # about its agents


def _said(document: AgentDocument | ScannedDocument, problems: list[Problem]) -> dict[str, Any]:
    """A Claude Code agent's summary, with what Claude Code does with it."""
    return _plain_said(document, problems, SUMMARY_FIELDS) | {
        "claude_code": document.verdict.to_json()}


def _plain_said(document: AgentDocument | ScannedDocument, problems: list[Problem],
                keys: Collection[str | None]) -> dict[str, Any]:
    fields = {k: v for k, v in document.fields.items() if k in keys}
    return {"name": document.name, "fields": fields, "writable": document.writable,
            "problems": [problem_record(p) for p in problems]}


def _read_bytes(path: str) -> tuple[bytes, Stamp]:
    """The bytes of a regular file (at most one past the size limit) and its stamp, opened
    without blocking and refused with the errors ``read_snapshot`` raises, without its
    content hash (only a file that is opened or saved needs one)."""
    fd = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, f"{path} is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, socket or device)")
        return os.read(fd, min(info.st_size, MAX_FILE_BYTES) + 1), stamp(info)
    finally:
        os.close(fd)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while a catalog is made: every object made then
    lives as long as the catalog, yet each of the collector's passes walked them all (about a
    sixth of a lookup over 10,000 cached agents). Reference counting still frees the rest."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def prune_cache(cache: ParseCache, roots: Sequence[Root], files: list[AgentFile]) -> None:
    """Forget cached files under ``roots`` that are not among ``files`` any more."""
    cache.prune([root.path for root in roots if os.path.isdir(root.path)],
                {str(f.path) for f in files})


def _unreadable(reason: str) -> Problem:
    return error("AT007", f"cannot read the file: {reason}")


def _read_failure(path: Path, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "a link to nothing" if os.path.islink(path) else "the file is gone"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "not a regular file"
    return str(exc.strerror or exc)


class Catalog:
    """The agents of some roots, in discovery order, with cross-file problems kept current."""

    def __init__(self, roots: Sequence[Root] = ()) -> None:
        self.roots = list(roots)
        self.agents: list[Agent] = []
        self.skipped: list[Skipped] = []  # what discovery left out, as warnings
        self._by_path: dict[Path, Agent] = {}
        self._position: dict[Path, int] = {}  # index in ``agents``: replacing is O(1)
        # Kept as agents come and go, so a change costs what it changes, not the catalog's
        # size (the app adds agents in batches while loading): the paths holding each name,
        # the names two agents or more hold, the agents with cross-file problems, and the
        # files' own errors and warnings summed.
        self._holders: dict[str, set[Path]] = {}
        self._shared: set[str] = set()
        self._crossed: set[Path] = set()
        self._base_totals = [0, 0]

    @classmethod
    def load(cls, roots: Sequence[Root], workers: int = 8,
             cache: ParseCache | None = None) -> Catalog:
        """Every agent of ``roots``; with a ``cache``, unchanged files are not parsed again
        and their agents hold a ``summary`` (the fields the CLI shows) instead of a document.
        What the walks leave out is in ``skipped``."""
        catalog = cls(roots)
        ordered = sorted(roots, key=lambda root: not root.is_agents)  # Claude Code's first
        with _no_collection():
            if cache is not None:
                catalog.add(_load_cached(ordered, cache, catalog.skipped))
                return catalog
            files = [f for root in ordered for f in root_files(root, catalog.skipped)]
            from concurrent.futures import ThreadPoolExecutor  # not needed over the cache

            with ThreadPoolExecutor(max_workers=workers) as pool:
                catalog.add(pool.map(load_agent, files, chunksize=64))
        return catalog

    def add(self, agents: Iterable[Agent]) -> None:
        for agent in agents:
            position = self._position.get(agent.path)
            if position is None:
                self._position[agent.path] = len(self.agents)
                self.agents.append(agent)
            else:
                self._forget(self.agents[position])
                self.agents[position] = agent
            self._by_path[agent.path] = agent
            self._note(agent)
        self.recompute()

    def update(self, agent: Agent) -> None:
        self.add([agent])

    def remove(self, path: Path) -> None:
        agent = self._by_path.pop(path, None)
        if agent is not None:
            self._forget(agent)
            del self.agents[self._position.pop(path)]
            self._position = {a.path: i for i, a in enumerate(self.agents)}
            self.recompute()

    def get(self, path: Path) -> Agent | None:
        return self._by_path.get(path)

    def recompute(self) -> None:
        """Set the cross-file problems. Only a name held by two agents or more can clash or
        shadow, so the rules see just those, and only agents that had or get such problems
        are touched (10,000 mostly distinct names took ~100 ms a pass over every agent)."""
        holders = sorted((path for name in self._shared for path in self._holders[name]),
                         key=self._position.__getitem__)  # in discovery order, as reported
        by_kind: dict[str, list[NameEntry]] = {}  # one name in two kinds is no clash
        for path in holders:
            holder = self._by_path[path]
            by_kind.setdefault(holder.kind, []).append(
                NameEntry(path, holder.scope.value, _group(holder), holder.qualified_name,
                          _rank(holder)))
        found = {path: said for entries in by_kind.values()
                 for path, said in cross_problems(entries).items()}
        for path in self._crossed - found.keys():
            agent = self._by_path.get(path)
            if agent is not None:
                agent.cross, agent.shadowed_by = [], None
        for path, (problems, shadowed_by) in found.items():
            agent = self._by_path[path]
            agent.cross, agent.shadowed_by = problems, shadowed_by
        self._crossed = set(found)

    def totals(self) -> tuple[int, int]:
        """Errors and warnings over every agent (the app's status line asks on every
        keystroke of the filter): the files' own, kept as agents change, plus the few
        cross-file ones."""
        crossed = [self._by_path[path] for path in self._crossed]
        return (self._base_totals[0] + sum(_count(a.cross, Severity.ERROR) for a in crossed),
                self._base_totals[1] + sum(_count(a.cross, Severity.WARNING) for a in crossed))

    def _note(self, agent: Agent) -> None:
        self._adjust(agent, 1)

    def _forget(self, agent: Agent) -> None:
        self._adjust(agent, -1)

    def _adjust(self, agent: Agent, sign: int) -> None:
        errors, warnings = agent.base_counts
        self._base_totals[0] += sign * errors
        self._base_totals[1] += sign * warnings
        name = agent.qualified_name  # namespaced: one name in two plugins is no clash
        if not name:
            return
        if not agent.file.root.is_agents:
            name = f"{agent.kind} {name}"
        holders = self._holders.setdefault(name, set())
        (holders.add if sign > 0 else holders.discard)(agent.path)
        if len(holders) > 1:
            self._shared.add(name)
        else:
            self._shared.discard(name)
            if not holders:
                del self._holders[name]
