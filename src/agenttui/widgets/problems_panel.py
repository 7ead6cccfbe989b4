"""The open agent's problems; choosing one posts ``ProblemChosen`` (to jump to its field)."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from agenttui.model import Problem, Severity
from agenttui.widgets.labels import literal

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}
_MARK = {Severity.ERROR: "✗", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}


class ProblemsPanel(OptionList):
    class ProblemChosen(Message):
        def __init__(self, problem: Problem) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._problems: list[Problem] = []
        self._shown = False

    def show(self, problems: list[Problem]) -> None:
        if problems == self._problems and self._shown:
            return  # typing calls this on every key: unchanged problems redraw nothing
        self._problems = list(problems)
        self._shown = True
        self.clear_options()
        self.add_options([Option(self._line(p)) for p in problems])
        self.set_class(not problems, "-empty")
        self.border_title = f"Problems ({len(problems)})" if problems else "No problems"

    def _line(self, problem: Problem) -> Text:
        text = Text(f"{_MARK[problem.severity]} {problem.code} ", style=_STYLE[problem.severity])
        if problem.line:
            text.append(f"line {problem.line}: ", style="dim")
        text.append_text(literal(problem.message))
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.ProblemChosen(self._problems[event.option_index]))
