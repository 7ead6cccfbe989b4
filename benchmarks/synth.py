"""Synthetic agent folders for the benchmarks: realistic sizes and a controlled mix of quirks.

Each file is a Claude Code subagent: a description of 200-2,000 characters, a Markdown body of
2-20 KB, tools as a comma string or (for some) a YAML list, and for a few percent frontmatter
that strict YAML rejects, of both families (``one-line``: an unquoted value holding ``: `` and
literal ``\\n``; ``continued``: a value going on at column 0). Some files use CRLF. The mix is
exact (counts are rounded fractions of the total) and the output is deterministic per seed.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

WORDS = ("agent", "review", "code", "tests", "deploy", "schema", "query", "cache", "latency",
         "security", "audit", "refactor", "design", "service", "pipeline", "release", "docs",
         "bug", "regression", "incident", "metrics", "index", "migration", "frontend", "backend",
         "api", "database", "queue", "worker", "config", "container", "cluster", "budget", "plan",
         "report", "analysis", "style", "lint", "type", "module", "package", "dependency",
         "upgrade", "build", "coverage", "profile", "memory", "thread")
TOOLS = ("Read", "Write", "Edit", "MultiEdit", "Bash", "Glob", "Grep", "LS", "WebFetch",
         "WebSearch", "TodoWrite", "Task", "mcp__github__create_issue")
MODELS = ("sonnet", "opus", "haiku", "inherit")
COLORS = ("red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan")
KINDS = ("strict", "one-line", "continued")


@dataclass(frozen=True)
class Mix:
    """Fractions of the files with each quirk; the rest is strict YAML with a tools string."""

    one_line: float = 0.03
    continued: float = 0.02
    list_tools: float = 0.10
    crlf: float = 0.05


@dataclass(frozen=True)
class SynthFile:
    path: Path
    name: str
    kind: str  # one of KINDS
    list_tools: bool
    crlf: bool


def generate(root: Path, count: int, *, mix: Mix = Mix(), seed: int = 0,
             folder_size: int = 250) -> list[SynthFile]:
    """Write ``count`` agent files under ``root`` (a new or empty folder) and describe them."""
    rng = random.Random(seed)
    kinds = _assign(rng, count, [("one-line", mix.one_line), ("continued", mix.continued)])
    lists = _flags(rng, count, mix.list_tools)
    crlfs = _flags(rng, count, mix.crlf)
    made = []
    for index in range(count):
        folder = root if index < folder_size else root / f"team-{index // folder_size:03d}"
        made.append(_write(rng, folder, index, kinds[index], index in lists, index in crlfs))
    return made


def _assign(rng: random.Random, count: int, shares: list[tuple[str, float]]) -> list[str]:
    kinds = ["strict"] * count
    order = list(range(count))
    rng.shuffle(order)
    start = 0
    for kind, share in shares:
        for index in order[start:start + round(count * share)]:
            kinds[index] = kind
        start += round(count * share)
    return kinds


def _flags(rng: random.Random, count: int, share: float) -> set[int]:
    return set(rng.sample(range(count), round(count * share)))


def _write(rng: random.Random, folder: Path, index: int, kind: str, list_tools: bool,
           crlf: bool) -> SynthFile:
    name = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{index:05d}"
    text = "---\n" + frontmatter(rng, name, kind, list_tools) + "---\n" + body(rng, name)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    path.write_bytes(text.replace("\n", "\r\n" if crlf else "\n").encode("utf-8"))
    return SynthFile(path, name, kind, list_tools, crlf)


def frontmatter(rng: random.Random, name: str, kind: str, list_tools: bool) -> str:
    lines = [f"name: {name}", description(rng, name, kind)]
    tools = rng.sample(TOOLS, rng.randint(2, 7))
    if list_tools:
        lines += ["tools:", *(f"  - {tool}" for tool in tools)]
    else:
        lines.append("tools: " + ", ".join(tools))
    lines.append(f"model: {rng.choice(MODELS)}")
    if rng.random() < 0.5:
        lines.append(f"color: {rng.choice(COLORS)}")
    return "\n".join(lines) + "\n"


def description(rng: random.Random, name: str, kind: str) -> str:
    """The ``description:`` entry (one or more lines, no final newline) of the given kind."""
    size = rng.randint(200, 1980)
    lead = f"Use this agent when working on {_sentence(rng, 8)}"
    if kind == "one-line":
        return "description: " + _fit(lead + " Examples:" + _examples(rng, name, "\\n", size), size)
    if kind == "continued":
        return "description: " + lead + " Examples:\n" + _fit(_examples(rng, name, "\n", size),
                                                              size - len(lead) - 10)
    if rng.random() < 0.5:
        text = _fit(lead + ". Examples:" + _examples(rng, name, "\n", size), size)
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'description: "{escaped}"'
    return "description: " + _fit(lead + ". " + _paragraph(rng, size // 4), size)


def _examples(rng: random.Random, name: str, newline: str, size: int) -> str:
    parts: list[str] = []
    while sum(len(part) + len(newline) for part in parts) < size:
        parts += ["<example>", f"Context: {_sentence(rng, 6)}", f'user: "{_sentence(rng, 9)}"',
                  f'assistant: "I will use the {name} agent for this."', "</example>"]
    return newline + newline.join(parts)


def _fit(text: str, size: int) -> str:
    """``text`` cut at the first space from ``size`` on (never mid-word or mid-escape)."""
    cut = text.find(" ", size)
    return text if cut < 0 else text[:cut]


def body(rng: random.Random, name: str) -> str:
    size = rng.randint(2_000, 20_000)
    parts = [f"You are {name}, an expert in {_sentence(rng, 10)}.\n"]
    while sum(len(part) for part in parts) < size:
        parts.append(_section(rng))
    return "\n".join(parts)[:size - 1] + "\n"


def _section(rng: random.Random) -> str:
    heading = f"## {_sentence(rng, 3).title()}\n\n"
    bullets = "".join(f"- **{rng.choice(WORDS)}**: {_sentence(rng, 9)}\n" for _ in range(4))
    code = "```python\ndef check(value):\n    return value is not None\n```\n"
    return heading + _paragraph(rng, 60) + "\n\n" + bullets + ("\n" + code if rng.random() < 0.3
                                                                else "")


def _paragraph(rng: random.Random, words: int) -> str:
    return ". ".join(_sentence(rng, 12) for _ in range(max(1, words // 12))) + "."


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, k=words))


# Each other kind's folder in a project, and a file of it: (folder, file name, frontmatter
# lines), with {name}, {description}, {tools} to fill in.
OTHER_KINDS: dict[str, tuple[str, str, str]] = {
    "claude-skill": (".claude/skills", "{name}/SKILL.md",
                     "name: {name}\ndescription: {description}\nallowed-tools: Read, Grep"),
    "claude-command": (".claude/commands", "{name}.md",
                       "description: {description}\nargument-hint: '[file]'"),
    "opencode-agent": (".opencode/agents", "{name}.md",
                       "description: {description}\nmode: subagent\ntemperature: 0.2\n"
                       "tools:\n  write: false\n  bash: true"),
    "copilot-agent": (".github/agents", "{name}.agent.md",
                      "name: {name}\ndescription: {description}\ntools: ['read', 'search']"),
    "gemini-agent": (".gemini/agents", "{name}.md",
                     "name: {name}\ndescription: {description}\nkind: local\n"
                     "tools:\n  - read_file\n  - grep_search\nmax_turns: 10"),
    "cursor-agent": (".cursor/agents", "{name}.md",
                     "name: {name}\ndescription: {description}\nmodel: fast\nreadonly: true"),
    "factory-droid": (".factory/droids", "{name}.md",
                      "name: {name}\ndescription: {description}\nmodel: inherit\n"
                      "tools: [Read, Edit]"),
}


def generate_mixed(root: Path, agents: int, per_kind: int, seed: int = 0) -> int:
    """A project holding ``agents`` Claude Code subagents in ``.claude/agents`` (as
    ``generate`` writes them) and ``per_kind`` files of each other kind in its tool's
    folder, with the same descriptions and bodies; returns how many files it wrote."""
    generate(root / ".claude" / "agents", agents, seed=seed)
    rng = random.Random(seed + 1)
    for kind, (folder, file_name, fields) in OTHER_KINDS.items():
        for index in range(per_kind):
            name = f"{rng.choice(WORDS)}-{kind.split('-')[0]}-{index:04d}"
            text = _fit(f"Use it for {_paragraph(rng, 40)}", rng.randint(100, 600))
            path = root / folder / file_name.format(name=name)
            path.parent.mkdir(parents=True, exist_ok=True)
            front = fields.format(name=name, description=text.replace(":", ","))
            path.write_text(f"---\n{front}\n---\n{body(rng, name)}", encoding="utf-8")
    return agents + per_kind * len(OTHER_KINDS)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write synthetic agent files for benchmarks.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    made = generate(args.folder, args.count, seed=args.seed)
    print(f"wrote {len(made)} agent files under {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
