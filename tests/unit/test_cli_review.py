"""``diff``, ``review``, ``validate --format/--changed``: git and CI from the command line."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from agenttui.cli import main
from agenttui.cli.ci_formats import escape_data, escape_property, github_annotation
from agenttui.model.problems import error
from tests.unit.test_git import agent, sh

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository on a feature branch that changed ``edited`` and added ``fresh``."""
    root = tmp_path / "my project"
    agents = root / ".claude" / "agents"
    agents.mkdir(parents=True)
    sh(root, "init", "-q", "-b", "main")
    (agents / "kept.md").write_text(agent("kept"))
    (agents / "edited.md").write_text(agent("edited"))
    sh(root, "add", ".")
    sh(root, "commit", "-qm", "agents")
    sh(root, "checkout", "-qb", "feature")
    (agents / "edited.md").write_text(agent("edited", "opus") + "More.\n")
    (agents / "fresh.md").write_text("---\nname: fresh\n---\nno description\n")
    monkeypatch.chdir(root)
    return root


@needs_git
def test_diff_since_the_default_reference(project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff"]) == 0
    out = capsys.readouterr().out
    assert ".claude/agents/edited.md (modified)\n  model: sonnet → opus\n" in out
    assert ".claude/agents/fresh.md (untracked)" in out and "kept.md" not in out
    assert "  new error AT102" in out


@needs_git
def test_diff_json_with_a_reference_and_a_path(project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "main", ".claude/agents/edited.md", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["ref"] == "main"
    [entry] = found["files"]
    assert entry["state"] == "modified"
    assert entry["diff"]["fields"] == [{"field": "model", "kind": "changed",
                                        "before": "sonnet", "after": "opus"}]
    assert entry["diff"]["body"][-1] == "+More."


def test_diff_of_two_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text(agent("a"))
    (tmp_path / "b.md").write_text(agent("a", "haiku"))
    assert main(["diff", str(tmp_path / "a.md"), str(tmp_path / "b.md")]) == 0
    assert "  model: sonnet → haiku" in capsys.readouterr().out


@needs_git
def test_diff_of_a_deleted_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".claude" / "agents" / "kept.md").unlink()
    assert main(["diff", ".claude/agents/kept.md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(".claude/agents/kept.md (deleted)\n  name: kept → (unset)")


@needs_git
def test_diff_with_an_unknown_reference(project: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "no-such-branch"]) == 1
    assert "no-such-branch: no such commit" in capsys.readouterr().err


@needs_git
def test_git_commands_outside_a_repository_say_so(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".claude" / "agents").mkdir(parents=True)
    (tmp_path / ".claude" / "agents" / "a.md").write_text(agent("a"))
    monkeypatch.chdir(tmp_path)
    assert main(["diff"]) == 1
    assert "not in a git repository" in capsys.readouterr().err
    assert main(["validate", "--changed"]) == 1
    assert "--changed" in capsys.readouterr().err
    assert main(["validate"]) == 0  # the rest works


@needs_git
def test_review_opens_the_app_as_a_review_of_the_reference(
        project: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    opened: list[str | bool] = []
    monkeypatch.setattr("agenttui.cli.git_commands._open_app",
                        lambda review: opened.append(review) or 0)
    assert main(["review"]) == 0
    assert main(["review", "main"]) == 0
    assert opened == [True, "main"]  # True: the default reference
    sh(project, "add", ".")
    sh(project, "commit", "-qm", "done")
    assert main(["review", "HEAD"]) == 0
    assert "nothing to review" in capsys.readouterr().out
    assert len(opened) == 2
    assert main(["review", "no-such-branch"]) == 1
    assert "no-such-branch: no such commit" in capsys.readouterr().err


@needs_git
def test_review_builds_the_app_with_the_factory(project: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[tuple[list[str], str | bool]] = []

    class Fake:
        def run(self) -> None:
            pass

    def factory(paths: Sequence[str] = (), *, review: str | bool = False) -> Fake:
        built.append((list(paths), review))
        return Fake()

    monkeypatch.setattr("agenttui.app.make_app", factory)
    assert main(["review", "main"]) == 0
    assert built == [([], "main")]  # the discovered agents, reviewed since main


@needs_git
def test_validate_changed_reports_only_changed_files(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".claude" / "agents" / "kept.md").write_text(agent("kept"))
    sh(project, "commit", "-qam", "nothing")
    assert main(["validate", "--changed"]) == 1
    out = capsys.readouterr().out
    assert ".claude/agents/fresh.md:2: error AT102" in out and "kept.md" not in out
    assert out.rstrip().endswith("2 agents checked: 1 error in 1 file")
    assert main(["validate", "--changed=HEAD", "--format", "json"]) == 1
    assert [Path(e["path"]).name for e in json.loads(capsys.readouterr().out)] == ["fresh.md"]
    assert main(["validate", "--changed", "main", "--format", "json"]) == 1
    assert len(json.loads(capsys.readouterr().out)) == 2


@needs_git
def test_validate_sarif(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "agenttui"
    assert {"AT001", "AT102", "AT301"} <= {rule["id"] for rule in rules}
    [result] = run["results"]
    assert result["ruleId"] == "AT102" and result["level"] == "error"
    assert rules[result["ruleIndex"]]["id"] == "AT102"
    assert result["message"]["text"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": ".claude/agents/fresh.md",
                                            "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 2
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file://") and base.endswith("/my%20project/")


def test_sarif_has_what_github_code_scanning_requires(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "a b"
    folder.mkdir()
    (folder / "x.md").write_text("no frontmatter\n")
    (folder / "y.md").write_text("")
    monkeypatch.chdir(tmp_path)
    main(["validate", "--format", "sarif", "a b"])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["id"] and rule["shortDescription"]["text"]
    for result in run["results"]:
        assert set(result) >= {"ruleId", "level", "message", "locations"}
        assert result["level"] in ("error", "warning", "note")
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("a%20b/")
        assert location["region"]["startLine"] >= 1


def test_github_annotations_escape_what_github_reads() -> None:
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    problem = error("AT012", "line 1\nline 2: 100%", 3)
    line = github_annotation(Path("/w/x, y:z.md"), problem, Path("/w"))
    assert line == "::error file=x%2C y%3Az.md,line=3,title=AT012 error::line 1%0Aline 2: 100%25"


def test_validate_github_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text("---\nname: a\ndescription: d\n---\n")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--format", "github", "."]) == 0
    assert capsys.readouterr().out == \
        "::warning file=a.md,line=5,title=AT301 warning::the body is empty: it is the " \
        "agent's system prompt\n"


def test_json_flag_is_an_alias_and_disagreement_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text(agent("a"))
    assert main(["validate", "--json", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["problems"] == []
    assert main(["validate", "--json", "--format", "sarif", str(tmp_path)]) == 2


def test_pre_commit_hooks_name_real_commands() -> None:
    import re

    import yaml

    from agenttui.cli import command_names
    from tests.conftest import REPO

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [hook["id"] for hook in hooks] == ["agenttui-validate", "agenttui-fix"]
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python" and hook["types"] == ["markdown"]
        program, command = hook["entry"].split()
        assert program == "agenttui" and command in command_names()
        assert re.search(hook["files"], ".claude/agents/review/x.md")
        assert re.search(hook["files"], "plugins/p/agents/x.md")
        assert not re.search(hook["files"], "docs/readme.md")


def test_diff_output_shows_control_characters_as_text(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text(agent("a"))
    hostile = agent("a").replace("Reviews a", "Reviews \x1b]0;owned\x07 \u202e code")
    (tmp_path / "b\x1b[2J.md").write_text(hostile)
    assert main(["diff", str(tmp_path / "a.md"), str(tmp_path / "b\x1b[2J.md")]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "\\x1b]0;owned\\x07" in out and "b\\x1b[2J.md" in out


@pytest.mark.parametrize("form", ["github", "sarif"])
def test_ci_formats_show_control_characters_as_text(tmp_path: Path, form: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x\x1b]0;t\x07\u009b.md").write_text("---\nname: \x1b[31mred\n---\n")
    main(["validate", "--format", form, str(tmp_path)])
    out = capsys.readouterr().out
    assert out and not any(ch in out for ch in "\x1b\x07\u009b")
