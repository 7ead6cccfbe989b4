"""``list`` and ``validate`` from the command line."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from agenttui.cli import COMMAND_MODULES, build_parser, command_names, main
from tests.conftest import SHARED, shared_files
from tests.unit.test_discovery import write


def test_list_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.md", "a")
    assert main(["list", "--json", str(tmp_path)]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert set(entry) == {"path", "kind", "scope", "name", "description", "model", "tools",
                          "errors", "warnings", "shadowed_by", "disabled", "claude_code"}
    assert entry["kind"] == "claude-agent"
    assert (entry["scope"], entry["name"], entry["tools"]) == ("path", "a", None)
    assert entry["claude_code"]["loads"] and entry["claude_code"]["tools"] is None
    assert (entry["model"], entry["claude_code"]["model"]) == (None, "inherit")


TOOLS_LINES = {"absent": "", "empty": "tools:\n", "none": "tools: []\n",
               "two": "tools: Read, Grep\n"}


@pytest.mark.parametrize("reading", ["fresh", "cached"])
def test_list_tells_all_tools_from_none(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        reading: str) -> None:
    """``tools`` absent or left empty is every tool (null); ``[]`` is an empty list; the
    model as written beside the model in effect. The same when read again from the cache."""
    for name, line in TOOLS_LINES.items():
        model = "model: opus\n" if name == "two" else ""
        (tmp_path / f"{name}.md").write_text(
            f"---\nname: {name}\ndescription: d\n{line}{model}---\nBody.\n")
    for _ in range(2 if reading == "cached" else 1):
        assert main(["list", "--json", str(tmp_path)]) == 0
        listed = {e["name"]: e for e in json.loads(capsys.readouterr().out)}
    assert {n: e["tools"] for n, e in listed.items()} == {
        "absent": None, "empty": None, "none": [], "two": ["Read", "Grep"]}
    assert {n: e["claude_code"]["tools"] for n, e in listed.items()} == {
        "absent": None, "empty": None, "none": [], "two": ["Read", "Grep"]}
    assert {n: (e["model"], e["claude_code"]["model"]) for n, e in listed.items()} == {
        "absent": (None, "inherit"), "empty": (None, "inherit"), "none": (None, "inherit"),
        "two": ("opus", "opus")}
    assert main(["list", str(tmp_path)]) == 0
    lines = {line.split()[1]: line for line in capsys.readouterr().out.splitlines()}
    assert ["all tools" in lines[n] for n in TOOLS_LINES] == [True, True, False, False]
    assert "0 tools" in lines["none"] and "2 tools" in lines["two"]


def test_show_json_tells_all_tools_from_none(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    for name, line in TOOLS_LINES.items():
        path = tmp_path / f"{name}.md"
        path.write_text(f"---\nname: {name}\ndescription: d\n{line}---\nBody.\n")
        main(["show", "--json", str(path)])
        shown = json.loads(capsys.readouterr().out)
        assert shown["claude_code"]["model"] == "inherit" and "model" not in shown["fields"]
        assert shown["claude_code"]["tools"] == {"absent": None, "empty": None, "none": [],
                                                 "two": ["Read", "Grep"]}[name]


def test_list_discovers_scopes(tmp_path: Path, isolated_home: Path,
                               monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    write(isolated_home / ".claude" / "agents" / "mine.md", "mine")
    monkeypatch.chdir(tmp_path)
    assert main(["list", "--scope", "user"]) == 0
    assert capsys.readouterr().out.startswith("user mine")


def test_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.md", "a")
    assert main(["validate", str(tmp_path)]) == 0
    (tmp_path / "b.md").write_text("---\nname: b\ndescription: d\n---\n")
    assert main(["validate", str(tmp_path)]) == 0
    assert main(["validate", "--strict", str(tmp_path)]) == 1
    (tmp_path / "c.md").write_text("no frontmatter\n")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'c.md'}:1: error AT004 no frontmatter" in out
    assert out.rstrip().endswith("3 agents checked: 1 error, 1 warning in 2 files")


def test_validate_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "c.md").write_text("no frontmatter\n")
    main(["validate", "--json", str(tmp_path)])
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["path"] == str(tmp_path / "c.md")
    assert entry["problems"][0]["code"] == "AT004"


def test_missing_path_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


@pytest.mark.skipif(not shared_files("corpus/*/*.md"), reason="../shared is not present")
def test_corpus_validates_without_a_crash(capsys: pytest.CaptureFixture[str]) -> None:
    seeds = [str(p) for p in shared_files("seeds/*")]
    main(["validate", "--json", str(SHARED / "corpus"), *seeds])
    entries = json.loads(capsys.readouterr().out)
    assert len(entries) == len(shared_files("corpus/*/*.md")) + len(seeds)


def _registered(parser: argparse.ArgumentParser) -> set[str]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(actions[0].choices)


def test_each_module_registers_exactly_the_commands_declared_for_it() -> None:
    for names in COMMAND_MODULES.values():
        for name in names:
            assert _registered(build_parser(name)) == set(names)
    assert _registered(build_parser()) == command_names()


def test_a_list_run_imports_neither_the_file_operations_nor_the_app(tmp_path: Path) -> None:
    code = ("import sys; from agenttui.cli import main; main(['list', sys.argv[1]]); "
            "print(sorted(m for m in sys.modules if m.startswith(('agenttui.storage.operations',"
            " 'agenttui.storage.trash', 'agenttui.cli.manage', 'textual'))))")
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                         text=True, check=True)
    assert run.stdout.strip().endswith("[]")
