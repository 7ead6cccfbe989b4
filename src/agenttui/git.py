"""What git says about agent files: their state since a reference, and their content at one.

Git is the ``git`` command, run without a shell, with a time limit, always as
``git -C <repository> ...`` in the repository the agents are in. A reference given by the user
is checked (``rev-parse --verify``) and replaced by the commit it names before it is used; a
path is always given after ``--`` (or inside ``<commit>:<path>``), never where git reads an
option, and pathspecs are literal (``GIT_LITERAL_PATHSPECS``). Nothing here writes to the
repository: ``GIT_OPTIONAL_LOCKS=0`` keeps ``status``-like commands from refreshing the index,
and the repository's fsmonitor hook, external diff and text conversion commands are turned off.

Outside a repository, or without git, :class:`GitUnavailable` says so; the rest of agenttui
works without git.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath

GIT_TIMEOUT = 10.0  # seconds for one git command
_SAFE_OPTIONS = ("-c", "core.fsmonitor=false", "-c", "core.quotePath=false", "--no-pager")
_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_LITERAL_PATHSPECS": "1", "GIT_TERMINAL_PROMPT": "0",
        "LC_ALL": "C", "GIT_PAGER": "cat"}
_DROPPED_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_EXTERNAL_DIFF")


class GitError(Exception):
    """A git command failed or a reference names nothing; the message says why."""


class GitUnavailable(GitError):
    """No git here: the command is missing, or the folder is not in a repository."""


class GitMissing(GitUnavailable):
    """The ``git`` command cannot be run at all."""


class GitState(str, Enum):
    """How an agent file changed since the reference."""

    ADDED = "added"
    MODIFIED = "modified"
    DELETED = "deleted"
    RENAMED = "renamed"
    UNTRACKED = "untracked"


@dataclass(frozen=True)
class FileChange:
    """One changed agent file. ``path`` is where it is now (where it was, when deleted);
    ``old_path`` where it was at the reference (None when added or untracked); ``staged``
    when the index holds changes to it not yet committed."""

    path: Path
    state: GitState
    old_path: Path | None = None
    staged: bool = False

    def to_json(self) -> dict[str, object]:
        return {"path": str(self.path), "state": self.state.value,
                "old_path": str(self.old_path) if self.old_path else None,
                "staged": self.staged}


@dataclass(frozen=True)
class Changes:
    """What changed in ``repo`` since ``ref`` (the reference as the user named it, or how the
    default one was found); ``base`` is its commit, or git's empty tree in a repository
    without commits."""

    repo: Path
    ref: str
    base: str
    files: tuple[FileChange, ...]

    def by_path(self) -> dict[Path, FileChange]:
        return {change.path: change for change in self.files}


def run_git(repo: Path, *args: str, timeout: float = GIT_TIMEOUT,
            input_data: bytes | None = None) -> bytes:
    """The output of ``git -C repo ARGS``. Raises ``GitUnavailable`` without git,
    ``GitError`` when the command fails or takes longer than ``timeout`` seconds."""
    command = ["git", "-C", str(repo), *_SAFE_OPTIONS, *args]
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, env=_git_env(),
                              input=b"" if input_data is None else input_data, check=False)
    except FileNotFoundError:
        raise GitMissing("git is not installed (no `git` command found)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {timeout:g} s; stopped") from None
    except OSError as exc:
        raise GitMissing(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def _git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    return env | _ENV


def find_repo(folder: Path) -> Path:
    """The top folder of the work tree holding ``folder``. Raises ``GitUnavailable``."""
    start = _existing(folder)
    try:
        out = run_git(start, "rev-parse", "--show-toplevel")
    except GitUnavailable:
        raise
    except GitError:
        raise GitUnavailable(f"{folder} is not in a git repository") from None
    top = out.decode("utf-8", "surrogateescape").strip()
    if not top:
        raise GitUnavailable(f"{folder} is not in a git work tree")
    return Path(top)


def _existing(folder: Path) -> Path:
    """``folder``, or its nearest existing parent (a deleted file's folder may be gone)."""
    path = Path(os.path.abspath(folder))
    while not path.is_dir() and path != path.parent:
        path = path.parent
    return path


def resolve_ref(repo: Path, ref: str) -> str:
    """The commit ``ref`` names. Raises ``GitError`` (a reference starting with ``-`` is
    refused: git would read it as an option)."""
    if not ref or ref.startswith("-") or any(ch in ref for ch in "\0\n\r"):
        raise GitError(f"not a git reference: {ref!r}")
    try:
        out = run_git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitUnavailable:
        raise
    except GitError:
        raise GitError(f"{ref}: no such commit, branch or tag in {repo}") from None
    return out.decode("ascii", "replace").strip()


def default_ref(repo: Path) -> tuple[str, str]:
    """The commit a review starts from, and how to name it: the merge base of HEAD with the
    branch's upstream, else with the remote's default branch (or a local ``main`` or
    ``master``), else HEAD; in a repository without commits, git's empty tree (everything is
    new)."""
    head = _try(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if head is None:
        return empty_tree(repo), "the empty tree (no commits yet)"
    for other in _base_candidates(repo):
        base = _try(repo, "merge-base", "HEAD", other)
        if base:
            return base, f"the merge base with {_short(other)}"
    return head, "HEAD"


def _base_candidates(repo: Path) -> list[str]:
    found = []
    upstream = _try(repo, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}")
    if upstream:
        found.append(upstream)
    remote_head = _try(repo, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD")
    if remote_head:
        found.append(remote_head)
    for branch in ("main", "master"):
        if _try(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"):
            found.append(f"refs/heads/{branch}")
    return found


def _short(ref: str) -> str:
    return ref.removeprefix("refs/heads/").removeprefix("refs/remotes/")


def _try(repo: Path, *args: str) -> str | None:
    try:
        out = run_git(repo, *args).decode("utf-8", "replace").strip()
    except GitUnavailable:
        raise
    except GitError:
        return None
    return out or None


def empty_tree(repo: Path) -> str:
    """The id of the empty tree in ``repo``'s hash (SHA-1 or SHA-256)."""
    return run_git(repo, "hash-object", "-t", "tree", "--stdin",
                   input_data=b"").decode("ascii").strip()


def changed_files(folders: Sequence[Path], ref: str | None = None) -> Changes:
    """Agent files (``*.md``) under ``folders`` (or the files named) changed since ``ref``
    (default: :func:`default_ref`), in the repository of the first folder that is in one;
    folders outside it are left out. Raises ``GitUnavailable`` outside a repository,
    ``GitError`` for a bad reference."""
    repo = _first_repo(folders)
    base, label = (resolve_ref(repo, ref), ref) if ref else default_ref(repo)
    places = _places(repo, folders)
    if not places:
        return Changes(repo, label, base, ())
    specs = [spec for _given, spec in places]
    staged = _names(repo, "diff", "--cached", "--name-only", "-z", "--no-renames",
                    "--no-ext-diff", "--no-textconv", "--", *specs)
    found = [*_diffed(repo, base, specs, staged), *_untracked(repo, specs)]
    files = [change for change in (_located(c, repo, places) for c in found) if change]
    files = [c for c in files if _is_agent(c.path)]
    return Changes(repo, label, base, tuple(sorted(files, key=lambda c: str(c.path))))


def _first_repo(folders: Sequence[Path]) -> Path:
    """The repository of the first folder that is in one."""
    reason: GitUnavailable = GitUnavailable("no agent folders to compare")
    for folder in folders:
        try:
            return find_repo(folder)
        except GitMissing:
            raise
        except GitUnavailable as exc:
            reason = exc
    raise reason


def _places(repo: Path, folders: Iterable[Path]) -> list[tuple[Path, str]]:
    """Each folder inside ``repo`` with its path relative to the repository (a pathspec)."""
    real_repo = Path(os.path.realpath(repo))
    places = []
    for folder in folders:
        real = Path(os.path.realpath(os.path.abspath(folder)))
        try:
            relative = real.relative_to(real_repo)
        except ValueError:
            continue
        places.append((Path(os.path.abspath(folder)), relative.as_posix() or "."))
    return places


def _names(repo: Path, *args: str) -> set[str]:
    try:
        out = run_git(repo, *args)
    except GitUnavailable:
        raise
    except GitError:
        return set()
    return {name for name in _fields(out) if name}


def _fields(out: bytes) -> list[str]:
    return out.decode("utf-8", "surrogateescape").split("\0")


def _diffed(repo: Path, base: str, specs: list[str],
            staged: set[str]) -> Iterable[tuple[GitState, str, str | None, bool]]:
    out = run_git(repo, "diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv",
                  base, "--", *specs)
    items = iter(_fields(out))
    states = {"A": GitState.ADDED, "M": GitState.MODIFIED, "D": GitState.DELETED,
              "T": GitState.MODIFIED, "R": GitState.RENAMED, "C": GitState.ADDED}
    for status in items:
        if not status:
            continue
        state = states.get(status[0], GitState.MODIFIED)
        first = next(items, "")
        if status[0] in "RC":
            second = next(items, "")
            old = first if status[0] == "R" else None
            yield state, second, old, second in staged or first in staged
        else:
            yield state, first, None, first in staged


def _untracked(repo: Path, specs: list[str]) -> Iterable[tuple[GitState, str, str | None, bool]]:
    out = run_git(repo, "ls-files", "-z", "--others", "--exclude-standard", "--", *specs)
    for name in _fields(out):
        if name:
            yield GitState.UNTRACKED, name, None, False


def _located(found: tuple[GitState, str, str | None, bool], repo: Path,
             places: list[tuple[Path, str]]) -> FileChange | None:
    state, name, old, staged = found
    path = _given_path(name, places)
    if path is None:
        return None
    old_path = (_given_path(old, places) or Path(repo, old)) if old else None
    return FileChange(path, state, old_path, staged)


def _given_path(name: str | None, places: list[tuple[Path, str]]) -> Path | None:
    """A repository path as a path under the folder it was found in, as that folder was
    given (not resolved), so it matches the agent paths discovery lists."""
    if name is None:
        return None
    posix = PurePosixPath(name)
    for given, spec in places:
        if spec == ".":
            return given.joinpath(*posix.parts)
        try:
            return given.joinpath(*posix.relative_to(spec).parts)
        except ValueError:
            continue
    return None


def _is_agent(path: Path) -> bool:
    return path.name.lower().endswith(".md") and not path.name.startswith(".")


def file_at(repo: Path, commit: str, path: Path) -> bytes | None:
    """The bytes of ``path`` (a file in ``repo``) at ``commit``; None when it has no such
    file there. ``commit`` must come from :func:`resolve_ref` or :func:`default_ref`."""
    real_repo = Path(os.path.realpath(repo))
    real = Path(os.path.realpath(os.path.abspath(path)))
    try:
        relative = real.relative_to(real_repo).as_posix()
    except ValueError:
        return None
    try:
        return run_git(repo, "cat-file", "blob", f"{commit}:{relative}")
    except GitUnavailable:
        raise
    except GitError:
        return None


def git_states(folders: Sequence[Path], ref: str | None = None) -> dict[Path, FileChange]:
    """Per agent path under ``folders``, how it changed since ``ref`` (default:
    :func:`default_ref`): what the app's markers need. Empty when there is no git or no
    repository; a bad ``ref`` raises ``GitError``. Runs git: call it from a worker."""
    try:
        return changed_files(folders, ref).by_path()
    except GitUnavailable:
        return {}
