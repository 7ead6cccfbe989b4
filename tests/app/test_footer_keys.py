"""The footer shows the keys that work where the focus is (issue 15, item 5): the list's file
keys with an agent under the cursor, save and diff with edits, fix with a fix, no letter key
while typing; a key left out still says why it cannot act."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenttui.app import make_app
from agenttui.screens.main_screen import MainScreen
from agenttui.widgets.agent_tree import AgentTree
from tests.app.support import (
    copy_samples,
    field_input,
    loaded,
    open_agent,
    record_notices,
    settle,
    wait_until,
)

FILE_KEYS = {"n", "c", "r", "x", "m", "e"}
AGENT_KEYS = {"ctrl+s", "d", "f"}


def footer_keys(screen: MainScreen) -> set[str]:
    """The keys the footer shows now."""
    return {key for key, active in screen.active_bindings.items() if active.binding.show}


async def cursor_on(pilot, path: Path | None) -> MainScreen:  # type: ignore[no-untyped-def]
    screen = await loaded(pilot)
    tree = screen.query_one(AgentTree)
    tree.focus()
    if path is not None:
        tree.select_path(path)
    await pilot.pause()
    return screen


async def test_the_list_shows_the_file_keys_with_an_agent_under_the_cursor(
        tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await cursor_on(pilot, folder / "docs-writer.md")
        keys = footer_keys(screen)
        assert keys >= FILE_KEYS
        assert not AGENT_KEYS & keys  # nothing edited, nothing to fix
        tree = screen.query_one(AgentTree)
        await pilot.press("home")  # the folder's row: no agent under the cursor
        await pilot.pause()
        assert tree.cursor_path is None
        keys = footer_keys(screen)
        assert "n" in keys and not (FILE_KEYS - {"n"} | AGENT_KEYS) & keys
        await settle(pilot)


async def test_save_and_diff_show_with_edits_and_fix_with_a_fix(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    broken = folder / "colon.md"
    broken.write_text("---\nname: colon\ndescription: Use it: when asked\n---\nbody\n")
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, folder / "docs-writer.md")
        assert not AGENT_KEYS & footer_keys(screen)
        screen.editor.set_field("description", "Writes the docs.")
        await wait_until(pilot, lambda: "ctrl+s" in footer_keys(screen), "save in the footer")
        assert {"ctrl+s", "d"} <= footer_keys(screen) and "f" not in footer_keys(screen)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "ctrl+s" not in footer_keys(screen), "the save")
        await cursor_on(pilot, broken)
        await wait_until(pilot, lambda: screen.editor.path == broken, "the detail to follow")
        await pilot.pause()
        assert "f" in footer_keys(screen) and "ctrl+s" not in footer_keys(screen)
        await settle(pilot)


async def test_typing_in_a_field_shows_save_with_edits_and_no_letter_key(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, folder / "docs-writer.md")
        box = field_input(screen, "name")
        box.focus()
        await pilot.pause()
        assert "ctrl+s" not in footer_keys(screen)  # nothing to save yet
        await pilot.press("end", "z")
        await wait_until(pilot, lambda: screen.editor.dirty, "the edit")
        await pilot.pause()
        keys = footer_keys(screen)
        assert "ctrl+s" in keys
        assert not [key for key in keys if len(key) == 1 or key in (
            "slash", "question_mark", "right_square_bracket")]
        assert box.value.endswith("z")
        await settle(pilot)


async def test_a_read_only_agent_hides_rename_and_delete(
        tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = isolated_home / ".claude" / "plugins" / "cache" / "mkt" / "tool" / "1.0"
    (plugin / ".claude-plugin").mkdir(parents=True)
    (plugin / ".claude-plugin" / "plugin.json").write_text('{"name": "tool"}')
    (plugin / "agents").mkdir()
    agent = plugin / "agents" / "helper.md"
    agent.write_text("---\nname: helper\ndescription: from a plugin\n---\nbody\n")
    monkeypatch.chdir(tmp_path)
    app = make_app([], cwd=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        if screen.catalog.get(agent) is None:
            pytest.skip("this plugin layout is not discovered")
        await cursor_on(pilot, agent)
        keys = footer_keys(screen)
        assert {"c", "m", "e"} <= keys and not {"r", "x"} & keys
        await settle(pilot)


async def test_a_key_left_out_of_the_footer_still_says_why(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        notices = record_notices(app)
        screen = await cursor_on(pilot, folder / "docs-writer.md")
        await wait_until(pilot, lambda: screen.editor.path is not None, "the detail")
        assert "ctrl+s" not in footer_keys(screen)
        await pilot.press("ctrl+s", "d")
        await pilot.pause()
        said = [n.message for n in notices]
        assert any("Nothing to save in docs-writer.md" in m for m in said)
        assert any("No edits to docs-writer.md" in m for m in said)
        await settle(pilot)
