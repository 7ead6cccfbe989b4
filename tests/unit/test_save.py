"""Atomic saves keep permissions and links, and refuse when the file changed on disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from agenttui.storage.files import (
    ConflictError,
    SaveError,
    changed_on_disk,
    read_snapshot,
    save_atomic,
)


@pytest.fixture
def agent(tmp_path: Path) -> Path:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\nname: a\n---\nold\n")
    return path


def test_save_replaces_content(agent: Path) -> None:
    snapshot = read_snapshot(agent)
    new = save_atomic(agent, b"new", snapshot)
    assert agent.read_bytes() == b"new" and new.data == b"new"
    assert [p.name for p in agent.parent.iterdir()] == ["a.md"]


def test_save_keeps_permissions(agent: Path) -> None:
    agent.chmod(0o640)
    save_atomic(agent, b"new", read_snapshot(agent))
    assert stat.S_IMODE(agent.stat().st_mode) == 0o640


def test_save_writes_through_a_symlink(tmp_path: Path, agent: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(agent)
    save_atomic(link, b"via link", read_snapshot(link))
    assert link.is_symlink() and agent.read_bytes() == b"via link"


def test_conflict_detected_by_content_even_with_same_mtime(agent: Path) -> None:
    snapshot = read_snapshot(agent)
    agent.write_bytes(b"---\nname: b\n---\nold\n")
    os.utime(agent, ns=(snapshot.mtime_ns, snapshot.mtime_ns))
    with pytest.raises(ConflictError):
        save_atomic(agent, b"mine", snapshot)
    assert agent.read_bytes() == b"---\nname: b\n---\nold\n"


def test_conflict_when_deleted(agent: Path) -> None:
    snapshot = read_snapshot(agent)
    agent.unlink()
    with pytest.raises(ConflictError, match="deleted"):
        save_atomic(agent, b"mine", snapshot)
    assert not agent.exists()


def test_new_file_never_replaces_an_existing_one(agent: Path) -> None:
    with pytest.raises(ConflictError, match="exists"):
        save_atomic(agent, b"other", None)
    created = save_atomic(agent.with_name("b.md"), b"fresh", None)
    assert created.data == b"fresh" and agent.with_name("b.md").read_bytes() == b"fresh"


def test_changed_on_disk(agent: Path) -> None:
    snapshot = read_snapshot(agent)
    assert not changed_on_disk(agent, snapshot)
    agent.write_bytes(b"other content")
    assert changed_on_disk(agent, snapshot)


def test_failed_rename_leaves_old_file(agent: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    snapshot = read_snapshot(agent)

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveError, match="No space left"):
        save_atomic(agent, b"new", snapshot)
    assert agent.read_bytes() == snapshot.data
    assert [p.name for p in agent.parent.iterdir()] == ["a.md"]
