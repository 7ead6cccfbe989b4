"""``disable``, ``enable`` and the disabled flag of ``list``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agenttui.cli import main
from tests.unit.fs_helpers import write_agent


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "app"
    (root / ".git").mkdir(parents=True)
    write_agent(root / ".claude" / "agents", "reviewer.md")
    monkeypatch.chdir(root)
    return root


def test_disable_and_enable_in_the_project(project: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    settings = project / ".claude" / "settings.json"
    settings.write_text('{\n    "model": "opus"\n}\n')
    assert main(["disable", "reviewer"]) == 0
    assert "reviewer: disabled by Agent(reviewer) in .claude/settings.json" in \
        capsys.readouterr().out
    assert settings.read_text() == ('{\n    "model": "opus",\n    "permissions": {\n'
                                    '        "deny": [\n            "Agent(reviewer)"\n'
                                    "        ]\n    }\n}\n")
    assert main(["list"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("(disabled)")
    assert main(["list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["disabled"] is True
    assert main(["enable", "reviewer"]) == 0
    assert "enabled" in capsys.readouterr().out
    assert json.loads(settings.read_text()) == {"model": "opus", "permissions": {"deny": []}}


def test_disable_in_local_and_user_settings(project: Path, isolated_home: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["disable", "reviewer", "--in", "local"]) == 0
    local = project / ".claude" / "settings.local.json"
    assert json.loads(local.read_text()) == {"permissions": {"deny": ["Agent(reviewer)"]}}
    assert main(["disable", "reviewer", "--in", "user"]) == 0
    user = isolated_home / ".claude" / "settings.json"  # CLAUDE_CONFIG_DIR
    assert "Agent(reviewer)" in user.read_text()
    assert main(["enable", "reviewer", "--in", "user"]) == 1  # still disabled by local
    assert "still disabled by .claude/settings.local.json" in capsys.readouterr().err
    assert main(["enable", "reviewer"]) == 0
    assert json.loads(local.read_text())["permissions"]["deny"] == []


def test_an_invalid_settings_file_is_refused_and_kept(project: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    settings = project / ".claude" / "settings.json"
    settings.write_text('{"permissions": {"deny": [}\n')
    assert main(["disable", "reviewer"]) == 1
    err = capsys.readouterr().err
    assert "not valid JSON" in err and "does not rewrite it" in err and err.count("\n") == 1
    assert settings.read_text() == '{"permissions": {"deny": [}\n'
    assert main(["list"]) == 0  # listing still works; nothing is disabled
    listed = capsys.readouterr()
    assert "(disabled)" not in listed.out and "not valid JSON" in listed.err


def test_disabling_an_unknown_name_warns(project: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["disable", "reviewr"]) == 0
    assert "no agent named reviewr" in capsys.readouterr().err


def test_enable_what_is_not_disabled(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["enable", "reviewer"]) == 0
    assert "reviewer: not disabled" in capsys.readouterr().out
    assert not (project / ".claude" / "settings.json").exists()


def test_a_name_a_rule_cannot_hold(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["disable", "a)b"]) == 1
    assert "not an agent name" in capsys.readouterr().err
