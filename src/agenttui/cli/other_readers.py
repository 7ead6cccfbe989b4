"""``validate --other-readers``: how python-frontmatter and PyYAML, which many tools that read
agent files are built on (linters, static-site generators, Python scripts), read each file,
where that differs from Claude Code's reading. The differences are notes (AT030–AT033):
Claude Code's reading is what decides whether an agent loads.
"""

from __future__ import annotations

from typing import Any

from agenttui.catalog import Agent, load_agent
from agenttui.model.document import AgentDocument
from agenttui.model.problems import Problem, info

# Readings PyYAML should not be given: aliases that expand to an enormous value, nesting
# past its recursion limit, tags it would refuse, frontmatter over agenttui's bounds.
_UNSAFE = frozenset({"AT016", "AT017", "AT018", "AT019"})
READER = "python-frontmatter (PyYAML, YAML 1.1)"


def other_readings(agent: Agent) -> list[Problem]:
    """Notes for each way python-frontmatter reads ``agent``'s file otherwise."""
    doc = agent.document or load_agent(agent.file).document
    if doc is None or doc.text is None or not doc.has_frontmatter:
        return []
    unsafe = sorted({p.code for p in doc.problems} & _UNSAFE)
    if unsafe:
        return [info("AT031", f"{READER} was not asked to read this file: its frontmatter "
                              f"holds what {unsafe[0]} reports")]
    return compare(doc)


def compare(doc: AgentDocument) -> list[Problem]:
    import frontmatter
    import yaml

    try:
        post = frontmatter.loads(doc.text or "")
    except yaml.YAMLError as exc:
        return [info("AT030", f"{READER} cannot read this frontmatter "
                              f"({_first_line(exc)}): tools built on it reject the file")]
    except (RecursionError, ValueError, TypeError) as exc:
        return [info("AT030", f"{READER} cannot read this frontmatter ({exc})")]
    theirs: dict[str, Any] = dict(post.metadata)
    claude = doc.verdict.fields  # the values Claude Code's loader reads
    ours = claude if claude is not None else doc.fields
    notes = [_differs(key, ours, theirs, doc.field_line(key))
             for key in dict.fromkeys([*ours, *theirs])
             if _plain(ours.get(key, _ABSENT)) != _plain(theirs.get(key, _ABSENT))]
    if post.content != doc.body.strip():
        notes.append(info("AT033", f"{READER} reads another body: it ends the frontmatter at "
                                   "the first line of three dashes or more, where Claude Code "
                                   "ends it at the first `---`", doc.body_line))
    return notes


_ABSENT: Any = object()


def _plain(value: Any) -> Any:
    """A value with its type kept (PyYAML's True is not Claude Code's text 'yes')."""
    if isinstance(value, dict):
        return ("map", tuple((str(k), _plain(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", tuple(_plain(v) for v in value))
    return (type(value).__name__, value)


def _differs(key: str, ours: dict[str, Any], theirs: dict[str, Any],
             line: int | None) -> Problem:
    if key not in theirs:
        said = f"reads no `{key}`"
    elif key not in ours:
        said = f"reads `{key}` as {_shown(theirs[key])}, a key Claude Code does not see"
    else:
        said = f"reads `{key}` as {_shown(theirs[key])} where Claude Code reads " \
               f"{_shown(ours[key])}"
    return info("AT032", f"{READER} {said}", line, key)


def _shown(value: Any) -> str:
    text = repr(value)
    kind = type(value).__name__
    return f"{kind} {text[:80] + '…' if len(text) > 80 else text}"


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:160]
