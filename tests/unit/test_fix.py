"""Fixes make frontmatter strict YAML with exactly the values Claude Code read."""

from __future__ import annotations

from pathlib import Path

import pytest
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


def _run_fix(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    from agenttui.cli import main

    status = main(["fix", *args])
    return status, capsys.readouterr().out


@pytest.mark.parametrize("check", [True, False])
def test_fix_on_a_file_it_cannot_fix_names_the_problem_and_exits_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], check: bool) -> None:
    text = "---\nname: a\ndescription: 'open\n---\nbody\n"
    path = tmp_path / "a.md"
    path.write_text(text)
    status, out = _run_fix(capsys, *(["--check"] if check else []), str(path))
    assert status == 1 and "cannot fix: AT012" in out
    assert path.read_text() == text


def test_fix_on_a_clean_file_says_nothing_and_exits_0(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\nname: a\ndescription: d\n---\nbody\n")
    assert _run_fix(capsys, "--check", str(path)) == (0, "")


def test_retry_fix_keeps_the_text_claude_code_reads_for_a_list() -> None:
    doc = AgentDocument.from_text(
        '---\nname: a\ndescription: Use it: now\ntools: ["Read", "Grep"]\n---\nbody\n')
    assert doc.fields["tools"] == '["Read", "Grep"]'
    fixed, applied = doc.fixed()
    assert [f.key for f in applied] == ["description", "tools"]
    assert fixed.strict_yaml and fixed.fields == doc.fields
    assert fixed.verdict.fields == doc.verdict.fields


def test_crlf_fix_keeps_crlf_and_makes_the_file_load() -> None:
    doc = AgentDocument.from_text("---\r\nname: a\r\ndescription: Use it: now\r\n---\r\nbody\r\n")
    assert not doc.verdict.loads
    fixed, _ = doc.fixed()
    assert fixed.verdict.loads and fixed.strict_yaml
    assert fixed.text == "---\r\nname: a\r\ndescription: 'Use it: now'\r\n---\r\nbody\r\n"


def test_mid_line_dashes_fix_is_unsafe_and_reads_the_whole_frontmatter() -> None:
    doc = AgentDocument.from_text("---\nname: a\ndescription: a --- b\ntools: Read\n---\nx\n")
    assert doc.verdict.fields == {"name": "a", "description": "a"}
    assert doc.fixed()[1] == []
    fixed, _ = doc.fixed(unsafe=True)
    assert "---" not in split(fixed.text or "").frontmatter
    assert fixed.verdict.fields == {"name": "a", "description": "a --- b", "tools": "Read"}
    assert not [p for p in fixed.problems if p.code == "AT023"]
