"""Names can never create a file outside the agents folder they belong to."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agenttui.storage.paths import UnsafePathError, file_name_refusal, safe_agent_path

HOSTILE_NAMES = [
    ("", "empty"),
    ("   ", "empty"),
    ("../evil", "'/'"),
    ("..", "'..'"),
    ("a..b", "'..'"),
    ("sub/agent", "'/'"),
    ("sub\\agent", "'\\\\\\\\'"),
    ("/etc/passwd", "'/'"),
    ("C:evil", "':'"),
    ("C:\\Windows\\evil", "':'"),
    ("\\\\server\\share\\x", "'\\\\\\\\'"),
    ("plugin:agent", "':'"),
    ("nul\0byte", "U\\+0000"),
    ("line\nbreak", "U\\+000A"),
    ("tab\tname", "U\\+0009"),
    ("esc\x1b]0;title\x07", "U\\+001B"),
    ("c1\x9bname", "U\\+009B"),
    ("bidi\u202egpj.md", "U\\+202E"),
    ("zero\u200bwidth", "U\\+200B"),
    ("sep\u2028line", "U\\+2028"),
    ("no\u00a0break", "U\\+00A0"),
    ("wide\u3000space", "U\\+3000"),
    (".hidden", "starts with '.'"),
    (".md", "starts with '.'"),
    ("CON", "reserved on Windows"),
    ("con.md", "reserved on Windows"),
    ("Aux.notes", "reserved on Windows"),
    ("nul", "reserved on Windows"),
    ("COM1", "reserved on Windows"),
    ("lpt9.md", "reserved on Windows"),
    ("COM\u00b9", "reserved on Windows"),
    ("trailing.", "ends with '.'"),
    ("trailing ", "space"),
    (" leading", "space"),
    ("what?", "'\\?'"),
    ("star*", "'\\*'"),
    ("pipe|name", "'\\|'"),
    ('quote"name', "'\"'"),
    ("angle<name>", "'<'"),
    ("x" * 253, "longer than 255 bytes"),
]

GOOD_NAMES = ["code-reviewer", "code-reviewer.md", "db_migrator", "Review Bot", "café",
              "a.b", "console", "com10", "x" * 252, "agent-2"]


@pytest.mark.parametrize(("name", "reason"), HOSTILE_NAMES)
def test_hostile_names_are_refused_with_a_reason(tmp_path: Path, name: str, reason: str) -> None:
    with pytest.raises(UnsafePathError, match=reason):
        safe_agent_path(tmp_path, name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_plain_names_become_md_files_in_the_folder(tmp_path: Path, name: str) -> None:
    path = safe_agent_path(tmp_path, name)
    assert path.parent == tmp_path
    assert path.name == (name if name.endswith(".md") else name + ".md")


def test_unsafe_path_error_is_a_value_error() -> None:
    assert issubclass(UnsafePathError, ValueError)


def test_a_link_named_like_the_agent_that_leads_outside_is_refused(tmp_path: Path) -> None:
    folder, outside = tmp_path / "agents", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "escape.md").symlink_to(outside / "target.md")
    with pytest.raises(UnsafePathError, match="outside"):
        safe_agent_path(folder, "escape")


def test_a_link_inside_the_folder_is_allowed(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("x")
    (tmp_path / "alias.md").symlink_to(tmp_path / "real.md")
    assert safe_agent_path(tmp_path, "alias") == tmp_path / "alias.md"


def test_a_linked_agents_folder_is_its_own_inside(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "agents"
    real.mkdir(parents=True)
    link = tmp_path / "agents"
    link.symlink_to(real, target_is_directory=True)
    assert safe_agent_path(link, "reviewer") == link / "reviewer.md"


def test_a_folder_that_does_not_exist_yet_is_fine(tmp_path: Path) -> None:
    assert safe_agent_path(tmp_path / "new", "x") == tmp_path / "new" / "x.md"


@settings(max_examples=400, deadline=None)
@given(st.text(min_size=0, max_size=40))
def test_any_accepted_name_stays_one_file_inside_the_folder(
        tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    folder = tmp_path_factory.getbasetemp() / "prop-agents"
    folder.mkdir(exist_ok=True)
    try:
        path = safe_agent_path(folder, name)
    except UnsafePathError as exc:
        assert str(exc)
        return
    assert path.parent == folder and len(path.relative_to(folder).parts) == 1
    resolved = Path(os.path.realpath(path))
    assert resolved.parent == Path(os.path.realpath(folder))
    assert path.name.endswith(".md") and not path.name.startswith(".")
    assert all(ch.isprintable() and (ch == " " or not ch.isspace()) for ch in path.name)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["..", ".", "/", "\\", "a", "\0", "C:", "CON", " "]),
                min_size=1, max_size=6))
def test_path_fragments_never_escape(tmp_path_factory: pytest.TempPathFactory,
                                     parts: list[str]) -> None:
    folder = tmp_path_factory.getbasetemp() / "frag-agents"
    name = "".join(parts)
    if file_name_refusal(name) is None:
        assert safe_agent_path(folder, name).parent == folder
    else:
        with pytest.raises(UnsafePathError):
            safe_agent_path(folder, name)
