"""Every built-in theme draws every view, in its own colours; NO_COLOR keeps ticks visible.

The colours come from the theme through app.tcss (tests/unit/test_theme_colours.py checks no
module writes one): these tests switch themes as a user does and look at what is drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Label, SelectionList
from textual.widgets.markdown import MarkdownFence

from agenttui.app import AgentTuiApp, make_app
from agenttui.screens.diff_screen import DiffScreen
from agenttui.screens.tools_dialog import TICK, ToolsDialog
from agenttui.widgets.problems_panel import ProblemsPanel
from agenttui.widgets.raw_view import RawView
from agenttui.widgets.status_bar import StatusBar
from agenttui.widgets.styling import foreground
from tests.app.support import copy_samples, field_input, loaded, open_agent, wait_until

WITH_PROBLEMS = Path("review") / "accessibility-reviewer.md"


def colours_of(widget: Widget, text: str) -> set[Color]:
    """The colours ``widget`` draws the cells of ``text`` in (the first row holding it)."""
    for y in range(widget.size.height):
        strip = widget.render_line(y)
        if text in strip.text:
            return {s.style.color for s in strip if s.style and s.style.color and
                    s.text.strip() and (s.text.strip() in text or text in s.text)}
    raise AssertionError(f"{text!r} is not drawn by {widget!r}")


async def edited(pilot: Pilot[None], path: Path) -> None:
    """``path`` open with its name edited, so there is a diff to show."""
    screen = await open_agent(pilot, path)
    field_input(screen, "name").focus()
    await pilot.press("end", "z")
    await wait_until(pilot, lambda: "modified" in str(screen.query_one(StatusBar).render()),
                     "the edit")
    screen.query_one(ProblemsPanel).focus()  # out of the field: keys are commands again


async def switch_theme(pilot: Pilot[None], theme: str) -> None:
    pilot.app.theme = theme
    await pilot.pause()
    await pilot.pause()  # the views draw again after the theme's signal


def draw(widget: Widget) -> list[str]:
    """Draw ``widget`` as the screen would, row by row (a style the theme cannot give fails)."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def test_every_theme_draws_the_main_screen(tmp_path: Path) -> None:
    """Each theme in turn on the tree, status bar and problems (a theme change restyles the
    whole DOM: with a form open it takes most of a second, so the views with an agent open
    are drawn in a light and the ANSI themes, below)."""
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    themes = sorted(app.available_themes)
    assert {"textual-dark", "textual-light", "ansi-dark", "ansi-light"} <= set(themes)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        for theme in themes:
            await switch_theme(pilot, theme)
            for widget in (screen.query_one(StatusBar), screen.query_one("#tree")):
                assert any(draw(widget)), (theme, widget)
            assert app.current_theme.name == theme


@pytest.mark.parametrize("theme", ["textual-light", "ansi-dark", "ansi-light"])
async def test_each_view_opens_in_a_light_and_an_ansi_theme(tmp_path: Path, theme: str) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(100, 30)) as pilot:
        await switch_theme(pilot, theme)
        await edited(pilot, folder / WITH_PROBLEMS)
        for view in ("1", "2", "3", "4", "d", "question_mark"):
            await pilot.press(view)
            await pilot.pause()
            assert "agenttui" in app.export_screenshot(), view
            if app.screen.is_modal:
                await pilot.press("escape")
        assert app.is_running


async def test_the_views_take_the_colours_of_a_light_theme(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 36)) as pilot:
        await switch_theme(pilot, "textual-dark")
        await edited(pilot, folder / WITH_PROBLEMS)
        await pilot.press("4")
        await pilot.pause()
        seen: dict[str, list[set[Color]]] = {}
        for theme in ("textual-dark", "textual-light"):
            await switch_theme(pilot, theme)
            raw, problems = app.screen.query_one(RawView), app.screen.query_one(ProblemsPanel)
            expected = {"key": foreground(raw, "raw-view--key").color,
                        "problem": foreground(problems, "problems-panel--error").color}
            drawn = {"key": colours_of(raw.query_one("#raw-text"), "name"),
                     "problem": colours_of(problems, "AT011")}
            for part, colours in drawn.items():
                assert colours == {expected[part]}, (theme, part)
                seen.setdefault(part, []).append(colours)
        assert all(dark != light for dark, light in seen.values())


async def test_the_diff_takes_the_colours_of_the_theme(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 36)) as pilot:
        await edited(pilot, folder / "code-reviewer.md")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffScreen), "the diff")
        drawn = []
        for theme in ("textual-dark", "textual-light"):
            await switch_theme(pilot, theme)
            diff = app.screen
            assert isinstance(diff, DiffScreen)
            inserted = foreground(diff, "diff-screen--inserted").color
            shown = diff.query_one("#diff-text")
            assert colours_of(shown, "+name: code-reviewerz") == {inserted}
            assert colours_of(shown, "-name: code-reviewer") == {
                foreground(diff, "diff-screen--deleted").color}
            drawn.append(inserted)
        assert drawn[0] != drawn[1]


def tools_shown(app: AgentTuiApp) -> dict[str, str]:
    listing = app.screen.query_one(SelectionList)
    prompts = (listing.get_option_at_index(i) for i in range(listing.option_count))
    return {str(option.value): str(option.prompt) for option in prompts}


@pytest.mark.parametrize("no_color", [True, False])
async def test_a_ticked_tool_is_marked_by_a_glyph_under_no_color(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_color: bool) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, folder / WITH_PROBLEMS)  # tools: Read, Grep, Glob
        screen.query_one("ToolsLine").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ToolsDialog), "the picker")
        shown = tools_shown(app)
        mark = TICK if no_color else ""
        assert shown["Read"] == f"{mark}Read"
        unticked = next(tool for tool, prompt in shown.items() if tool not in
                        ("Read", "Grep", "Glob"))
        assert shown[unticked] == (" " * len(TICK) if no_color else "") + unticked
        listing = app.screen.query_one(SelectionList)
        listing.deselect("Read")
        listing.select(unticked)
        await pilot.pause()
        shown = tools_shown(app)
        assert shown["Read"] == (" " * len(TICK) if no_color else "") + "Read"
        assert shown[unticked] == f"{mark}{unticked}"


async def test_code_blocks_in_the_preview_follow_the_theme(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await switch_theme(pilot, "textual-dark")
        await open_agent(pilot, folder / "test-runner.md")  # a ```bash block
        await pilot.press("3")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.4)  # the preview renders after a short pause
        fence = app.screen.query_one("#preview").query_one(MarkdownFence)
        drawn = []
        for theme in ("textual-dark", "textual-light"):
            await switch_theme(pilot, theme)
            drawn.append(colours_of(fence.query_one(Label), "pytest"))
        assert drawn[0] and drawn[1] and drawn[0] != drawn[1]
