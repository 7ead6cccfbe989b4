"""Text from files reaches the app's screen only as visible characters, never as markup.

A hostile agent carries an OSC title sequence, a CSI colour, a C1 CSI, a bidi override and Rich
markup in its file name, name, description, model, colour, tools and body (and another in a
key of its own).
Every pane is rendered and checked: no strip holds a character a terminal would act on, and
the markup is shown as the literal brackets.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Markdown, Select, SelectionList, TextArea

from agenttui.app import AgentTuiApp, make_app
from agenttui.screens.main_screen import MainScreen
from agenttui.screens.tools_dialog import ToolsDialog
from agenttui.widgets.agent_tree import AgentTree
from agenttui.widgets.body_editor import BodyEditor
from agenttui.widgets.frontmatter_form import FieldRow, FrontmatterForm
from agenttui.widgets.labels import in_place, literal, one_line, visible
from agenttui.widgets.problems_panel import ProblemsPanel
from agenttui.widgets.raw_view import RawView
from agenttui.widgets.status_bar import StatusBar
from tests.app.support import (
    dirty,
)

TITLE = "\x1b]0;pwned\x07"
MARKUP = "[bold red]x[/]"
RAW = f"{TITLE}\x1b[31m\x9b\u202e{MARKUP}"
SHOWN = "\\x1b]0;pwned\\x07\\x1b[31m\\x9b\\u202e[bold red]x[/]"  # labels, views, panels
EDITED = f"␛]0;pwned␇␛[31m\ufffd\ufffd{MARKUP}"  # inputs and text areas: one cell each
FILE_RAW = RAW.replace("[/]", "")  # a file name cannot hold "/"
FILE_SHOWN = SHOWN.replace("[/]", "")
YAML_RAW = "\\e]0;pwned\\a\\e[31m\\x9b\\u202e[bold red]x[/]"  # RAW as YAML escapes

HOSTILE = (
    "---\n"
    f'name: "evil{YAML_RAW}"\n'
    f'description: "says {YAML_RAW}"\n'
    f'model: "m{YAML_RAW}"\n'
    f'color: "c{YAML_RAW}"\n'
    f'tools: "Read, Bash({YAML_RAW})"\n'
    "---\n"
    f"# Body {RAW}\n\nsecond {RAW}, a [link]({MARKUP}) and `code {RAW}`\n"
)


def acts_on_terminal(text: str) -> list[str]:
    """Characters a terminal could act on: controls (newline and tab included: a rendered
    strip holds neither) and format, line and paragraph separators (bidi controls)."""
    return [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs")]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    agents = tmp_path / "agents"
    agents.mkdir()
    (agents / f"evil{FILE_RAW}.md").write_text(HOSTILE, encoding="utf-8")
    (agents / "plain.md").write_text("---\nname: plain\ndescription: d\n---\nok\n",
                                     encoding="utf-8")
    return agents


def hostile(folder: Path) -> Path:
    return folder / f"evil{FILE_RAW}.md"


async def wait_until(pilot: Pilot[None], ready: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 15
    while not ready():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.02)


def main(app: AgentTuiApp) -> MainScreen:
    [screen] = [s for s in app.screen_stack if isinstance(s, MainScreen)]
    return screen


async def open_hostile(pilot: Pilot[None], folder: Path) -> MainScreen:
    """Wait for every agent to be parsed, then open the hostile one and let it settle."""
    app = pilot.app
    assert isinstance(app, AgentTuiApp)
    screen = main(app)
    await wait_until(pilot, lambda: screen.loaded and all(
        a.document is not None or a.summary is not None for a in screen.catalog.agents),
        "the catalog to load")
    path = hostile(folder)
    screen.open_path(path)
    await wait_until(pilot, lambda: screen.editor.session is not None
                     and screen.editor.session.agent.path == path, "the agent to open")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def lines(widget: Widget) -> list[str]:
    """What ``widget`` itself draws, one string per row of its region."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def drawn(root: Widget) -> Iterator[tuple[Widget, str]]:
    """Every row every displayed widget under ``root`` draws."""
    for widget in root.walk_children(with_self=True):
        if isinstance(widget, Widget) and widget.display and widget.size.area:
            for line in lines(widget):
                yield widget, line


