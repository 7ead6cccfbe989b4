"""Reading problems are values with stable codes, lines and fields."""

from __future__ import annotations

import pytest

from agenttui.model import AgentDocument

CONTINUED = (
    "---\nname: x\ndescription: Use this. Examples:\n<example>\nContext: foo\n"
    'user: "hi"\n</example>\nmodel: sonnet\n---\nbody\n'
)


def codes(text: str | bytes) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    return [p.code for p in AgentDocument(data).problems]


@pytest.mark.parametrize(("data", "code"), [
    (b"", "AT001"),
    (b"\xff\xfe---\n", "AT002"),
    (b"---\nname: a\x00\n---\n", "AT003"),
    (b"just a body\n", "AT004"),
    (b"---\nname: a\n", "AT005"),
    (b"---\nname: a\nname: b\n---\n", "AT013"),
    (b"---\nname: a\ntools:\n\t- Read\n---\n", "AT014"),
    (b"---\n- a\n- b\n---\n", "AT015"),
    (b"---\njust text\n---\n", "AT015"),
    (b"---\nname: !!python/object/apply:os.system [echo hi]\n---\n", "AT016"),
    (b"---\nname: 'unclosed\n---\n", "AT012"),
])
def test_problem_codes(data: bytes, code: str) -> None:
    assert code in codes(data)


def test_one_line_family_is_a_warning_with_position() -> None:
    doc = AgentDocument(b"---\nname: a\ndescription: Use it. Examples: one\n---\n")
    [problem] = doc.problems
    assert (problem.code, problem.severity.value, problem.line, problem.field) == (
        "AT010", "warning", 3, "description")
    assert problem.column == len("description: Use it. Examples") + 1
    assert doc.fields["description"] == "Use it. Examples: one"
    assert not doc.strict_yaml and doc.fields_editable


def test_continued_family_is_an_error_showing_the_believed_value() -> None:
    doc = AgentDocument(CONTINUED.encode())
    [problem] = doc.problems
    assert problem.code == "AT011" and problem.severity.value == "error"
    assert "cannot parse" in problem.message and "<example>" in problem.message
    assert doc.fields["description"] == (
        'Use this. Examples:\n<example>\nContext: foo\nuser: "hi"\n</example>')
    assert doc.fields["model"] == "sonnet"


def test_yaml_error_line_is_a_file_line() -> None:
    [problem] = AgentDocument(b"---\nname: a\ndescription: 'open\n---\n").problems
    assert problem.code == "AT012" and problem.line is not None and problem.line >= 3


def test_unreadable_frontmatter_still_salvages_a_name_for_listing() -> None:
    doc = AgentDocument(b"---\nname: helper\ntools:\n\t- Read\n---\nbody")
    assert doc.name == "helper" and not doc.fields_editable


def test_tags_are_never_constructed() -> None:
    doc = AgentDocument(b"---\nname: a\nx: !!python/name:os.system\n---\n")
    assert doc.fields.get("x") != __import__("os").system


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    assert "AT017" in codes("---\n" + "\n".join(lines) + "\n---\n")


def test_deep_nesting_is_refused() -> None:
    assert "AT018" in codes("---\nname: " + "[" * 200 + "]" * 200 + "\n---\n")


def test_timestamps_stay_strings() -> None:
    assert AgentDocument(b"---\nname: a\ncreated: 2024-01-01\n---\n").fields["created"] == (
        "2024-01-01")


def test_a_tab_after_a_colon_is_read_with_a_warning_where_libyaml_reads_it() -> None:
    import yaml

    doc = AgentDocument.from_text("---\nname:\ttabbed\ndescription: d\n---\nbody\n")
    if not yaml.__with_libyaml__:
        assert [p.code for p in doc.problems] == ["AT012"]
        return
    assert doc.fields == {"name": "tabbed", "description": "d"}
    assert not doc.strict_yaml
    assert [(p.code, p.severity.value, p.line) for p in doc.problems] == [
        ("AT020", "warning", 2)]


def test_a_yaml_error_while_constructing_is_one_line_with_its_place() -> None:
    doc = AgentDocument.from_text("---\nname: a\nhooks:\n  ? [a]\n  : 1\n---\nbody\n")
    problem = doc.problems[0]
    assert problem.code == "AT012" and "\n" not in problem.message and problem.line == 4
