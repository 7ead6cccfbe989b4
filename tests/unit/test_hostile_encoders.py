"""Text that an encoder or a converter refuses: file names that are not UTF-8, lone surrogates
made by a YAML escape, a terminal that is not UTF-8, a number longer than Python converts.
Every command still answers, without a traceback.

A file name's bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape). The
text output shows such a byte as ``\\xff``; the JSON output shows it the same way (as the text
``\\xff``, never a raw surrogate), and an object whose ``path`` was so shown carries
``"path_escaped": true``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agenttui.storage.operations import delete_agent, restore_deleted
from agenttui.storage.trash import Trash
from tests.unit.hostile_helpers import HOSTILE, agent_text, cli

CASES = HOSTILE / "encoders"
NOT_UTF8 = "\udcff\udcfe.md"  # the bytes b"\xff\xfe.md" as os.listdir gives them
SHOWN = "\\xff\\xfe.md"


def _encodable(text: str) -> bool:
    """Nothing in ``text`` an encoder refuses (no lone surrogate, raw or decoded)."""
    return not any("\ud800" <= ch <= "\udfff" for ch in text)


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "agents"
    folder.mkdir()
    (folder / NOT_UTF8).write_bytes(agent_text("name: odd\ndescription: Odd file name.\n"))
    (folder / "plain.md").write_bytes(agent_text("name: plain\ndescription: Plain.\n"))
    return folder


@pytest.mark.parametrize("command", ["list", "validate"])
def test_json_of_a_folder_with_a_file_name_that_is_not_utf8(
        capsys: pytest.CaptureFixture[str], odd_folder: Path, command: str) -> None:
    run = cli(capsys, command, "--json", str(odd_folder))
    entries = {Path(entry["path"]).name: entry for entry in run.json()}
    assert set(entries) == {SHOWN, "plain.md"}
    assert entries[SHOWN]["path"] == f"{odd_folder}/{SHOWN}"
    assert entries[SHOWN]["path_escaped"] is True
    assert "path_escaped" not in entries["plain.md"]
    assert _encodable(run.out) and _encodable(json.dumps(run.json(), ensure_ascii=False))


def test_show_json_of_a_file_name_that_is_not_utf8(capsys: pytest.CaptureFixture[str],
                                                   odd_folder: Path) -> None:
    shown = cli(capsys, "show", "--json", str(odd_folder / NOT_UTF8)).json()
    assert shown["path"] == f"{odd_folder}/{SHOWN}" and shown["path_escaped"] is True
    assert shown["name"] == "odd"


def test_text_output_of_a_file_name_that_is_not_utf8(capsys: pytest.CaptureFixture[str],
                                                     odd_folder: Path) -> None:
    listed = cli(capsys, "list", str(odd_folder))
    assert f"{odd_folder}/{SHOWN}" in listed.out
    checked = cli(capsys, "validate", str(odd_folder))
    assert f"{odd_folder}/{SHOWN}:" in checked.out


def test_a_file_name_that_is_not_utf8_through_a_real_process(odd_folder: Path) -> None:
    """The bytes a user's terminal receives, from the installed entry point."""
    for argv in (["list", "--json"], ["validate", "--json"], ["list"]):
        result = subprocess.run([sys.executable, "-m", "agenttui", *argv, str(odd_folder)],
                                capture_output=True, check=False, timeout=120)
        assert b"Traceback" not in result.stderr and b"\xff" not in result.stdout
        if "--json" in argv:
            paths = [entry["path"] for entry in json.loads(result.stdout)]
            assert f"{odd_folder}/{SHOWN}" in paths
        else:
            assert SHOWN.encode() in result.stdout


