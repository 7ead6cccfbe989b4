"""A repository for review tests: a branch that changed agents in every way git reports."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_git import sh


def review_agent(name: str, model: str = "sonnet", tools: str = "Read, Write",
                 body: str = "") -> str:
    return (f"---\nname: {name}\ndescription: Reviews {name}\nmodel: {model}\n"
            f"tools: {tools}\n---\nBody of {name}\n{body}")


def make_project(root: Path) -> Path:
    """A repository on a branch off main that modified, staged, deleted, renamed and added
    agents (and left two alone); returns its agents folder."""
    agents = root / ".claude" / "agents"
    (agents / "review").mkdir(parents=True)
    sh(root, "init", "-q", "-b", "main")
    for name in ("kept", "edited", "gone", "moved", "toolsy"):
        (agents / f"{name}.md").write_text(review_agent(name))
    (agents / "review" / "deep.md").write_text(review_agent("deep"))
    sh(root, "add", ".")
    sh(root, "commit", "-qm", "agents")
    sh(root, "checkout", "-qb", "feature")
    (agents / "edited.md").write_text(review_agent("edited", "opus", body="More.\n"))
    (agents / "toolsy.md").write_text(review_agent("toolsy", tools="Read, Bash"))
    sh(root, "add", ".claude/agents/toolsy.md")
    (agents / "gone.md").unlink()
    sh(root, "mv", ".claude/agents/moved.md", ".claude/agents/review/moved.md")
    (agents / "fresh.md").write_text(review_agent("fresh"))
    return agents
