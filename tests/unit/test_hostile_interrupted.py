"""Operations killed with SIGKILL at random moments, and the leftovers later runs remove.

A child process loops one operation (rename back and forth, ``agenttui set`` of two values)
and is killed at a random moment, 40 times. After every kill: exactly one agent file, holding
one of the two contents in full; at most the one temporary file of the interrupted write,
named for agenttui. Once its writer is gone, the next write in the folder, or the next
listing of it, removes that leftover.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from agenttui.cli import main
from agenttui.model import AgentDocument
from agenttui.storage import atomic
from agenttui.storage.atomic import TEMP_PATTERN
from agenttui.storage.operations import delete_agent, rename_agent, restore_deleted
from agenttui.storage.trash import Trash
from tests.unit.hostile_helpers import agent_text, cli

TRIALS = 40
BODY = "The body, long enough that writing it takes a moment.\n" * 2000


def _version(name: str, description: str = "Renames itself.") -> bytes:
    return agent_text(f"name: {name}\ndescription: {description}\n", BODY)


def _agents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".md")


def _strays(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.suffix != ".md"]


def _kill_at_random(loop: Callable[[], None], rng: random.Random) -> None:
    """Fork a child running ``loop`` forever and SIGKILL it at a random moment of its work."""
    ready, told = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(ready)
            os.write(told, b"x")
            while True:
                loop()
        finally:
            os._exit(1)
    os.close(told)
    assert os.read(ready, 1) == b"x"
    os.close(ready)
    time.sleep(rng.uniform(0, 0.03))  # where the kill lands, not something asserted
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _age(paths: list[Path], seconds: float) -> None:
    """Make leftovers look ``seconds`` old (what waiting would do)."""
    then = time.time() - seconds
    for path in paths:
        os.utime(path, (then, then))


def _rename_once(folder: Path) -> None:
    [path] = _agents(folder)
    name = AgentDocument(path.read_bytes()).name
    rename_agent(path, "b" if name == "a" else "a", taken={})


def test_rename_killed_at_random_leaves_exactly_one_name(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    folder = tmp_path / "agents"
    folder.mkdir()
    (folder / "a.md").write_bytes(_version("a"))
    rng = random.Random(1313)
    for _ in range(TRIALS):
        _kill_at_random(lambda: _rename_once(folder), rng)
        [path] = _agents(folder)
        assert path.name in ("a.md", "b.md")
        assert path.read_bytes() in (_version("a"), _version("b"))
        strays = _strays(folder)
        assert len(strays) <= 1 and all(TEMP_PATTERN.fullmatch(p.name) for p in strays)
        _age(strays, atomic.ABANDONED_AFTER + 1)
    _age(_strays(folder), atomic.ABANDONED_AFTER + 1)
    assert cli(capsys, "list", str(folder)).code == 0
    assert _strays(folder) == []


def test_set_killed_at_random_leaves_no_temporary_files(tmp_path: Path) -> None:
    folder = tmp_path / "agents"
    folder.mkdir()
    path = folder / "a.md"
    path.write_bytes(_version("a", "one"))
    values = iter(["one", "two"] * 1_000_000)
    rng = random.Random(1414)
    for _ in range(TRIALS):
        _kill_at_random(lambda: main(["set", str(path), "description", next(values)]), rng)
        assert _agents(folder) == [path]
        assert path.read_bytes() in (_version("a", "one"), _version("a", "two"))
        strays = _strays(folder)
        assert len(strays) <= 1 and all(TEMP_PATTERN.fullmatch(p.name) for p in strays)
        _age(strays, atomic.ABANDONED_AFTER + 1)
    assert main(["set", str(path), "description", "three"]) == 0
    assert _strays(folder) == []


def test_delete_and_restore_killed_at_random_never_lose_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "agents"
    folder.mkdir()
    path = folder / "a.md"
    data = _version("a")
    path.write_bytes(data)
    trash = Trash(tmp_path / "trash")

    def delete_or_restore() -> None:
        if path.exists():
            delete_agent(path, trash=trash)
        else:
            restore_deleted(trash=trash)

    rng = random.Random(1515)
    for _ in range(TRIALS):
        _kill_at_random(delete_or_restore, rng)
        kept = [e.stored for e in trash.entries() if e.stored.exists()]
        assert (path.exists() and path.read_bytes() == data) or any(
            stored.read_bytes() == data for stored in kept)
        strays = [p for p in trash.folder.iterdir() if p.name.startswith(".")]
        assert len(strays) <= 1 and all(TEMP_PATTERN.fullmatch(p.name) for p in strays)
        _age(strays, atomic.ABANDONED_AFTER + 1)


def test_leftovers_of_a_live_writer_or_of_others_are_kept(tmp_path: Path) -> None:
    mine = tmp_path / atomic.temp_name()  # this process is alive
    other_pattern = tmp_path / ".agenttui-notes.tmp"
    someone_elses = tmp_path / ".a.md.swp"
    for path in (mine, other_pattern, someone_elses):
        path.write_bytes(b"x")
    _age([mine, other_pattern, someone_elses], atomic.ABANDONED_AFTER + 1)
    assert atomic.sweep(tmp_path) == 0
    _age([mine], atomic.STALE_AFTER + 1)
    assert atomic.sweep(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.md.swp", ".agenttui-notes.tmp"]


def test_a_dead_writers_leftover_is_kept_for_a_few_seconds(tmp_path: Path) -> None:
    """Just made, it may belong to a process this one cannot see (another container)."""
    dead = _dead_pid()
    fresh = tmp_path / f".agenttui-{dead}-0123abcd.tmp"
    fresh.write_bytes(b"x")
    assert atomic.sweep(tmp_path) == 0
    _age([fresh], atomic.ABANDONED_AFTER + 1)
    assert atomic.sweep(tmp_path) == 1 and not fresh.exists()


def test_temporary_files_of_earlier_versions_are_removed_when_old(tmp_path: Path) -> None:
    legacy = tmp_path / ".reviewer.md.k2j4_x9a.agenttui-tmp"
    legacy.write_bytes(b"x")
    assert atomic.sweep(tmp_path) == 0
    _age([legacy], atomic.STALE_AFTER + 1)
    assert atomic.sweep(tmp_path) == 1


def _dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_a_folder_named_like_a_leftover_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / f".agenttui-{_dead_pid()}-4567abcd.tmp"
    folder.mkdir()
    _age([folder], atomic.STALE_AFTER + 1)
    assert atomic.sweep(tmp_path) == 0 and folder.is_dir()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_another_users_leftover_is_kept(tmp_path: Path) -> None:
    theirs = tmp_path / f".agenttui-{_dead_pid()}-0123abcd.tmp"
    theirs.write_bytes(b"x")
    os.chown(theirs, 4242, 4242)
    _age([theirs], atomic.STALE_AFTER + 1)
    assert atomic.sweep(tmp_path) == 0 and theirs.exists()
