"""What a keyboard user at 80x24 meets: every field reachable with tab, toggling a tool keeps
the file's order, colour swatches, tags shown in the preview, dialogs that fit, and a new
agent opening in its form."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Button, Label, OptionList, Select, SelectionList, TextArea
from textual.widgets.markdown import MarkdownBlock

from agenttui.app import make_app
from agenttui.screens.choice_dialog import ChoiceDialog
from agenttui.screens.help_screen import KEYS
from agenttui.screens.tools_dialog import ToolsDialog
from agenttui.widgets.agent_tree import AgentTree
from agenttui.widgets.field_editors import ToolsEditor
from agenttui.widgets.frontmatter_form import FrontmatterForm
from agenttui.widgets.markdown_preview import MarkdownPreview
from tests.app.support import (
    Notice,
    blocking,
    copy_samples,
    dialog_ready,
    dirty,
    field_input,
    loaded,
    open_agent,
    record_notices,
    status,
    wait_until,
)


async def test_tab_walks_past_the_yaml_fields_to_the_last_one(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        form = screen.query_one(FrontmatterForm)
        assert form.focus_field("mcpServers")
        reached: list[str] = []
        for _ in range(20):
            await pilot.press("tab")
            row = next((a for a in app.focused.ancestors if a.id and a.id.startswith(
                "field-")), None) if app.focused else None
            if row is None:
                break
            reached.append(row.id or "")
        assert "field-hooks" in reached and "field-color" in reached


async def test_ticking_a_tool_keeps_the_order_of_the_file(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"  # tools: Read, Grep, Glob, Bash
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        screen.query_one("#field-tools ToolsLine").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ToolsDialog), "the picker")
        listing = app.screen.query_one(SelectionList)
        listing.focus()
        listing.highlighted = [o.value for o in listing.options].index("Write")
        await pilot.press("space", "ctrl+s")
        await wait_until(pilot, lambda: dirty(screen),
                         "the tool edit")
        assert screen.editor.session is not None
        assert "tools: Read, Grep, Glob, Bash, Write\n" in (screen.editor.session.doc.text or "")
        assert screen.query_one("#field-tools ToolsEditor", ToolsEditor).chosen[-1] == "Write"


async def test_colour_choices_show_a_swatch_in_their_colour(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        select = screen.query_one("#field-color Select", Select)
        listing = select.query_one(OptionList)
        prompts = {str(getattr(option.prompt, "plain", option.prompt))[2:]: option.prompt
                   for option in (listing.get_option_at_index(i)
                                  for i in range(listing.option_count))}
        swatch = prompts["blue"]
        assert isinstance(swatch, Text)
        assert swatch.plain == "■ blue"
        assert any("blue" in str(span.style) for span in swatch.spans)
        # orange is ANSI's dark yellow: a colour every terminal has
        assert any(str(span.style) == "yellow" for span in prompts["orange"].spans)


async def test_the_preview_shows_tags_and_the_description_line_by_line(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "review" / "accessibility-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        await pilot.press("3")
        preview = screen.query_one("#preview", MarkdownPreview)
        await wait_until(pilot, lambda: "<example>" in _shown(preview), "the tags to show")
        shown = _shown(preview)
        assert "Context: a new form component was added." in shown.splitlines()
        assert "</example>" in shown


def _shown(preview: MarkdownPreview) -> str:
    """The text the preview's Markdown blocks draw."""
    return "\n".join(str(block.render()) for block in preview.query(MarkdownBlock)
                     ).replace("\u00a0", " ")


async def test_the_conflict_question_shows_every_answer_at_80_columns(tmp_path: Path) -> None:
    app = make_app([str(copy_samples(tmp_path))])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.push_screen(ChoiceDialog(
            "code-reviewer.md changed on disk since you opened it.",
            [("diff", "Show diff"), ("reload", "Reload (drop my edits)"),
             ("overwrite", "Overwrite")], danger=True))
        await pilot.pause()
        dialog = app.screen.query_one("ChoiceDialog > Vertical")
        for button in app.screen.query(Button).results(Button):
            label = str(button.label)
            assert button.region.right <= dialog.region.right
            assert button.content_region.width >= len(label), label


async def test_a_name_warning_is_shown_whole_at_80_columns(tmp_path: Path) -> None:
    app = make_app([str(copy_samples(tmp_path))])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n", *"My Agent")
        await pilot.pause()
        problem = app.screen.query_one("#problem", Label)
        text = str(problem.render())
        assert "lowercase letters" in text
        assert "file: My Agent.md" in text
        assert problem.size.height > 2  # wrapped, not cut at the dialog's edge
        assert not app.screen.query_one("#accept", Button).disabled  # a warning, as in set


async def test_new_takes_a_name_outside_the_documented_form_with_its_warning(
        tmp_path: Path) -> None:
    """One rule for names: the form and `set` take `UX New` with a warning, and so does
    new (it refused it)."""
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("n", *"UX New")
        await pilot.pause()
        assert "AT103" in str(app.screen.query_one("#problem", Label).render())
        await pilot.press("enter")
        created = folder / "UX New.md"
        await wait_until(pilot, lambda: screen.catalog.get(created) is not None, "the file")
    assert "name: UX New\n" in created.read_text()


