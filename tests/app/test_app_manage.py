"""Managing agents from the app's keys: new, duplicate, rename, delete and undo, move and copy,
with the refusals (bad names, clashes, read-only places) leaving every file as it was."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.widgets import Button, Input

from agenttui.app import make_app
from agenttui.screens.name_dialog import NameDialog
from agenttui.screens.transfer_dialog import TransferDialog
from agenttui.widgets.agent_tree import AgentTree
from tests.app.support import copy_samples, dialog_ready, loaded, record_notices, settle, wait_until


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


async def cursor_on(pilot, path: Path):  # type: ignore[no-untyped-def]
    screen = await loaded(pilot)
    tree = screen.query_one(AgentTree)
    tree.focus()
    tree.select_path(path)
    await pilot.pause()
    return screen


async def type_name(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, NameDialog) and bool(
        pilot.app.screen.query("#name")), "the name dialog")
    box = pilot.app.screen.query_one("#name", Input)
    box.value = ""
    await pilot.press(*name)
    await pilot.pause()


def dialog_problem(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one("#problem").render())


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (the working folder) whose .claude/agents holds the samples."""
    root = tmp_path / "proj"
    (root / ".git").mkdir(parents=True)
    agents = root / ".claude" / "agents"
    agents.parent.mkdir()
    copy_samples(tmp_path).rename(agents)
    monkeypatch.chdir(root)
    return agents


