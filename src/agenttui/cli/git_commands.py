"""``diff`` and ``review``: what changed in agent files, field by field, since a git reference.

``agenttui diff A.md B.md`` compares two files; ``agenttui diff [REF] [PATH...]`` compares the
agent files changed since REF (default: the merge base with the upstream or default branch,
else HEAD) with their content at REF. ``agenttui review [REF]`` opens the app on the agents
changed since REF.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agenttui.cli.common import CommandError, display_path, print_json
from agenttui.git import Changes, FileChange, GitError, GitState, changed_files, file_at
from agenttui.text import visible_line

if TYPE_CHECKING:
    from agenttui.model import AgentDocument
    from agenttui.model.fielddiff import DocumentDiff

    _Parsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: _Parsers) -> None:
    diff = commands.add_parser(
        "diff", help="what changed in agents, field by field",
        description="Compare two agent files (diff A.md B.md), or the agent files changed "
                    "since REF with their content at REF (default REF: the merge base with "
                    "the upstream or default branch, else HEAD).")
    diff.add_argument("args", metavar="[REF] [PATH]", nargs="*",
                      help="a git reference, then folders or files (default: the discovered "
                           "agent folders); or exactly two files")
    diff.add_argument("--json", action="store_true", help="print one JSON object")
    diff.set_defaults(handler=run_diff)
    review = commands.add_parser("review", help="open the app on the agents changed since REF")
    review.add_argument("ref", metavar="REF", nargs="?",
                        help="a git reference (default: the merge base with the upstream or "
                             "default branch, else HEAD)")
    review.set_defaults(handler=run_review)


def run_diff(args: argparse.Namespace) -> int:
    """The first word is a reference unless it is a path (an existing one, or a ``.md`` file
    that may have been deleted)."""
    words: list[str] = args.args
    if len(words) == 2 and all(os.path.isfile(word) for word in words):
        return _two_files(Path(words[0]), Path(words[1]), args.json)
    ref = None
    if words and not os.path.lexists(words[0]) and not words[0].lower().endswith(".md"):
        ref, words = words[0], words[1:]
    changes = _changes([Path(w) for w in words] or _discovered(), ref)
    found = [(change, _compare(changes, change)) for change in changes.files]
    if args.json:
        print_json({"repository": str(changes.repo), "ref": changes.ref, "base": changes.base,
                    "files": [change.to_json() | {"diff": diff.to_json()}
                              for change, diff in found]})
        return 0
    for change, diff in found:
        _print_diff(_heading(change), diff)
    if not found:
        print(f"no agent file changed since {visible_line(changes.ref)}")
    return 0


def run_review(args: argparse.Namespace) -> int:
    """The reference is checked, and the changes counted, before the app opens: a bad
    reference or nothing changed is said on the command line."""
    changes = _changes(_discovered(), args.ref)
    if not changes.files:
        print(f"nothing to review: no agent file changed since {visible_line(changes.ref)}")
        return 0
    return _open_app(args.ref or True)


def _open_app(review: str | bool) -> int:
    """The app on the discovered agents as a review since ``review`` (True: the default
    reference): only the changed agents shown, the cursor on the first."""
    from agenttui.app import make_app
    from agenttui.storage.discovery import DiscoveryError

    try:
        app = make_app(review=review)
    except DiscoveryError as exc:
        raise CommandError(str(exc)) from None
    app.run()
    return 0


def _discovered() -> list[Path]:
    from agenttui.storage.discovery import Scope, find_roots

    roots = find_roots([], cwd=Path.cwd(), env=os.environ)
    folders = [root.path for root in roots if root.scope is not Scope.PLUGIN]
    if not folders:
        raise CommandError("no agent folders found: no .claude/agents folder from here "
                           "upwards or in ~/.claude")
    return folders


def _changes(folders: list[Path], ref: str | None) -> Changes:
    try:
        return changed_files(folders, ref)
    except GitError as exc:
        raise CommandError(str(exc)) from None


def _compare(changes: Changes, change: FileChange) -> DocumentDiff:
    before = None
    if change.state not in (GitState.ADDED, GitState.UNTRACKED):
        before = _at_base(changes, change.old_path or change.path)
    after = None if change.state is GitState.DELETED else _on_disk(change.path)
    return _diff(before, after)


def _at_base(changes: Changes, path: Path) -> tuple[AgentDocument, Path] | None:
    try:
        data = file_at(changes.repo, changes.base, path)
    except GitError as exc:
        raise CommandError(str(exc)) from None
    return None if data is None else _document(data, path)


def _on_disk(path: Path) -> tuple[AgentDocument, Path] | None:
    from agenttui.cli.common import load_target

    try:
        return load_target(str(path))[0], path
    except CommandError as exc:
        print(f"agenttui: {visible_line(str(exc))}", file=sys.stderr)
        return None


def _document(data: bytes, path: Path) -> tuple[AgentDocument, Path]:
    from agenttui.model import AgentDocument

    return AgentDocument(data, str(path)), path


def _diff(before: tuple[AgentDocument, Path] | None,
          after: tuple[AgentDocument, Path] | None) -> DocumentDiff:
    from agenttui.model.fielddiff import diff_documents
    from agenttui.model.validation import validate

    def problems(side: tuple[AgentDocument, Path] | None) -> list[Any]:
        return validate(side[0], side[1]) if side else []

    return diff_documents(before[0] if before else None, after[0] if after else None,
                          problems(before), problems(after))


def _two_files(a: Path, b: Path, as_json: bool) -> int:
    from agenttui.cli.common import load_target

    diff = _diff((load_target(str(a))[0], a), (load_target(str(b))[0], b))
    if as_json:
        print_json({"before": str(a), "after": str(b), "diff": diff.to_json()})
    else:
        _print_diff(f"{display_path(a)} → {display_path(b)}", diff)
    return 0


def _heading(change: FileChange) -> str:
    state = change.state.value
    if change.old_path is not None and change.state is GitState.RENAMED:
        state += f" from {display_path(change.old_path)}"
    if change.staged:
        state += ", staged"
    return f"{display_path(change.path)} ({state})"


def _print_diff(heading: str, diff: DocumentDiff) -> None:
    print(heading)
    lines = diff.lines() or ["no change"]
    for line in lines:
        print(f"  {visible_line(line)}")
