"""duplicate, rename, delete, restore, move and copy from the command line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agenttui.cli import main
from tests.unit.fs_helpers import REVIEWER, contents, write_agent


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "app"
    (root / ".git").mkdir(parents=True)
    monkeypatch.chdir(root)
    return root / ".claude" / "agents"


@pytest.fixture
def reviewer(project: Path) -> Path:
    return write_agent(project, "reviewer.md")


def printed(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out.strip()


def printed_path(capsys: pytest.CaptureFixture[str]) -> str:
    """The path printed, made absolute (paths below the working directory print relative)."""
    return os.path.abspath(printed(capsys).split("  ")[-1])


def test_duplicate_and_rename(reviewer: Path, project: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["duplicate", str(reviewer), "strict-reviewer"]) == 0
    assert printed_path(capsys) == str(project / "strict-reviewer.md")
    assert main(["rename", str(reviewer), "code-reviewer"]) == 0
    assert printed_path(capsys) == str(project / "code-reviewer.md")
    assert sorted(p.name for p in project.iterdir()) == ["code-reviewer.md", "strict-reviewer.md"]


def test_rename_keeping_the_file_name(reviewer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rename", str(reviewer), "code-reviewer", "--keep-file-name"]) == 0
    assert printed_path(capsys) == str(reviewer)
    assert "name: code-reviewer\n" in reviewer.read_text()


def test_rename_refusal_is_one_line_and_changes_nothing(
        reviewer: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = contents(project)
    assert main(["rename", str(reviewer), "Not:Valid"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("agenttui: not renamed:") and err.count("\n") == 1
    assert contents(project) == before


def test_rename_takes_a_name_outside_the_documented_form_with_the_warning_set_gives(
        reviewer: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rename", str(reviewer), "Not Valid"]) == 0
    said = capsys.readouterr()
    assert said.out.strip().endswith("Not Valid.md")
    assert "warning AT103 the name 'Not Valid'" in said.err
    assert "name: Not Valid\n" in (project / "Not Valid.md").read_text()


def test_delete_list_and_restore(reviewer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["delete", str(reviewer)]) == 0
    assert "moved to the trash" in printed(capsys)
    assert not reviewer.exists()
    assert main(["restore", "--list"]) == 0
    assert printed_path(capsys) == str(reviewer)
    assert main(["restore"]) == 0
    assert printed_path(capsys) == str(reviewer)
    assert reviewer.read_text() == REVIEWER
    assert main(["restore"]) == 1
    assert "nothing to restore" in capsys.readouterr().err


def test_move_and_copy_between_scopes(reviewer: Path, isolated_home: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    user = isolated_home / ".claude" / "agents"
    assert main(["copy", str(reviewer), "--scope", "user"]) == 0
    assert printed_path(capsys) == str(user / "reviewer.md")
    assert main(["move", str(reviewer), "--scope", "user"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert reviewer.exists()
    (user / "reviewer.md").unlink()
    assert main(["move", str(reviewer), "--scope", "user"]) == 0
    assert not reviewer.exists()
    assert (user / "reviewer.md").read_text() == REVIEWER


def test_move_needs_a_destination(reviewer: Path) -> None:
    assert main(["move", str(reviewer)]) == 2
    assert main(["move", str(reviewer), "user", "--scope", "project"]) == 2


def test_the_file_commands_take_an_agent_s_name(reviewer: Path, project: Path,
                                                isolated_home: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """``rename reviewer …`` finds the project's reviewer.md as Claude Code resolves the name;
    an unknown name says so (it used to be "reviewer no longer exists")."""
    assert main(["duplicate", "reviewer", "second"]) == 0
    assert printed_path(capsys) == str(project / "second.md")
    assert main(["rename", "second", "third"]) == 0
    assert printed_path(capsys) == str(project / "third.md")
    assert main(["copy", "third", "user"]) == 0
    assert printed_path(capsys) == str(isolated_home / ".claude" / "agents" / "third.md")
    assert main(["delete", "third"]) == 0  # the project's: it hides the user's copy
    assert not (project / "third.md").exists()
    assert (isolated_home / ".claude" / "agents" / "third.md").exists()
    capsys.readouterr()
    assert main(["rename", "fourth", "fifth"]) == 1
    assert "fourth: no such file, and no agent is named 'fourth'" in capsys.readouterr().err