def test_lone_surrogates_from_a_yaml_escape(capsys: pytest.CaptureFixture[str]) -> None:
    path = CASES / "lone-surrogate.md"
    listed = cli(capsys, "list", "--json", str(path)).json()
    assert listed[0]["description"] == (
        "A YAML escape that makes half a character: \\ud800, and its other half alone: "
        "\\udfff.")
    assert "path_escaped" not in listed[0]
    shown = cli(capsys, "show", "--json", str(path)).json()
    assert shown["fields"]["description"] == listed[0]["description"]
    assert cli(capsys, "validate", "--json", str(path)).code == 0
    assert "\\ud800" in cli(capsys, "show", str(path)).out


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_is_not_utf8(encoding: str) -> None:
    path = str(CASES / "accents.md")
    env = os.environ | {"PYTHONIOENCODING": encoding}

    def run(*argv: str) -> subprocess.CompletedProcess[bytes]:
        result = subprocess.run([sys.executable, "-m", "agenttui", *argv], env=env,
                                capture_output=True, check=False, timeout=120)
        assert result.returncode == 0 and b"Traceback" not in result.stderr
        return result

    text = run("show", path).stdout.decode(encoding)
    assert "\\U0001f600" in text and "\\u2713" in text
    assert ("Caf\\xe9" if encoding == "ascii" else "Café") in text
    shown = json.loads(run("show", "--json", path).stdout.decode(encoding))
    assert shown["fields"]["description"] == "Café crème ✓ for an ASCII terminal."
    assert shown["body"] == "Naïve body 😀.\n"
    [listed] = json.loads(run("list", "--json", path).stdout.decode(encoding))
    assert listed["description"] == shown["fields"]["description"]


def test_the_trash_keeps_a_file_name_that_is_not_utf8(odd_folder: Path,
                                                      tmp_path: Path) -> None:
    trash = Trash(tmp_path / "trash")
    path = odd_folder / NOT_UTF8
    data = path.read_bytes()
    entry = delete_agent(path, trash=trash)
    assert not os.path.lexists(path)
    assert Trash(tmp_path / "trash").entries()[-1].original == path
    assert restore_deleted(entry.id, trash=trash) == path
    assert path.read_bytes() == data


def test_set_of_a_number_with_too_many_digits_is_a_usage_error(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(agent_text("name: a\ndescription: d\n"))
    run = cli(capsys, "set", str(path), "maxTurns", "9" * 5000)
    assert run.code == 2 and "5,000 digits" in run.err and run.err.count("\n") == 1
    assert path.read_bytes() == agent_text("name: a\ndescription: d\n")


def _strict_json(text: str) -> object:
    """``text`` read as strict JSON: ``NaN`` and ``Infinity`` (which Python's encoder writes
    for a float it cannot spell, and no other JSON reader takes) fail."""
    def refuse(constant: str) -> object:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("argv", [("show", "--json"), ("list", "--json"),
                                  ("validate", "--json"), ("validate", "--format", "sarif")])
def test_odd_floats_are_strict_json_everywhere(argv: tuple[str, ...],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """``.nan``, ``-.inf`` and ``1.0e+400`` in fields, lists, mappings and keys come out as YAML
    spells them (``".nan"``), in the fields and in ``claude_code`` alike."""
    run = cli(capsys, *argv, str(CASES / "odd-floats.md"))
    said = _strict_json(run.out)
    if argv[0] == "show":
        assert isinstance(said, dict)
        assert said["fields"]["model"] == said["claude_code"]["model"] == ".nan"
        assert said["fields"]["maxTurns"] == "-.inf"
        assert said["claude_code"]["differs"] == {}
    if argv[0] == "list":
        assert isinstance(said, list)
        assert said[0]["model"] == said[0]["claude_code"]["model"] == ".nan"


def test_a_nan_read_twice_is_one_value() -> None:
    """YAML 1.1 and 1.2 both read ``.nan`` as NaN: no AT022 "reads it otherwise" warning."""
    from agenttui.model import AgentDocument

    doc = AgentDocument((CASES / "odd-floats.md").read_bytes(), "odd-floats.md")
    assert "AT022" not in {p.code for p in doc.problems}
    assert doc.verdict.differs == {}
