"""The fence split matches Claude Code's and always concatenates back to the input."""

from __future__ import annotations

import pytest

from agenttui.model.splitting import detect_newline, split, split_lines


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_split_each_newline_style(newline: str) -> None:
    text = newline.join(["---", "name: a", "---", "body", "---", "more"]) + newline
    parts = split(text)
    assert parts.has_frontmatter
    assert parts.frontmatter == "name: a" + newline
    assert parts.body == newline.join(["body", "---", "more"]) + newline
    assert parts.text() == text
    assert detect_newline(text) == newline


def test_bom_before_opening_fence() -> None:
    parts = split("\ufeff---\nname: a\n---\nx")
    assert parts.bom == "\ufeff" and parts.has_frontmatter and parts.body == "x"


def test_opening_fence_must_be_first_line() -> None:
    parts = split("\n---\nname: a\n---\n")
    assert not parts.opening and parts.body == "\n---\nname: a\n---\n"


def test_unclosed_frontmatter() -> None:
    parts = split("---\nname: a\n")
    assert parts.unclosed and not parts.has_frontmatter
    assert parts.text() == "---\nname: a\n"


def test_closing_fence_at_end_of_file_without_newline() -> None:
    parts = split("---\nname: a\n---")
    assert parts.has_frontmatter and parts.closing == "---" and parts.body == ""


def test_a_line_starting_with_three_dashes_closes_as_in_claude_code() -> None:
    parts = split("---\nname: a\n--- x\n---\nbody")
    assert parts.frontmatter == "name: a\n" and parts.closing == "--- x\n"
    assert parts.body == "---\nbody"


def test_a_closing_line_of_many_dashes_closes() -> None:
    parts = split("---\nname: a\n" + "-" * 56 + "\nbody\n")
    assert parts.has_frontmatter and parts.frontmatter == "name: a\n" and parts.body == "body\n"


@pytest.mark.parametrize("opening", ["--- ", "---\t", "---  \t "])
def test_an_opening_fence_with_trailing_spaces_opens(opening: str) -> None:
    text = opening + "\nname: a\n---\nbody"
    parts = split(text)
    assert parts.has_frontmatter and parts.frontmatter == "name: a\n" and parts.text() == text


def test_four_dashes_do_not_open() -> None:
    assert not split("----\nname: a\n---\n").opening


def test_body_line_number() -> None:
    assert split("---\na: 1\nb: 2\n---\nbody").body_line == 5


def test_split_lines_keeps_endings() -> None:
    assert split_lines("a\r\nb\rc\nd") == ["a\r\n", "b\r", "c\n", "d"]
    assert split_lines("") == []