def assert_nothing_acts(app: AgentTuiApp) -> None:
    for widget, line in drawn(app.screen):
        assert acts_on_terminal(line) == [], (type(widget).__name__, widget.id, line)
    assert acts_on_terminal(app.export_screenshot().replace("\n", "")) == []


def text_of(root: Widget) -> str:
    return "\n".join(line for _, line in drawn(root))


async def show_tab(pilot: Pilot[None], screen: MainScreen, tab: str) -> None:
    screen.action_show_tab(tab)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.3)  # the preview renders after a short pause


async def test_every_tab_draws_hostile_text_visibly(folder: Path) -> None:
    app = make_app([str(folder)])
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_hostile(pilot, folder)
        for tab in ("fields", "prompt", "preview", "file"):
            await show_tab(pilot, screen, tab)
            assert_nothing_acts(app)


async def test_form_inputs_keep_the_value_and_draw_stand_ins(folder: Path) -> None:
    app = make_app([str(folder)])
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_hostile(pilot, folder)
        form = screen.query_one(FrontmatterForm)
        name = form.query_one("#field-name Input", Input)
        assert name.value == f"evil{RAW}"  # edited exactly as written
        [drawn_name] = [line for line in lines(name) if "evil" in line]
        assert f"evil{EDITED}" in drawn_name and acts_on_terminal(drawn_name) == []
        model = form.query_one("#field-model Input", Input)
        assert model.value == f"m{RAW}" and f"m{EDITED}" in "".join(lines(model))
        description = form.query_one("#field-description TextArea", TextArea)
        assert description.text == f"says {RAW}"
        assert f"says {EDITED}" in "".join(lines(description))


async def picker_prompts(pilot: Pilot[None]) -> list[str]:
    """What the tools picker lists, opened from the form's tools line."""
    app = pilot.app
    app.screen.query_one("#field-tools ToolsLine").focus()
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, ToolsDialog), "the picker")
    tools = app.screen.query_one(SelectionList)
    return [str(tools.get_option_at_index(i).prompt) for i in range(tools.option_count)]


async def test_choices_and_tools_are_never_markup(folder: Path) -> None:
    app = make_app([str(folder)])
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_hostile(pilot, folder)
        form = screen.query_one(FrontmatterForm)
        color = form.query_one("#field-color Select", Select)
        assert color.value == f"c{RAW}"
        assert f"■ c{SHOWN}" in "\n".join(line for _, line in drawn(color))
        assert f"Bash({SHOWN})" in str(form.query_one("#field-tools ToolsLine").render())
        prompts = await picker_prompts(pilot)
        assert f"Bash({SHOWN})" in prompts


async def test_tree_status_and_problems_show_names_literally(folder: Path) -> None:
    app = make_app([str(folder)])
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await open_hostile(pilot, folder)
        tree = screen.query_one(AgentTree)
        assert any("● evil\\x1b]0;pwned\\x07" in line for line in lines(tree))  # cropped
        assert any(f"evil{SHOWN}" in row for row in tree.row_texts())  # uncut
        assert f"evil{FILE_SHOWN}.md" in text_of(screen.query_one(StatusBar))
        problems = text_of(screen.query_one(ProblemsPanel))
        assert "AT109" in problems and f"evil{SHOWN}" in problems


async def test_prompt_preview_and_raw_file_show_the_body_literally(folder: Path) -> None:
    app = make_app([str(folder)])
    async with app.run_test(size=(200, 60)) as pilot:
        screen = await open_hostile(pilot, folder)
        await show_tab(pilot, screen, "prompt")
        body = screen.query_one(BodyEditor)
        assert body.text.startswith(f"# Body {RAW}\n")
        assert f"Body {EDITED}" in text_of(body)
        await show_tab(pilot, screen, "preview")
        preview = text_of(screen.query_one("#preview"))
        assert f"Body {SHOWN}" in preview and f"code {SHOWN}" in preview
        await show_tab(pilot, screen, "file")
        raw = text_of(screen.query_one(RawView))
        assert f'name: "evil{YAML_RAW}"' in raw and f"second {SHOWN}" in raw


