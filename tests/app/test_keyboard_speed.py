"""Review at keyboard speed: keys typed fast reach the widget they were typed for, the detail
follows the list's cursor, and nothing is typed into a pane that is not on screen."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Static, TextArea
from textual.widgets.input import Selection

from agenttui.app import Actions, make_app
from agenttui.screens.choice_dialog import ChoiceDialog
from agenttui.screens.help_screen import LEGEND, RULE, HelpScreen
from agenttui.screens.name_dialog import NameDialog
from agenttui.widgets.agent_tree import AgentTree
from agenttui.widgets.detail_title import DetailTitle
from agenttui.widgets.fields_view import FieldsView
from tests.app.support import (
    copy_samples,
    dirty,
    field_input,
    loaded,
    open_agent,
    record_notices,
    settle,
    status,
    type_at_once,
    wait_until,
)


async def test_a_filter_typed_fast_gets_every_key(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        type_at_once(app, "/", "r", "e", "v")
        box = screen.query_one("#filter", Input)
        await wait_until(pilot, lambda: box.value == "rev" or isinstance(app.screen, NameDialog),
                         "the typed filter")
        assert not isinstance(app.screen, NameDialog)  # `r` did not reach the list (rename)
        assert box.value == "rev" and box.has_focus
        await settle(pilot)


async def test_the_detail_follows_the_cursor_read_only(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        tree = screen.query_one(AgentTree)
        for _ in range(3):
            await pilot.press("j")
            await wait_until(pilot, lambda: screen.editor.path == tree.cursor_path,
                             "the detail to follow the cursor")
        await settle(pilot)
        shown = tree.cursor_path
        assert shown is not None and screen.editor.browsing and tree.has_focus
        name = screen.catalog.get(shown).name  # type: ignore[union-attr]
        assert f"name: {name}" in str(screen.query_one(FieldsView).render())
        assert shown.name in status(screen)
        assert name in str(screen.query_one(DetailTitle).render())
        await pilot.press("enter")  # now it is edited: the form, the focus in it
        await wait_until(pilot, lambda: not screen.editor.browsing, "the form")
        assert app.focused is field_input(screen, "name")


async def test_holding_j_shows_the_last_agent_and_queues_nothing(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    shown: list[Path] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await settle(pilot)
        screen.editor.watch(screen.editor, "path", lambda path: shown.append(path),
                            init=False)
        type_at_once(app, *"jjjjjjjj")
        tree = screen.query_one(AgentTree)
        await wait_until(pilot, lambda: screen.editor.path == tree.cursor_path
                         and len(tree.row_texts()) > 0, "the last agent")
        await settle(pilot)
        assert shown[-1] == tree.cursor_path
        assert len(shown) < 8  # agents passed over while one was read were never drawn


async def test_moving_away_keeps_an_edited_agent_and_says_so(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    path = folder / "code-reviewer.md"
    before = path.read_bytes()
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        field_input(screen, "model").focus()
        await pilot.press("end", "z")
        await wait_until(pilot, lambda: dirty(screen), "the edit")
        tree = screen.query_one(AgentTree)
        tree.focus()
        await pilot.press("j")  # no question: the edits are kept aside
        await wait_until(pilot, lambda: screen.editor.path not in (None, path), "the next agent")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)
        assert "code-reviewer.md *" in status(screen)  # the status line names the edited one
        assert "code-reviewer" in str(screen.query_one(DetailTitle).render())
        assert any("code-reviewer *" in row for row in tree.row_texts())
        await pilot.press("ctrl+s")  # acts on the agent under the cursor: nothing to save
        await pilot.press("k")  # back to it: the edits are there
        await wait_until(pilot, lambda: screen.editor.path == path, "the edited agent")
        await settle(pilot)
        assert dirty(screen)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: path.read_bytes() != before, "the save")
    assert b"model: sonnetz\n" in path.read_bytes()


async def test_entering_another_agent_asks_about_the_kept_edits(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    path = folder / "code-reviewer.md"
    before = path.read_bytes()
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        field_input(screen, "model").focus()
        await pilot.press("end", "z")
        await wait_until(pilot, lambda: dirty(screen), "the edit")
        screen.query_one(AgentTree).focus()
        await pilot.press("j")
        await wait_until(pilot, lambda: screen.editor.path not in (None, path), "the next agent")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the question")
        assert "code-reviewer.md has unsaved changes" in app.screen.question  # type: ignore[attr-defined]
        app.screen.query_one("#answer-discard", Button).press()
        await wait_until(pilot, lambda: not screen.editor.browsing, "the other agent's form")
        await settle(pilot)
        assert screen.editor.path != path and "unsaved" not in status(screen)
    assert path.read_bytes() == before


async def test_number_keys_at_80x24_show_the_pane_they_type_into(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await settle(pilot)
        assert not screen.query_one("#right").display
        await pilot.press("1")
        await wait_until(pilot, lambda: not screen.editor.browsing, "the form")
        await pilot.pause()
        focused = app.focused
        assert focused is not None and screen.editor in focused.ancestors
        right = screen.query_one("#right")
        assert right.display and right.size.width > 0  # the typing goes where it shows
        assert not screen.query_one("#left").display


async def test_1_then_typing_appends_and_end_keeps_nothing_selected(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    path = folder / "code-reviewer.md"
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        await pilot.press("1")
        box = field_input(screen, "name")
        await wait_until(pilot, lambda: app.focused is box, "the name field")
        assert box.selection.is_empty  # `1` did not select the whole name
        box.selection = Selection(0, len(box.value))
        await pilot.press("end")
        assert box.selection.is_empty
        await pilot.press("z")
        await wait_until(pilot, lambda: dirty(screen), "the edit")
        assert box.value == "code-reviewerz"


async def test_a_reload_keeps_the_cursor_and_selects_nothing(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    path = folder / "code-reviewer.md"
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        box_area = screen.query_one("#field-description TextArea", TextArea)
        box_area.focus()
        box_area.cursor_location = (0, 7)
        await pilot.pause()
        path.write_text(path.read_text().replace("model: sonnet", "model: opus"))
        screen.editor.check_disk()
        await wait_until(pilot, lambda: screen.editor.session is not None and
                         screen.editor.session.doc.fields.get("model") == "opus", "the reload")
        await settle(pilot)
        assert app.focused is box_area and box_area.cursor_location == (0, 7)
        assert box_area.selection.is_empty
        name = field_input(screen, "name")
        assert name.selection.is_empty


async def test_keys_typed_while_a_reload_reads_are_kept(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    path = folder / "code-reviewer.md"
    app = make_app([str(folder)])
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        box = field_input(screen, "model")
        box.focus()
        await pilot.press("end")
        path.write_text(path.read_text().replace("You are", "Theirs. You are", 1))
        screen.editor.check_disk()  # reads in a thread; the key comes meanwhile
        type_at_once(app, "z")
        await settle(pilot)
        assert box.value == "sonnetz" and dirty(screen)  # the key was not lost
        assert screen.editor.session is not None
        assert screen.editor.session.doc.fields["model"] == "sonnetz"
        assert any("changed on disk" in n.message for n in notices)
        assert "[conflict]" in status(screen) or "[modified]" in status(screen)


async def test_the_palette_finds_save_diff_and_fix_with_their_keys(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await settle(pilot)
        for query, text in (("save", "Save  (ctrl+s)"), ("diff", "(d)"), ("fix", "(f)"),
                            ("rename", "(r)"), ("newline", "(v)"), ("validate", "palette")):
            hits = [hit.text async for hit in Actions(screen).search(query)]
            assert any(text in (hit or "") for hit in hits), (query, hits)
        fixes = [hit async for hit in Actions(screen).search("fix non-strict")]
        fix = fixes[0]
        fix.command()  # as enter on it in the palette: the key's action, on the cursor's agent
        shown = screen.editor.path
        assert shown is not None
        await wait_until(pilot, lambda: any(f"Nothing to fix in {shown.name}" in n.message
                                            for n in notices), "the fix's answer")


async def test_help_has_the_legend_and_scrolls_with_j(tmp_path: Path) -> None:
    app = make_app([str(copy_samples(tmp_path))])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        assert {"(shadowed)", "ro", "*", "✗N", "⚠N", "●"} <= {mark for mark, _ in LEGEND}
        assert any(RULE in str(s.render()) for s in app.screen.query(Static))
        box = app.screen.query_one(VerticalScroll)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert box.scroll_y > 0
