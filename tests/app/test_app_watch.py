"""The agents folders are watched: files added, removed, renamed or changed outside the app
show without a restart, the open agent follows its file, and F5 reads the folders again.

Every wait is a bounded poll (``wait_until``) for the change to show, never a fixed sleep.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Button

from agenttui.app import make_app
from agenttui.screens.choice_dialog import ChoiceDialog
from agenttui.screens.main_screen import MainScreen
from agenttui.storage.discovery import Root, Scope
from agenttui.storage.watching import FolderWatch, relevant, targets
from agenttui.widgets.agent_tree import AgentTree
from agenttui.widgets.body_editor import BodyEditor
from tests.app.support import (
    copy_samples,
    dirty,
    field_input,
    loaded,
    open_agent,
    record_notices,
    wait_until,
)

AGENT = "---\nname: {name}\ndescription: Use it for {name} work.\n---\nYou are {name}.\n"


def agent_text(name: str) -> str:
    return AGENT.format(name=name)


def shown(screen: MainScreen) -> set[str]:
    return {path.name for path in screen.query_one(AgentTree).visible_paths}


def watching(screen: MainScreen) -> bool:
    watch = screen._folder_watch  # the screen's own attribute, not Textual's
    return watch is not None and watch.watching


async def test_a_file_added_outside_appears_in_the_tree(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await wait_until(pilot, lambda: watching(screen), "the watch to start")
        (folder / "added-outside.md").write_text(agent_text("added-outside"))
        await wait_until(pilot, lambda: "added-outside.md" in shown(screen), "the new row")
        agent = screen.catalog.get(folder / "added-outside.md")
        assert agent is not None and agent.name == "added-outside"


async def test_a_file_removed_or_renamed_outside_leaves_the_tree(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await wait_until(pilot, lambda: watching(screen), "the watch to start")
        (folder / "code-reviewer.md").unlink()
        os.rename(folder / "profiler.md", folder / "bug-hunter.md")
        await wait_until(pilot, lambda: "code-reviewer.md" not in shown(screen)
                         and "profiler.md" not in shown(screen)
                         and "bug-hunter.md" in shown(screen), "the tree to follow")
        assert screen.catalog.get(folder / "code-reviewer.md") is None
        assert screen.counts[0] == len(shown(screen))


async def test_a_file_changed_outside_updates_its_row(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    path = folder / "profiler.md"
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await wait_until(pilot, lambda: watching(screen), "the watch to start")
        path.write_text(path.read_text().replace("name: perf-profiler", "name: Debug Helper", 1))
        await wait_until(pilot, lambda: (a := screen.catalog.get(path)) is not None
                         and a.name == "Debug Helper", "the catalog to read it again")
        tree = screen.query_one(AgentTree)
        await wait_until(pilot, lambda: any("Debug Helper" in row for row in tree.row_texts()),
                         "the row to show the new name")


async def test_an_open_file_changed_outside_reloads_in_place(tmp_path: Path) -> None:
    """No edits here: the new text shows at once, and the prompt keeps its cursor and
    scroll (a reload used to put both back at the top)."""
    folder = copy_samples(tmp_path)
    path = folder / "code-reviewer.md"
    path.write_text(path.read_text() + "".join(f"Line {n}.\n" for n in range(200)))
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        await wait_until(pilot, lambda: watching(screen), "the watch to start")
        await pilot.press("2")
        body = screen.query_one(BodyEditor)
        body.focus()
        body.move_cursor((150, 3))
        await pilot.pause()
        place, scrolled = body.cursor_location, body.scroll_offset.y
        assert scrolled > 0
        path.write_text(path.read_text().replace("Line 199.", "Line 199, changed."))
        await wait_until(pilot, lambda: "Line 199, changed." in body.text, "the reload")
        assert body.cursor_location == place
        assert body.scroll_offset.y == scrolled
        assert body.has_focus


async def test_an_open_agent_deleted_outside_closes_naming_the_file(tmp_path: Path) -> None:
    """No edits: the agent leaves the tree and the editor says which file went (it showed
    an empty form and a status line without a file name)."""
    folder = copy_samples(tmp_path)
    path = folder / "code-reviewer.md"
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        notices = record_notices(app)
        await wait_until(pilot, lambda: watching(screen), "the watch to start")
        path.unlink()
        await wait_until(pilot, lambda: screen.editor.path is None, "the editor to close")
        assert "code-reviewer.md" not in shown(screen)
        assert any("code-reviewer.md" in n.message for n in notices)


async def test_an_edited_agent_deleted_outside_offers_to_save_it_again(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    path = folder / "code-reviewer.md"
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        await wait_until(pilot, lambda: watching(screen), "the watch to start")
        field_input(screen, "name").focus()
        await pilot.press("end", "z")
        await wait_until(pilot, lambda: dirty(screen), "the edit")
        path.unlink()
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog)
                         and bool(app.screen.query("#answer-save")), "the question")
        assert "code-reviewer.md" in app.screen.question  # type: ignore[attr-defined]
        app.screen.query_one("#answer-save", Button).press()
        await wait_until(pilot, lambda: path.exists() and not dirty(screen), "the save")
        assert "name: code-reviewerz" in path.read_text()
        assert "code-reviewer.md" in shown(screen)


async def test_refresh_reads_the_folders_again_without_a_watch(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        watch = screen._folder_watch
        assert watch is not None
        watch.stop()
        assert not watch.watching
        (folder / "by-hand.md").write_text(agent_text("by-hand"))
        (folder / "profiler.md").unlink()
        screen.query_one(AgentTree).focus()
        notices = record_notices(app)
        await pilot.press("f5")
        await wait_until(pilot, lambda: "by-hand.md" in shown(screen)
                         and "profiler.md" not in shown(screen), "the refresh")
        await wait_until(pilot, lambda: any(n.title == "Refreshed" for n in notices),
                         "the message")
        assert "1 new, 1 gone" in notices[-1].message


async def test_the_watch_stops_when_the_app_quits(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await wait_until(pilot, lambda: watching(screen), "the watch to start")
        watch = screen._folder_watch
        await pilot.press("ctrl+q")
    assert watch is not None and not watch.watching


def test_nothing_is_watched_where_nothing_can_be() -> None:
    gone = Path("/nonexistent-agenttui-folder/agents")
    watch = FolderWatch([Root(Scope.PATH, gone)], lambda: None)
    watch.start()
    assert not watch.watching
    assert targets([Root(Scope.PATH, gone)]).folders == ()


def test_only_agent_files_and_folders_are_changes_worth_a_rescan(tmp_path: Path) -> None:
    assert relevant(str(tmp_path / "agent.md"))
    assert relevant(str(tmp_path / "review"))  # a folder, maybe moved in
    assert not relevant(str(tmp_path / ".agent.md.swp"))
    assert not relevant(str(tmp_path / "notes.txt"))
    root_file = tmp_path / "one.md"
    assert relevant(str(root_file), [root_file])
    assert not relevant(str(tmp_path / "other.md"), [root_file])