async def test_preview_links_are_shown_not_opened(folder: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app([str(folder)])
    opened: list[str] = []
    notes: list[tuple[str, dict[str, object]]] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append((message, kw)))
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_hostile(pilot, folder)
        await show_tab(pilot, screen, "preview")
        markdown = screen.query_one("#preview Markdown", Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, "https://evil.example/\x1b[2J"))
        await pilot.pause()
        assert opened == []
        [(message, options)] = notes
        assert message == "https://evil.example/\\x1b[2J" and options["markup"] is False


@pytest.mark.parametrize("extra", [
    "tools: Bash(echo [/])\n",  # was read as markup: Textual refused the tool list
    "tools: Bash([/bold])\ncolor: '[/]'\n",
    "my key: 1\nx.y: 2\n",  # a row's id came from its key: Textual refused it
])
async def test_values_and_keys_that_used_to_break_the_form(tmp_path: Path, extra: str) -> None:
    """Each of these made opening the agent crash the app."""
    (tmp_path / "odd.md").write_text(f"---\nname: odd\ndescription: d\n{extra}---\n",
                                     encoding="utf-8")
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(160, 50)) as pilot:
        screen = main(app)
        await wait_until(pilot, lambda: screen.editor.session is not None, "the only agent to open")
        await app.workers.wait_for_complete()
        await pilot.pause()
        keys = [row.field.key for row in screen.query_one(FrontmatterForm).query(FieldRow)]
        assert {key.partition(":")[0] for key in extra.splitlines()} <= set(keys)
        if "tools" in extra:
            prompts = await picker_prompts(pilot)
            assert any("[/" in prompt for prompt in prompts)  # shown as written


async def test_keys_of_its_own_are_shown_literally(tmp_path: Path) -> None:
    (tmp_path / "odd.md").write_text(f'---\nname: odd\ndescription: d\nmy key: 1\nx.y: 2\n'
                                     f'"key {YAML_RAW}": 3\n---\n', encoding="utf-8")
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(160, 50)) as pilot:
        screen = main(app)
        await wait_until(pilot, lambda: screen.editor.session is not None, "the only agent to open")
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = list(screen.query_one(FrontmatterForm).query(FieldRow))
        assert [row.field.key for row in rows[-3:]] == ["my key", "x.y", f"key {RAW}"]
        assert all(row.id is None for row in rows[-3:])
        assert f"key {SHOWN}" in text_of(rows[-1])
        assert_nothing_acts(app)


# -- the helpers on their own -------------------------------------------------------------


def test_literal_shows_markup_and_escapes_as_text() -> None:
    shown = literal(f"a {RAW} b", "bold")
    assert isinstance(shown, Text) and shown.plain == f"a {SHOWN} b" and not shown.spans
    assert literal(MARKUP).plain == MARKUP
    assert visible("line\n\ttab") == "line\n\ttab"
    assert one_line(f"a\n{TITLE}\nb") == "a \\x1b]0;pwned\\x07 b"
    assert visible("name\udc9b.md") == "name\\x9b.md"  # a file name byte that is not UTF-8


def test_in_place_keeps_one_character_per_character() -> None:
    assert in_place(RAW) == EDITED
    assert in_place("tab\tnew\nline\r\x7f") == "tab\tnew␊line␍␡"
    assert in_place("plain [text]") == "plain [text]"


@given(st.text())
def test_in_place_leaves_nothing_a_terminal_acts_on(text: str) -> None:
    shown = in_place(text)
    assert len(shown) == len(text)
    assert acts_on_terminal(shown.replace("\t", "")) == []


