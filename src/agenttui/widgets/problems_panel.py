"""The open agent's problems; choosing one posts ``ProblemChosen`` (to jump to its field)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from agenttui.model import Problem, Severity
from agenttui.widgets.labels import literal
from agenttui.widgets.styling import foreground, on_theme_change

_MARK = {Severity.ERROR: "✗", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}


class ProblemsPanel(OptionList):
    """One line per problem, marked and coloured by severity (``problems-panel--error``, …)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "problems-panel--error", "problems-panel--warning", "problems-panel--info",
        "problems-panel--line"}

    class ProblemChosen(Message):
        def __init__(self, problem: Problem) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._problems: list[Problem] = []
        self._shown = False

    def on_mount(self) -> None:
        on_theme_change(self, self._restyle)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.ProblemChosen(self._problems[event.option_index]))

    def show(self, problems: list[Problem]) -> None:
        if problems == self._problems and self._shown:
            return  # typing calls this on every key: unchanged problems redraw nothing
        self._problems = list(problems)
        self._shown = True
        self._fill()
        self.set_class(not problems, "-empty")
        self.border_title = f"Problems ({len(problems)})" if problems else "No problems"

    def _fill(self) -> None:
        self.clear_options()
        self.add_options([Option(self._line(p)) for p in self._problems])

    def _restyle(self) -> None:
        """Draw the same problems in the colours of a new theme."""
        highlighted = self.highlighted
        self._fill()
        self.highlighted = highlighted

    def _line(self, problem: Problem) -> Text:
        style = foreground(self, f"problems-panel--{problem.severity.value}")
        text = Text(f"{_MARK[problem.severity]} {problem.code} ", style=style)
        if problem.line:
            text.append(f"line {problem.line}: ", style=foreground(self, "problems-panel--line"))
        text.append_text(literal(problem.message))
        return text
