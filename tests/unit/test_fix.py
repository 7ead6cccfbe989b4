"""Fixes make frontmatter strict YAML with exactly the values Claude Code read."""

from __future__ import annotations

import yaml

from agenttui.model import AgentDocument
from agenttui.model.splitting import split
from tests.conftest import shared_files
from tests.unit.test_reading import CONTINUED


def test_one_line_fix_quotes_only_that_line() -> None:
    text = "---\nname: a\ndescription: Use it. Examples:\\n\\n- User: \"hi\"\nmodel: opus\n---\nb\n"
    doc = AgentDocument.from_text(text)
    fixed, applied = doc.fixed()
    assert [f.key for f in applied] == ["description"]
    assert fixed.strict_yaml and fixed.fields == doc.fields
    before, after = text.splitlines(), (fixed.text or "").splitlines()
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [2]


def test_continued_fix_needs_unsafe() -> None:
    doc = AgentDocument.from_text(CONTINUED)
    assert doc.fixed()[1] == []
    fixed, applied = doc.fixed(unsafe=True)
    assert applied and fixed.strict_yaml and not fixed.problems
    assert fixed.fields == doc.fields
    assert (fixed.text or "").startswith("---\nname: x\ndescription: |-\n  Use this. Examples:\n")


def test_fixing_shared_files_keeps_values() -> None:
    for path in shared_files("seeds/*", "corpus/*/*.md"):
        doc = AgentDocument(path.read_bytes())
        fixed, _ = doc.fixed()
        assert fixed.strict_yaml, path
        assert fixed.fields == doc.fields, path
        assert yaml.safe_load(split(fixed.text or "").frontmatter) == doc.fields, path
        assert fixed.body == doc.body, path