@given(st.text())
def test_visible_leaves_nothing_a_terminal_acts_on(text: str) -> None:
    assert acts_on_terminal(visible(text).replace("\n", "").replace("\t", "")) == []


def test_field_editors_are_the_safe_widgets() -> None:
    """A new editor built on a plain Input or TextArea would draw values raw."""
    from agenttui.widgets import field_editors
    from agenttui.widgets.safe_inputs import SafeInput, SafeTextArea

    source = Path(field_editors.__file__).read_text(encoding="utf-8")
    assert " Input(" not in source and " TextArea(" not in source
    assert issubclass(BodyEditor, SafeTextArea) and issubclass(SafeInput, Input)


async def test_line_breaks_the_editor_cannot_hold_survive_opening_and_typing(
        tmp_path: Path) -> None:
    """The TextArea rewrites form feeds, U+2028 and mixed endings as one newline style: opening
    such an agent marked it modified, and saving rewrote lines nobody touched."""
    body = "one\x0cpage two\n\u2028sep\r\nmixed\n"
    (tmp_path / "breaks.md").write_text(f"---\nname: breaks\ndescription: d\n---\n{body}",
                                        encoding="utf-8", newline="")
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(160, 50)) as pilot:
        screen = main(app)
        await wait_until(pilot, lambda: screen.editor.session is not None, "the only agent to open")
        await app.workers.wait_for_complete()
        await pilot.pause()
        session = screen.editor.session
        assert session is not None and not session.dirty
        await show_tab(pilot, screen, "prompt")
        editor = screen.query_one(BodyEditor)
        editor.focus()
        editor.move_cursor((0, 3))
        await pilot.press("!")
        await wait_until(pilot, lambda: session.dirty, "the edit to arrive")
        assert session.doc.body == body.replace("one", "one!")


# -- known gaps outside the widgets (screens/ and app.py): kept as expected failures ----------

async def edit_body(pilot: Pilot[None], screen: MainScreen) -> None:
    await show_tab(pilot, screen, "prompt")
    editor = screen.query_one(BodyEditor)
    editor.focus()
    await pilot.press("end", "z")
    await wait_until(pilot, lambda: dirty(screen),
                     "the edit to arrive")


async def test_a_notification_quoting_a_value_is_not_markup(tmp_path: Path) -> None:
    """Saving is refused over an error the edit brings whose message quotes the value: the
    toast read it as markup, and ``[/]`` made rendering it raise (the app crashed)."""
    (tmp_path / "x.md").write_text("---\nname: x\ndescription: d\n---\nbody\n",
                                   encoding="utf-8")
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        screen = main(app)
        await wait_until(pilot, lambda: screen.editor.session is not None, "the only agent to open")
        await app.workers.wait_for_complete()
        await edit_body(pilot, screen)
        assert screen.editor.session is not None
        screen.editor.set_field("permissionMode", "[/]" + RAW)  # a form edit, as typed
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        toasts = list(app.screen.query("Toast"))
        assert toasts and "[/]" in text_of(toasts[-1])
        assert_nothing_acts(app)


async def test_the_unsaved_changes_question_shows_the_file_name_visibly(folder: Path) -> None:
    app = make_app([str(folder)])
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_hostile(pilot, folder)
        await edit_body(pilot, screen)
        screen.open_path(folder / "plain.md")
        await wait_until(pilot, lambda: bool(app.screen.query("#question")), "the question")
        await pilot.pause()
        assert f"evil{FILE_SHOWN}.md" in text_of(app.screen.query_one("#question"))
        assert_nothing_acts(app)


async def test_the_go_to_palette_shows_names_literally(folder: Path) -> None:
    app = make_app([str(folder)])
    async with app.run_test(size=(160, 50)) as pilot:
        await open_hostile(pilot, folder)
        app.action_command_palette()
        await pilot.pause()
        await pilot.press(*"evil")
        await pilot.pause(1.0)
        assert f"go to evil{SHOWN}" in text_of(app.screen)
        assert_nothing_acts(app)
