"""Writes the file system refuses or interrupts: every failure leaves the files as they were
and no temporary file behind; long names and append-only folders; agenttui's own files (the
parse cache, the trash index) written the same durable way, and read back safely when damaged.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from agenttui.storage import atomic
from agenttui.storage.cache import ParseCache
from agenttui.storage.files import SaveError, read_snapshot, save_atomic
from agenttui.storage.operations import delete_agent, restore_deleted
from agenttui.storage.trash import Trash
from tests.unit.hostile_helpers import agent_text, cli

ORIGINAL = agent_text("name: a\ndescription: the original\n")
LONG = "a" * 250 + ".md"  # 253 bytes: a valid name, with no room for a longer temporary one


@pytest.fixture
def agent(tmp_path: Path) -> Path:
    folder = tmp_path / "agents"
    folder.mkdir()
    path = folder / "a.md"
    path.write_bytes(ORIGINAL)
    return path


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- names --------------------------------------------------------------------------------

def test_a_file_with_a_250_character_name_can_be_saved(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    path = tmp_path / LONG
    path.write_bytes(ORIGINAL)
    run = cli(capsys, "set", str(path), "description", "changed")
    assert run.code == 0, run.err
    assert b"description: changed" in path.read_bytes() and _entries(tmp_path) == [LONG]


def test_a_file_with_a_250_character_name_goes_to_the_trash_and_back(tmp_path: Path) -> None:
    folder = tmp_path / "agents"
    folder.mkdir()
    path = folder / LONG
    path.write_bytes(ORIGINAL)
    trash = Trash(tmp_path / "trash")
    entry = delete_agent(path, trash=trash)
    assert len(entry.stored.name.encode()) <= 255 and not path.exists()
    assert restore_deleted(trash=trash) == path and path.read_bytes() == ORIGINAL


def test_temporary_names_are_short_whatever_the_file_name() -> None:
    assert len(atomic.temp_name().encode()) < 40
    assert atomic.TEMP_PATTERN.fullmatch(atomic.temp_name())


# -- every failure leaves nothing behind ---------------------------------------------------

def _raise(kind: type[BaseException]) -> Any:
    def fail(*_: Any, **__: Any) -> Any:
        if kind is KeyboardInterrupt:
            raise KeyboardInterrupt
        raise OSError(errno.EIO, "injected failure")
    return fail


_SAVE_STEPS = ["fchmod", "fsync", "replace"]


@pytest.mark.parametrize("kind", [OSError, KeyboardInterrupt])
@pytest.mark.parametrize("step", _SAVE_STEPS)
def test_a_save_that_fails_at_any_step_leaves_no_trace(monkeypatch: pytest.MonkeyPatch,
                                                       agent: Path, step: str,
                                                       kind: type[BaseException]) -> None:
    snapshot = read_snapshot(agent)
    monkeypatch.setattr(os, step, _raise(kind))
    with pytest.raises(SaveError if kind is OSError else KeyboardInterrupt):
        save_atomic(agent, b"new", snapshot)
    monkeypatch.undo()
    assert agent.read_bytes() == ORIGINAL and _entries(agent.parent) == ["a.md"]


@pytest.mark.parametrize("kind", [OSError, KeyboardInterrupt])
@pytest.mark.parametrize("step", ["fchmod", "fsync", "link"])
def test_creating_a_file_that_fails_at_any_step_leaves_no_trace(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, step: str,
        kind: type[BaseException]) -> None:
    monkeypatch.setattr(os, step, _raise(kind))
    if step == "link":
        monkeypatch.setattr(os, "replace", _raise(kind))
    with pytest.raises(SaveError if kind is OSError else KeyboardInterrupt):
        save_atomic(tmp_path / "new.md", b"fresh", None)
    monkeypatch.undo()
    assert _entries(tmp_path) == []


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_agenttuis_own_files_leave_no_trace_when_a_write_fails(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, step: str) -> None:
    cache = ParseCache(tmp_path / "cache" / "parsed.json")
    cache.put(tmp_path / "a.md", os.stat(tmp_path), {"name": "a"}, 0)
    monkeypatch.setattr(os, step, _raise(OSError))
    cache.save()  # a cache that cannot be written is only a cost
    trash = Trash(tmp_path / "trash")
    (tmp_path / "doomed.md").write_bytes(ORIGINAL)
    with pytest.raises(Exception, match="trash index"):
        trash.put(tmp_path / "doomed.md")
    monkeypatch.undo()
    assert _entries(tmp_path / "cache") == []
    assert _entries(tmp_path / "trash") == [] and (tmp_path / "doomed.md").exists()


# -- append-only folders ---------------------------------------------------------------

def _report_append_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make the folder's flags read as ``chattr +a`` (FS_APPEND_FL), and the system refuse
    a rename over a file or the removal of one there, as it would."""
    import fcntl

    real_ioctl = fcntl.ioctl
    flags: dict[int, bool] = {}
    real_open = os.open

    def opening(path: Any, *args: Any, **kwargs: Any) -> int:
        fd = real_open(path, *args, **kwargs)
        flags[fd] = Path(path) == folder
        return fd

    def ioctl(fd: int, request: int, arg: Any = 0, *rest: Any) -> Any:
        if flags.get(fd):
            return (0x20).to_bytes(4, "little")
        return real_ioctl(fd, request, arg, *rest)

    def refused(*args: Any, **_: Any) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(fcntl, "ioctl", ioctl)
    monkeypatch.setattr(os, "replace", refused)
    monkeypatch.setattr(os, "unlink", refused)


