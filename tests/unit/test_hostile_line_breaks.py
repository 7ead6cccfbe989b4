"""Line breaks the prompt editor cannot hold: mixed endings, form feeds, U+2028, U+0085.

Textual's TextArea splits lines wherever ``str.splitlines`` does and writes them back with one
newline style. The body editor hands back the body's own breaks for every line an edit did
not touch (and for lines edited in place), so opening such a file changes nothing and typing
changes only what was typed.
"""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st
from textual.widgets.text_area import Document

from agenttui.widgets.body_editor import keep_untouched_lines

BREAKS = ["\n", "\r\n", "\r", "\x0c", "\x0b", "\x1c", "\x85", "\u2028", "\u2029"]
CASES = ["Body.\r\nMore body.\n", "one\x0cpage two\n\u2028sep\r\nmixed\n", "a\rb\nc",
         "ends with a form feed\x0c", "plain\nbody\n", ""]


def held(body: str) -> str:
    """``body`` as the TextArea holds it."""
    return Document(body).text


lines = st.lists(st.tuples(st.text(st.characters(blacklist_characters="".join(BREAKS)),
                                   max_size=8), st.sampled_from(BREAKS)), max_size=8)


def join(parts: list[tuple[str, str]]) -> str:
    return "".join(text + end for text, end in parts)


def test_the_editor_really_rewrites_these_breaks() -> None:
    for body in CASES[:4]:
        assert held(body) != body


def test_an_unedited_body_comes_back_exactly() -> None:
    for body in CASES:
        assert keep_untouched_lines(body, held(body), held(body)) == body


def test_typing_in_one_line_changes_only_that_line() -> None:
    body = "one\x0cpage two\n\u2028sep\r\nmixed\n"
    edited = held(body).replace("sep", "separator")
    assert keep_untouched_lines(body, held(body), edited) == body.replace("sep", "separator")


def test_adding_a_line_keeps_the_breaks_around_it() -> None:
    body = "a\r\nb\nc\x0cd\n"
    shown = held(body)
    edited = shown.replace("b", "b\r\nnew", 1)
    newline = Document(body).newline  # what the editor writes for a new line
    assert keep_untouched_lines(body, shown, edited) == f"a\r\nb\nnew{newline}c\x0cd\n"


def editor_lines(text: str) -> list[str]:
    """Lines as the TextArea counts them: a final newline starts one more, empty line."""
    parts = text.splitlines(keepends=True)
    return [*parts, ""] if not text or text.endswith(("\n", "\r")) else parts


def type_into(text: str, index: int, typed: str) -> str:
    """``text`` with ``typed`` added at the end of line ``index`` (before its break)."""
    parts = editor_lines(text)
    line = parts[index]
    content = line.splitlines()[0] if line else ""
    parts[index] = content + typed + line[len(content):]
    return "".join(parts)


@given(lines, st.data())
def test_editing_any_line_in_place_keeps_every_break(parts: list[tuple[str, str]],
                                                     data: st.DataObject) -> None:
    body = join(parts)
    assume(body.splitlines(keepends=True) == [text + end for text, end in parts])  # no \r+\n
    shown = held(body)
    assert keep_untouched_lines(body, shown, shown) == body
    assert len(editor_lines(shown)) == len(Document(body).lines)
    index = data.draw(st.integers(0, len(editor_lines(shown)) - 1))
    typed = data.draw(st.text(alphabet="xyz ", min_size=1, max_size=4))
    edited = keep_untouched_lines(body, shown, type_into(shown, index, typed))
    assert edited == type_into(body, index, typed)
