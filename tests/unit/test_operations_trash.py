"""Delete to agenttui's trash and restore: nothing is lost, and a failure changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agenttui.storage import trash as trash_module
from agenttui.storage.files import read_snapshot
from agenttui.storage.operations import OperationError, Trash, delete_agent, restore_deleted
from agenttui.storage.trash import data_dir
from tests.unit.fs_helpers import REVIEWER, contents, deny_write, fail_on, involves, write_agent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return tmp_path / "proj" / ".claude" / "agents"


@pytest.fixture
def reviewer(project: Path) -> Path:
    return write_agent(project, "reviewer.md")


@pytest.fixture
def data(isolated_home: Path) -> Path:
    return isolated_home / "agenttui-data"


def test_data_dir_follows_the_environment(tmp_path: Path) -> None:
    assert data_dir({"AGENTTUI_DATA_DIR": str(tmp_path)}) == tmp_path
    assert data_dir({}).name == "agenttui"


def test_delete_moves_the_file_to_the_trash_and_records_it(reviewer: Path, data: Path) -> None:
    entry = delete_agent(reviewer)
    assert not reviewer.exists()
    assert entry.stored.parent == data / "trash"
    assert entry.stored.read_text() == REVIEWER
    index = json.loads((data / "trash" / "index.json").read_text())
    assert [item["original"] for item in index["entries"]] == [str(reviewer)]
    assert Trash().latest() == entry


def test_restore_puts_back_the_last_deletion(reviewer: Path, project: Path) -> None:
    other = write_agent(project, "planner.md", name="planner")
    delete_agent(reviewer)
    delete_agent(other)
    assert restore_deleted() == other
    assert other.read_text() == REVIEWER.replace("name: reviewer", "name: planner")
    assert restore_deleted() == reviewer
    assert reviewer.read_text() == REVIEWER
    assert Trash().entries() == []


def test_restore_by_id(reviewer: Path, project: Path) -> None:
    first = delete_agent(reviewer)
    delete_agent(write_agent(project, "planner.md", name="planner"))
    assert restore_deleted(first.id) == reviewer
    assert len(Trash().entries()) == 1


def test_delete_and_restore_a_symlink_keeps_the_link(reviewer: Path, project: Path) -> None:
    link = project / "alias.md"
    link.symlink_to("reviewer.md")
    delete_agent(link)
    assert not link.is_symlink()
    assert reviewer.read_text() == REVIEWER
    restore_deleted()
    assert link.is_symlink()
    assert link.read_text() == REVIEWER


def test_restore_refuses_when_the_name_is_taken_again(reviewer: Path) -> None:
    entry = delete_agent(reviewer)
    reviewer.write_text("a new file\n")
    with pytest.raises(OperationError, match="exists again"):
        restore_deleted()
    assert reviewer.read_text() == "a new file\n"
    assert entry.stored.read_text() == REVIEWER
    assert Trash().entries() == [entry]


def test_restore_refuses_when_the_folder_is_gone(reviewer: Path, project: Path) -> None:
    entry = delete_agent(reviewer)
    project.rmdir()
    with pytest.raises(OperationError, match="folder"):
        restore_deleted()
    assert Trash().entries() == [entry]


def test_restore_refuses_with_an_empty_trash_or_an_unknown_id(reviewer: Path) -> None:
    with pytest.raises(OperationError, match="nothing to restore"):
        restore_deleted()
    delete_agent(reviewer)
    with pytest.raises(OperationError, match="no deleted agent"):
        restore_deleted("missing")


def test_delete_refuses_a_read_only_file(reviewer: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    deny_write(monkeypatch, reviewer)
    with pytest.raises(OperationError, match="read-only"):
        delete_agent(reviewer)
    assert reviewer.read_text() == REVIEWER


def test_delete_refuses_a_plugin_agent(isolated_home: Path) -> None:
    path = write_agent(isolated_home / ".claude" / "plugins" / "kit" / "agents", "reviewer.md")
    with pytest.raises(OperationError, match="plugin"):
        delete_agent(path)
    assert path.read_text() == REVIEWER


def test_delete_refuses_a_missing_file_or_one_changed_since_read(reviewer: Path) -> None:
    snapshot = read_snapshot(reviewer)
    reviewer.write_text(REVIEWER + "More.\n")
    with pytest.raises(OperationError, match="changed on disk"):
        delete_agent(reviewer, snapshot=snapshot)
    assert reviewer.exists()
    with pytest.raises(OperationError, match="no longer exists"):
        delete_agent(reviewer.parent / "gone.md")


def test_delete_rolls_back_when_the_index_cannot_be_written(
        reviewer: Path, project: Path, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = contents(project)
    fail_on(monkeypatch, "replace")
    with pytest.raises(OperationError, match="trash index"):
        delete_agent(reviewer)
    assert contents(project) == before
    assert list((data / "trash").iterdir()) == []


def test_delete_rolls_back_when_the_file_cannot_be_removed(
        reviewer: Path, project: Path, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = contents(project)
    fail_on(monkeypatch, "unlink", involves(reviewer))
    with pytest.raises(OperationError, match="cannot remove"):
        delete_agent(reviewer)
    assert contents(project) == before
    assert Trash().entries() == []
    assert list((data / "trash").iterdir()) == []


def test_restore_rolls_back_when_the_index_cannot_be_written(
        reviewer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = delete_agent(reviewer)
    fail_on(monkeypatch, "replace")
    with pytest.raises(OperationError, match="trash index"):
        restore_deleted()
    assert not reviewer.exists()
    assert entry.stored.read_text() == REVIEWER
    assert Trash().entries() == [entry]


def test_only_the_last_deletions_are_kept(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trash_module, "KEEP", 2)
    entries = [delete_agent(write_agent(project, f"a{i}.md", name=f"a{i}")) for i in range(3)]
    assert Trash().entries() == entries[1:]
    assert not entries[0].stored.exists()
    assert entries[2].stored.exists()


def test_a_damaged_index_is_reported(data: Path, reviewer: Path) -> None:
    (data / "trash").mkdir(parents=True)
    (data / "trash" / "index.json").write_text("{not json")
    with pytest.raises(OperationError, match="cannot read the trash index"):
        delete_agent(reviewer)
    assert reviewer.read_text() == REVIEWER
