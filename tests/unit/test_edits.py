"""An edit to one field changes only that field's lines, and reads back as set."""

from __future__ import annotations

import difflib

import pytest
import yaml

from agenttui.model import AgentDocument, EditError
from agenttui.model.splitting import split

BASE = """---
# Reviewer for pull requests
name: reviewer
description: "Reviews code"   # quoted on purpose
tools: Read, Grep
model: sonnet  # fast
skills:
  - lint
  - style
---
Body line

---
After a rule.
"""


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True))
    return [line for line in diff if line[:1] in "+-"]


def frontmatter_values(text: str) -> dict[str, object]:
    loaded = yaml.safe_load(split(text).frontmatter)
    assert isinstance(loaded, dict)
    return loaded


def test_unchanged_value_changes_nothing() -> None:
    doc = AgentDocument.from_text(BASE)
    assert doc.with_field("model", "sonnet") is doc


def test_set_keeps_trailing_comment_and_other_lines() -> None:
    edited = AgentDocument.from_text(BASE).with_field("model", "opus")
    assert changed_lines(BASE, edited.text or "") == [
        "- model: sonnet  # fast\n", "+ model: opus  # fast\n"]


def test_keeps_quoting_style() -> None:
    edited = AgentDocument.from_text(BASE).with_field("description", "Reviews all code")
    assert '"Reviews all code"' in (edited.text or "")
    assert edited.fields["description"] == "Reviews all code"


def test_tools_string_stays_a_string_and_list_stays_list() -> None:
    doc = AgentDocument.from_text(BASE)
    edited = doc.with_field("tools", ["Read", "Edit"])
    assert edited.fields["tools"] == "Read, Edit"
    listed = doc.with_field("skills", "lint, docs")
    assert listed.fields["skills"] == ["lint", "docs"]
    assert "  - docs\n" in (listed.text or "")


def test_new_key_goes_after_the_last_one() -> None:
    edited = AgentDocument.from_text(BASE).with_field("color", "blue")
    text = edited.text or ""
    assert text.index("color: blue") > text.index("  - style")
    assert changed_lines(BASE, text) == ["+ color: blue\n"]


def test_remove_changes_only_that_field() -> None:
    edited = AgentDocument.from_text(BASE).without_field("skills")
    assert changed_lines(BASE, edited.text or "") == [
        "- skills:\n", "-   - lint\n", "-   - style\n"]


def test_body_edit_changes_only_body() -> None:
    doc = AgentDocument.from_text(BASE)
    edited = doc.with_body("New body\n")
    assert (edited.text or "").startswith(BASE[: BASE.index("Body line")])
    assert edited.body == "New body\n" and edited.fields == doc.fields


@pytest.mark.parametrize("value", [
    "yes", "no", "on", "123", "1e3", "null", "~", "- item", "a: b", "a #b", "#x", "'q'",
    '"dq"', " lead", "trail ", "", "multi\nline\n", "x\n\n", "\ttab", "ctrl\x07char",
    "uni\u2028sep", "[not, list]", "{not: map}", "@at", "%pct", "`tick", "!bang", "&amp",
    "*star", "|pipe", ">gt", "two\\n chars",
])
def test_strings_read_back_exactly(value: str) -> None:
    edited = AgentDocument.from_text(BASE).with_field("description", value)
    assert edited.fields["description"] == value
    assert frontmatter_values(edited.text or "")["description"] == value


@pytest.mark.parametrize("value", [3, True, False, ["Read", "Bash(git:*)"], {"a": [1, 2]}, []])
def test_other_types_read_back(value: object) -> None:
    edited = AgentDocument.from_text(BASE).with_field("extra", value)
    assert edited.fields["extra"] == value
    assert frontmatter_values(edited.text or "")["extra"] == value


@pytest.mark.parametrize("prefix,newline,final", [
    ("", "\n", True), ("\ufeff", "\r\n", True), ("", "\r\n", False), ("\ufeff", "\r", False),
])
def test_newline_bom_and_final_newline_are_kept(prefix: str, newline: str, final: bool) -> None:
    lines = ["---", "name: a", "description: d", "---", "body"]
    text = prefix + newline.join(lines) + (newline if final else "")
    edited = AgentDocument.from_text(text).with_field("model", "haiku").with_field("name", "b")
    out = edited.text or ""
    expected = prefix + newline.join(
        ["---", "name: b", "description: d", "model: haiku", "---", "body"]) + (
        newline if final else "")
    assert out == expected


def test_edit_refused_when_fields_are_unreadable() -> None:
    doc = AgentDocument(b"---\nname: 'open\n---\nbody")
    with pytest.raises(EditError):
        doc.with_field("model", "opus")
    assert doc.with_body("new").body == "new"


