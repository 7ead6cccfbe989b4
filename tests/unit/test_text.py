"""The text helpers the command line and the app share."""

from __future__ import annotations

import pytest

from agenttui import text
from agenttui.cli import common
from agenttui.widgets import labels


@pytest.mark.parametrize(("count", "noun", "nouns", "said"), [
    (0, "agent", None, "0 agents"),
    (1, "agent", None, "1 agent"),
    (2, "error", None, "2 errors"),
    (1, "match", "matches", "1 match"),
    (3, "match", "matches", "3 matches"),
])
def test_plural_counts_a_noun(count: int, noun: str, nouns: str | None, said: str) -> None:
    assert text.plural(count, noun, nouns) == said


def test_the_app_and_the_command_line_make_text_visible_with_one_function() -> None:
    assert labels.visible is text.visible
    assert common.visible_line is text.visible_line
    assert not hasattr(common, "visible") and not hasattr(common, "_escape")


def test_visible_line_escapes_what_visible_keeps() -> None:
    assert text.visible("a\x1b[31mb\n") == "a\\x1b[31mb\n"
    assert text.visible_line("a\x1b\n\udc80") == "a\\x1b\\x0a\\x80"