async def test_a_new_agent_opens_in_its_form_on_a_narrow_terminal(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("n", *"log-reader", "enter")
        created = folder / "log-reader.md"
        await wait_until(pilot, lambda: screen.editor.session is not None and
                         screen.editor.session.agent.path == created, "the new agent to open")
        await pilot.pause()
        assert screen.has_class("-detail")
        assert screen.query_one("#right").display
        assert screen.query_one("#field-name TextArea, #field-name Input").region.height > 0
        assert not isinstance(app.focused, TextArea) or app.focused.is_attached


async def test_a_reload_from_disk_keeps_the_focus_on_its_field(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        field_input(screen, "model").focus()
        await pilot.pause()
        path.write_text(path.read_text().replace("model: sonnet", "model: opus"))
        screen.editor.check_disk()
        await wait_until(pilot, lambda: screen.editor.session is not None and
                         screen.editor.session.doc.fields.get("model") == "opus", "the reload")
        await pilot.pause()
        assert app.focused is field_input(screen, "model")


async def test_e_on_a_tree_row_runs_the_editor_or_says_why_not(tmp_path: Path) -> None:
    app = make_app([str(copy_samples(tmp_path))])
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:  # headless: it cannot suspend
        await loaded(pilot)  # the list's cursor on the first agent, which the detail shows
        await pilot.press("e")
        await pilot.pause()
        messages = [n.message for n in notices]
        assert any("cannot hand the screen to an editor" in m for m in messages), messages


async def test_the_filter_counts_matches_in_plain_words(tmp_path: Path) -> None:
    app = make_app([str(copy_samples(tmp_path))])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *"rev")
        await pilot.pause()
        assert " matches" in status(screen)


def test_help_says_how_to_leave_the_prompt_editor() -> None:
    keys = dict(KEYS)
    assert "tab indents" in keys["escape (in the prompt)"]


async def test_f_on_frontmatter_it_cannot_fix_does_not_call_it_strict(tmp_path: Path) -> None:
    path = tmp_path / "tabbed.md"
    path.write_text("---\nname: tabbed\n\tdescription: x\n---\nbody\n")
    app = make_app([str(tmp_path)])
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_agent(pilot, path)
        await pilot.press("f")
        await pilot.pause()
        messages = [n.message for n in notices]
        assert not any("strict YAML" in m for m in messages), messages
        assert any("AT014" in m for m in messages), messages


async def test_the_refused_save_counts_its_errors_in_plain_words(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        field_input(screen, "name").focus()
        await pilot.press("end", "ctrl+u")
        await wait_until(pilot, lambda: bool(blocking(screen)),
                         "the name error")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "1 error blocks saving code-reviewer.md." in _messages(notices)
        screen.query_one("#field-description TextArea", TextArea).clear()
        await wait_until(pilot, lambda: bool(screen.editor.session
                                             and len(screen.editor.session.blocking()) == 2),
                         "the description error")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "2 errors block saving code-reviewer.md." in _messages(notices)


def _messages(notices: list[Notice]) -> str:
    return "\n".join(n.message for n in notices)


async def test_a_tab_chosen_by_its_number_takes_the_focus(tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        expected = {"1": "#field-name Input", "3": "#preview", "4": "#raw", "2": "#body"}
        for key, view in expected.items():
            screen.query_one(AgentTree).focus()
            await pilot.press(key)
            await pilot.pause()
            assert app.focused is screen.query_one(view), key
        await pilot.press(*"# New heading", "enter")  # 'e' would open the editor, 'n' ask
        await wait_until(pilot, lambda: dirty(screen), "edit")
        assert screen.editor.session is not None
        assert screen.editor.session.doc.body.startswith("# New heading\n")
        assert app.screen is screen


async def test_x_deletes_too_for_keyboards_whose_delete_key_sends_backspace(
        tmp_path: Path) -> None:
    path = copy_samples(tmp_path) / "code-reviewer.md"
    app = make_app([str(path.parent)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        screen.query_one(AgentTree).focus()
        await pilot.press("x")
        await wait_until(pilot, lambda: dialog_ready(app), "the question")
        assert "Delete" in app.screen.question  # type: ignore[attr-defined]
        app.screen.query_one("#answer-delete", Button).press()
        await wait_until(pilot, lambda: not path.exists(), "the delete")
        assert any(" x " in f" {key} " for key, _ in KEYS)  # and help says so


async def test_v_shows_the_descriptions_literal_newlines_as_breaks(tmp_path: Path) -> None:
    path = tmp_path / "lines.md"
    path.write_text('---\nname: lines\ndescription: "First line.\\\\nSecond line."\n---\nBody.\n')
    before = path.read_bytes()
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agent(pilot, path)
        await pilot.press("3")
        preview = screen.query_one("#preview", MarkdownPreview)
        await wait_until(pilot, lambda: "First line.\\nSecond line." in _shown(preview),
                         "the description as written")
        await pilot.press("v")
        await wait_until(pilot, lambda: "First line.\\n" not in _shown(preview),
                         "the description broken at its \\n")
        assert "Second line." in _shown(preview).splitlines()
        await pilot.press("v")
        await wait_until(pilot, lambda: "First line.\\nSecond line." in _shown(preview),
                         "the description as written again")
    assert path.read_bytes() == before


async def test_y_copies_the_path_under_the_cursor(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    app = make_app([str(folder)])
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        tree = screen.query_one(AgentTree)
        tree.select_path(folder / "test-runner.md")
        await pilot.press("y")
        await pilot.pause()
        assert f"Copied {folder / 'test-runner.md'}" in _messages(notices)


async def test_quitting_at_once_is_not_an_error(tmp_path: Path) -> None:
    """q before the hidden panes are mounted: Textual's Lazy raised MountError (a traceback
    on the terminal) when its pane was gone."""
    folder = copy_samples(tmp_path)
    for _ in range(4):
        app = make_app([str(folder)])
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("q")
        assert app.return_code == 0
