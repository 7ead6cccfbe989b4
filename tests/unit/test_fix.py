"""Fixes make frontmatter strict YAML with exactly the values Claude Code read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from agenttui.model import AgentDocument, EditError
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


_PIECES = ["Use it", ": ", "*", "`x`", "@team", "#", "[a]", "{b}", "!", "|", ">", "%", "&",
           "'", '"', "\\", "yes", "0777", " ", "---", "\\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6), min_size=1,
                max_size=3), st.sampled_from(["\n", "\r\n"]))
def test_a_file_that_loads_through_the_retry_gets_a_fix_keeping_its_values(
        values: list[list[str]], newline: str) -> None:
    keys = ["description", "model", "tools"]
    lines = ["---", "name: a"] + [f"{key}: {''.join(parts)}" for key, parts in
                                  zip(keys, values, strict=False)] + ["---", "body", ""]
    doc = AgentDocument.from_text(newline.join(lines))
    try:
        fixed, _ = doc.fixed()
    except EditError:
        return  # refused as a whole: nothing written
    assert fixed.body == doc.body
    if any(p.code == "AT023" for p in doc.problems):
        return  # a mid-line `---`: its fix is unsafe, Claude Code's reading is the lines above
    if not fixed.strict_yaml:  # a quoted value going on over lines at column 0: said so
        assert any(p.code < "AT100" for p in fixed.problems)
        return
    if doc.verdict.loads:
        assert fixed.verdict.fields == doc.verdict.fields
        if not _pyyaml_quirk(fixed):
            assert yaml.safe_load(split(fixed.text or "").frontmatter) == fixed.verdict.fields
    if any(p.code == "AT024" for p in doc.problems):  # now Claude Code reads those values
        assert fixed.verdict.fields == fixed.fields == doc.fields


def _pyyaml_quirk(doc: AgentDocument) -> bool:
    """Where PyYAML's own parser parts from libyaml and YAML 1.2 on text the retry's
    characters make: a bare `!` tag (None to PyYAML, "" to the others) and `|#` (PyYAML
    stops). agenttui reads as Claude Code does; these stay outside the comparison."""
    lines = split(doc.text or "").frontmatter.splitlines()
    return any(re.search(r":\s+!$", line.rstrip()) or re.search(r": [|>]#", line)
               for line in lines)
