"""The file system as an adversary: odd entries, links, permissions, races, failed writes.

Reading never hangs or crashes; a save that cannot complete leaves the original intact,
removes its temporary file and says what happened.
"""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from agenttui.catalog import load_agent
from agenttui.storage import files
from agenttui.storage.discovery import Root, Scope, list_agent_files
from agenttui.storage.files import SaveError, read_snapshot, save_atomic
from tests.unit.hostile_helpers import agent_text, cli

ORIGINAL = agent_text("name: a\ndescription: the original\n")
AS_ROOT = os.geteuid() == 0


@pytest.fixture
def agent(tmp_path: Path) -> Path:
    path = tmp_path / "a.md"
    path.write_bytes(ORIGINAL)
    return path


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _make_unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000; as root (who reads anyway) make opening ``path`` fail the same way."""
    if not AS_ROOT:
        path.chmod(0)
        return
    real_open = os.open

    def refusing_open(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(name) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)


def test_folder_named_like_an_agent_file(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    (tmp_path / "x.md").mkdir()
    run = cli(capsys, "show", str(tmp_path / "x.md"))
    assert run.code == 1 and "is a folder" in run.err
    assert list_agent_files(Root(Scope.PATH, tmp_path)) == []
    assert cli(capsys, "validate", str(tmp_path)).code == 0


def test_symlink_loops_are_reported_not_followed(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self.md").symlink_to(tmp_path / "self.md")
    run = cli(capsys, "show", str(tmp_path / "a.md"))
    assert run.code == 1 and "symbolic links" in run.err
    listed = list_agent_files(Root(Scope.PATH, tmp_path))
    assert {f.path.name for f in listed} == {"a.md", "b.md", "self.md"}
    for file in listed:
        assert load_agent(file).read_error is not None
    checked = cli(capsys, "validate", str(tmp_path))
    assert checked.code == 1 and checked.out.count("AT007") == 3


def test_dangling_link(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    run = cli(capsys, "show", str(tmp_path / "gone.md"))
    assert run.code == 1 and "no such file" in run.err
    [file] = list_agent_files(Root(Scope.PATH, tmp_path))
    assert load_agent(file).read_error == "a link to nothing"


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_pipes_and_devices_are_refused_without_blocking(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.md"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(os.devnull)
    result = subprocess.run([sys.executable, "-m", "agenttui", "show", str(path)],
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 1 and "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(OSError, match="not a regular file"):
        read_snapshot(path)


def test_unreadable_file(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                         agent: Path) -> None:
    _make_unreadable(agent, monkeypatch)
    run = cli(capsys, "show", str(agent), "--json")
    assert run.code == 1 and "permission denied" in run.err
    [file] = list_agent_files(Root(Scope.PATH, agent.parent))
    loaded = load_agent(file)
    assert loaded.read_error == "permission denied" and loaded.document is None
    assert [p.code for p in loaded.problems] == ["AT007"]


def test_read_only_file_is_not_replaced(capsys: pytest.CaptureFixture[str],
                                        agent: Path) -> None:
    agent.chmod(0o444)
    run = cli(capsys, "set", str(agent), "description", "changed")
    assert run.code == 1 and "read-only" in run.err
    with pytest.raises(SaveError, match="read-only"):
        save_atomic(agent, b"new", read_snapshot(agent))
    assert agent.read_bytes() == ORIGINAL and _entries(agent.parent) == ["a.md"]
    agent.chmod(0o644)
    assert cli(capsys, "set", str(agent), "description", "changed").code == 0


def test_read_only_folder(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                          agent: Path) -> None:
    if AS_ROOT:
        real_open = os.open

        def refuse(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & os.O_CREAT:  # what the folder's missing write permission refuses
                raise PermissionError(errno.EACCES, "Permission denied")
            return real_open(name, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    else:
        agent.parent.chmod(0o555)
    try:
        run = cli(capsys, "set", str(agent), "description", "changed")
        assert run.code == 1 and "Permission denied" in run.err and "not saved" in run.err
        assert agent.read_bytes() == ORIGINAL and _entries(agent.parent) == ["a.md"]
    finally:
        agent.parent.chmod(0o755)


def test_file_that_disappears_between_listing_and_opening(tmp_path: Path,
                                                          agent: Path) -> None:
    [file] = list_agent_files(Root(Scope.PATH, tmp_path))
    agent.unlink()
    loaded = load_agent(file)
    assert loaded.read_error == "the file is gone" and loaded.document is None


def test_file_replaced_by_a_folder_between_listing_and_opening(tmp_path: Path,
                                                               agent: Path) -> None:
    [file] = list_agent_files(Root(Scope.PATH, tmp_path))
    agent.unlink()
    agent.mkdir()
    assert load_agent(file).read_error == "not a regular file"


def test_file_that_changes_between_listing_and_opening(tmp_path: Path, agent: Path) -> None:
    [file] = list_agent_files(Root(Scope.PATH, tmp_path))
    agent.write_bytes(agent_text("name: a\ndescription: rewritten\n"))
    loaded = load_agent(file)
    assert loaded.document is not None and loaded.document.fields["description"] == "rewritten"
    assert loaded.snapshot is not None and loaded.snapshot.data == agent.read_bytes()


def test_file_that_changes_between_reading_and_saving(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      agent: Path) -> None:
    theirs = agent_text("name: a\ndescription: theirs\n")
    real_read = files.read_snapshot

    def read_then_someone_writes(path: Path) -> files.Snapshot:
        snapshot = real_read(path)
        agent.write_bytes(theirs)
        return snapshot

    monkeypatch.setattr("agenttui.cli.common.read_snapshot", read_then_someone_writes)
    run = cli(capsys, "set", str(agent), "description", "mine")
    assert run.code == 1 and "changed on disk" in run.err
    assert agent.read_bytes() == theirs and _entries(agent.parent) == ["a.md"]


class _FullDisk(io.RawIOBase):
    """A file object whose writes fail the way a full disk does."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def writable(self) -> bool:
        return True

    def write(self, _: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fileno(self) -> int:
        return self.fd

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
        super().close()


def _fail_fsync(_: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_full_disk_during_save(monkeypatch: pytest.MonkeyPatch, agent: Path, where: str) -> None:
    snapshot = read_snapshot(agent)
    if where == "write":
        monkeypatch.setattr(os, "fdopen", lambda fd, *_, **__: _FullDisk(fd))
    else:
        monkeypatch.setattr(os, "fsync", _fail_fsync)
    with pytest.raises(SaveError, match="No space left on device") as caught:
        save_atomic(agent, b"x" * 100_000, snapshot)
    assert str(agent) in str(caught.value)
    assert agent.read_bytes() == ORIGINAL and _entries(agent.parent) == ["a.md"]


def test_full_disk_in_the_cli_is_one_clear_line(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch,
                                                agent: Path) -> None:
    monkeypatch.setattr(os, "fsync", _fail_fsync)
    run = cli(capsys, "set", str(agent), "description", "changed")
    assert run.code == 1 and run.err.count("\n") == 1
    assert "not saved" in run.err and "No space left on device" in run.err
    assert agent.read_bytes() == ORIGINAL and _entries(agent.parent) == ["a.md"]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EXDEV, errno.EBUSY, errno.EACCES])
