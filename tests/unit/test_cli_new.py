"""``agenttui new``: where the file goes, what it holds, and the refusals."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agenttui.cli import main
from agenttui.model import AgentDocument
from agenttui.model.validation import validate
from tests.unit.fs_helpers import contents, write_agent


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git project with the working directory in a subfolder of it."""
    root = tmp_path / "app"
    (root / ".git").mkdir(parents=True)
    (root / "src" / "pkg").mkdir(parents=True)
    monkeypatch.chdir(root / "src" / "pkg")
    return root


def created(capsys: pytest.CaptureFixture[str]) -> AgentDocument:
    out = capsys.readouterr().out.strip()
    path = Path(os.path.abspath(out))  # relative to the working directory when below it
    assert path.is_file(), out
    return AgentDocument(path.read_bytes(), str(path))


def test_new_goes_to_the_nearest_project(project: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "helper"]) == 0
    doc = created(capsys)
    assert doc.path == str(project / ".claude" / "agents" / "helper.md")
    assert validate(doc, Path(str(doc.path))) == []
    assert doc.fields["name"] == "helper"


def test_new_without_a_project_uses_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "helper"]) == 0
    assert created(capsys).path == str(tmp_path / ".claude" / "agents" / "helper.md")


def test_new_in_user_scope(project: Path, isolated_home: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "helper", "--scope", "user"]) == 0
    assert created(capsys).path == str(isolated_home / ".claude" / "agents" / "helper.md")


def test_new_in_user_scope_follows_claude_config_dir(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(tmp_path / "config"))
    assert main(["new", "helper", "--scope", "user"]) == 0
    assert created(capsys).path == str(tmp_path / "config" / "agents" / "helper.md")


def test_new_in_a_given_folder_with_fields(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "agents"
    assert main(["new", "fixer", "--dir", str(folder), "--description", "Fix tests: all of them",
                 "--model", "haiku", "--tools", "Read, Edit, Bash"]) == 0
    doc = created(capsys)
    assert doc.path == str(folder / "fixer.md")
    assert doc.fields["description"] == "Fix tests: all of them"
    assert doc.fields["model"] == "haiku"
    assert doc.fields["tools"] == "Read, Edit, Bash"
    assert doc.strict_yaml


def test_new_with_empty_tools_leaves_them_out(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "helper", "--dir", str(tmp_path), "--tools", ""]) == 0
    assert "tools" not in created(capsys).fields


@pytest.mark.parametrize("name", ["../up", "a/b", "x:y"])
def test_new_refuses_bad_names(tmp_path: Path, name: str,
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", name, "--dir", str(tmp_path / "agents")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("agenttui: not created:")
    assert err.count("\n") == 1
    assert not (tmp_path / "agents").exists()


def test_new_refuses_a_clash_in_the_scope(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "agents"
    write_agent(folder / "team", "review.md", name="reviewer")
    before = contents(folder)
    assert main(["new", "reviewer", "--dir", str(folder)]) == 1
    assert "an agent named `reviewer` already exists" in capsys.readouterr().err
    assert contents(folder) == before


def test_new_refuses_scope_and_dir_together(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["new", "helper", "--scope", "user", "--dir", str(tmp_path)])
    assert exit_.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_new_refuses_an_unknown_scope(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["new", "helper", "--scope", "plugin"])
    assert exit_.value.code == 2


def test_new_never_takes_the_home_folder_for_a_project(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (isolated_home / ".claude").mkdir()
    (isolated_home / ".git").mkdir()
    work = isolated_home / "notes" / "today"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    assert main(["new", "helper"]) == 0
    assert created(capsys).path == str(work / ".claude" / "agents" / "helper.md")


def test_new_goes_where_the_app_shows_project_agents(
        project: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".claude" / "agents").mkdir(parents=True)
    nested = project / "src" / "pkg"
    (nested / ".git").mkdir()
    assert main(["new", "helper"]) == 0
    assert created(capsys).path == str(project / ".claude" / "agents" / "helper.md")


def test_new_says_what_is_off_in_the_options(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "helper", "--dir", str(tmp_path), "--model", "sonet",
                 "--tools", "Read, grep"]) == 0
    out, err = capsys.readouterr()
    assert out == f"{tmp_path / 'helper.md'}\n"
    assert [line.split()[1:3] for line in err.splitlines()] == [
        ["warning", "AT120"], ["warning", "AT110"]]


def test_new_from_the_template_is_quiet(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "helper", "--dir", str(tmp_path)]) == 0
    assert capsys.readouterr().err == ""


def test_new_with_an_empty_description_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "helper", "--dir", str(tmp_path), "--description", "  "]) == 2
    err = capsys.readouterr().err
    assert "--description is empty" in err and err.count("\n") == 1
    assert not (tmp_path / "helper.md").exists()
