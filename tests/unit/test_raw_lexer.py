"""The File tab's highlighting: YAML for the frontmatter, Markdown for the body."""

from __future__ import annotations

from pygments.token import Generic, Name, Token

from agenttui.widgets.file_lexer import AgentFileLexer

TEXT = "---\nname: x\ncolor: red\n---\n\n# Title\n\nBody with key: value\n"


def tokens(text: str) -> list[tuple[int, object, str]]:
    return list(AgentFileLexer().get_tokens_unprocessed(text))


def test_tokens_cover_the_text_exactly_once() -> None:
    found = tokens(TEXT)
    assert "".join(value for _, _, value in found) == TEXT
    assert [index for index, _, _ in found] == sorted(index for index, _, _ in found)


def test_frontmatter_keys_are_yaml_and_the_closing_line_is_not_a_heading() -> None:
    found = tokens(TEXT)
    keys = [value for _, token, value in found if token in Name.Tag]
    assert keys == ["name", "color"]
    assert not any(token in Generic.Heading and "red" in value for _, token, value in found)
    assert any(token in Generic.Heading and "Title" in value for _, token, value in found)


def test_a_file_without_frontmatter_is_all_markdown() -> None:
    found = tokens("# Only a body\n")
    assert any(token in Generic.Heading for _, token, _ in found)
    assert all(token is not Token.Error for _, token, _ in found)
