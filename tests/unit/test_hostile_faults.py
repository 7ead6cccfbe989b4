"""Faults during saves: a writer killed at random moments, and two editors of one file."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from agenttui.model import AgentDocument
from agenttui.storage.atomic import TEMP_PATTERN
from agenttui.storage.files import ConflictError, changed_on_disk, read_snapshot, save_atomic
from tests.unit.hostile_helpers import agent_text, cli

KILLS = 30
OLD = agent_text("name: writer\ndescription: old\n", "old body line\n" * 150_000)
NEW = agent_text("name: writer\ndescription: new\n", "the new body, longer\n" * 120_000)

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from agenttui.storage.files import read_snapshot, save_atomic

    path = Path(sys.argv[1])
    old, new = Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()
    snapshot = read_snapshot(path)
    snapshot = save_atomic(path, new if snapshot.data == old else old, snapshot)
    print("saving", flush=True)
    while True:
        snapshot = save_atomic(path, new if snapshot.data == old else old, snapshot)
""")


def _strays(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.iterdir() if p.name != name]


def test_save_killed_at_random_moments_leaves_old_or_new(tmp_path: Path) -> None:
    folder = tmp_path / "agents"
    folder.mkdir()
    path = folder / "writer.md"
    path.write_bytes(OLD)
    script, old, new = tmp_path / "writer.py", tmp_path / "old", tmp_path / "new"
    script.write_text(WRITER)
    old.write_bytes(OLD)
    new.write_bytes(NEW)
    rng = random.Random(20240607)
    seen: set[bytes] = set()
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, str(script), str(path), str(old), str(new)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "saving\n"
        time.sleep(rng.uniform(0, 0.04))  # where the kill lands, not something asserted
        child.kill()
        child.wait()
        child.stdout.close()
        data = path.read_bytes()
        assert data in (OLD, NEW)
        seen.add(data)
        strays = _strays(folder, path.name)
        assert len(strays) <= 1
        assert all(TEMP_PATTERN.fullmatch(p.name) for p in strays)
        for stray in strays:
            stray.unlink()
    assert AgentDocument(path.read_bytes()).to_bytes() in (OLD, NEW)


def test_two_editors_detect_each_others_writes(tmp_path: Path) -> None:
    path = tmp_path / "shared.md"
    path.write_bytes(agent_text("name: shared\ndescription: start\n"))
    first, second = read_snapshot(path), read_snapshot(path)
    mine = AgentDocument(first.data).with_field("description", "first editor")
    saved = save_atomic(path, mine.to_bytes(), first)
    assert changed_on_disk(path, second) and not changed_on_disk(path, saved)
    theirs = AgentDocument(second.data).with_field("description", "second editor")
    with pytest.raises(ConflictError, match="changed on disk"):
        save_atomic(path, theirs.to_bytes(), second)
    assert path.read_bytes() == mine.to_bytes()
    reloaded = read_snapshot(path)
    again = AgentDocument(reloaded.data).with_field("model", "haiku")
    save_atomic(path, again.to_bytes(), reloaded)
    assert AgentDocument(path.read_bytes()).fields == {
        "name": "shared", "description": "first editor", "model": "haiku"}


def test_a_write_by_another_process_is_a_conflict(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    path = tmp_path / "shared.md"
    path.write_bytes(agent_text("name: shared\ndescription: start\n"))
    held = read_snapshot(path)
    other = subprocess.run([sys.executable, "-m", "agenttui", "set", str(path), "description",
                            "from the other instance"], capture_output=True, text=True,
                           check=False, timeout=120)
    assert other.returncode == 0, other.stderr
    assert changed_on_disk(path, held)
    mine = AgentDocument(held.data).with_field("description", "from this instance")
    with pytest.raises(ConflictError):
        save_atomic(path, mine.to_bytes(), held)
    assert AgentDocument(path.read_bytes()).fields["description"] == "from the other instance"
    assert cli(capsys, "show", str(path), "--json").json()["fields"]["description"] == (
        "from the other instance")
