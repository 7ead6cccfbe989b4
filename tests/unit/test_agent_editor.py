"""The agent editor in a small host app: what it shows, what it says, what it writes."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from agenttui.catalog import Agent, load_agent
from agenttui.storage.discovery import AgentFile, Root, Scope
from agenttui.widgets.agent_editor import AgentEditor
from agenttui.widgets.body_editor import BodyEditor
from agenttui.widgets.frontmatter_form import FieldRow, FrontmatterForm
from agenttui.widgets.markdown_preview import MarkdownPreview
from agenttui.widgets.problems_panel import ProblemsPanel
from agenttui.widgets.raw_view import RawView
from tests.app.support import wait_until

TEXT = "---\nname: helper\ndescription: Helps.\nmodel: sonnet\n---\nYou help.\n"


class Host(App[None]):
    """The editor alone, recording every message it posts."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[Message] = []

    def compose(self) -> ComposeResult:
        yield AgentEditor(id="editor")

    def on_agent_editor_changed(self, event: AgentEditor.Changed) -> None:
        self.said.append(event)

    def on_agent_editor_state_changed(self, event: AgentEditor.StateChanged) -> None:
        self.said.append(event)

    def on_agent_editor_saved(self, event: AgentEditor.Saved) -> None:
        self.said.append(event)

    def on_agent_editor_reverted(self, event: AgentEditor.Reverted) -> None:
        self.said.append(event)

    def on_agent_editor_conflicted(self, event: AgentEditor.Conflicted) -> None:
        self.said.append(event)

    def on_agent_editor_closed(self, event: AgentEditor.Closed) -> None:
        self.said.append(event)

    @property
    def editor(self) -> AgentEditor:
        return self.query_one(AgentEditor)

    def states(self) -> list[str]:
        return [m.state for m in self.said if isinstance(m, AgentEditor.StateChanged)]


def _agent(tmp_path: Path, text: str = TEXT) -> Agent:
    path = tmp_path / "helper.md"
    path.write_text(text)
    return load_agent(AgentFile(path, Root(Scope.PATH, tmp_path)))


async def _shown(pilot: Pilot[None], agent: Agent) -> AgentEditor:
    app = pilot.app
    assert isinstance(app, Host)
    app.editor.enter(agent)  # shown and opened for editing, its form on screen
    await wait_until(pilot, lambda: app.editor.session is not None
                     and not app.editor.browsing, "the agent to open")
    await pilot.pause()
    return app.editor


async def test_the_hidden_panes_are_mounted_after_the_first_frame(tmp_path: Path) -> None:
    app = Host()
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: bool(app.query(RawView)), "the lazy panes")
        assert len(app.query(MarkdownPreview)) == 2 and app.query(BodyEditor)


async def test_showing_an_agent_says_changed_and_saved(tmp_path: Path) -> None:
    app = Host()
    async with app.run_test() as pilot:
        agent = _agent(tmp_path)
        editor = await _shown(pilot, agent)
        assert editor.path == agent.path and editor.status == (agent.path, "saved", None)
        changed = [m for m in app.said if isinstance(m, AgentEditor.Changed)]
        assert changed[-1].agent.path == agent.path and not changed[-1].dirty
        assert changed[-1].control is editor
        assert app.states()[-1] == "saved"


async def test_an_edit_is_modified_and_a_save_writes_only_it(tmp_path: Path) -> None:
    app = Host()
    async with app.run_test() as pilot:
        agent = _agent(tmp_path)
        editor = await _shown(pilot, agent)
        editor.set_field("model", "opus")
        await pilot.pause()
        assert editor.dirty and app.states()[-1] == "modified"
        last = [m for m in app.said if isinstance(m, AgentEditor.Changed)][-1]
        assert last.dirty and last.agent.fields["model"] == "opus"
        editor.save()
        await wait_until(pilot, lambda: any(isinstance(m, AgentEditor.Saved)
                                            for m in app.said), "the save")
        await pilot.pause()
        assert app.states()[-1] == "saved"
    assert agent.path.read_text() == TEXT.replace("model: sonnet", "model: opus")


async def test_revert_drops_the_edit(tmp_path: Path) -> None:
    app = Host()
    async with app.run_test() as pilot:
        editor = await _shown(pilot, _agent(tmp_path))
        editor.set_field("model", "opus")
        await pilot.pause()
        editor.revert()
        await wait_until(pilot, lambda: any(isinstance(m, AgentEditor.Reverted)
                                            for m in app.said), "the revert")
        assert not editor.dirty
        await app.workers.wait_for_complete()
        assert editor.session is not None and editor.session.doc.fields["model"] == "sonnet"


async def test_a_change_on_disk_under_edits_is_a_conflict(tmp_path: Path) -> None:
    app = Host()
    async with app.run_test() as pilot:
        agent = _agent(tmp_path)
        editor = await _shown(pilot, agent)
        editor.set_field("model", "opus")
        agent.path.write_text(TEXT.replace("You help.", "Theirs."))
        editor.check_disk()
        await pilot.pause()
        assert editor.conflict and app.states()[-1] == "conflict"
        assert any(isinstance(m, AgentEditor.Conflicted) for m in app.said)


async def test_an_unedited_agent_reloads_when_its_file_changes(tmp_path: Path) -> None:
    app = Host()
    async with app.run_test() as pilot:
        agent = _agent(tmp_path)
        editor = await _shown(pilot, agent)
        agent.path.write_text(TEXT.replace("You help.", "Theirs."))
        editor.check_disk()
        await wait_until(pilot, lambda: editor.session is not None
                         and editor.session.doc.body == "Theirs.\n", "the reload")
        assert not editor.conflict


async def test_the_newline_view_is_a_reactive_the_preview_follows(tmp_path: Path) -> None:
    text = TEXT.replace("description: Helps.", 'description: "One.\\\\nTwo."')
    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _shown(pilot, _agent(tmp_path, text))
        editor.show_tab("preview")
        await pilot.pause()
        editor.show_newlines = True
        await pilot.pause(0.1)
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "One." in shown and "One.\\nTwo." not in shown


async def test_close_shows_no_agent(tmp_path: Path) -> None:
    app = Host()
    async with app.run_test() as pilot:
        editor = await _shown(pilot, _agent(tmp_path))
        editor.close()
        await pilot.pause()
        assert editor.session is None and editor.path is None
        assert app.states()[-1] == ""
        assert any(isinstance(m, AgentEditor.Closed) for m in app.said)


async def test_an_agent_shown_right_after_a_close_is_shown_alone(tmp_path: Path) -> None:
    """A rename or move of the open agent closes it and shows the new file at once: the
    close's empty form was built beside the new one's fields ('Choose an agent' above)."""
    app = Host()
    async with app.run_test() as pilot:
        agent = _agent(tmp_path)
        editor = await _shown(pilot, agent)
        editor.close()
        editor.enter(agent)
        await wait_until(pilot, lambda: editor.session is not None, "the agent to show")
        await app.workers.wait_for_complete()
        await pilot.pause()
        form = editor.query_one(FrontmatterForm)
        assert not form.query(".empty") and form.query(FieldRow)


async def test_enter_on_a_problem_jumps_to_its_field(tmp_path: Path) -> None:
    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _shown(pilot, _agent(tmp_path, TEXT.replace(
            "model: sonnet", "model: sonnet\ncolor: magenta")))
        editor.show_tab("prompt")
        panel = editor.query_one(ProblemsPanel)
        panel.focus()
        panel.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert editor.query_one(TabbedContent).active == "tab-fields"
        focused = app.focused
        assert focused is not None and editor.query_one("#field-color") in focused.ancestors
