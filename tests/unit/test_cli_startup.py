"""Each command imports only what it needs: ``--help`` none of the commands' modules, a lookup
over plain agents neither the YAML reader nor the process pool."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agenttui import cli
from tests.conftest import REPO, SAMPLES

HEAVY = ("yaml", "textual", "rich", "multiprocessing", "concurrent.futures",
         "agenttui.model.document", "agenttui.cli.document_commands",
         "agenttui.cli.scan_commands", "agenttui.cli.manage_commands", "agenttui.catalog")


def _imported_by(*argv: str) -> set[str]:
    """The modules a fresh interpreter holds after ``agenttui ARGV`` (its output dropped)."""
    code = (
        "import contextlib, io, json, sys\n"
        "from agenttui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), "
        "contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        f"        main({list(argv)!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=REPO, env=_env())
    return set(json.loads(done.stdout))


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO / "src"))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules for name in names if m == name or m.startswith(name + "."))


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_imports_no_command_module_nor_yaml_nor_textual(flag: str) -> None:
    assert _loaded(_imported_by(flag), HEAVY) == []


def test_a_lookup_over_plain_agents_imports_neither_yaml_nor_the_pool(tmp_path: Path) -> None:
    folder = tmp_path / "agents"
    folder.mkdir()
    for name in ("one", "two"):
        (folder / f"{name}.md").write_text(
            f"---\nname: {name}\ndescription: Reviews code.\ntools: Read, Grep\n---\nBody.\n")
    for argv in (("list", str(folder)), ("validate", "--json", str(folder))):
        loaded = _loaded(_imported_by(*argv), (*HEAVY[:5], "agenttui.model.document"))
        assert loaded == [], argv


def test_a_file_the_scanner_leaves_is_still_read_in_full(tmp_path: Path) -> None:
    """(The test above must be able to fail: a file needing the full reading imports it.)"""
    folder = tmp_path / "agents"
    folder.mkdir()
    (folder / "odd.md").write_text("---\nname: odd\ndescription: a: b\n---\nBody.\n")
    assert "yaml" in _imported_by("list", str(folder))


def test_the_summaries_are_what_the_commands_register() -> None:
    registered = _summaries(cli.build_parser(every=True))
    assert registered == cli.SUMMARIES
    assert list(registered) == [n for names in cli.COMMAND_MODULES.values() for n in names]


def test_the_top_level_help_reads_the_same_as_with_every_command_registered() -> None:
    assert cli.build_parser().format_help() == cli.build_parser(every=True).format_help()


def test_help_still_lists_a_command_missing_from_the_summaries(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(cli.SUMMARIES, "list")
    assert "one line per agent" in cli.build_parser().format_help()


def test_commands_still_run_from_the_lean_parser() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["list", str(SAMPLES)]) == 0
    assert "code-reviewer" in out.getvalue()


def _summaries(parser: argparse.ArgumentParser) -> dict[str, str]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {choice.dest: str(choice.help) for choice in action._choices_actions}


FORMAT_MODULES = ("agenttui.cli.format_commands", "agenttui.storage.format_discovery",
                  "agenttui.model.formats.base", "agenttui.model.formats.checks",
                  "agenttui.model.formats.claude_agents", "agenttui.model.formats.opencode")


def test_the_default_kind_imports_no_format_declaration(tmp_path: Path) -> None:
    folder = tmp_path / "agents"
    folder.mkdir()
    (folder / "one.md").write_text("---\nname: one\ndescription: Reviews code.\n---\nBody.\n")
    for argv in (("--help",), ("list", str(folder)), ("validate", str(folder))):
        assert _loaded(_imported_by(*argv), FORMAT_MODULES) == [], argv
    assert "agenttui.model.formats.opencode" in _imported_by("list", "--kind", "all",
                                                             str(folder))
