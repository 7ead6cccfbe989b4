"""The app's main flows driven from the keyboard: open, edit, save, refuse, prompt, conflict."""

from __future__ import annotations

import asyncio
import difflib
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input

from agenttui.app import make_app
from agenttui.screens.diff_screen import DiffScreen
from agenttui.screens.main_screen import MainScreen
from agenttui.widgets.agent_tree import AgentTree
from agenttui.widgets.body_editor import BodyEditor
from tests.app.support import (
    blocking,
    copy_samples,
    dialog_ready,
    dirty,
    field_input,
    loaded,
    not_dirty,
    open_agent,
    open_name,
    record_notices,
    status,
    wait_until,
)


def changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.ndiff(before.decode().splitlines(True), after.decode().splitlines(True))
    return [line for line in diff if line[:1] in "+-"]


async def test_opens_every_sample_agent_in_the_tree_with_counts(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        tree = screen.query_one(AgentTree)
        assert sorted(p.name for p in tree.visible_paths) == sorted(
            p.name for p in folder.rglob("*.md"))
        text = status(screen)
        assert text.startswith(f"{len(tree.visible_paths)} agents · ")
        assert "2 errors" in text  # release-manager's model comment (AT026)


async def test_editing_one_field_and_saving_changes_only_that_line(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    before = path.read_bytes()
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        box = field_input(screen, "name")
        box.focus()
        await pilot.press("end", "-", "x")
        await wait_until(pilot, lambda: dirty(screen),
                         "the edit to reach the session")
        assert "[modified]" in status(screen)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: path.read_bytes() != before, "the save")
        await wait_until(pilot, lambda: "[saved]" in status(screen), "the saved state")
    assert changed_lines(before, path.read_bytes()) == [
        "- name: code-reviewer\n", "+ name: code-reviewer-x\n"]


def slow_saves(monkeypatch: pytest.MonkeyPatch, seconds: float = 0.4) -> None:
    """Saves that take ``seconds`` to reach the disk, as on a slow or network disk."""
    from agenttui.widgets import agent_editor

    real = agent_editor.save_atomic

    def slow(*args: object, **kwargs: object) -> object:
        time.sleep(seconds)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(agent_editor, "save_atomic", slow)


async def name_edited(pilot: Pilot[None], path: Path) -> MainScreen:
    """``path`` open with `-x` typed at the end of its name, the edit in the session."""
    screen = await open_agent(pilot, path)
    field_input(screen, "name").focus()
    await pilot.press("end", "-", "x")
    await wait_until(pilot, lambda: dirty(screen), "edit")
    return screen


async def test_a_second_save_while_the_first_is_writing_is_not_a_conflict(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    slow_saves(monkeypatch)
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await name_edited(pilot, path)
        await pilot.press("ctrl+s", "y", "ctrl+s")  # the second while the first writes
        await wait_until(pilot, lambda: b"code-reviewer-x\n" in path.read_bytes(), "the save")
        await pilot.pause(0.6)
        assert not screen.editor.conflict and not app.screen.is_modal
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "[saved]" in status(screen), "the saved state")
    assert b"name: code-reviewer-xy\n" in path.read_bytes()


async def test_an_edit_made_while_saving_stays_unsaved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    slow_saves(monkeypatch)
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await name_edited(pilot, path)
        await pilot.press("ctrl+s", "y")  # the y lands while the save is on its way
        await wait_until(pilot, lambda: b"code-reviewer-x\n" in path.read_bytes(), "the save")
        await wait_until(pilot, lambda: "[modified]" in status(screen), "the later edit")
        assert screen.editor.session is not None and screen.editor.session.doc.fields["name"] == (
            "code-reviewer-xy")


async def test_an_error_blocks_the_save_and_focuses_the_bad_field(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    before = path.read_bytes()
    app = make_app([str(path.parent)])
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        box = field_input(screen, "name")
        box.focus()
        await pilot.press("end", "ctrl+u")
        await wait_until(pilot, lambda: bool(blocking(screen)),
                         "the name error")
        screen.query_one(AgentTree).focus()
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert path.read_bytes() == before
        assert box.has_focus
        assert any("Not saved" in n.title for n in notices)


async def test_body_edits_save_only_the_body(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "test-runner.md"
    before = path.read_bytes()
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        await pilot.press("2")
        editor = screen.query_one(BodyEditor)
        editor.focus()
        editor.move_cursor(editor.document.end)
        await pilot.press("A", "d", "d", "e", "d", ".")
        await wait_until(pilot, lambda: dirty(screen), "edit")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: path.read_bytes() != before, "the save")
    after = path.read_bytes()
    head = before.split(b"\n---", 2)
    assert after.startswith(head[0] + b"\n---")
    assert after.endswith(b"Added.") or after.rstrip().endswith(b"Added.")


async def test_leaving_an_edited_agent_asks_and_discard_keeps_the_file(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    path = folder / "code-reviewer.md"
    before = path.read_bytes()
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        field_input(screen, "name").focus()
        await pilot.press("end", "z")
        await wait_until(pilot, lambda: dirty(screen), "edit")
        tree = screen.query_one(AgentTree)
        tree.focus()
        tree.select_path(folder / "db-migrator.md")
        await pilot.press("enter")
        await wait_until(pilot, lambda: dialog_ready(app), "the prompt")
        app.screen.query_one("#answer-discard", Button).press()
        await wait_until(pilot, lambda: open_name(screen) == "db-migrator.md", "the other agent")
    assert path.read_bytes() == before


async def test_quitting_with_edits_asks_and_cancel_stays(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        field_input(screen, "name").focus()
        await pilot.press("end", "z")
        await wait_until(pilot, lambda: dirty(screen), "edit")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: dialog_ready(app), "the prompt")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert app.screen is screen


async def test_saving_after_an_external_change_reports_a_conflict(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        field_input(screen, "name").focus()
        await pilot.press("end", "z")
        await wait_until(pilot, lambda: dirty(screen), "edit")
        theirs = path.read_bytes().replace(b"model: sonnet", b"model: opus")
        path.write_bytes(theirs)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog_ready(app), "the question")
        assert "changed on disk" in app.screen.question  # type: ignore[attr-defined]
        assert path.read_bytes() == theirs
        assert "[conflict]" in status(screen)
        app.screen.query_one("#answer-reload", Button).press()
        await wait_until(pilot, lambda: not_dirty(screen)
                         and screen.editor.session.doc.fields.get("model") == "opus", "the reload")
    assert path.read_bytes() == theirs


async def test_overwrite_after_a_conflict_writes_the_edit(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        field_input(screen, "name").focus()
        await pilot.press("end", "z")
        await wait_until(pilot, lambda: dirty(screen), "edit")
        path.write_bytes(path.read_bytes() + b"\nAppended elsewhere.\n")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog_ready(app), "the question")
        app.screen.query_one("#answer-overwrite", Button).press()
        await wait_until(pilot, lambda: b"name: code-reviewerz" in path.read_bytes(), "save")
    assert b"Appended elsewhere" not in path.read_bytes()


async def test_typing_while_a_changed_file_reloads_never_saves_over_the_change(
        tmp_path: Path) -> None:
    """The unedited agent reloads when its file changes; keys typed into the prompt while
    the reload rebuilds the panes carry the old body. Applied to the reloaded session they
    made it 'modified' against the new file, and ctrl+s wrote the old body over the change
    with no conflict (while the editor showed the new body)."""
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        await pilot.press("2")
        editor = screen.query_one(BodyEditor)
        editor.focus()
        await pilot.pause()
        theirs = path.read_bytes().replace(b"You are", b"Theirs. You are", 1)
        path.write_bytes(theirs)
        screen.editor.check_disk()  # the poll: unedited, so it reloads
        for _ in range(2000):  # a key on every turn of the loop until the reload is done
            if screen.editor.session is not None:
                break
            editor.insert("M")
            await asyncio.sleep(0)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        assert screen.editor.session is not None
        assert "Theirs. You are" in screen.editor.session.doc.body
        assert screen.editor.session.doc.body == editor.text  # what is shown is what would be saved
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert path.read_bytes() == theirs


async def test_diff_shows_the_edit_before_saving(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        field_input(screen, "name").focus()
        await pilot.press("end", "z")
        await wait_until(pilot, lambda: dirty(screen), "edit")
        screen.query_one(AgentTree).focus()
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffScreen), "the diff")
        shown = app.export_screenshot()
        assert "-name: code-reviewer" in shown.replace("&#160;", " ")
        assert "+name: code-reviewerz" in shown.replace("&#160;", " ")


async def test_revert_discards_edits(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        field_input(screen, "name").focus()
        await pilot.press("end", "z")
        await wait_until(pilot, lambda: dirty(screen), "edit")
        screen.query_one(AgentTree).focus()
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: not_dirty(screen),
                         "the revert")
        await wait_until(pilot, lambda: field_input(screen, "name").value == "code-reviewer",
                         "the form to show the file again")


async def test_filter_narrows_the_tree_and_escape_clears_it(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        tree = screen.query_one(AgentTree)
        everything = len(tree.visible_paths)
        await pilot.press("slash")
        await pilot.press(*"secaud")
        await pilot.pause()
        assert [p.name for p in tree.visible_paths] == ["security-auditor.md"]
        assert "1 match" in status(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert len(tree.visible_paths) == everything
        assert tree.has_focus


async def test_filter_searches_descriptions_and_tools(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        tree = screen.query_one(AgentTree)
        await pilot.press("slash", *"pip-audit")
        await pilot.pause()
        assert [p.name for p in tree.visible_paths] == ["security-auditor.md"]
        box = screen.query_one("#filter", Input)
        box.value = "migrations alembic"
        await pilot.pause()
        assert [p.name for p in tree.visible_paths] == ["db-migrator.md"]


async def test_the_filter_narrows_the_tree_in_the_same_turn_as_the_key(
        tmp_path: Path) -> None:
    """The rows follow the box's value at once, so the key's own frame shows them (through
    Input.Changed, a message, they came a frame or two after the key's echo)."""
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        tree = screen.query_one(AgentTree)
        await pilot.press("slash")
        box = screen.query_one("#filter", Input)
        box.insert_text_at_cursor("secaud")  # no await: no message is handled in between
        assert [p.name for p in tree.visible_paths] == ["security-auditor.md"]
        assert "1 match" in status(screen)


async def test_next_problem_key_walks_agents_with_problems(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        with_problems = {a.path for a in screen.catalog.agents if a.problems}
        seen = set()
        for _ in range(len(with_problems)):
            await pilot.press("right_square_bracket")
            await wait_until(pilot, lambda: screen.editor.session is not None and
                             screen.editor.session.agent.path not in seen, "the next agent")
            assert screen.editor.session is not None
            seen.add(screen.editor.session.agent.path)
        assert seen == with_problems


async def test_narrow_terminal_stacks_tree_and_agent(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        left, right = screen.query_one("#left"), screen.query_one("#right")
        assert left.display and not right.display
        assert left.size.width == 80
        await open_agent(pilot, path)
        assert right.display and not left.display
        assert right.size.width == 80
        await pilot.press("escape")
        await pilot.pause()
        assert left.display and not right.display
        assert screen.query_one(AgentTree).has_focus


async def test_next_problem_on_a_narrow_terminal_shows_the_agent(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: screen.editor.session is not None, "an agent to open")
        await pilot.pause()
        assert screen.query_one("#right").display and not screen.query_one("#left").display
        assert screen.editor.session is not None and screen.editor.session.agent.problems


async def test_help_lists_every_key(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = app.export_screenshot().replace("&#160;", " ")
        for key in ("ctrl+s", "escape", "ctrl+p", "] / ["):
            assert key in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.is_modal


async def test_preview_shows_the_edited_body_when_its_tab_opens(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "test-runner.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        await pilot.press("2")
        editor = screen.query_one(BodyEditor)
        editor.focus()
        editor.move_cursor(editor.document.end)
        await pilot.press(*"Zebra", "enter")
        await wait_until(pilot, lambda: dirty(screen), "edit")
        screen.query_one(AgentTree).focus()
        await pilot.press("3")
        await pilot.pause(0.3)
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "test-runner" in shown
        screen.query_one("#preview").scroll_end(animate=False)
        await pilot.pause(0.3)
        assert "Zebra" in app.export_screenshot()


async def test_the_cursor_starts_on_the_first_agent_so_enter_opens_it(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        tree = screen.query_one(AgentTree)
        first = tree.visible_paths[0]
        assert tree.cursor_path == first
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.editor.session is not None
                         and screen.editor.session.agent.path == first, "the first agent to open")


async def test_many_agents_are_read_by_worker_processes_in_the_app(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app reads from a thread beside Textual, which holds standard error: the worker
    processes must start there (a resource tracker could not) and read every agent."""
    from agenttui import catalog, pool

    if pool.usable_cpus() < 2:
        pytest.skip("one CPU: the pool is never used")
    monkeypatch.setattr(catalog, "PARALLEL_MIN", 2)
    folder = tmp_path / "agents"
    folder.mkdir()
    for index in range(6):
        (folder / f"agent-{index}.md").write_text(
            f"---\nname: agent-{index}\ndescription: Agent {index}.\n---\nBody {index}.\n")
    app = make_app([str(folder)])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert sorted(a.name or "" for a in screen.catalog.agents) == [
            f"agent-{i}" for i in range(6)]


async def test_a_long_path_in_the_status_line_keeps_the_file_name_and_state(
        tmp_path: Path) -> None:
    folder = tmp_path / ("a-folder-with-a-rather-long-name-" * 3) / "agents"
    folder.mkdir(parents=True)
    agent = folder / "code-reviewer.md"
    agent.write_text("---\nname: code-reviewer\ndescription: Reviews.\n---\nBody.\n")
    app = make_app([str(folder)])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agent(pilot, agent)
        line = status(screen)
        assert line.endswith("/agents/code-reviewer.md  [saved]"), line
        assert "…" in line and len(line) <= 78


def tree_rows(screen: MainScreen) -> list[str]:
    tree = screen.query_one(AgentTree)
    return [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]


async def test_the_tree_marks_unsaved_edits_until_saved_or_reverted(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    path = folder / "code-reviewer.md"
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await name_edited(pilot, path)
        await wait_until(pilot, lambda: any("code-reviewer-x *" in r for r in tree_rows(screen)),
                         "the unsaved mark")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "[saved]" in status(screen), "the save")
        await wait_until(pilot, lambda: not any(" *" in r for r in tree_rows(screen)),
                         "the mark to go")
        field_input(screen, "name").focus()
        await pilot.press("end", "y")
        await wait_until(pilot, lambda: any("code-reviewer-xy *" in r
                                            for r in tree_rows(screen)), "the mark again")
        screen.query_one(AgentTree).focus()
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: not any(" *" in r for r in tree_rows(screen)),
                         "the mark to go after the revert")
