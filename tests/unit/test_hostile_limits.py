"""Limits an edit or a command could take a file past, and walks a command could take too far:
each is refused or bounded with a message, never a file agenttui then cannot read back."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from agenttui.model import AgentDocument, EditError
from agenttui.model.limits import MAX_FILE_BYTES
from tests.unit.hostile_helpers import agent_text, cli


def _big_doc(tmp_path: Path) -> Path:
    path = tmp_path / "big.md"
    path.write_bytes(agent_text("name: big\ndescription: " + "x" * 250_000 + "\n"))
    return path


def test_set_refuses_to_take_the_frontmatter_past_its_bound(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The file would have opened read-only with its fields unread; the message used to be
    "changing `color` would change other fields"."""
    path = _big_doc(tmp_path)
    before = path.read_bytes()
    run = cli(capsys, "set", str(path), "initialPrompt", "y" * 20_000)
    assert run.code == 1
    assert "past what agenttui reads (256 KiB and 5,000 lines for the frontmatter)" in run.err
    assert path.read_bytes() == before
    assert cli(capsys, "set", str(path), "model", "opus").code == 0  # below the bound: fine


def test_a_body_past_the_file_bound_is_refused(tmp_path: Path) -> None:
    doc = AgentDocument(agent_text("name: a\ndescription: d\n"), str(tmp_path / "a.md"))
    with pytest.raises(EditError, match="16 MiB for the file"):
        doc.with_body("x" * MAX_FILE_BYTES)
    assert doc.with_body("x" * 1000).body == "x" * 1000


def test_an_edit_of_a_file_already_past_the_bound_is_not_refused_for_it() -> None:
    """A file that was already past a bound is not the edit's doing."""
    lines = "".join(f"k{i}: v\n" for i in range(5_001))
    doc = AgentDocument(agent_text("name: a\ndescription: d\n" + lines), "a.md")
    assert "AT019" in {p.code for p in doc.problems}
    assert doc.with_body("New body.\n").body == "New body.\n"


def test_fix_walks_a_folder_in_scope(tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """``fix FOLDER`` used an unbounded ``rglob``, which followed a link to ``/`` into the
    whole machine; it now walks as discovery does and says what it left out."""
    folder = tmp_path / "agents"
    folder.mkdir()
    (folder / "a.md").write_bytes(agent_text("name: a\ndescription: Use it: now\n"))
    os.symlink("/", folder / "root")
    run = cli(capsys, "fix", "--check", str(folder))
    assert run.code == 1
    assert "a.md:3: would fix" in run.out and run.out.count("would fix") == 1
    assert "AT402" in run.err and "root" in run.err


def test_plugins_past_the_bound_are_said_and_not_read(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """An index listing more plugins than the bound (each a walk of its own) stops there."""
    from agenttui.storage import discovery
    from agenttui.storage.walk import Skipped

    monkeypatch.setattr(discovery, "MAX_PLUGINS", 3)
    cache = tmp_path / "h" / ".claude" / "plugins" / "cache"
    for number in range(5):
        agents = cache / "market" / f"kit{number}" / "1.0" / "agents"
        agents.mkdir(parents=True)
        (agents / "a.md").write_bytes(agent_text("name: a\ndescription: d\n"))
    skipped: list[Skipped] = []
    roots = discovery.find_roots(cwd=tmp_path, env={"HOME": str(tmp_path / "h"),
                                                    "AGENTTUI_MANAGED_DIR": str(tmp_path)},
                                 skipped=skipped)
    plugins = [r.plugin for r in roots]  # which three: the file system's order, unsorted
    assert len(set(plugins)) == 3 and set(plugins) <= {f"kit{n}" for n in range(5)}
    assert [s.problem.code for s in skipped] == ["AT403"]
    assert "only the first 3 installed plugins" in skipped[0].problem.message


@pytest.mark.parametrize(("text", "said"), [
    ("[" * 100_000, "nested too deeply"),
    ('{"permissions": {"deny": [NaN]}}', "NaN is not a JSON value"),
    ('{"model": Infinity}', "Infinity is not a JSON value"),
])
def test_a_settings_file_json_readers_refuse_is_a_message(tmp_path: Path, text: str,
                                                          said: str) -> None:
    """Deep nesting was a RecursionError traceback from ``list`` and ``disable``; ``NaN``,
    which Python's reader takes and ``JSON.parse`` (Claude Code's) does not, was edited."""
    from agenttui.storage.settings import SettingsError, read_settings, set_enabled

    path = tmp_path / "settings.json"
    path.write_text(text)
    with pytest.raises(SettingsError, match=said):
        read_settings(path)
    with pytest.raises(SettingsError, match=said):
        set_enabled(path, "reviewer", enabled=False)
    assert path.read_text() == text


def test_a_number_of_thousands_of_digits_in_settings_is_kept(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """Valid JSON (``JSON.parse`` reads it as a float) that Python's ``int()`` refuses: the
    deny rule is written and removed, every other byte kept."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    path = tmp_path / ".claude" / "settings.json"
    path.parent.mkdir()
    text = '{"limits": [' + "9" * 5_000 + '], "permissions": {"deny": []}}'
    path.write_text(text)
    assert cli(capsys, "disable", "reviewer").code == 0
    assert path.read_text() == text.replace("[]}", '["Agent(reviewer)"]}')
    assert cli(capsys, "enable", "reviewer").code == 0
    assert path.read_text() == text


def test_diff_json_of_non_finite_numbers_is_json(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """``diff --json`` printed ``NaN``; and ``.nan`` on both sides is no change."""
    before, after = tmp_path / "a.md", tmp_path / "b.md"
    before.write_bytes(agent_text("name: a\ndescription: d\nmodel: .nan\n"))
    after.write_bytes(agent_text("name: a\ndescription: d\nmodel: .nan\nmaxTurns: -.inf\n"))
    run = cli(capsys, "diff", "--json", str(before), str(after))

    def refuse(constant: str) -> object:
        raise ValueError(constant)

    said = json.loads(run.out, parse_constant=refuse)
    assert [(c["field"], c["after"]) for c in said["diff"]["fields"]] == [("maxTurns", "-.inf")]