def test_an_append_only_folder_refuses_the_save_and_keeps_no_temporary_file(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        agent: Path) -> None:
    _report_append_only(monkeypatch, agent.parent)
    run = cli(capsys, "set", str(agent), "description", "changed")
    monkeypatch.undo()
    assert run.code == 1 and "append-only" in run.err and "not saved" in run.err
    assert agent.read_bytes() == ORIGINAL and _entries(agent.parent) == ["a.md"]


@pytest.fixture
def append_only(agent: Path) -> Iterator[Path]:
    """The agent's folder made append-only for real (needs CAP_LINUX_IMMUTABLE and ext4 or
    another file system with the flag; skipped elsewhere)."""
    done = subprocess.run(["chattr", "+a", str(agent.parent)], capture_output=True,
                          check=False) if _has_chattr() else None
    if done is None or done.returncode != 0:
        pytest.skip("chattr +a is not possible here")
    try:
        yield agent
    finally:
        subprocess.run(["chattr", "-a", str(agent.parent)], check=False)


def _has_chattr() -> bool:
    return any(os.access(os.path.join(d, "chattr"), os.X_OK)
               for d in os.environ.get("PATH", "").split(os.pathsep))


def test_a_real_append_only_folder(capsys: pytest.CaptureFixture[str],
                                   append_only: Path) -> None:
    run = cli(capsys, "set", str(append_only), "description", "changed")
    assert run.code == 1 and "append-only" in run.err
    assert append_only.read_bytes() == ORIGINAL and _entries(append_only.parent) == ["a.md"]


# -- agenttui's own files ----------------------------------------------------------------

def _fsynced(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files and folders fsynced from now on."""
    real, synced = os.fsync, []

    def fsync(fd: int) -> None:
        synced.append(os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return synced


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to name an fd")
def test_the_cache_and_the_trash_index_are_fsynced(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    synced = _fsynced(monkeypatch)
    cache = ParseCache(tmp_path / "cache" / "parsed.json")
    cache.put(tmp_path / "a.md", os.stat(tmp_path), {"name": "a"}, 0)
    cache.save()
    assert any(atomic.TEMP_PATTERN.fullmatch(name) for name in synced) and "cache" in synced
    synced.clear()
    (tmp_path / "doomed.md").write_bytes(ORIGINAL)
    Trash(tmp_path / "trash").put(tmp_path / "doomed.md")
    assert any(atomic.TEMP_PATTERN.fullmatch(name) for name in synced) and "trash" in synced


def _index(deleted_at: str) -> str:
    return ('{"format": 1, "entries": [{"id": "x", "original": "/a.md", "stored": "x-a.md", '
            f'"deleted_at": {deleted_at}}}]}}')


@pytest.mark.parametrize(("index", "listed"), [
    (_index("1e300"), "epoch"),  # beyond what a clock shows: the epoch
    (_index("1e999"), "epoch"),  # infinity
    (_index("-5"), "epoch"),
    (_index('"yesterday"'), ""),  # not a time: the entry is left out
    (_index("1").replace("/a.md", "/a\\u0000.md"), ""),  # a NUL no system call takes
    (_index("1").replace("/a.md", "relative.md"), ""),  # not where a deletion came from
    ("[" * 100_000, None),  # nested past any parser's depth: the trash cannot be read
])
def test_a_damaged_trash_index_is_a_message(capsys: pytest.CaptureFixture[str],
                                            isolated_home: Path, index: str,
                                            listed: str | None) -> None:
    folder = isolated_home / "agenttui-data" / "trash"
    folder.mkdir(parents=True)
    (folder / "index.json").write_text(index)
    run = cli(capsys, "restore", "--list")
    if listed is None:
        assert run.code == 1 and "cannot read the trash index" in run.err
    elif listed:
        assert run.code == 0 and ("1970-01-01" in run.out or "1969-12-31" in run.out)
    else:
        assert run.code == 0 and run.out == ""
    assert cli(capsys, "restore").code == 1  # nothing restorable: a message, not a traceback


def test_a_damaged_cache_is_ignored(capsys: pytest.CaptureFixture[str], agent: Path) -> None:
    cache = ParseCache()
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    cache.path.write_text("[" * 100_000)
    assert ParseCache().get(agent, os.stat(agent)) is None
    assert cli(capsys, "list", str(agent.parent)).code == 0


def test_a_file_larger_than_agenttui_reads_is_not_copied_cut_short(tmp_path: Path) -> None:
    from agenttui.model.limits import MAX_FILE_BYTES
    from agenttui.storage.operations import OperationError, copy_agent

    source = tmp_path / "project" / "big.md"
    source.parent.mkdir()
    source.write_bytes(ORIGINAL + b"x" * MAX_FILE_BYTES)
    with pytest.raises(OperationError, match="larger than agenttui reads"):
        copy_agent(source, tmp_path / "user")
    assert not (tmp_path / "user").exists()


def test_a_rename_never_replaces_a_file_that_appeared_meanwhile(
        monkeypatch: pytest.MonkeyPatch, agent: Path) -> None:
    from agenttui.storage import operations

    target = agent.parent / "b.md"
    theirs = agent_text("name: someone\ndescription: theirs\n")
    real_save = operations._save

    def save_then_someone_writes(*args: Any) -> Any:
        saved = real_save(*args)
        if not target.exists():
            target.write_bytes(theirs)
        return saved

    monkeypatch.setattr(operations, "_save", save_then_someone_writes)
    with pytest.raises(operations.OperationError, match="appeared meanwhile"):
        operations.rename_agent(agent, "b", taken={})
    assert agent.read_bytes() == ORIGINAL and target.read_bytes() == theirs
    assert _entries(agent.parent) == ["a.md", "b.md"]
