"""git.py: agent files changed since a reference, in throwaway repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from agenttui import git
from agenttui.git import GitError, GitState, GitUnavailable, changed_files, file_at

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

IDENTITY = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
            "GIT_CONFIG_NOSYSTEM": "1"}


def sh(repo: Path, *args: str) -> str:
    env = os.environ | IDENTITY
    done = subprocess.run(["git", "-C", str(repo), *args], env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


def agent(name: str, model: str = "sonnet") -> str:
    return f"---\nname: {name}\ndescription: Reviews {name}\nmodel: {model}\n---\nBody\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".claude" / "agents").mkdir(parents=True)
    sh(root, "init", "-q", "-b", "main")
    for name in ("kept", "edited", "gone", "moved"):
        (root / ".claude" / "agents" / f"{name}.md").write_text(agent(name))
    (root / "README.md").write_text("not an agent\n")
    sh(root, "add", ".")
    sh(root, "commit", "-qm", "agents")
    return root


def states(changes: git.Changes) -> dict[str, tuple[str, bool]]:
    return {c.path.name: (c.state.value, c.staged) for c in changes.files}


def test_every_kind_of_change_since_head(repo: Path) -> None:
    agents = repo / ".claude" / "agents"
    (agents / "edited.md").write_text(agent("edited", "opus"))
    (agents / "gone.md").unlink()
    sh(repo, "mv", ".claude/agents/moved.md", ".claude/agents/renamed.md")
    (agents / "added.md").write_text(agent("added"))
    sh(repo, "add", ".claude/agents/added.md")
    (agents / "loose.md").write_text(agent("loose"))
    (repo / "README.md").write_text("changed, but not an agent\n")
    changes = changed_files([agents], "HEAD")
    assert states(changes) == {
        "added.md": ("added", True), "edited.md": ("modified", False),
        "gone.md": ("deleted", False), "renamed.md": ("renamed", True),
        "loose.md": ("untracked", False)}
    renamed = changes.by_path()[agents / "renamed.md"]
    assert renamed.old_path == agents / "moved.md"
    assert changes.ref == "HEAD" and changes.base == sh(repo, "rev-parse", "HEAD")


def test_content_at_a_reference(repo: Path) -> None:
    path = repo / ".claude" / "agents" / "edited.md"
    path.write_text(agent("edited", "opus"))
    base = git.resolve_ref(repo, "HEAD")
    assert file_at(repo, base, path) == agent("edited").encode()
    assert file_at(repo, base, repo / ".claude" / "agents" / "never.md") is None


def test_default_reference_is_the_merge_base_with_the_default_branch(repo: Path) -> None:
    fork = sh(repo, "rev-parse", "HEAD")
    sh(repo, "checkout", "-qb", "feature")
    (repo / ".claude" / "agents" / "edited.md").write_text(agent("edited", "opus"))
    sh(repo, "commit", "-qam", "opus")
    changes = changed_files([repo / ".claude" / "agents"])
    assert changes.base == fork and "main" in changes.ref
    assert states(changes) == {"edited.md": ("modified", False)}


def test_default_reference_falls_back_to_head(repo: Path) -> None:
    sh(repo, "branch", "-m", "main", "trunk")
    (repo / ".claude" / "agents" / "edited.md").write_text(agent("edited", "opus"))
    changes = changed_files([repo / ".claude" / "agents"])
    assert changes.ref == "HEAD" and states(changes) == {"edited.md": ("modified", False)}


def test_a_repository_without_commits_compares_with_nothing(tmp_path: Path) -> None:
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    sh(tmp_path, "init", "-q")
    (agents / "first.md").write_text(agent("first"))
    changes = changed_files([agents])
    assert states(changes) == {"first.md": ("untracked", False)}
    assert "no commits" in changes.ref


def test_outside_a_repository_says_so(tmp_path: Path) -> None:
    (tmp_path / "agents").mkdir()
    with pytest.raises(GitUnavailable, match="not in a git repository"):
        changed_files([tmp_path / "agents"])


def test_without_git_says_so(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "nowhere"))
    with pytest.raises(GitUnavailable, match="git is not installed"):
        changed_files([repo / ".claude" / "agents"])


@pytest.mark.parametrize("ref", ["--output=/tmp/x", "-h", "", "no-such-branch", "a\nb"])
def test_bad_references_are_refused(repo: Path, ref: str) -> None:
    with pytest.raises(GitError):
        changed_files([repo / ".claude" / "agents"], ref or "-")


def test_paths_that_look_like_options_or_magic_are_literal(repo: Path) -> None:
    odd = repo / ".claude" / "agents" / "--force"
    odd.mkdir()
    (odd / ":(exclude)x.md").write_text(agent("x"))
    changes = changed_files([odd], "HEAD")
    assert [c.path for c in changes.files] == [odd / ":(exclude)x.md"]


def test_a_slow_git_is_stopped(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, object]] = []
    real = subprocess.run

    def recording(*args: object, **kwargs: object) -> object:
        calls.append(kwargs)
        return real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", recording)
    git.find_repo(repo)
    assert calls and all(c["timeout"] == git.GIT_TIMEOUT for c in calls)
    assert all("shell" not in c for c in calls)

    def too_slow(*args: object, **kwargs: object) -> object:
        raise subprocess.TimeoutExpired("git", 1)

    monkeypatch.setattr(subprocess, "run", too_slow)
    with pytest.raises(GitError, match="took longer"):
        git.run_git(repo, "status")


def test_only_git_runs_and_paths_never_sit_where_options_go(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    real = subprocess.run

    def recording(command: list[str], **kwargs: object) -> object:
        seen.append(list(command))
        return real(command, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", recording)
    agents = repo / ".claude" / "agents"
    (agents / "edited.md").write_text(agent("edited", "opus"))
    changes = changed_files([agents])
    file_at(repo, changes.base, agents / "edited.md")
    assert seen
    for command in seen:  # git -C <folder> <fixed options> <arguments> [-- <paths>]
        assert command[:2] == ["git", "-C"] and "core.fsmonitor=false" in command
        end = command.index("--") if "--" in command else len(command)
        options = command[3:end]
        assert not any(".claude" in arg for arg in options
                       if not arg.startswith(changes.base + ":")), command
        assert all(not arg.startswith("-") for arg in command[end + 1:])


def test_the_repository_fsmonitor_hook_never_runs(repo: Path) -> None:
    marker = repo.parent / "ran"
    sh(repo, "config", "core.fsmonitor", f"touch {marker}; false")
    (repo / ".claude" / "agents" / "edited.md").write_text(agent("edited", "opus"))
    changed_files([repo / ".claude" / "agents"], "HEAD")
    assert not marker.exists()


def test_git_states_for_the_app(repo: Path) -> None:
    path = repo / ".claude" / "agents" / "edited.md"
    path.write_text(agent("edited", "opus"))
    found = git.git_states([repo / ".claude" / "agents"], "HEAD")
    assert list(found) == [path] and found[path].state is GitState.MODIFIED
    outside = repo.parent / "elsewhere"
    outside.mkdir()
    assert git.git_states([outside]) == {}
    with pytest.raises(GitError):
        git.git_states([repo], "no-such-ref")
