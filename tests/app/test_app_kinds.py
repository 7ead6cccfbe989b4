"""Every kind in the app: the list by tool with counts, the kind key, the form each
declaration gives (numbers, a tools map as ticks, choices), its checks on save, and
"Convert to…" (what carries over, where it goes, never over a file unasked)."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input, Select, SelectionList

from agenttui.app import make_app
from agenttui.screens.choice_dialog import ChoiceDialog
from agenttui.screens.convert_dialog import ConvertDialog
from agenttui.screens.tools_dialog import ToolsDialog
from agenttui.widgets.agent_tree import AgentTree
from agenttui.widgets.field_editors import ChoiceEditor
from agenttui.widgets.format_editors import NumberEditor, ToolMapEditor
from tests.app.support import (
    dialog_ready,
    dirty,
    loaded,
    not_dirty,
    open_agent,
    settle,
    status,
    wait_until,
)
from tests.conftest import REPO

OPENCODE = Path(".opencode/agents/team/reviewer.md")
REVIEWER = Path(".claude/agents/code-reviewer.md")


def mixed(tmp_path: Path) -> Path:
    target = tmp_path / "mixed"
    shutil.copytree(REPO / "sample_agents_mixed", target)
    return target


async def test_the_list_groups_every_kind_by_tool_with_counts(tmp_path: Path) -> None:
    folder = mixed(tmp_path)
    app = make_app([str(folder)], cwd=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await loaded(pilot)
        rows = screen.query_one(AgentTree).row_texts()
        assert rows[0] == "▼ Claude Code subagents  2"
        for row in ("▼ Claude Code skills  1", "▼ OpenCode agents  1",
                    "▼ GitHub Copilot custom agents  1", "▼ Factory droids  1"):
            assert row in rows
        # each row is the id its tool gives the file
        assert any(row.endswith("  changelog") for row in rows)
        assert any(row.endswith("  /git:commit") for row in rows)
        assert any("team/reviewer ✗1" in row for row in rows)
        await settle(pilot)


async def test_t_narrows_the_list_to_one_kind_then_shows_every_kind(tmp_path: Path) -> None:
    folder = mixed(tmp_path)
    app = make_app([str(folder)], cwd=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await loaded(pilot)
        tree = screen.query_one(AgentTree)
        every = len(tree.visible_paths)
        assert screen.check_action("cycle_kind", ())  # (so the footer shows t)
        await pilot.press("t")
        assert "Claude Code subagents only" in status(screen)
        assert [p.name for p in tree.visible_paths] == ["code-reviewer.md", "test-runner.md"]
        assert not any(row.startswith("▼ Claude Code") for row in tree.row_texts())
        for _ in range(8):  # skills, commands, OpenCode … Factory, then every kind
            await pilot.press("t")
        assert len(tree.visible_paths) == every
        assert "only" not in status(screen)
        await settle(pilot)


async def test_one_kind_asked_opens_that_kind_alone(tmp_path: Path) -> None:
    folder = mixed(tmp_path)
    app = make_app([str(folder)], cwd=folder, kind="opencode-agent")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert screen.query_one(AgentTree).visible_paths == [folder / OPENCODE]
        assert not screen.check_action("cycle_kind", ())  # one kind: no t in the footer
        await settle(pilot)


async def test_the_form_of_an_opencode_agent_follows_its_declaration(tmp_path: Path) -> None:
    folder = mixed(tmp_path)
    path = folder / OPENCODE
    app = make_app([str(folder)], cwd=folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        assert screen.query("#field-temperature NumberEditor")
        assert screen.query_one("#field-mode ChoiceEditor", ChoiceEditor)
        assert not screen.query("#field-permissionMode")  # Claude Code's, not OpenCode's
        number = screen.query_one("#field-temperature Input", Input)
        number.value = "0.7"
        await wait_until(pilot, lambda: dirty(screen), "the number edit")
        assert screen.query_one("#field-temperature NumberEditor", NumberEditor)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not_dirty(screen), "the save")
        before = (REPO / "sample_agents_mixed" / OPENCODE).read_text()
        assert path.read_text() == before.replace("temperature: 0.1", "temperature: 0.7")
        await settle(pilot)


async def test_the_tools_map_is_ticked_in_the_picker(tmp_path: Path) -> None:
    folder = mixed(tmp_path)
    path = folder / OPENCODE  # tools: write false, edit false, bash true
    app = make_app([str(folder)], cwd=folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        editor = screen.query_one("#field-tools ToolMapEditor", ToolMapEditor)
        editor.query_one("ToolsLine").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ToolsDialog), "the picker")
        listing = app.screen.query_one(SelectionList)
        assert listing.selected == ["bash"]
        listing.focus()
        values = [o.value for o in listing.options]
        for tool in ("edit", "bash"):  # edit on, bash off
            listing.highlighted = values.index(tool)
            await pilot.press("space")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dirty(screen), "the tools edit")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not_dirty(screen), "the save")
        text = path.read_text()
        assert "tools:\n  write: false\n  edit: true\n  bash: false\ncolor: sky\n" in text
        await settle(pilot)


async def test_a_save_is_blocked_by_the_formats_own_check(tmp_path: Path) -> None:
    folder = mixed(tmp_path)
    path = folder / OPENCODE
    app = make_app([str(folder)], cwd=folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        screen.query_one("#field-temperature Input", Input).value = "5"
        await wait_until(pilot, lambda: dirty(screen), "the number edit")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.editor.session is not None and screen.editor.session.dirty
        assert [p.code for p in screen.editor.session.blocking()] == ["AT603"]
        assert "temperature: 0.1" in path.read_text()  # not written
        await settle(pilot)


async def _convert(pilot, screen, kind: str) -> ConvertDialog:  # type: ignore[no-untyped-def]
    app = pilot.app
    await pilot.press("C")
    await wait_until(pilot, lambda: isinstance(app.screen, ConvertDialog)
                     and bool(app.screen.shown), "the dialog")
    dialog = app.screen
    assert isinstance(dialog, ConvertDialog)
    dialog.query_one("#convert-kind", Select).value = kind
    await wait_until(pilot, lambda: dialog.shown == kind, "its plan and places")
    return dialog


async def test_convert_writes_beside_the_agent_and_selects_it(tmp_path: Path) -> None:
    folder = mixed(tmp_path)
    app = make_app([str(folder)], cwd=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await loaded(pilot)
        tree = screen.query_one(AgentTree)
        tree.select_path(folder / REVIEWER)
        dialog = await _convert(pilot, screen, "cursor-agent")
        said = str(dialog.query_one("#convert-summary").render())
        assert "Carries over: name, description\n" in said
        assert "`tools`: Cursor subagents have no field for tools" in said
        await pilot.press("ctrl+s")
        made = folder / ".cursor" / "agents" / "code-reviewer.md"
        await wait_until(pilot, lambda: tree.cursor_path == made, "the new file selected")
        assert made.read_text().startswith("---\nname: code-reviewer\n")
        assert screen.catalog.get(made) is not None
        assert screen.catalog.get(made).kind == "cursor-agent"  # type: ignore[union-attr]
        await settle(pilot)


async def test_convert_asks_before_replacing_a_file(tmp_path: Path) -> None:
    folder = mixed(tmp_path)
    existing = folder / ".factory" / "droids" / "code-reviewer.md"
    existing.write_text("---\nname: code-reviewer\n---\nmine\n")
    app = make_app([str(folder)], cwd=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await loaded(pilot)
        screen.query_one(AgentTree).select_path(folder / REVIEWER)
        await _convert(pilot, screen, "factory-droid")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog_ready(app), "the question")
        assert isinstance(app.screen, ChoiceDialog)
        assert "already exists" in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert existing.read_text() == "---\nname: code-reviewer\n---\nmine\n"
        await _convert(pilot, screen, "factory-droid")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog_ready(app), "the question again")
        await pilot.click("#answer-replace")
        await wait_until(pilot, lambda: "mine" not in existing.read_text(), "the replace")
        assert "tools:" in existing.read_text()
        await settle(pilot)