async def test_new_creates_a_valid_agent_and_opens_it(project: Path) -> None:
    app = make_app([], cwd=project.parent.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("n")
        await type_name(pilot, "log-reader")
        await pilot.press("enter")
        created = project / "log-reader.md"
        await wait_until(pilot, lambda: screen.editor.session is not None and
                         screen.editor.session.agent.path == created, "the new agent to open")
        assert created in screen.query_one(AgentTree).visible_paths
        agent = screen.catalog.get(created)
        assert agent is not None and agent.errors == 0 and agent.warnings == 0
        await settle(pilot)
    assert created.read_text().startswith("---\nname: log-reader\n")


async def test_new_refuses_bad_names_and_clashes_as_you_type(project: Path) -> None:
    before = files(project)
    app = make_app([], cwd=project.parent.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        for bad, why in (("../evil", "path separators"), ("Bad:Name", "contains `:`"),
                         ("code-reviewer", "already exists")):
            await type_name(pilot, bad)
            assert why in dialog_problem(pilot)
            assert pilot.app.screen.query_one("#accept", Button).disabled
            await pilot.press("enter")
            assert isinstance(pilot.app.screen, NameDialog)
        await pilot.press("escape")
        await settle(pilot)
    assert files(project) == before


async def test_duplicate_copies_fields_and_body_under_a_new_name(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    source = folder / "security-auditor.md"
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await cursor_on(pilot, source)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, NameDialog), "the dialog")
        assert app.screen.query_one("#name", Input).value == "security-auditor-copy"
        await pilot.press("enter")
        copy = folder / "security-auditor-copy.md"
        await wait_until(pilot, lambda: copy.exists() and screen.editor.session is not None
                         and screen.editor.session.agent.path == copy, "the copy to open")
        await settle(pilot)
    assert copy.read_bytes() == source.read_bytes().replace(
        b"name: security-auditor\n", b"name: security-auditor-copy\n")


async def test_rename_changes_the_name_line_and_the_file_name(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    source = folder / "docs-writer.md"
    before = source.read_bytes()
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await cursor_on(pilot, source)
        await pilot.press("r")
        await type_name(pilot, "doc-author")
        await pilot.press("enter")
        target = folder / "doc-author.md"
        await wait_until(pilot, lambda: target.exists(), "the rename")
        await settle(pilot)
        paths = screen.query_one(AgentTree).visible_paths
        assert target in paths and source not in paths
    assert not source.exists()
    assert target.read_bytes() == before.replace(b"name: docs-writer\r\n", b"name: doc-author\r\n")


async def test_rename_offers_to_keep_a_file_name_that_never_matched(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    source = folder / "profiler.md"  # its name is perf-profiler
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await cursor_on(pilot, source)
        await pilot.press("r")
        await type_name(pilot, "speed-profiler")
        app.screen.query_one("#keep").value = True  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: b"name: speed-profiler" in source.read_bytes(), "rename")
        await settle(pilot)
    assert not (folder / "speed-profiler.md").exists()


async def test_rename_refuses_a_clash_and_leaves_everything(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    before = files(folder)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await cursor_on(pilot, folder / "docs-writer.md")
        await pilot.press("r")
        await type_name(pilot, "test-runner")
        assert "already exists" in dialog_problem(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert files(folder) == before


async def test_rename_of_the_open_agent_with_edits_asks_to_save_first(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    source = folder / "docs-writer.md"
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await cursor_on(pilot, source)
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.editor.session is not None, "open")
        screen.editor.set_field("model", "opus")
        screen.query_one(AgentTree).focus()
        await pilot.press("r")
        await wait_until(pilot, lambda: dialog_ready(app), "the question")
        app.screen.query_one("#answer-save", Button).press()
        await type_name(pilot, "doc-author")
        await pilot.press("enter")
        target = folder / "doc-author.md"
        await wait_until(pilot, lambda: target.exists(), "the rename")
        await settle(pilot)
    text = target.read_text()
    assert "name: doc-author" in text and "model: opus" in text


async def test_delete_asks_naming_the_file_and_undo_restores_it(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    victim = folder / "test-runner.md"
    before = victim.read_bytes()
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await cursor_on(pilot, victim)
        await pilot.press("delete")
        await wait_until(pilot, lambda: dialog_ready(app), "the question")
        assert "test-runner.md" in app.screen.question  # type: ignore[attr-defined]
        await pilot.press("enter")  # Cancel has the focus: enter alone deletes nothing
        await pilot.pause()
        assert victim.exists()
        await pilot.press("delete")
        await wait_until(pilot, lambda: dialog_ready(app), "the question")
        app.screen.query_one("#answer-delete", Button).press()
        await wait_until(pilot, lambda: not victim.exists(), "the delete")
        await settle(pilot)
        assert victim not in screen.query_one(AgentTree).visible_paths
        await pilot.press("u")
        await wait_until(pilot, lambda: victim.exists(), "the restore")
        await settle(pilot)
        assert victim in screen.query_one(AgentTree).visible_paths
    assert victim.read_bytes() == before


async def test_deleting_the_open_agent_clears_the_form(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    victim = folder / "test-runner.md"
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await cursor_on(pilot, victim)
        await wait_until(pilot, lambda: screen.editor.path == victim, "the detail to show it")
        await pilot.press("delete")
        await wait_until(pilot, lambda: dialog_ready(app), "the question")
        app.screen.query_one("#answer-delete", Button).press()
        await wait_until(pilot, lambda: not victim.exists(), "the delete")
        await settle(pilot)
        # the detail shows the agent the cursor went to, never a blank form or the deleted file
        session = screen.editor.session
        assert session is not None and session.agent.path != victim
        assert session.agent.path == screen.query_one(AgentTree).cursor_path
        assert "test-runner" not in str(screen.query_one("#status").render())


async def test_move_to_the_user_scope_updates_the_tree_and_shadowing(
        project: Path, isolated_home: Path) -> None:
    user = isolated_home / ".claude" / "agents"
    user.mkdir(parents=True)
    (user / "test-runner.md").write_text(
        "---\nname: test-runner\ndescription: the user's own\n---\nbody\n")
    source = project / "docs-writer.md"
    before = source.read_bytes()
    app = make_app([], cwd=project.parent.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await cursor_on(pilot, source)
        assert screen.catalog.get(user / "test-runner.md").shadowed_by is not None  # type: ignore[union-attr]
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, TransferDialog), "the dialog")
        app.screen.query_one("#move", Button).press()
        target = user / "docs-writer.md"
        await wait_until(pilot, lambda: target.exists(), "the move")
        await settle(pilot)
        assert target in screen.query_one(AgentTree).visible_paths
        assert source not in screen.query_one(AgentTree).visible_paths
    assert not source.exists() and target.read_bytes() == before


async def test_copy_refuses_a_name_taken_in_the_destination(
        project: Path, isolated_home: Path) -> None:
    user = isolated_home / ".claude" / "agents"
    user.mkdir(parents=True)
    (user / "other-file.md").write_text(
        "---\nname: docs-writer\ndescription: taken\n---\nbody\n")
    before = files(project), files(user)
    app = make_app([], cwd=project.parent.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await cursor_on(pilot, project / "docs-writer.md")
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, TransferDialog), "the dialog")
        assert "already exists" in dialog_problem(pilot)
        assert app.screen.query_one("#copy", Button).disabled
        await pilot.press("escape")
        await settle(pilot)
    assert (files(project), files(user)) == before


async def test_read_only_files_are_refused_before_anything_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_samples(tmp_path)
    locked = folder / "test-runner.md"
    locked.chmod(stat.S_IRUSR)
    access = os.access  # root may write anything: deny this file as its mode says

    def denied(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == locked and mode & os.W_OK:
            return False
        return access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", denied)
    before = files(folder)
    app = make_app([str(folder)])
    notices = record_notices(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await cursor_on(pilot, locked)
        for key in ("r", "delete"):
            await pilot.press(key)
            await pilot.pause()
            assert not app.screen.is_modal
        assert any("read-only" in n.message for n in notices)
        await settle(pilot)
    assert files(folder) == before


async def test_a_plugin_agent_can_be_copied_but_not_renamed(
        tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = isolated_home / ".claude" / "plugins" / "cache" / "mkt" / "tool" / "1.0"
    (plugin / ".claude-plugin").mkdir(parents=True)
    (plugin / ".claude-plugin" / "plugin.json").write_text('{"name": "tool"}')
    (plugin / "agents").mkdir()
    agent = plugin / "agents" / "helper.md"
    agent.write_text("---\nname: helper\ndescription: from a plugin\n---\nbody\n")
    monkeypatch.chdir(tmp_path)
    app = make_app([], cwd=tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await loaded(pilot)
        if screen.catalog.get(agent) is None:
            pytest.skip("this plugin layout is not discovered")
        await cursor_on(pilot, agent)
        await pilot.press("r")
        await pilot.pause()
        assert not app.screen.is_modal
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, TransferDialog), "the dialog")
        assert not app.screen.query("#move")
        await pilot.press("escape")
        await settle(pilot)
    assert agent.read_text().startswith("---\nname: helper\n")


async def test_a_scope_made_by_a_move_takes_its_place_in_the_tree(
        tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving the user's agent into a project that had no agents folder yet: the new PROJECT
    scope is listed first (the order of precedence), not after USER."""
    project = tmp_path / "proj"
    (project / ".git").mkdir(parents=True)
    monkeypatch.chdir(project)
    user = isolated_home / ".claude" / "agents"
    user.mkdir(parents=True)
    source = user / "helper.md"
    source.write_text("---\nname: helper\ndescription: Helps.\n---\nbody\n")
    app = make_app([], cwd=project)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await cursor_on(pilot, source)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, TransferDialog), "the dialog")
        app.screen.query_one("#move", Button).press()
        target = project / ".claude" / "agents" / "helper.md"
        await wait_until(pilot, lambda: target.exists(), "the move")
        await settle(pilot)
        rows = screen.query_one(AgentTree).row_texts()
        scopes = [row.split()[1] for row in rows if row[0] in "▼▶"]
        assert scopes == ["PROJECT", "USER"]
