"""The diff screen colours each line by its kind."""

from __future__ import annotations

from agenttui.screens.diff_screen import diff_lines, unified_diff


def test_each_line_of_a_diff_has_its_kind() -> None:
    before = "---\nname: a\n---\nbody\n"
    after = "name: a\n---\nbody\nmore"
    kinds = [kind for _line, kind in diff_lines(unified_diff(before, after, "a.md"))]
    assert kinds == ["header", "header", "hunk", "deleted", None, None, None, "inserted",
                     "note"]


def test_a_removed_frontmatter_fence_is_a_deletion_not_a_header() -> None:
    lines = diff_lines(unified_diff("---\nx\n---\n", "x\n", "a.md"))
    assert ("----\n", "deleted") in lines and lines[0][1] == lines[1][1] == "header"


def test_controls_in_a_diff_are_shown_visibly() -> None:
    lines = diff_lines(unified_diff("a\n", "a\x1b[2J\n", "a.md"))
    assert ("+a\\x1b[2J\n", "inserted") in lines
