"""The system prompt editor: Markdown, with undo, posting ``BodyEdited`` as you type."""

from __future__ import annotations

from textual.message import Message

from agenttui.widgets.safe_inputs import SafeTextArea


class BodyEditor(SafeTextArea):
    """A Markdown TextArea; ``load`` replaces its text without posting an edit. Control
    characters in the prompt are drawn as visible stand-ins (``SafeTextArea``).

    Every ``load`` starts a new ``generation``, and each ``BodyEdited`` says which one it was
    typed in: an edit still on its way up when the editor is loaded with another text (a
    reload after the file changed on disk, another agent) is stale, and the screen drops it.
    """

    class BodyEdited(Message):
        def __init__(self, text: str, generation: int) -> None:
            super().__init__()
            self.text = text
            self.generation = generation

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", language="markdown", soft_wrap=True, show_line_numbers=True,
                         tab_behavior="indent", id=id)
        self._body = ""  # the body exactly, as last loaded or edited
        self._held = ""  # the same text as the TextArea holds it
        self.generation = 0  # how many texts were loaded

    def load(self, text: str, read_only: bool, keep_place: bool = False) -> None:
        """Show ``text``; ``keep_place`` (the same file read again) keeps the cursor, the
        selection and the scroll where they were, as far as the new text reaches."""
        self.generation += 1
        self._body = text
        self.read_only = read_only
        selection, scrolled = self.selection, self.scroll_offset
        if text != self.text or not keep_place:
            self.load_text(text)
        self._held = self.text
        if keep_place:
            self.selection = selection  # clamped to the new text
            self.call_after_refresh(self.scroll_to, scrolled.x, scrolled.y, animate=False)

    def differs_from(self, body: str) -> bool:
        """Whether the editor holds typing whose ``BodyEdited`` is still on its way up (or
        not yet applied to ``body``, the session's)."""
        return self.text != self._held or self._body != body

    def on_text_area_changed(self, event: SafeTextArea.Changed) -> None:
        event.stop()
        if self.text != self._held:
            self._body = keep_untouched_lines(self._body, self._held, self.text)
            self._held = self.text
            self.post_message(self.BodyEdited(self._body, self.generation))


def keep_untouched_lines(body: str, held: str, edited: str) -> str:
    """``edited`` with every line the edit did not touch exactly as ``body`` has it.

    The TextArea holds ``body`` as ``held``: it breaks lines at form feeds, U+2028, U+0085
    and the like, and gives every line one newline style. Handing its text back as it is
    would rewrite those, in lines nobody touched, as soon as one character is typed (or on
    opening, for mixed line endings). Lines before and after the changed ones are the
    body's own, and so are the line breaks of lines edited in place.
    """
    if body == held:
        return edited
    if edited == held:
        return body
    body_lines, held_lines, edited_lines = _lines(body), _lines(held), _lines(edited)
    if len(body_lines) != len(held_lines):
        return edited
    limit = min(len(held_lines), len(edited_lines))
    start = 0
    while start < limit and held_lines[start] == edited_lines[start]:
        start += 1
    end = 0
    while end < limit - start and held_lines[-1 - end] == edited_lines[-1 - end]:
        end += 1
    changed = edited_lines[start:len(edited_lines) - end]
    if len(changed) == len(held_lines) - start - end:  # edited in place: no line added
        changed = [_ending_of(old, line, new) for old, line, new in
                   zip(body_lines[start:], held_lines[start:], changed, strict=False)]
    return "".join([*body_lines[:start], *changed, *body_lines[len(body_lines) - end:]])


def _lines(text: str) -> list[str]:
    """The lines of ``text`` as the TextArea counts them: a newline at the very end (but not
    a form feed or U+2028 there) starts one more, empty line."""
    lines = text.splitlines(keepends=True)
    if not text or text.endswith(("\n", "\r")):
        lines.append("")
    return lines


def _ending_of(old: str, held: str, new: str) -> str:
    """``new`` ending as ``old`` did, when the editor kept the line break it showed."""
    if _break(new) == _break(held):
        return new[:len(new) - len(_break(new))] + _break(old)
    return new


def _break(line: str) -> str:
    return line[len(line.splitlines()[0]):] if line else ""