def test_edit_refused_on_duplicate_key() -> None:
    doc = AgentDocument(b"---\nname: a\nname: b\nmodel: opus\n---\n")
    with pytest.raises(EditError, match="more than once"):
        doc.with_field("name", "c")
    assert doc.with_field("model", "haiku").fields["model"] == "haiku"


def test_undecodable_file_is_read_only() -> None:
    doc = AgentDocument(b"---\nname: \xff\n---\n")
    assert not doc.writable
    with pytest.raises(EditError):
        doc.with_body("x")
    assert doc.to_bytes() == b"---\nname: \xff\n---\n"


def test_editing_a_non_strict_file_keeps_its_other_lines() -> None:
    text = "---\nname: a\ndescription: Use it. Examples: one\n---\nbody\n"
    edited = AgentDocument.from_text(text).with_field("model", "opus")
    assert edited.text == (
        "---\nname: a\ndescription: Use it. Examples: one\nmodel: opus\n---\nbody\n")


def test_body_with_nul_is_refused() -> None:
    with pytest.raises(EditError, match="NUL"):
        AgentDocument.from_text(BASE).with_body("a\0b")


def test_folded_value_stays_folded_and_wraps_like_before() -> None:
    text = ("---\nname: a\ndescription: >-\n  one two three four five six seven eight nine ten\n"
            "  eleven twelve\nmodel: opus\n---\n")
    edited = AgentDocument.from_text(text).with_field(
        "description", "one two three four five six seven eight nine ten eleven twelve more")
    assert edited.text == text.replace("eleven twelve\n", "eleven twelve more\n")


@pytest.mark.parametrize("key", ["description", "name", "model", "color"])
def test_a_list_set_on_a_text_field_stays_a_list(key: str) -> None:
    doc = AgentDocument.from_text(BASE.replace("model: sonnet  # fast\n", "color: red\n"))
    assert doc.with_field(key, ["a", "b"]).fields[key] == ["a", "b"]
    assert doc.with_field(key, []).fields[key] == []


def test_a_comma_string_set_on_a_listed_text_field_stays_a_string() -> None:
    doc = AgentDocument.from_text("---\nname: a\ndescription: [x]\n---\nBody\n")
    assert doc.with_field("description", "Use it, then stop").fields["description"] == (
        "Use it, then stop")


def test_tool_and_skill_lists_keep_their_shape() -> None:
    doc = AgentDocument.from_text(BASE)
    assert doc.with_field("tools", ["Read", "Bash"]).fields["tools"] == "Read, Bash"
    assert doc.with_field("skills", "lint, docs").fields["skills"] == ["lint", "docs"]


INDENTED_COMMENT = (
    "---\nname: a\ndescription: |\n  text\ntools:\n  - Read\n  # keep Read only\n---\nB\n")


def test_unset_before_a_block_scalar_takes_the_value_s_own_comment() -> None:
    doc = AgentDocument.from_text(INDENTED_COMMENT)
    edited = doc.without_field("tools")
    assert edited.text == "---\nname: a\ndescription: |\n  text\n---\nB\n"
    assert edited.fields == {"name": "a", "description": "text\n"}


def test_multi_line_value_before_an_indented_comment_is_not_a_block_scalar() -> None:
    doc = AgentDocument.from_text(INDENTED_COMMENT)
    edited = doc.with_field("tools", "Read\nGrep")
    assert edited.fields["tools"] == "Read\nGrep"
    assert sorted(changed_lines(doc.text, edited.text)) == [
        '+ tools: "Read\\nGrep"\n', "-   - Read\n", "- tools:\n"]


def test_new_key_goes_after_the_last_value_s_indented_comment() -> None:
    doc = AgentDocument.from_text(INDENTED_COMMENT)
    edited = doc.with_field("initialPrompt", "one\ntwo")
    assert edited.text == INDENTED_COMMENT.replace(
        "---\nB", "initialPrompt: |-\n  one\n  two\n---\nB")
    assert frontmatter_values(edited.text)["initialPrompt"] == "one\ntwo"


def test_a_flow_list_item_with_a_question_mark_reads_back_in_pure_pyyaml() -> None:
    doc = AgentDocument.from_text("---\nname: a\ndescription: d\nskills: [lint]\n---\nB\n")
    edited = doc.with_field("skills", ["lint?", "why?not"])
    assert yaml.load(split(edited.text).frontmatter, Loader=yaml.SafeLoader)["skills"] == [
        "lint?", "why?not"]


def test_a_body_utf8_cannot_store_is_refused() -> None:
    doc = AgentDocument.from_text("---\nname: a\ndescription: d\n---\nbody\n")
    with pytest.raises(EditError, match="surrogate"):
        doc.with_body("a \ud800 b")
