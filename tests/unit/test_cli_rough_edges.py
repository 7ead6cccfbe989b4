"""The command line as a new user met it: each rough edge, fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenttui.cli import main
from tests.unit.fs_helpers import REVIEWER, write_agent

NON_STRICT = "---\nname: fixme\ndescription: Use it. Examples: this\n---\nBody\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "app"
    (root / ".git").mkdir(parents=True)
    monkeypatch.chdir(root)
    return root / ".claude" / "agents"


def test_list_columns_stay_aligned_with_long_names(project: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    long = "a-very-long-agent-name-that-is-longer-than-thirty-two-characters"
    write_agent(project, "reviewer.md")
    write_agent(project, f"{long}.md", name=long)
    main(["list"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert len({line.index("inherit") for line in lines}) == 1
    assert len({line.index(".claude/agents/") for line in lines}) == 1


def test_list_scope_with_nothing_in_it_names_that_scope(project: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    write_agent(project, "reviewer.md")
    main(["list", "--scope", "plugin"])
    out = capsys.readouterr().out
    assert out == "no plugin agents: no installed plugin has an agents folder\n"
    main(["list", "--scope", "user"])
    assert capsys.readouterr().out.startswith("no user agents: no ")


def test_paths_are_relative_below_the_working_directory(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_agent(project, "reviewer.md", text="no frontmatter\n")
    outside = write_agent(tmp_path / "elsewhere", "x.md", text="no frontmatter\n")
    main(["validate"])
    assert capsys.readouterr().out.startswith(".claude/agents/reviewer.md:1: error AT004")
    main(["validate", str(outside)])
    assert capsys.readouterr().out.startswith(f"{outside}:1: error AT004")
    main(["show", str(path)])
    assert ".claude/agents/reviewer.md:1: error AT004" in capsys.readouterr().err
    assert main(["delete", str(path)]) == 0
    assert capsys.readouterr().out.startswith(".claude/agents/reviewer.md: moved to the trash")


def test_duplicate_names_have_a_line_number(project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    write_agent(project, "reviewer.md")
    write_agent(project, "other.md", name="reviewer")
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert ".claude/agents/reviewer.md:2: error AT201" in out
    assert ".claude/agents/other.md:2: error AT201" in out
    main(["validate"])  # the second run reads the parse cache: still placed
    assert ".claude/agents/other.md:2: error AT201" in capsys.readouterr().out


def test_the_summary_without_problems(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_agent(project, "reviewer.md")
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "1 agent checked: no problems\n"


def test_set_name_reports_the_file_name_mismatch(project: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = write_agent(project, "reviewer.md")
    assert main(["set", str(path), "name", "bash-guru"]) == 0
    err = capsys.readouterr().err
    assert "warning AT107" in err and "reviewer.md:2:" in err
    assert main(["set", str(path), "model", "opus"]) == 0
    assert "AT107" not in capsys.readouterr().err  # already there: not news


def test_fix_defaults_to_the_discovered_folders(project: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = write_agent(project, "fixme.md", text=NON_STRICT)
    assert main(["fix", "--check"]) == 1
    assert capsys.readouterr().out.startswith(".claude/agents/fixme.md:3: would fix")
    assert main(["fix"]) == 0
    assert path.read_text() != NON_STRICT


def test_delete_of_a_file_that_is_not_there(project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["delete", "nonexist.md"]) == 1
    assert capsys.readouterr().err == "agenttui: nonexist.md: no such file\n"


def test_move_takes_the_scope_as_a_word(project: Path, isolated_home: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = write_agent(project, "reviewer.md")
    assert main(["move", str(path), "user"]) == 0
    moved = isolated_home / ".claude" / "agents" / "reviewer.md"
    assert moved.read_text() == REVIEWER and not path.exists()
    assert main(["copy", str(moved), "project"]) == 0
    assert path.read_text() == REVIEWER
    with pytest.raises(SystemExit):
        main(["move", str(path), "plugin"])


@pytest.mark.parametrize(("path", "shown"), [
    ("/w/app/.claude/agents/a.md", ".claude/agents/a.md"), ("/w/app", "."), ("/w/app/", "."),
    ("/w/app/x/../a.md", "a.md"), ("/w/application/a.md", "/w/application/a.md"),
    ("/w/other/a.md", "/w/other/a.md"), ("/w/app/b\x1b.md", "b\\x1b.md")])
def test_display_path(path: str, shown: str) -> None:
    from agenttui.cli.common import display_path

    assert display_path(path, cwd=Path("/w/app")) == shown
