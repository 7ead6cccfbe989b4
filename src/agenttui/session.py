"""The agent being edited: the version on disk, the edited version, and what blocks a save.

Pure (no Textual): the agent editor holds one session at a time and asks it questions.
"""

from __future__ import annotations

from typing import Any

from agenttui.catalog import Agent, file_problems, with_document
from agenttui.model import AgentDocument, Problem
from agenttui.model.problems import Severity
from agenttui.model.validation import save_blockers, validate
from agenttui.storage.files import Snapshot

REMOVE: Any = object()


class EditSession:
    def __init__(self, agent: Agent) -> None:
        if agent.document is None:
            raise ValueError("an agent that could not be read cannot be edited")
        self.agent = agent
        self.doc: AgentDocument = agent.document

    @property
    def original(self) -> AgentDocument:
        assert self.agent.document is not None
        return self.agent.document

    @property
    def dirty(self) -> bool:
        return self.doc.to_bytes() != self.original.to_bytes()

    @property
    def read_only(self) -> bool:
        return self.agent.read_only

    def set_field(self, key: str, value: Any) -> None:
        """Apply one form edit; raises ``EditError`` (nothing changes) when it cannot be made.
        The value is written as ``set`` would write it on the file as opened (its quoting,
        its shape), whatever was typed in between."""
        self.doc = self.doc.without_field(key) if value is REMOVE else self.doc.with_field(
            key, value, like=self.original)

    def set_body(self, text: str) -> None:
        self.doc = self.doc.with_body(_same_newlines(text, self.doc.body))

    def replace(self, doc: AgentDocument) -> None:
        self.doc = doc

    def problems(self) -> list[Problem]:
        """The edited file's own problems as its format reads it (cross-file ones come from
        the catalog)."""
        if self.agent.file.root.is_agents:
            return validate(self.doc, self.agent.path)
        return file_problems(self.agent.file, self.doc)

    def blocking(self) -> list[Problem]:
        """The errors that block the save: in the fields the edit changed, or new."""
        if self.agent.file.root.is_agents:
            return save_blockers(self.original, self.doc, self.agent.path)
        from agenttui.model.formats import checks

        return checks.save_blockers(self.agent.base_problems, self.problems(),
                                    self.original.fields, self.doc.fields)

    def edited_agent(self) -> Agent:
        return with_document(self.agent, self.doc, None)

    def saved(self, doc: AgentDocument, snapshot: Snapshot) -> Agent:
        """``doc`` is now on disk as ``snapshot``; edits made since it was sent to the disk
        stay in ``self.doc``, still unsaved."""
        self.agent = with_document(self.agent, doc, snapshot)
        return self.agent

    def revert(self) -> None:
        self.doc = self.original


def _same_newlines(text: str, old: str) -> str:
    """An editor hands back LF text; give it back the body's own newline style."""
    if "\r\n" in old and "\r\n" not in text:
        return text.replace("\n", "\r\n")
    if "\r" in old and "\n" not in old and "\r" not in text:
        return text.replace("\n", "\r")
    return text


def preview_markdown(doc: AgentDocument, show_newlines: bool = False) -> str:
    """What the preview renders: the name as a heading, the description quoted line by line
    (``show_newlines``: its literal ``\\n`` sequences as line breaks), then the body."""
    description = doc.fields.get("description")
    if not isinstance(description, str):
        return doc.body
    if show_newlines:
        description = description.replace("\\n", "\n")
    # each line of the description on a line of its own (a Markdown hard break)
    quoted = "\n".join(f"> {line}  " if line.strip() else ">"
                       for line in description.split("\n"))
    return f"# {doc.display_name}\n\n{quoted}\n\n---\n\n{doc.body}"


def no_fix_reason(doc: AgentDocument | None, name: str = "this agent") -> str:
    """Why ``f`` has nothing to do for ``doc``, the file ``name`` (None: no agent)."""
    if doc is None:
        return "Choose an agent in the list first."
    if doc.strict_yaml:
        return f"Nothing to fix in {name}: its frontmatter is strict YAML."
    errors = [p for p in doc.problems if p.severity is Severity.ERROR]
    reason = f" ({errors[0].code}: {errors[0].message})" if errors else ""
    return f"No automatic fix for the frontmatter of {name}{reason}; edit it by hand (e)."
