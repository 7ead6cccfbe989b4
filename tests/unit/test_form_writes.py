"""The form writes a value as ``agenttui set`` writes it on the file as opened: whatever was
typed in between, a name is quoted only where it must be, and a tool list keeps its shape."""

from __future__ import annotations

from pathlib import Path

from agenttui.catalog import load_agent
from agenttui.cli.set_values import typed_value
from agenttui.model import AgentDocument
from agenttui.session import REMOVE, EditSession
from agenttui.storage.discovery import AgentFile, Root, Scope

TEXT = ("---\nname: helper\ndescription: Helps.\ntools: Read, Grep\n"
        "skills:\n  - lint\n---\nBody.\n")


def session_on(tmp_path: Path, text: str = TEXT) -> EditSession:
    path = tmp_path / "helper.md"
    path.write_text(text)
    return EditSession(load_agent(AgentFile(path, Root(Scope.PATH, tmp_path))))


def as_set_writes(text: str, key: str, value: str) -> str:
    doc = AgentDocument.from_text(text).with_field(key, typed_value(key, value))
    assert doc.text is not None
    return doc.text


def test_a_name_typed_key_by_key_is_written_as_set_writes_it(tmp_path: Path) -> None:
    """Typing `my agent` passed through `my ` (which only quotes can hold): the quotes
    stuck, and the form wrote `name: 'my agent'` where set writes `name: my agent`."""
    session = session_on(tmp_path)
    for end in range(1, len("my agent") + 1):
        session.set_field("name", "my agent"[:end])
    assert "name: my agent\n" in session.doc.text
    assert session.doc.text == as_set_writes(TEXT, "name", "my agent")


def test_a_tool_string_stays_a_string_after_every_tool_was_unticked(tmp_path: Path) -> None:
    session = session_on(tmp_path)
    session.set_field("tools", REMOVE)
    session.set_field("tools", ["Read", "Bash"])
    assert "tools: Read, Bash\n" in session.doc.text
    assert session.doc.text == as_set_writes(TEXT, "tools", "Read, Bash")


def test_a_tool_list_stays_a_list(tmp_path: Path) -> None:
    text = TEXT.replace("tools: Read, Grep\n", "tools:\n  - Read\n  - Grep\n")
    session = session_on(tmp_path, text)
    session.set_field("tools", ["Read", "Grep", "Bash"])
    assert "tools:\n  - Read\n  - Grep\n  - Bash\n" in session.doc.text


def test_a_quoted_value_keeps_its_quotes(tmp_path: Path) -> None:
    text = TEXT.replace("description: Helps.", "description: 'Helps.'")
    session = session_on(tmp_path, text)
    session.set_field("description", "Helps")
    session.set_field("description", "Helps more.")
    assert "description: 'Helps more.'\n" in session.doc.text