def test_failed_rename_during_save(monkeypatch: pytest.MonkeyPatch, agent: Path,
                                   code: int) -> None:
    snapshot = read_snapshot(agent)

    def refuse(*_: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveError, match=os.strerror(code)) as caught:
        save_atomic(agent, b"new", snapshot)
    assert "cannot replace" in str(caught.value)
    assert agent.read_bytes() == ORIGINAL and _entries(agent.parent) == ["a.md"]


def test_failed_link_and_rename_of_a_new_file(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    def refuse(*_: Any) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveError):
        save_atomic(tmp_path / "new.md", b"fresh", None)
    assert _entries(tmp_path) == []


def test_interrupt_during_save_cleans_up(monkeypatch: pytest.MonkeyPatch, agent: Path) -> None:
    snapshot = read_snapshot(agent)

    def interrupted(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_atomic(agent, b"new", snapshot)
    assert agent.read_bytes() == ORIGINAL and _entries(agent.parent) == ["a.md"]


@pytest.mark.parametrize("where", ["fchmod", "fsync"])
def test_interrupt_while_writing_the_temporary_file_cleans_up(
        monkeypatch: pytest.MonkeyPatch, agent: Path, where: str) -> None:
    snapshot = read_snapshot(agent)

    def interrupted(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, where, interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_atomic(agent, b"new", snapshot)
    assert agent.read_bytes() == ORIGINAL and _entries(agent.parent) == ["a.md"]


@pytest.mark.skipif(not AS_ROOT, reason="only root can save a file another user owns")
def test_saving_as_root_keeps_the_owner(agent: Path) -> None:
    os.chown(agent, 4242, 4343)
    save_atomic(agent, b"new", read_snapshot(agent))
    info = agent.stat()
    assert agent.read_bytes() == b"new" and (info.st_uid, info.st_gid) == (4242, 4343)


def test_saving_ones_own_file_never_changes_its_owner(monkeypatch: pytest.MonkeyPatch,
                                                       agent: Path) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(os, "chown", lambda *args: calls.append(args))
    save_atomic(agent, b"new", read_snapshot(agent))
    assert calls == [] and agent.read_bytes() == b"new"
