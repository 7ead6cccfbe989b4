"""model/fielddiff.py: two versions of an agent compared field by field (pure)."""

from __future__ import annotations

from agenttui.model import AgentDocument
from agenttui.model.fielddiff import diff_documents
from agenttui.model.validation import validate

BEFORE = ("---\nname: reviewer\ndescription: Reviews code\nmodel: sonnet\n"
          "tools: Read, Write\n---\nYou review.\nBe kind.\n")


def doc(text: str) -> AgentDocument:
    return AgentDocument.from_text(text, "reviewer.md")


def test_scalars_lists_text_and_body() -> None:
    after = ("---\nname: reviewer\ndescription: Reviews code carefully\nmodel: opus\n"
             "tools: [Read, Bash]\ncolor: red\n---\nYou review.\nBe brief.\n")
    lines = diff_documents(doc(BEFORE), doc(after)).lines()
    assert "model: sonnet → opus" in lines
    assert "tools: +Bash −Write" in lines
    assert "color: (unset) → red" in lines
    assert lines[:4] == ["description:", "  @@ -1 +1 @@", "  -Reviews code",
                         "  +Reviews code carefully"]
    assert lines[-5:] == ["body:", "  @@ -1,2 +1,2 @@", "   You review.", "  -Be kind.",
                          "  +Be brief."]


def test_json_names_each_change() -> None:
    after = BEFORE.replace("model: sonnet\n", "").replace("Read, Write", "Write, Read")
    found = diff_documents(doc(BEFORE), doc(after)).to_json()
    assert found["fields"] == [{"field": "model", "kind": "removed", "before": "sonnet",
                                "after": None}]
    assert found["body"] == [] and found["new_errors"] == []


def test_same_values_written_differently() -> None:
    after = BEFORE.replace("Reviews code", '"Reviews code"')
    found = diff_documents(doc(BEFORE), doc(after))
    assert found.same_values and not found.fields
    assert found.lines() == ["same fields and body; only the way they are written changed"]
    assert diff_documents(doc(BEFORE), doc(BEFORE)).empty


def test_a_list_and_a_string_of_the_same_tools_are_equal() -> None:
    after = BEFORE.replace("tools: Read, Write", "tools:\n  - Read\n  - Write")
    assert diff_documents(doc(BEFORE), doc(after)).fields == ()


def test_added_and_deleted_files() -> None:
    added = diff_documents(None, doc(BEFORE)).lines()
    assert "model: (unset) → sonnet" in added and "tools: +Read +Write" in added
    deleted = diff_documents(doc(BEFORE), None).lines()
    assert "model: sonnet → (unset)" in deleted


def test_errors_the_change_brings() -> None:
    after = BEFORE.replace("description: Reviews code\n", "")
    before_doc, after_doc = doc(BEFORE), doc(after)
    found = diff_documents(before_doc, after_doc, validate(before_doc), validate(after_doc))
    assert [p.code for p in found.new_errors] == ["AT102"]
    assert found.lines()[-1].startswith("new error AT102")


def test_unreadable_frontmatter_is_compared_as_text() -> None:
    broken = "---\nname: reviewer\ndescription: 'unclosed\n---\nYou review.\n"
    found = diff_documents(doc(BEFORE), doc(broken))
    assert found.text_diff and not found.fields
    assert "-description: Reviews code" in found.text_diff
