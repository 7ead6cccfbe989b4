"""New, duplicate, rename, move and copy: each completes, or refuses and changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agenttui.model import AgentDocument
from agenttui.model.validation import validate
from agenttui.storage.files import read_snapshot
from agenttui.storage.operations import (
    OperationError,
    copy_agent,
    duplicate_agent,
    file_matches_name,
    move_agent,
    name_refusal,
    new_agent,
    rename_agent,
    transfer_refusal,
)
from tests.unit.fs_helpers import REVIEWER, contents, deny_write, fail_on, involves, write_agent

BAD_NAMES = ["", "a/b", "..", "a..b", "../escape", "x:y", "-lead", "back\\slash", "x" * 65]
# outside the documented form, taken with a warning (AT103) as the form and `set` take them
WARNED_NAMES = ["Reviewer", "with space"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return tmp_path / "proj" / ".claude" / "agents"


@pytest.fixture
def user(isolated_home: Path) -> Path:
    return isolated_home / ".claude" / "agents"


@pytest.fixture
def reviewer(project: Path) -> Path:
    return write_agent(project, "reviewer.md")


def doc(path: Path) -> AgentDocument:
    return AgentDocument(path.read_bytes(), str(path))


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    pairs = zip(before.splitlines(), after.splitlines(), strict=True)
    return [(a, b) for a, b in pairs if a != b]


# -- new --------------------------------------------------------------------------------

def test_new_agent_is_valid_as_written(project: Path) -> None:
    path = new_agent(project, "test-writer")
    assert path == project / "test-writer.md"
    created = doc(path)
    assert validate(created, path) == []
    assert created.strict_yaml
    assert created.fields["name"] == "test-writer"
    assert created.fields["model"] == "inherit"
    assert created.fields["tools"] == "Read, Grep, Glob"
    assert len(created.fields["description"]) > 40
    assert "When invoked" in created.body


def test_new_agent_respects_description_model_and_tools(project: Path) -> None:
    text = 'Use when: tests fail, e.g. "pytest exits 1"'
    path = new_agent(project, "fixer", description=text, model="sonnet", tools="Read, Edit")
    assert validate(doc(path), path) == []
    fields = doc(path).fields
    assert fields["description"] == text
    assert fields["model"] == "sonnet"
    assert fields["tools"] == "Read, Edit"


def test_new_agent_with_empty_tools_inherits_all(project: Path) -> None:
    assert "tools" not in doc(new_agent(project, "helper", tools="")).fields


def test_new_agent_creates_the_folder(project: Path) -> None:
    assert not project.exists()
    assert new_agent(project, "helper").is_file()


@pytest.mark.parametrize("name", BAD_NAMES)
def test_new_agent_refuses_names_not_in_the_agent_name_form(project: Path, name: str) -> None:
    with pytest.raises(OperationError):
        new_agent(project, name)
    assert not project.exists()
    assert name_refusal(project, name) is not None


def test_new_agent_refuses_an_existing_file(reviewer: Path, project: Path) -> None:
    before = contents(project)
    with pytest.raises(OperationError, match="already exists"):
        new_agent(project, "reviewer")
    assert contents(project) == before


def test_new_agent_refuses_a_name_used_by_another_file_in_the_scope(project: Path) -> None:
    write_agent(project / "team", "code-review.md", name="reviewer")
    with pytest.raises(OperationError, match="an agent named `reviewer` already exists"):
        new_agent(project, "reviewer")
    assert not (project / "reviewer.md").exists()
    assert name_refusal(project, "reviewer") is not None
    assert name_refusal(project, "other") is None


def test_new_agent_uses_the_names_it_is_given(project: Path, tmp_path: Path) -> None:
    with pytest.raises(OperationError, match="already exists in this scope"):
        new_agent(project, "planner", taken={"planner": tmp_path / "elsewhere.md"})


def test_new_agent_refuses_a_plugin_folder(isolated_home: Path) -> None:
    plugin = isolated_home / ".claude" / "plugins" / "kit" / "agents"
    plugin.mkdir(parents=True)
    with pytest.raises(OperationError, match="read-only"):
        new_agent(plugin, "helper")
    assert list(plugin.iterdir()) == []


def test_new_agent_refuses_a_folder_without_write_permission(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project.mkdir(parents=True)
    deny_write(monkeypatch, project)
    with pytest.raises(OperationError, match="not writable"):
        new_agent(project, "helper")
    assert list(project.iterdir()) == []


def test_new_agent_failure_removes_the_folders_it_created(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = contents(tmp_path)
    fail_on(monkeypatch, "link")
    fail_on(monkeypatch, "replace")
    with pytest.raises(OperationError):
        new_agent(project, "helper")
    assert contents(tmp_path) == before


# -- duplicate --------------------------------------------------------------------------

def test_duplicate_keeps_fields_and_body_under_a_new_name(reviewer: Path) -> None:
    copy = duplicate_agent(reviewer, "reviewer-strict")
    assert copy == reviewer.parent / "reviewer-strict.md"
    assert reviewer.read_text() == REVIEWER
    assert changed_lines(REVIEWER, copy.read_text()) == [
        ("name: reviewer", "name: reviewer-strict")]


@pytest.mark.parametrize("name", ["reviewer", "../x"])
def test_duplicate_refuses_clashes_and_bad_names(reviewer: Path, project: Path,
                                                 name: str) -> None:
    before = contents(project)
    with pytest.raises(OperationError):
        duplicate_agent(reviewer, name)
    assert contents(project) == before


def test_duplicate_refuses_a_file_whose_fields_cannot_be_edited(project: Path) -> None:
    broken = write_agent(project, "broken.md", text="---\nname: 'unclosed\n---\nbody\n")
    with pytest.raises(OperationError, match="cannot change the name"):
        duplicate_agent(broken, "fixed")
    assert not (project / "fixed.md").exists()


# -- rename -----------------------------------------------------------------------------

def test_rename_changes_the_name_and_the_file_together(reviewer: Path) -> None:
    os.chmod(reviewer, 0o640)
    renamed = rename_agent(reviewer, "code-reviewer")
    assert renamed == reviewer.parent / "code-reviewer.md"
    assert not reviewer.exists()
    assert changed_lines(REVIEWER, renamed.read_text()) == [
        ("name: reviewer", "name: code-reviewer")]
    assert os.stat(renamed).st_mode & 0o777 == 0o640


def test_rename_can_keep_a_file_name_that_never_matched(project: Path) -> None:
    path = write_agent(project, "My Reviewer.md")
    assert not file_matches_name(path, doc(path).name)
    assert rename_agent(path, "code-reviewer", keep_file_name=True) == path
    assert doc(path).name == "code-reviewer"


def test_rename_to_the_same_name_makes_the_file_name_match(project: Path) -> None:
    path = write_agent(project, "old-file.md")
    renamed = rename_agent(path, "reviewer")
    assert renamed == project / "reviewer.md"
    assert renamed.read_text() == REVIEWER
    assert file_matches_name(renamed, "reviewer")


def test_rename_refuses_a_clash_with_a_file(reviewer: Path, project: Path) -> None:
    write_agent(project, "planner.md", text="not an agent\n")
    before = contents(project)
    with pytest.raises(OperationError, match=r"planner\.md already exists"):
        rename_agent(reviewer, "planner")
    assert contents(project) == before


def test_rename_refuses_a_clash_with_an_agent_in_a_subfolder(reviewer: Path,
                                                            project: Path) -> None:
    write_agent(project / "team", "lead.md", name="planner")
    before = contents(project)
    with pytest.raises(OperationError, match="`planner` already exists"):
        rename_agent(reviewer, "planner")
    assert contents(project) == before


@pytest.mark.parametrize("name", BAD_NAMES)
def test_rename_refuses_bad_names(reviewer: Path, project: Path, name: str) -> None:
    before = contents(project)
    with pytest.raises(OperationError):
        rename_agent(reviewer, name)
    assert contents(project) == before


def test_rename_refuses_a_read_only_file_up_front(reviewer: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    deny_write(monkeypatch, reviewer)
    with pytest.raises(OperationError, match="read-only"):
        rename_agent(reviewer, "other")
    assert reviewer.read_text() == REVIEWER


def test_rename_refuses_a_plugin_agent(isolated_home: Path) -> None:
    path = write_agent(isolated_home / ".claude" / "plugins" / "kit" / "agents", "reviewer.md")
    with pytest.raises(OperationError, match="plugin"):
        rename_agent(path, "other")
    assert path.read_text() == REVIEWER


def test_rename_refuses_a_symlink(reviewer: Path, project: Path) -> None:
    link = project / "alias.md"
    link.symlink_to(reviewer)
    with pytest.raises(OperationError, match="symbolic link"):
        rename_agent(link, "alias")
    assert link.is_symlink()


def test_rename_refuses_a_file_changed_since_it_was_read(reviewer: Path,
                                                        project: Path) -> None:
    snapshot = read_snapshot(reviewer)
    reviewer.write_text(REVIEWER + "More.\n")
    before = contents(project)
    with pytest.raises(OperationError, match="changed on disk"):
        rename_agent(reviewer, "other", snapshot=snapshot)
    assert contents(project) == before


def test_rename_rolls_back_when_the_file_cannot_be_renamed(
        reviewer: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = contents(project)
    failed = fail_on(monkeypatch, "rename", involves(reviewer))
    with pytest.raises(OperationError, match="cannot rename"):
        rename_agent(reviewer, "code-reviewer")
    assert failed
    assert contents(project) == before


def test_rename_rolls_back_when_the_new_file_cannot_be_placed(
        reviewer: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = contents(project)
    fail_on(monkeypatch, "link")
    fail_on(monkeypatch, "replace")
    with pytest.raises(OperationError):
        rename_agent(reviewer, "code-reviewer")
    assert contents(project) == before


# -- move and copy between scopes -------------------------------------------------------

def test_move_to_the_user_scope(reviewer: Path, user: Path) -> None:
    moved = move_agent(reviewer, user)
    assert moved == user / "reviewer.md"
    assert moved.read_text() == REVIEWER
    assert not reviewer.exists()


def test_copy_to_the_user_scope_keeps_the_original(reviewer: Path, user: Path) -> None:
    copied = copy_agent(reviewer, user)
    assert copied.read_text() == REVIEWER == reviewer.read_text()


def test_copy_from_a_plugin_is_allowed_but_move_is_not(isolated_home: Path, user: Path) -> None:
    path = write_agent(isolated_home / ".claude" / "plugins" / "kit" / "agents", "reviewer.md")
    with pytest.raises(OperationError, match="plugin"):
        move_agent(path, user)
    assert not user.exists()
    assert copy_agent(path, user).read_text() == REVIEWER


def test_move_refuses_the_folder_it_is_in(reviewer: Path, project: Path) -> None:
    with pytest.raises(OperationError, match="already in"):
        move_agent(reviewer, project)
    assert reviewer.read_text() == REVIEWER


def test_move_refuses_a_file_clash(reviewer: Path, user: Path) -> None:
    write_agent(user, "reviewer.md", name="someone-else")
    before = contents(reviewer.parent, user)
    with pytest.raises(OperationError, match="already exists"):
        move_agent(reviewer, user)
    assert contents(reviewer.parent, user) == before


def test_copy_refuses_an_agent_of_the_same_name_in_the_target_scope(
        reviewer: Path, user: Path) -> None:
    write_agent(user, "my-reviewer.md", name="reviewer")
    before = contents(user)
    with pytest.raises(OperationError, match="`reviewer` already exists"):
        copy_agent(reviewer, user)
    assert contents(user) == before


def test_move_refuses_a_target_without_write_permission(
        reviewer: Path, user: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user.mkdir(parents=True)
    deny_write(monkeypatch, user)
    with pytest.raises(OperationError, match="not writable"):
        move_agent(reviewer, user)
    assert reviewer.read_text() == REVIEWER


def test_move_rolls_back_when_the_source_cannot_be_removed(
        reviewer: Path, user: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = contents(reviewer.parent, isolated_home)
    fail_on(monkeypatch, "unlink", involves(reviewer))
    with pytest.raises(OperationError, match="cannot remove"):
        move_agent(reviewer, user)
    assert contents(reviewer.parent, isolated_home) == before


def test_move_across_file_systems_copies_then_removes(
        reviewer: Path, user: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def cross_device(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, "cross-device link")

    mtime = os.stat(reviewer).st_mtime_ns
    monkeypatch.setattr(os, "link", cross_device)
    moved = move_agent(reviewer, user)
    assert moved.read_text() == REVIEWER
    assert os.stat(moved).st_mtime_ns == mtime
    assert not reviewer.exists()


# -- what dialogs ask before an operation ----------------------------------------------


def test_name_refusal_keeping_the_file_name_checks_the_name_alone(project: Path) -> None:
    odd = write_agent(project, "odd-file.md", "reviewer")
    write_agent(project, "taken.md", "someone")
    assert name_refusal(project, "taken", ignore=odd) is not None  # taken.md exists
    assert name_refusal(project, "taken", ignore=odd, keep_file_name=True) is None
    assert "already exists" in (name_refusal(project, "someone", ignore=odd,
                                             keep_file_name=True) or "")
    assert name_refusal(project, "Bad:Name", keep_file_name=True) is not None
    assert name_refusal(project, "Odd Name", keep_file_name=True) is None  # a warning


@pytest.mark.parametrize("name", WARNED_NAMES)
def test_new_and_rename_take_a_name_outside_the_documented_form(
        reviewer: Path, project: Path, name: str) -> None:
    """One rule for names, as the form and `set` apply it: a warning, not a refusal."""
    created = new_agent(project, name)
    assert created == project / f"{name}.md"
    renamed = rename_agent(reviewer, f"{name} two")
    assert renamed == project / f"{name} two.md"
    assert f"name: {name} two\n" in renamed.read_text()


def test_transfer_refusal_matches_what_move_and_copy_refuse(
        reviewer: Path, user: Path) -> None:
    assert transfer_refusal(reviewer, user) is None
    assert "already in" in (transfer_refusal(reviewer, reviewer.parent) or "")
    write_agent(user, "other.md", "reviewer")
    refusal = transfer_refusal(reviewer, user)
    assert refusal is not None and "already exists" in refusal
    with pytest.raises(OperationError, match="already exists"):
        copy_agent(reviewer, user)
