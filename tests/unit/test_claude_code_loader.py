"""Claude Code's loader rule for rule: its split regex and its quoting retry."""

from __future__ import annotations

import pytest

from agenttui.model import AgentDocument
from agenttui.model.claude_code import loader_split, retry_line, retry_text
from agenttui.model.reading import loader_parse


@pytest.mark.parametrize(("text", "frontmatter"), [
    ("---\nname: a\n---\nbody", "name: a\n"),
    ("--- \nname: a\n---\nbody", "name: a\n"),
    ("---\n\n\nname: a\n---\nbody", "name: a\n"),  # blank lines after the opening are eaten
    ("---\nname: a --- b\n---\n", "name: a "),  # the first three dashes anywhere
    ("---\nname: a\n" + "-" * 56 + "\n", "name: a\n"),
    ("---\r\nname: a\r\n---\r\n", "name: a\r\n"),
])
def test_split(text: str, frontmatter: str) -> None:
    cut = loader_split(text)
    assert cut is not None and text[cut.start:cut.end] == frontmatter


@pytest.mark.parametrize("text", ["---\rname: a\r---\r", "----\nname: a\n---\n", "x\n---\n"])
def test_no_frontmatter(text: str) -> None:
    assert loader_split(text) is None


@pytest.mark.parametrize(("line", "rewritten"), [
    ("description: Use it: now", 'description: "Use it: now"'),
    ("description: **Bold** text", 'description: "**Bold** text"'),
    ('tools: ["Read", "Grep"]', 'tools: "[\\"Read\\", \\"Grep\\"]"'),
    ("description: a \\ b: c", 'description: "a \\\\ b: c"'),
    ("model: sonnet # fast", 'model: "sonnet # fast"'),
    ("description: \"quoted: yes\"", None),  # already wrapped in matching quotes
    ("description: 'it: is'", None),
    ("description: plain text", None),  # nothing special
    ("key2: a: b", None),  # digits are not in [a-zA-Z_-]
    ("  indented: a: b", None),
    ("description: Use it: now\r", None),  # `.` never matches CR: CRLF defeats the retry
    ("description:a: b", None),  # \s+ after the colon
])
def test_retry_line(line: str, rewritten: str | None) -> None:
    assert retry_line(line) == rewritten


def test_retry_keeps_lines_and_names_them() -> None:
    text, rewritten = retry_text("name: a\ndescription: x: y\nmodel: opus\n")
    assert text == 'name: a\ndescription: "x: y"\nmodel: opus\n' and rewritten == [1]


@pytest.mark.parametrize(("frontmatter", "value"), [
    ("name: a\ndescription: x: y\n", {"name": "a", "description": "x: y"}),
    ("name: a\ndescription: 'open\n", None),
    ("name: a\nname: b\n", None),  # a repeated key fails both parses
    ("- a\n", {}),
])
def test_loader_parse(frontmatter: str, value: dict[str, str] | None) -> None:
    assert loader_parse(frontmatter) == value


@pytest.mark.parametrize(("scalar", "value"), [
    ("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"), ("y", "y"), ("true", True),
    ("False", False), ("0777", 777), ("0o17", 15), ("0x1f", 31), ("1:30", "1:30"),
    ("1_000", "1_000"), ("1e3", 1000.0), ("~", None), ("2024-01-01", "2024-01-01"),
])
def test_scalars_are_read_by_the_yaml_1_2_core_schema(scalar: str, value: object) -> None:
    doc = AgentDocument.from_text(f"---\nname: a\ndescription: d\nx: {scalar}\n---\nbody\n")
    assert doc.fields["x"] == value and type(doc.fields["x"]) is type(value)
