"""What git says changed, as the app shows it: a mark per changed agent, the agents deleted
since the reference as rows of their own, and each change compared field by field.

No Textual: the main screen calls these from workers (git can be slow) and shows what they
return. Outside a repository, or without git, a :class:`Review` says why and marks nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from agenttui.catalog import Agent
from agenttui.git import Changes, FileChange, GitError, GitState, changed_files, file_at
from agenttui.model.document import AgentDocument
from agenttui.model.fielddiff import DocumentDiff, diff_documents
from agenttui.model.validation import validate
from agenttui.placement import file_in, root_for
from agenttui.storage.discovery import Root, Scope
from agenttui.storage.files import read_snapshot
from agenttui.text import plural


@dataclass(frozen=True)
class Review:
    """The agent files changed since ``ref`` (the reference as named, or how the default one
    was found), or, when ``changes`` is None, why there is nothing to show (``unavailable``).
    ``ghosts`` are the deleted agents as their content at the reference."""

    ref: str
    changes: Changes | None = None
    unavailable: str = ""
    ghosts: tuple[Agent, ...] = field(default=())

    @property
    def marks(self) -> dict[Path, FileChange]:
        return self.changes.by_path() if self.changes is not None else {}

    def note(self) -> str:
        """What the status line says: ``changes since main: 6 agents``."""
        if self.changes is None:
            return f"no git review: {self.unavailable}"
        return f"changes since {self.ref}: {plural(len(self.changes.files), 'agent')}"


def read_review(roots: Sequence[Root], ref: str | None = None) -> Review:
    """The changes under ``roots`` (plugin folders left out) since ``ref`` (default: the merge
    base with the upstream or default branch, else HEAD). Runs git: call it from a worker."""
    folders = [root.path for root in roots if root.scope is not Scope.PLUGIN]
    try:
        changes = changed_files(folders, ref)
        ghosts = tuple(_ghost(changes, roots, change) for change in changes.files
                       if change.state is GitState.DELETED)
    except GitError as exc:
        return Review(ref or "", None, str(exc))
    return Review(changes.ref, changes, "", ghosts)


def _ghost(changes: Changes, roots: Sequence[Root], change: FileChange) -> Agent:
    """A deleted agent as it was at the reference: a row of the list, never a file to edit."""
    data = file_at(changes.repo, changes.base, change.path)
    document = AgentDocument(data, str(change.path)) if data is not None else None
    return Agent(file_in(root_for(roots, change.path), change.path), document, None)


def compare(changes: Changes, change: FileChange) -> DocumentDiff:
    """``change``'s file at the reference against the file on disk, field by field, with
    the errors the change brings. Runs git and reads the file: call it from a worker.
    Raises ``GitError`` when git fails, ``OSError`` when the file cannot be read."""
    before = None
    if change.state not in (GitState.ADDED, GitState.UNTRACKED):
        data = file_at(changes.repo, changes.base, change.old_path or change.path)
        before = None if data is None else AgentDocument(data, str(change.path))
    after = None
    if change.state is not GitState.DELETED:
        after = AgentDocument(read_snapshot(change.path).data, str(change.path))
    return diff_versions(before, after, change.path)


def diff_versions(before: AgentDocument | None, after: AgentDocument | None,
                  path: Path) -> DocumentDiff:
    """Two versions of the agent at ``path`` compared, with the errors the second brings."""
    return diff_documents(before, after, validate(before, path) if before else [],
                          validate(after, path) if after else [])
