"""The Fields tab fits: at 120x40 the fields people look at first are on screen without
scrolling, one line each in the order Claude Code documents them; tools show on one line and
open a picker of every known tool with a filter; ctrl+g jumps to any field."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input, SelectionList

from agenttui.app import make_app
from agenttui.model.schema import FIELDS
from agenttui.model.tools import known_tools
from agenttui.screens.field_dialog import FieldDialog
from agenttui.screens.tools_dialog import ToolsDialog
from agenttui.widgets.field_editors import ToolsEditor, tools_summary
from agenttui.widgets.frontmatter_form import FieldRow, FrontmatterForm
from tests.app.support import copy_samples, dirty, open_agent, wait_until

FIRST_LOOK = ("name", "description", "tools", "model", "color", "permissionMode")


async def test_the_fields_people_look_at_first_fit_at_120x40(tmp_path: Path) -> None:
    """They showed name, description and the first tools; ~16 fields took Tab to reach."""
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, folder / "code-reviewer.md")
        form = screen.query_one(FrontmatterForm)
        await pilot.pause()
        assert form.scroll_y == 0
        shown = form.content_region
        for key in FIRST_LOOK:
            row = form.query_one(f"#field-{key}", FieldRow)
            assert shown.contains_region(row.region), key
        assert form.query_one("#field-tools", FieldRow).region.height == 1


async def test_the_tools_picker_lists_every_known_tool_and_filters(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    path = folder / "code-reviewer.md"  # tools: Read, Grep, Glob, Bash
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        screen.query_one("#field-tools ToolsEditor", ToolsEditor).query_one("ToolsLine").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ToolsDialog), "the picker")
        listing = app.screen.query_one(SelectionList)
        offered = [listing.get_option_at_index(i).value for i in range(listing.option_count)]
        assert set(known_tools()) <= set(offered)
        assert set(listing.selected) == {"Read", "Grep", "Glob", "Bash"}
        await pilot.press(*"web")
        await pilot.pause()
        assert [listing.get_option_at_index(i).value
                for i in range(listing.option_count)] == ["WebFetch", "WebSearch"]
        await pilot.press("down", "space", "ctrl+s")
        await wait_until(pilot, lambda: dirty(screen), "the edit")
        assert screen.editor.session is not None
        assert "tools: Read, Grep, Glob, Bash, WebFetch\n" in (screen.editor.session.doc.text
                                                               or "")
        line = str(screen.query_one("ToolsLine").render())
        assert line.startswith("Read, Grep, Glob, Bash, WebFetch")


async def test_tools_picked_for_an_agent_without_them_are_a_comma_string_as_set_writes(
        tmp_path: Path) -> None:
    """The form wrote a YAML list where `set` and the template write `tools: Read, Grep`."""
    (tmp_path / "plain.md").write_text("---\nname: plain\ndescription: Plain.\n---\nBody.\n")
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, tmp_path / "plain.md")
        screen.query_one("ToolsLine").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ToolsDialog), "the picker")
        await pilot.press(*"Grep", "enter", *"Read", "enter", "ctrl+s")
        await wait_until(pilot, lambda: dirty(screen), "the edit")
        assert screen.editor.session is not None
        assert "tools: Grep, Read\n" in (screen.editor.session.doc.text or "")


async def test_ctrl_g_jumps_to_any_field(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, folder / "code-reviewer.md")
        await pilot.press("2")  # from the prompt, too
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: isinstance(app.screen, FieldDialog), "the question")
        await pilot.press(*"initial", "enter")
        await wait_until(pilot, lambda: app.screen is screen, "the jump")
        await pilot.pause()
        row = screen.query_one("#field-initialPrompt", FieldRow)
        assert app.focused is not None and row in app.focused.ancestors
        assert screen.query_one("#tabs").active == "tab-fields"  # type: ignore[attr-defined]


async def test_the_field_jump_matches_the_start_of_a_name_first(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, folder / "code-reviewer.md")
        screen.query_one("#field-name Input", Input).focus()
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: isinstance(app.screen, FieldDialog), "the question")
        await pilot.press(*"m", "enter")  # model, maxTurns, mcpServers, memory: model first
        await wait_until(pilot, lambda: app.screen is screen, "the jump")
        await pilot.pause()
        assert app.focused is not None
        assert screen.query_one("#field-model", FieldRow) in app.focused.ancestors


def test_a_tool_list_too_long_for_its_line_says_how_many_more() -> None:
    tools = ["Read", "Grep", "Bash", "Edit", "Write"]
    assert tools_summary(tools, 80) == "Read, Grep, Bash, Edit, Write"
    assert tools_summary(tools, 20) == "Read, Grep, Bash +2"
    assert tools_summary(["a-very-long-tool-name"], 5) == "a-very-long-tool-name"
    assert tools_summary([], 20) == ""


def test_the_form_follows_the_order_claude_code_documents(shared_dir: Path) -> None:
    table = (shared_dir / "SPEC.md").read_text().split("## Fields", 1)[1]
    documented = re.findall(r"^\| `([A-Za-z]+)` \|", table, re.M)
    assert [f.key for f in FIELDS] == documented
