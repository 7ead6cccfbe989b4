"""The agent list's outline: agents grouped by scope, then folder (by tool first, when the
roots hold more than one kind of file: ``kinds``); which groups are folded; and the rows that
shows, top to bottom. Pure data: ``AgentTree`` draws it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from agenttui.catalog import Agent
from agenttui.storage.discovery import Root

GroupKey = tuple[str, Root | None, PurePosixPath]
TOP = PurePosixPath(".")
# The guides drawn before a row at each depth, as Textual's Tree draws them
GUIDE_MORE, GUIDE_LAST, GUIDE_LINE, GUIDE_NONE = "├ ", "└ ", "│ ", "  "


@dataclass(eq=False)
class Group:
    """A kind of file (``kind`` set: its scopes are its members), a scope (``folder`` is
    ``.``) or a folder in one: a row that folds."""

    root: Root  # a kind's group: its first root
    folder: PurePosixPath
    depth: int
    parent: Group | None = None
    members: list[Group | int] = field(default_factory=list)  # in the order first seen
    count: int = 0  # agents in it and in its folders
    expanded: bool = True
    kind: str = ""  # the kind a kind's group holds; "" for a scope or folder

    @property
    def key(self) -> GroupKey:
        return (self.kind, None, TOP) if self.kind else ("", self.root, self.folder)

    @property
    def is_scope(self) -> bool:
        return self.folder == TOP and not self.kind

    @property
    def kind_group(self) -> Group | None:
        """The kind's group this group is in (itself for one), None without kind groups."""
        group: Group | None = self
        while group is not None and not group.kind:
            group = group.parent
        return group


class Outline:
    """The groups of ``agents`` under ``roots`` (each root a scope, even an empty one), and
    the agents in tree order (``paths``): depth first, members in the order first seen.
    When the roots hold more than one kind of file, each kind is a group holding its scopes
    (in ``model.formats.KINDS`` order). Agents of a root not in ``roots`` are left out."""

    def __init__(self, roots: Iterable[Root], agents: Iterable[Agent],
                 folded: Iterable[GroupKey] = ()) -> None:
        self.scopes: list[Group] = []  # the top rows: kinds, or scopes without kind groups
        self.paths: list[Path] = []
        self.group_of: list[Group] = []  # the group each agent is in, by index
        entries = self._grouped(list(roots), agents)
        for scope in self.scopes:
            self._number(scope, entries)
        folded = set(folded)
        for group in self.groups():
            group.expanded = group.key not in folded

    def _grouped(self, roots: list[Root],
                 agents: Iterable[Agent]) -> dict[int, list[Group | Agent]]:
        """Make the groups; what each holds (by ``id``), in the order first seen."""
        groups: dict[tuple[Root, PurePosixPath], Group] = {}
        entries: dict[int, list[Group | Agent]] = {}
        kinds = by_kind(roots)
        for kind, held in kinds.items():
            top = None
            if len(kinds) > 1:
                top = Group(held[0], TOP, 0, kind=kind)
                self.scopes.append(top)
                entries[id(top)] = []
            for root in held:
                scope = groups[(root, TOP)] = Group(root, TOP, 0 if top is None else 1, top)
                if top is None:
                    self.scopes.append(scope)
                else:
                    entries[id(top)].append(scope)
                entries[id(scope)] = []
        by_folder = _folder_ids(kinds)
        for agent in agents:
            folder = agent.file.folder
            if by_folder.get(agent.file.root.format_kind) and folder != TOP:
                folder = folder.parent  # a skill's folder is the skill, not a group of them
            group = self._folder(groups, entries, agent.file.root, folder)
            if group is not None:
                entries[id(group)].append(agent)
        return entries

    def _folder(self, groups: dict[tuple[Root, PurePosixPath], Group],
                entries: dict[int, list[Group | Agent]], root: Root,
                folder: PurePosixPath) -> Group | None:
        if (root, folder) not in groups:
            parent = None if folder == TOP else self._folder(groups, entries, root,
                                                             folder.parent)
            if parent is None:
                return None
            group = groups[(root, folder)] = Group(root, folder, parent.depth + 1, parent)
            entries[id(group)] = []
            entries[id(parent)].append(group)
        return groups[(root, folder)]

    def _number(self, group: Group, entries: dict[int, list[Group | Agent]]) -> int:
        """Fill ``group.members`` (agents by their index in tree order) and its count."""
        for entry in entries[id(group)]:
            if isinstance(entry, Group):
                group.members.append(entry)
                group.count += self._number(entry, entries)
            else:
                group.members.append(len(self.paths))
                self.paths.append(entry.path)
                self.group_of.append(group)
                group.count += 1
        return group.count

    def groups(self) -> Iterator[Group]:
        """Every group, depth first."""
        stack = list(reversed(self.scopes))
        while stack:
            group = stack.pop()
            yield group
            stack.extend(m for m in reversed(group.members) if isinstance(m, Group))

    def folded(self) -> set[GroupKey]:
        return {group.key for group in self.groups() if not group.expanded}

    def reveal(self, index: int) -> bool:
        """Unfold the groups that hold agent ``index``; whether any was folded."""
        changed = False
        group: Group | None = self.group_of[index]
        while group is not None:
            changed |= not group.expanded
            group.expanded = True
            group = group.parent
        return changed

    def rows(self) -> tuple[list[Group | int], list[str]]:
        """The rows the unfolded groups show, top to bottom, and the guides before each."""
        rows: list[Group | int] = []
        guides: list[str] = []
        for scope in self.scopes:
            rows.append(scope)
            guides.append("")
            if scope.expanded:
                self._lay_out(scope, "", rows, guides)
        return rows, guides

    def _lay_out(self, group: Group, indent: str, rows: list[Group | int],
                 guides: list[str]) -> None:
        last = len(group.members) - 1
        more, below = indent + GUIDE_MORE, indent + GUIDE_LINE
        for position, member in enumerate(group.members):
            is_last = position == last
            rows.append(member)
            guides.append(indent + GUIDE_LAST if is_last else more)
            if isinstance(member, Group) and member.expanded:
                self._lay_out(member, indent + GUIDE_NONE if is_last else below, rows, guides)


def by_kind(roots: Iterable[Root]) -> dict[str, list[Root]]:
    """``roots`` by the kind of their files, the kinds in ``model.formats.KINDS`` order."""
    from agenttui.model.formats import KINDS

    held: dict[str, list[Root]] = {}
    for root in roots:
        held.setdefault(root.format_kind, []).append(root)
    return {kind: held[kind] for kind in sorted(held, key=_kind_order(KINDS))}


def _folder_ids(kinds: Iterable[str]) -> dict[str, bool]:
    """For each kind, whether its files are named by their folder (``<id>/SKILL.md``)."""
    from agenttui.model.formats import get

    return {kind: get(kind).id_from == "folder" for kind in kinds}


def _kind_order(kinds: tuple[str, ...]) -> Callable[[str], int]:
    return lambda kind: kinds.index(kind) if kind in kinds else len(kinds)
